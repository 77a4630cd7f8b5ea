package io.shinrai.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

import io.shinrai.feedback.Channel;
import io.shinrai.insight.Drivers;
import io.shinrai.insight.EarlyWarnings;
import io.shinrai.insight.InsightFilter;
import io.shinrai.insight.InsightTexts;
import io.shinrai.system.BusinessTime;
import io.shinrai.system.ReplicaReads;
import io.shinrai.system.SegmentScope;

/** The start page: trust at a glance for the chosen period, segment and channel. */
@Controller
class DashboardController {

	static final String DASHBOARD_VIEW = "dashboard/index";

	static final List<String> PERIODS = List.of("30", "90", "365", DashboardFilterForm.CUSTOM);

	/**
	 * The default period equals the default risk window, over which the API reports NPS,
	 * CSAT and CES.
	 */
	static final String DEFAULT_PERIOD = "90";

	private final Dashboard dashboard;

	private final ZoneId zone;

	private final EarlyWarnings warnings;

	private final Clock clock;

	private final Drivers drivers;

	private final InsightTexts insightTexts;

	DashboardController(Dashboard dashboard, BusinessTime businessTime, EarlyWarnings warnings, Clock clock,
			Drivers drivers, InsightTexts insightTexts) {
		this.clock = clock;
		this.drivers = drivers;
		this.insightTexts = insightTexts;
		this.dashboard = dashboard;
		this.zone = businessTime.zone();
		this.warnings = warnings;
	}

	@GetMapping("/")
	@ReplicaReads
	String showDashboard(@ModelAttribute("dashboardFilter") DashboardFilterForm filter, BindingResult result,
			Model model, Locale locale, SegmentScope scope) {
		Instant now = clock.instant();
		DashboardQuery query = query(filter, result, now);
		DashboardView view = dashboard.view(query, scope);
		model.addAttribute("view", view);
		model.addAttribute("links", DashboardLinks.of(view, now));
		model.addAttribute("chart", TrendChart.of(view.trend(), locale));
		model.addAttribute("segments", dashboard.segments(scope));
		model.addAttribute("segmentScope", scope);
		model.addAttribute("channels", Channel.values());
		model.addAttribute("periods", PERIODS);
		model.addAttribute("zone", zone);
		model.addAttribute("periodStart", query.from().atZone(zone));
		model.addAttribute("periodEnd", query.to().atZone(zone));
		model.addAttribute("warnings", warnings.latest(8, 5, scope));
		if (!view.isEmpty()) {
			// the key drivers of the dashboard's scope over the whole days of its period,
			// as the drivers page has them
			InsightFilter driverFilter = InsightFilter
				.covering(query.from(), query.to(), query.segment(), query.channel(), zone)
				.within(scope);
			// the scope's scores now are the dashboard's own when its period ends now
			Drivers.DriverReport driverReport = drivers.drivers(driverFilter, now,
					query.asOf().equals(now) ? view.trust() : null);
			model.addAttribute("driverFilter", driverFilter);
			model.addAttribute("driverReport", driverReport);
			model.addAttribute("driverReading", insightTexts.driverReading(driverReport, locale));
		}
		return DASHBOARD_VIEW;
	}

	/**
	 * Turns the filters into a query. Whatever is invalid is reported in {@code result}
	 * and replaced by its default, so the page always shows something useful.
	 */
	DashboardQuery query(DashboardFilterForm filter, BindingResult result, Instant now) {
		if (result.hasFieldErrors("channel")) {
			filter.setChannel(null);
		}
		if (filter.getSegment() != null && filter.getSegment().length() > 100) {
			result.rejectValue("segment", "dashboard.filter.segment.invalid");
			filter.setSegment(null);
		}
		boolean datesBound = !result.hasFieldErrors("from") && !result.hasFieldErrors("to");
		String period = filter.getPeriod();
		if (period == null) {
			period = (filter.getFrom() != null || filter.getTo() != null || !datesBound) ? DashboardFilterForm.CUSTOM
					: DEFAULT_PERIOD;
		}
		if (!PERIODS.contains(period)) {
			result.rejectValue("period", "dashboard.filter.period.invalid");
			period = DEFAULT_PERIOD;
		}
		if (DashboardFilterForm.CUSTOM.equals(period)) {
			LocalDate from = filter.getFrom();
			LocalDate to = filter.getTo();
			String problem = null;
			if (!datesBound) {
				problem = ""; // already reported by the binding
			}
			else if (from == null || to == null) {
				problem = "dashboard.filter.custom.incomplete";
			}
			else if (from.isAfter(to)) {
				problem = "dashboard.filter.custom.reversed";
			}
			else if (!from.atStartOfDay(zone).toInstant().isBefore(now)) {
				problem = "dashboard.filter.custom.future";
			}
			else if (from.isBefore(now.atZone(zone).toLocalDate().minusYears(20))) {
				problem = "dashboard.filter.custom.tooLong";
			}
			if (problem == null) {
				filter.setPeriod(period);
				Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
				return new DashboardQuery(filter.getSegment(), filter.getChannel(), from.atStartOfDay(zone).toInstant(),
						end.isAfter(now) ? now : end);
			}
			if (!problem.isEmpty()) {
				result.rejectValue("from", problem);
			}
			period = DEFAULT_PERIOD;
		}
		filter.setPeriod(period);
		return new DashboardQuery(filter.getSegment(), filter.getChannel(),
				now.minus(Duration.ofDays(Long.parseLong(period))), now);
	}

}
