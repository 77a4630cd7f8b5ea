package io.shinrai.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.TransactionException;

/**
 * The sessions in the database, as the session filter sees them, tolerant of a database
 * that is away: sessions live in the database so that every instance serves every
 * signed-in user, but then a database outage would sign everyone out and every page would
 * fail before reaching its controller (the friendly 503 page, the form shown again with
 * what was typed). So each session this instance read or saved recently is also kept here
 * for a while; when the database cannot be reached, the session comes from here and its
 * changes are not written (a session change during an outage, such as a message for the
 * next page, is the only thing lost). After a failure the database is not asked again for
 * a few seconds, so that a page during an outage waits for the database once, not for
 * every session access.
 * <p>
 * Only the session filter uses it ({@link SessionConfiguration}); the session registry
 * and the cleanup job use the database repository itself.
 */
class OutageTolerantSessions implements FindByIndexNameSessionRepository<Session> {

	private static final Logger log = LoggerFactory.getLogger(OutageTolerantSessions.class);

	/**
	 * How long sessions are kept for an outage: an outage longer than this signs out who
	 * was not served meanwhile.
	 */
	static final Duration KEPT_FOR = Duration.ofMinutes(30);

	/** How long after a failure the database is not asked. */
	static final Duration BACK_OFF = Duration.ofSeconds(3);

	private final FindByIndexNameSessionRepository<Session> database;

	private final Cache<String, Session> recent = Caffeine.newBuilder()
		.expireAfterAccess(KEPT_FOR)
		.maximumSize(20_000)
		.build();

	private final Clock clock;

	private volatile Instant awayUntil = Instant.MIN;

	@SuppressWarnings({ "unchecked", "rawtypes" })
	OutageTolerantSessions(JdbcIndexedSessionRepository database, Clock clock) {
		this((FindByIndexNameSessionRepository) database, clock);
	}

	OutageTolerantSessions(FindByIndexNameSessionRepository<Session> database, Clock clock) {
		this.database = database;
		this.clock = clock;
	}

	@Override
	public Session createSession() {
		return database.createSession();
	}

	@Override
	public void save(Session session) {
		if (!away()) {
			try {
				database.save(session);
			}
			catch (RuntimeException ex) {
				if (!unavailable(ex)) {
					throw ex;
				}
				wentAway(ex);
			}
		}
		recent.put(session.getId(), session);
	}

	@Override
	public Session findById(String id) {
		if (!away()) {
			try {
				Session session = database.findById(id);
				if (session == null) {
					recent.invalidate(id);
				}
				else {
					recent.put(id, session);
				}
				return session;
			}
			catch (RuntimeException ex) {
				if (!unavailable(ex)) {
					throw ex;
				}
				wentAway(ex);
			}
		}
		Session kept = recent.getIfPresent(id);
		return kept == null || kept.isExpired() ? null : kept;
	}

	@Override
	public void deleteById(String id) {
		recent.invalidate(id);
		if (away()) {
			return;
		}
		try {
			database.deleteById(id);
		}
		catch (RuntimeException ex) {
			// signed out during an outage: gone from this instance now, expired in the
			// database later
			if (!unavailable(ex)) {
				throw ex;
			}
			wentAway(ex);
		}
	}

	@Override
	public Map<String, Session> findByIndexNameAndIndexValue(String indexName, String indexValue) {
		return database.findByIndexNameAndIndexValue(indexName, indexValue);
	}

	@Override
	public Map<String, Session> findByPrincipalName(String principalName) {
		return database.findByPrincipalName(principalName);
	}

	private boolean away() {
		return clock.instant().isBefore(awayUntil);
	}

	private void wentAway(RuntimeException ex) {
		if (!away()) {
			log.warn("Sessions cannot be read from the database ({}); serving the sessions of this instance for now",
					ex.getClass().getSimpleName());
		}
		awayUntil = clock.instant().plus(BACK_OFF);
	}

	/**
	 * Whether the failure says the database cannot be reached rather than that a session
	 * is wrong: reading or writing a session by its id fails for nothing else, so any
	 * data access or transaction failure but a violated constraint counts (a broken
	 * connection often ends as a failed rollback, which overrides the original failure).
	 */
	static boolean unavailable(Throwable ex) {
		return (ex instanceof DataAccessException && !(ex instanceof DataIntegrityViolationException))
				|| ex instanceof TransactionException;
	}

}
