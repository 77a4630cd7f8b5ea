package io.shinrai.recovery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.shinrai.account.Role;
import io.shinrai.account.UserAccount;
import io.shinrai.account.UserAccounts;

/**
 * The owner of each newly opened case by the rule of {@link DefaultOwnerProperties}: the
 * segment's manager first, else round-robin among the managers (or the entry's logger, or
 * nobody). Round-robin keeps no state of its own: the manager whose newest case is oldest
 * (or who has none) is next, so it rotates across restarts and instances.
 */
@Component
class DefaultOwners {

	private final DefaultOwnerProperties properties;

	private final UserAccounts accounts;

	private final JdbcClient jdbc;

	DefaultOwners(DefaultOwnerProperties properties, UserAccounts accounts, JdbcClient jdbc) {
		this.properties = properties;
		this.accounts = accounts;
		this.jdbc = jdbc;
	}

	/**
	 * Owners of the cases about to open for these customers (in the order given),
	 * {@code null} for unassigned.
	 * @param loggerOf who logged each customer's first new entry
	 */
	Map<Long, String> ownersFor(Collection<Long> customerIds, Map<Long, String> loggerOf) {
		Map<Long, String> owners = new HashMap<>();
		Map<Long, String> segmentOf = properties.segments().isEmpty() ? Map.of() : segments(customerIds);
		Map<String, Boolean> mayOwn = new HashMap<>();
		List<String> rotation = null;
		int turn = 0;
		for (long customerId : customerIds) {
			String owner = Optional.ofNullable(segmentOf.get(customerId))
				.map(properties.segments()::get)
				.filter(name -> mayOwn.computeIfAbsent(name, this::isManager))
				.orElse(null);
			if (owner == null) {
				switch (properties.rule()) {
					case LOGGER -> {
						String logger = loggerOf.get(customerId);
						owner = (logger != null && mayOwn.computeIfAbsent(logger, this::isManager)) ? logger : null;
					}
					case ROUND_ROBIN -> {
						if (rotation == null) {
							rotation = rotation();
						}
						owner = rotation.isEmpty() ? null : rotation.get(turn++ % rotation.size());
					}
					case NONE -> owner = null;
				}
			}
			owners.put(customerId, owner);
		}
		return owners;
	}

	/**
	 * The managers in the order they are next given a case: the one given one longest ago
	 * (or never) first.
	 */
	List<String> rotation() {
		List<UserAccount> candidates = accounts.managers()
			.stream()
			.filter(user -> user.getRole() == Role.MANAGER)
			.toList();
		if (candidates.isEmpty()) {
			candidates = accounts.managers();
		}
		List<String> names = new ArrayList<>(candidates.stream().map(UserAccount::getUsername).toList());
		if (names.isEmpty()) {
			return names;
		}
		Map<String, Long> newestCase = new HashMap<>();
		jdbc.sql("select owner, max(id) as newest from recovery_case where owner = any(?) group by owner")
			.param(names.toArray(String[]::new))
			.query((rs, row) -> newestCase.put(rs.getString("owner"), rs.getLong("newest")))
			.list();
		names.sort(Comparator.comparing((String name) -> newestCase.getOrDefault(name, 0L))
			.thenComparing(Comparator.naturalOrder()));
		return names;
	}

	private Map<Long, String> segments(Collection<Long> customerIds) {
		Map<Long, String> segments = new HashMap<>();
		jdbc.sql("select id, segment from customer where id = any(?)")
			.param(customerIds.toArray(Long[]::new))
			.query((rs, row) -> segments.put(rs.getLong("id"), rs.getString("segment")))
			.list();
		return segments;
	}

	private boolean isManager(String username) {
		return accounts.roleOf(username).map(role -> role.compareTo(Role.MANAGER) >= 0).orElse(false);
	}

}
