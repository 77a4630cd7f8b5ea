package io.shinrai.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.shinrai.feedback.ErasedKeys;
import io.shinrai.system.AdvisoryLocks;

/**
 * The salted hashes of what identified erased customers and entries (table
 * {@code privacy_erased_key}), and the lock that orders erasures against capture: storing
 * new entries takes it shared ({@link #erased}), an erasure takes it alone
 * ({@link #lockForErasure}). So an erasure waits for the import batches and requests in
 * flight and erases what they stored, and a batch that starts after it finds the hashes
 * it left. A lock on customer rows could not do this for a customer that a batch is about
 * to create again under its old reference.
 * <p>
 * Hashes are HMAC-SHA256 under a random secret of this installation
 * ({@code privacy_secret}); references and external ids are NFKC-normalised and trimmed
 * first, so full-width or padded spellings of an erased reference match too.
 */
@Component
class ErasedKeyStore implements ErasedKeys {

	/** The advisory lock key shared by capture and taken alone by erasures. */
	static final long LOCK_KEY = AdvisoryLocks.ERASED_KEYS;

	enum Kind {

		REFERENCE, EXTERNAL_ID, ROW_HASH

	}

	private final JdbcClient jdbc;

	private volatile byte[] secret;

	ErasedKeyStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public Erased erased(Collection<String> customerReferences, Collection<String> entryKeys) {
		jdbc.sql("select pg_advisory_xact_lock_shared(?)").param(LOCK_KEY).query(Object.class).list();
		if (!anyErased()) {
			return Erased.NONE;
		}
		Map<String, Set<String>> references = hashes(Kind.REFERENCE, customerReferences);
		Map<String, Set<String>> externalIds = hashes(Kind.EXTERNAL_ID, entryKeys);
		Map<String, Set<String>> rowHashes = hashes(Kind.ROW_HASH, entryKeys);
		Set<String> all = new HashSet<>(references.keySet());
		all.addAll(externalIds.keySet());
		all.addAll(rowHashes.keySet());
		if (all.isEmpty()) {
			return Erased.NONE;
		}
		Set<String> found = new HashSet<>(jdbc.sql("""
				select k.key_hash from privacy_erased_key k join unnest(cast(? as varchar[])) as h(key_hash)
				on k.key_hash = h.key_hash
				""").param(all.toArray(String[]::new)).query(String.class).list());
		Set<String> erasedReferences = new HashSet<>();
		references.forEach((hash, values) -> {
			if (found.contains(hash)) {
				erasedReferences.addAll(values);
			}
		});
		Set<String> erasedKeys = new HashSet<>();
		externalIds.forEach((hash, values) -> {
			if (found.contains(hash)) {
				erasedKeys.addAll(values);
			}
		});
		rowHashes.forEach((hash, values) -> {
			if (found.contains(hash)) {
				erasedKeys.addAll(values);
			}
		});
		return new Erased(erasedReferences, erasedKeys);
	}

	/**
	 * Waits for capture in flight and keeps new capture out until the caller's
	 * transaction ends.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void lockForErasure() {
		jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK_KEY).query(Object.class).list();
	}

	/** Whether this reference belonged to an erased customer. */
	@Transactional(readOnly = true)
	boolean isErasedReference(String reference) {
		return anyErased() && jdbc.sql("select count(*) from privacy_erased_key where key_hash = ?")
			.param(hash(Kind.REFERENCE, reference))
			.query(Long.class)
			.single() > 0;
	}

	/** Keeps the hashes of an erased customer's reference and entry keys. */
	@Transactional(propagation = Propagation.MANDATORY)
	void remember(String reference, List<String> externalIds, List<String> rowHashes, Instant at) {
		Map<String, String> kinds = new HashMap<>();
		kinds.put(hash(Kind.REFERENCE, reference), Kind.REFERENCE.name());
		externalIds.forEach(id -> kinds.put(hash(Kind.EXTERNAL_ID, id), Kind.EXTERNAL_ID.name()));
		rowHashes.forEach(rowHash -> kinds.put(hash(Kind.ROW_HASH, rowHash), Kind.ROW_HASH.name()));
		jdbc.sql("""
				insert into privacy_erased_key (key_hash, kind, erased_at)
				select h, k, ? from unnest(cast(? as varchar[]), cast(? as varchar[])) as t(h, k)
				on conflict (key_hash) do nothing
				""")
			.param(Timestamp.from(at))
			.param(kinds.keySet().toArray(String[]::new))
			.param(kinds.values().toArray(String[]::new))
			.update();
	}

	/**
	 * NFKC and trimmed: how references and external ids are compared with erased ones.
	 */
	static String normalise(String value) {
		return Normalizer.normalize(value, Normalizer.Form.NFKC).strip();
	}

	String hash(Kind kind, String value) {
		String text = kind == Kind.ROW_HASH ? value : normalise(value);
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret(), "HmacSHA256"));
			mac.update(kind.name().getBytes(StandardCharsets.UTF_8));
			mac.update((byte) 0);
			return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every Java runtime", ex);
		}
	}

	/**
	 * The values by hash; spellings that normalise alike (full-width, padded) share one
	 * hash.
	 */
	private Map<String, Set<String>> hashes(Kind kind, Collection<String> values) {
		Map<String, Set<String>> hashes = new HashMap<>();
		for (String value : values) {
			if (value != null && !value.isBlank()) {
				hashes.computeIfAbsent(hash(kind, value), hash -> new HashSet<>()).add(value);
			}
		}
		return hashes;
	}

	/**
	 * Most installations never erase anyone: then capture pays one cheap query, not a
	 * hash lookup per row.
	 */
	private boolean anyErased() {
		return jdbc.sql("select exists (select 1 from privacy_erased_key)").query(Boolean.class).single();
	}

	private byte[] secret() {
		byte[] known = secret;
		if (known == null) {
			known = jdbc.sql("select secret from privacy_secret where id = 1").query(byte[].class).single();
			secret = known;
		}
		return known;
	}

}
