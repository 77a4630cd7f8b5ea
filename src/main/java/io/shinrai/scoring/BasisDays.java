package io.shinrai.scoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The calendar days of a basis (in its time zone, as PostgreSQL's time zone rules say)
 * that instants fall on.
 */
@Component
class BasisDays {

	private final JdbcClient jdbc;

	private final Clock clock;

	BasisDays(JdbcClient jdbc, Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
	}

	DayBounds dayOf(Basis basis, Instant at) {
		return daysOf(basis, List.of(at)).get(0);
	}

	List<DayBounds> daysOf(Basis basis, List<Instant> instants) {
		Instant recentFrom = clock.instant().minus(DayBounds.RECENT);
		return jdbc.sql("""
				select d, (d::timestamp at time zone :zone) as start, ((d + 1)::timestamp at time zone :zone) as next
				from (select (t at time zone :zone)::date as d, i
				      from unnest(cast(:instants as timestamptz[])) with ordinality as x(t, i)) days
				order by i
				""")
			.param("zone", basis.zone().getId())
			.param("instants", instants.stream().map(at -> RowTime.micros(at).toString()).toArray(String[]::new))
			.query((rs, row) -> new DayBounds(rs.getObject("d", LocalDate.class), rs.getTimestamp("start").toInstant(),
					rs.getTimestamp("next").toInstant(), recentFrom))
			.list();
	}

	/**
	 * A calendar day in the basis' zone and the instants it starts and ends, as
	 * PostgreSQL's time zone rules say; {@code recentFrom} is the start of the last
	 * minute when it was read.
	 */
	record DayBounds(LocalDate day, Instant start, Instant next, Instant recentFrom) {

		private static final Duration RECENT = Duration.ofMinutes(1);

		/**
		 * How to read the entries received before {@code cut}, an instant of this day:
		 * the daily sums of the days before {@code endDay}, plus {@code sign} times the
		 * rows received in [{@code lo}, {@code hi}). That is the days before this one
		 * plus this day's rows before the cut, or, when fewer of the day's rows likely
		 * follow the cut, the days up to this one less this day's rows from the cut on.
		 */
		record Before(LocalDate endDay, Instant lo, Instant hi, int sign) {
		}

		Before before(Instant cut) {
			return fewerRowsAfter(cut) ? new Before(day.plusDays(1), cut, next, -1) : new Before(day, start, cut, 1);
		}

		/**
		 * Whether fewer of the day's rows likely follow {@code at} than precede it: after
		 * an instant of the last minute only future-dated rows and those of that minute
		 * can follow (however busy the day), otherwise whichever part of the day is
		 * shorter.
		 */
		private boolean fewerRowsAfter(Instant at) {
			return !at.isBefore(recentFrom) || Duration.between(start, at).compareTo(Duration.between(at, next)) > 0;
		}

	}

}
