package io.shinrai.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import io.shinrai.customer.Customer;
import io.shinrai.customer.CustomerDirectory;
import io.shinrai.feedback.Signal;
import io.shinrai.recovery.RecoveryCases;
import io.shinrai.scoring.CustomerReport;
import io.shinrai.scoring.TrustScores;
import io.shinrai.system.NotFoundException;
import io.shinrai.system.ReplicaReads;
import io.shinrai.system.SegmentScope;

/**
 * A customer's page: trust with band, what pulled it down or up in words, the five
 * signals with the observations behind each, status with the negative entries in the risk
 * window, the recovery cases, a weekly trend over a year and the feedback timeline.
 */
@Controller
class CustomerPageController {

	static final String DETAIL_VIEW = "customers/detail";

	/**
	 * Entries the timeline shows, newest first; the feedback list, filtered by the
	 * customer, has them all.
	 */
	static final int TIMELINE_ENTRIES = 50;

	private final CustomerDirectory customers;

	private final TrustScores scores;

	private final Clock clock;

	private final RecoveryCases recoveryCases;

	CustomerPageController(CustomerDirectory customers, TrustScores scores, Clock clock, RecoveryCases recoveryCases) {
		this.recoveryCases = recoveryCases;
		this.clock = clock;
		this.customers = customers;
		this.scores = scores;
	}

	@GetMapping("/customers/{id}")
	@ReplicaReads
	String showCustomer(@PathVariable String id, Model model, SegmentScope scope) {
		long customerId = parseId(id);
		Customer customer = customers.get(customerId, scope);
		Instant now = clock.instant();
		CustomerReport report = scores.report(customerId, now);
		model.addAttribute("customer", customer);
		model.addAttribute("customerLanguage", customers.language(customer));
		model.addAttribute("report", report);
		model.addAttribute("timeline",
				report.entries().subList(0, Math.min(TIMELINE_ENTRIES, report.entries().size())));
		model.addAttribute("signals", Signal.values());
		model.addAttribute("chart", CustomerTrendChart.of(report.trend(), report.policy().policy()));
		model.addAttribute("plain",
				PlainExplanation.of(report.explanation(), report.policy().policy(), report.entries()));
		model.addAttribute("recoveryCases", recoveryCases.ofCustomer(customerId));
		// feedback inside the trend's year without a trend means entries that make no
		// score (survey answers only)
		Instant yearAgo = report.trend().isEmpty() ? now.minus(Duration.ofDays(365)) : report.trend().get(0).at();
		model.addAttribute("recentFeedback",
				report.entries()
					.stream()
					.anyMatch(entry -> !entry.receivedAt().isBefore(yearAgo) && !entry.receivedAt().isAfter(now)));
		return DETAIL_VIEW;
	}

	/**
	 * Anything but a positive number is an address that does not exist: 404, not 400 or
	 * 500.
	 */
	private static long parseId(String id) {
		try {
			long value = Long.parseLong(id);
			if (value > 0) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// falls through to not found
		}
		throw new NotFoundException("customer " + id);
	}

}
