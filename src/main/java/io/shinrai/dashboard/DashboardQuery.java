package io.shinrai.dashboard;

import java.time.Instant;
import java.util.Objects;

import io.shinrai.feedback.Channel;
import io.shinrai.scoring.Scope;

/**
 * What the dashboard shows: a scope (segment and/or channel, {@code null} for all) and a
 * period [from, to). Scores are taken as of {@code to}, the end of the period.
 */
public record DashboardQuery(String segment, Channel channel, Instant from, Instant to) {

	public DashboardQuery {
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(to, "to");
		if (!from.isBefore(to)) {
			throw new IllegalArgumentException("the period must end after it starts");
		}
		segment = (segment == null || segment.isBlank()) ? null : segment;
	}

	public Scope scope() {
		return new Scope(segment, channel);
	}

	public Instant asOf() {
		return to;
	}

	public boolean isFiltered() {
		return segment != null || channel != null;
	}

}
