package io.shinrai.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

import io.shinrai.customer.CustomerDirectory;
import io.shinrai.scoring.Band;
import io.shinrai.scoring.CustomerRankingPage;
import io.shinrai.scoring.CustomerRankingQuery;
import io.shinrai.scoring.CustomerRankings;
import io.shinrai.scoring.CustomerSort;
import io.shinrai.scoring.CustomerStatus;
import io.shinrai.scoring.ScoringPolicies;
import io.shinrai.system.BusinessTime;
import io.shinrai.system.FilterChips;
import io.shinrai.system.PageNav;
import io.shinrai.system.ReplicaReads;
import io.shinrai.system.SegmentScope;

/**
 * The customers list: search, filters by segment, band and status, sorted by trust
 * (lowest first) or otherwise.
 */
@Controller
class CustomerListController {

	static final String LIST_VIEW = "customers/list";

	private final CustomerRankings rankings;

	private final ScoringPolicies policies;

	private final CustomerDirectory customers;

	private final Clock clock;

	private final BusinessTime businessTime;

	CustomerListController(CustomerRankings rankings, ScoringPolicies policies, CustomerDirectory customers,
			Clock clock, BusinessTime businessTime) {
		this.businessTime = businessTime;
		this.clock = clock;
		this.rankings = rankings;
		this.policies = policies;
		this.customers = customers;
	}

	@GetMapping("/customers")
	@ReplicaReads
	String showCustomers(@ModelAttribute("filter") CustomerListForm filter, Model model, HttpServletRequest request,
			HttpServletResponse response, SegmentScope scope) {
		Instant now = clock.instant();
		CustomerListForm.Parsed parsed = filter.parse(now);
		model.addAttribute("activeFilters", activeFilters(filter, parsed, request));
		model.addAttribute("segments", customers.segments(scope));
		model.addAttribute("bands", Band.values());
		model.addAttribute("statuses", CustomerStatus.values());
		model.addAttribute("sorts", CustomerSort.values());
		model.addAttribute("asOf", parsed.query() != null ? parsed.query().asOf() : now);
		model.addAttribute("policyVersion", policies.serving().version());
		if (!parsed.problems().isEmpty()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("problems", parsed.problems());
			return LIST_VIEW;
		}
		CustomerRankingQuery query = parsed.query().within(scope);
		CustomerRankingPage result = rankings.find(query);
		if (result.page() >= result.totalPages()) {
			// beyond the last page: show the last one rather than "page 999 of 13"
			result = rankings.find(new CustomerRankingQuery(query.text(), query.segment(), query.band(), query.status(),
					query.sort(), result.totalPages() - 1, query.size(), query.asOf(), scope));
		}
		model.addAttribute("result", result);
		model.addAttribute("pages", PageNav.of(result.page() + 1, result.totalPages(), filter::pageUrl));
		return LIST_VIEW;
	}

	/**
	 * The list's filters, each removable: what a link from a dashboard number narrowed
	 * the list to.
	 */
	private List<FilterChips.Chip> activeFilters(CustomerListForm filter, CustomerListForm.Parsed parsed,
			HttpServletRequest request) {
		FilterChips chips = FilterChips.of(request);
		CustomerRankingQuery query = parsed.query();
		if (query == null) {
			return chips.list();
		}
		if (query.status() != null) {
			chips.key("customers.list.status", "CustomerStatus." + query.status(), "status");
		}
		if (query.segment() != null) {
			chips.text("customers.list.segment", query.segment(), "segment");
		}
		if (query.band() != null) {
			chips.key("customers.list.band", "Band." + query.band(), "band");
		}
		if (query.text() != null) {
			chips.text("customers.list.search", query.text(), "q");
		}
		if (filter.getAsOf() != null && !filter.getAsOf().isBlank()) {
			chips.text("customers.list.asOfFilter", businessTime.minute(query.asOf()), "asOf");
		}
		return chips.list();
	}

}
