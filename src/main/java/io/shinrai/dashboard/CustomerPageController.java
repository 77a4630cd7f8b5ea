package io.shinrai.dashboard;

import java.time.Clock;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import io.shinrai.customer.Customer;
import io.shinrai.customer.CustomerDirectory;
import io.shinrai.feedback.Signal;
import io.shinrai.scoring.CustomerReport;
import io.shinrai.scoring.TrustScores;
import io.shinrai.system.NotFoundException;
import io.shinrai.system.ReplicaReads;
import io.shinrai.system.SegmentScope;

/**
 * A customer's page: trust with band, the five signals with the observations behind each, status with the negative
 * entries in the risk window, a weekly trend over a year and the feedback timeline.
 */
@Controller
class CustomerPageController {

	static final String DETAIL_VIEW = "customers/detail";

	/** Entries the timeline shows, newest first; the feedback list, filtered by the customer, has them all. */
	static final int TIMELINE_ENTRIES = 50;

	private final CustomerDirectory customers;

	private final TrustScores scores;

	private final Clock clock;

	CustomerPageController(CustomerDirectory customers, TrustScores scores, Clock clock) {
		this.clock = clock;
		this.customers = customers;
		this.scores = scores;
	}

	@GetMapping("/customers/{id}")
	@ReplicaReads
	String showCustomer(@PathVariable String id, Model model, SegmentScope scope) {
		long customerId = parseId(id);
		Customer customer = customers.get(customerId, scope);
		CustomerReport report = scores.report(customerId, clock.instant());
		model.addAttribute("customer", customer);
		model.addAttribute("customerLanguage", customers.language(customer));
		model.addAttribute("report", report);
		model.addAttribute("timeline", report.entries().subList(0, Math.min(TIMELINE_ENTRIES, report.entries().size())));
		model.addAttribute("signals", Signal.values());
		model.addAttribute("chart", CustomerTrendChart.of(report.trend(), report.policy().policy()));
		return DETAIL_VIEW;
	}

	/** Anything but a positive number is an address that does not exist: 404, not 400 or 500. */
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
