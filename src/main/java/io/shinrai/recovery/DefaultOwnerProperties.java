package io.shinrai.recovery;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code shinrai.recovery.default-owner.*}: who owns a recovery case when it opens.
 * <ul>
 * <li>{@code segments}: a manager per customer segment, e.g.
 * {@code shinrai.recovery.default-owner.segments[Enterprise]=yamada}; a segment's cases
 * go to that manager while the account is an enabled manager or admin;</li>
 * <li>{@code rule} (env {@code SHINRAI_RECOVERY_DEFAULTOWNER_RULE}) for every other case:
 * {@code round-robin} (default: in turn among the enabled managers, the one given a case
 * longest ago first; admins only when there is no manager), {@code logger} (the manager
 * or admin who logged the entry; for an import, whoever imported it) or {@code none}
 * (unassigned: the first to acknowledge takes it).</li>
 * </ul>
 */
@ConfigurationProperties("shinrai.recovery.default-owner")
record DefaultOwnerProperties(@DefaultValue("round-robin") Rule rule, Map<String, String> segments) {

	DefaultOwnerProperties {
		segments = segments == null ? Map.of() : Map.copyOf(segments);
	}

	enum Rule {

		ROUND_ROBIN, LOGGER, NONE

	}

}
