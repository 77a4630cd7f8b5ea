package io.shinrai.account;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import io.shinrai.audit.AuditLog;
import io.shinrai.audit.AuditType;
import io.shinrai.customer.Customer;
import io.shinrai.system.NotFoundException;
import io.shinrai.system.SegmentScope;

/**
 * Which customer segments each user may see (docs/segment-scopes.md). An admin sets them
 * on the user's page; a user without any sees the whole company, and admins always do.
 * Read afresh for every request, so a change applies at once.
 */
@Service
@Transactional
public class SegmentScopes {

	private static final String REQUEST_ATTRIBUTE = SegmentScopes.class.getName();

	private final JdbcClient jdbc;

	private final AuditLog audit;

	SegmentScopes(JdbcClient jdbc, AuditLog audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	/**
	 * The scope of the signed-in user of this thread's request; nothing at all when
	 * nobody (or someone unknown) is signed in, so that a page reached without a user
	 * shows no customer.
	 */
	@Transactional(readOnly = true)
	public SegmentScope current() {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null && request.getAttribute(REQUEST_ATTRIBUTE,
				RequestAttributes.SCOPE_REQUEST) instanceof SegmentScope known) {
			return known;
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		SegmentScope scope = (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) ? SegmentScope.of(List.of())
						: of(authentication.getName());
		if (request != null) {
			request.setAttribute(REQUEST_ATTRIBUTE, scope, RequestAttributes.SCOPE_REQUEST);
		}
		return scope;
	}

	/** The scope of a user by name; nothing at all for an unknown or disabled user. */
	@Transactional(readOnly = true)
	public SegmentScope of(String username) {
		List<String> segments = new ArrayList<>();
		List<String> roles = new ArrayList<>();
		jdbc.sql("select u.role, u.enabled, s.segment from app_user u left join app_user_segment s on s.user_id = u.id"
				+ " where u.username = :username")
			.param("username", username)
			.query(rs -> {
				roles.add(rs.getBoolean("enabled") ? rs.getString("role") : null);
				if (rs.getString("segment") != null) {
					segments.add(rs.getString("segment"));
				}
			});
		if (roles.isEmpty() || roles.get(0) == null) {
			return SegmentScope.of(List.of());
		}
		if (Role.ADMIN.name().equals(roles.get(0)) || segments.isEmpty()) {
			return SegmentScope.all();
		}
		return SegmentScope.of(segments);
	}

	/**
	 * The segments stored for a user (empty: the whole company), in name order, whatever
	 * the user's role.
	 */
	@Transactional(readOnly = true)
	public Set<String> stored(long userId) {
		return new TreeSet<>(jdbc.sql("select segment from app_user_segment where user_id = :id")
			.param("id", userId)
			.query(String.class)
			.list());
	}

	/**
	 * Limits a user to the given segments (none: the whole company), audited with the
	 * segments before and after.
	 * @throws IllegalArgumentException when a segment name is blank or longer than a
	 * customer's segment can be
	 */
	public void change(long userId, Collection<String> segments, String actor) {
		Set<String> after = new TreeSet<>();
		for (String segment : segments) {
			if (segment == null || segment.isBlank() || segment.strip().length() > Customer.MAX_SEGMENT) {
				throw new IllegalArgumentException("not a segment name");
			}
			after.add(segment.strip());
		}
		String username = jdbc.sql("select username from app_user where id = :id for update")
			.param("id", userId)
			.query(String.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("user " + userId));
		Set<String> before = stored(userId);
		if (before.equals(after)) {
			return;
		}
		jdbc.sql("delete from app_user_segment where user_id = :id").param("id", userId).update();
		for (String segment : after) {
			jdbc.sql("insert into app_user_segment (user_id, segment) values (:id, :segment)")
				.param("id", userId)
				.param("segment", segment)
				.update();
		}
		audit.record(actor, AuditType.USER_SEGMENTS_CHANGED, username,
				after.isEmpty() ? "Access to the whole company" : "Access limited to " + String.join(", ", after),
				describe(before), describe(after));
	}

	private static String describe(Set<String> segments) {
		return segments.isEmpty() ? "(all segments)" : String.join("\n", segments);
	}

}
