package io.shinrai.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.web.util.UriComponentsBuilder;

import io.shinrai.feedback.Channel;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;
import io.shinrai.scoring.CustomerStatus;

/**
 * Where each number of the dashboard leads: the list behind it, filtered so that it
 * counts exactly what the number counts — the feedback of the period's exact instants
 * ({@code since}/{@code until}) and scope, the customers of a status as of the end of the
 * period, the cases of the segment. The lists show these filters and let the user drop
 * them.
 */
public final class DashboardLinks {

	private final DashboardQuery query;

	private final boolean endsNow;

	private final List<String> weeks;

	private DashboardLinks(DashboardQuery query, boolean endsNow, List<String> weeks) {
		this.query = query;
		this.endsNow = endsNow;
		this.weeks = List.copyOf(weeks);
	}

	/**
	 * The links of {@code view}, read at {@code now} (a period that ends now lists the
	 * customers as of now).
	 */
	static DashboardLinks of(DashboardView view, Instant now) {
		DashboardQuery query = view.query();
		DashboardLinks base = new DashboardLinks(query, !query.to().isBefore(now), List.of());
		List<String> weeks = new ArrayList<>();
		Instant start = null;
		for (DashboardView.TrendPoint point : view.trend()) {
			// each point is trust at the end of its week: it leads to the feedback
			// received in that week
			Instant weekStart = (start != null) ? start : point.asOf().minus(java.time.Duration.ofDays(7));
			weeks.add(base.feedback(weekStart, point.asOf(), query.segment(), query.channel(), null, null));
			start = point.asOf();
		}
		return new DashboardLinks(query, base.endsNow, weeks);
	}

	/**
	 * The feedback of the period in the scope: the entries behind trust's "responses".
	 */
	public String feedback() {
		return feedback(query.from(), query.to(), query.segment(), query.channel(), null, null);
	}

	/**
	 * The entries of the period that answered {@code answer} ({@code NPS}, {@code CSAT},
	 * {@code CES}).
	 */
	public String answered(String answer) {
		return feedback(query.from(), query.to(), query.segment(), query.channel(), null, answer);
	}

	/** The entries of the period in the scope that rate this signal. */
	public String rated(Signal signal) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(feedback()).queryParam("rated", signal.name());
		return uri.build().toUriString();
	}

	/** The entries of the period in the scope with an incident of this type. */
	public String incident(IncidentType type) {
		return feedback(query.from(), query.to(), query.segment(), query.channel(), type, null);
	}

	/**
	 * A segment row's responses: the period's entries of that segment (within the chosen
	 * channel).
	 */
	public String segmentFeedback(String segment) {
		return feedback(query.from(), query.to(), segment, query.channel(), null, null);
	}

	/**
	 * A channel row's responses: the period's entries of that channel (within the chosen
	 * segment).
	 */
	public String channelFeedback(Channel channel) {
		return feedback(query.from(), query.to(), query.segment(), channel, null, null);
	}

	/** The feedback received in the week of the trend's point {@code index}. */
	public String week(int index) {
		return weeks.get(index);
	}

	/**
	 * The customers of the scope's segment that are AT_RISK as of the end of the period.
	 */
	public String atRisk() {
		return customers(CustomerStatus.AT_RISK);
	}

	/** The customers of the scope's segment on WATCH as of the end of the period. */
	public String watch() {
		return customers(CustomerStatus.WATCH);
	}

	/**
	 * The customers of the scope's segment with this status as of the end of the period.
	 */
	String customers(CustomerStatus status) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/customers").queryParam("status", status.name());
		add(uri, "segment", query.segment());
		if (!endsNow) {
			uri.queryParam("asOf", query.to().toString());
		}
		return uri.encode().build().toUriString();
	}

	/** The customers of a segment. */
	public String segmentCustomers(String segment) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/customers");
		add(uri, "segment", segment);
		return uri.encode().build().toUriString();
	}

	/**
	 * The recovery board's tab ({@code open}, {@code overdue}) for the scope's segment.
	 */
	public String cases(String tab) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/recovery").queryParam("tab", tab);
		add(uri, "segment", query.segment());
		return uri.encode().build().toUriString();
	}

	private String feedback(Instant since, Instant until, String segment, Channel channel, IncidentType incident,
			String answered) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/feedback")
			.queryParam("since", since.toString())
			.queryParam("until", until.toString());
		add(uri, "segment", segment);
		add(uri, "channel", channel == null ? null : channel.name());
		add(uri, "incident", incident == null ? null : incident.name());
		add(uri, "answered", answered);
		return uri.encode().build().toUriString();
	}

	private static void add(UriComponentsBuilder uri, String name, String value) {
		if (value != null && !value.isEmpty()) {
			uri.queryParam(name, value);
		}
	}

}
