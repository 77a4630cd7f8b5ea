package io.shinrai.scoring;

/**
 * What numbers are computed with right now: a policy version and the READY basis whose
 * sums match it, or no basis (before the very first build has finished) in which case
 * scores come from the raw rows.
 */
record Serving(PolicyVersion version, Basis basis) {

	ScoringPolicy policy() {
		return version.policy();
	}

}
