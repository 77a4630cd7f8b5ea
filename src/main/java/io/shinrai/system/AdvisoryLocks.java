package io.shinrai.system;

/**
 * Every PostgreSQL advisory lock key the application takes, in one place so that no two
 * uses share a key by accident. A key must never change meaning: instances of two
 * versions running at once during an upgrade must exclude each other.
 */
public final class AdvisoryLocks {

	/**
	 * Serialises the writers of the scoring sums: storing feedback shares it; rebuilds,
	 * corrections and segment changes take it alone, so a rebuild never misses an entry
	 * in flight. The database functions take it too ({@code R__scoring.sql}, through a
	 * Flyway placeholder).
	 */
	public static final long SCORING_SUMS = 7351900;

	/**
	 * Shared by feedback capture, taken alone by an erasure, so no entry of an erased
	 * customer slips in meanwhile.
	 */
	public static final long ERASED_KEYS = 7351901;

	/** Serialises activations of a scoring policy (and the basis builds they start). */
	public static final long SCORING_POLICY = 7351902;

	/**
	 * Serialises merges of customers and of segments, so two merges never move the same
	 * rows at once.
	 */
	public static final long CUSTOMER_MERGES = 7351910;

	/**
	 * Lets one of several instances starting on an empty database create the first admin.
	 */
	public static final long INITIAL_ADMIN = 7351920;

	private AdvisoryLocks() {
	}

}
