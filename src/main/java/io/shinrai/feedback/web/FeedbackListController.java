package io.shinrai.feedback.web;

import java.time.ZoneId;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.data.domain.Page;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.util.UriComponentsBuilder;

import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.FeedbackFilter;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;
import io.shinrai.feedback.StoredFeedback;
import io.shinrai.system.BusinessTime;
import io.shinrai.system.FilterChips;
import io.shinrai.system.PageNav;
import io.shinrai.system.ReplicaReads;
import io.shinrai.system.SegmentScope;

/** Everyone signed in can list, filter and read feedback entries. */
@Controller
class FeedbackListController {

	static final String LIST_VIEW = "feedback/list";

	static final String DETAIL_VIEW = "feedback/detail";

	private static final String FILTER = "feedbackFilter";

	private final FeedbackLog feedback;

	private final ZoneId zone;

	private final BusinessTime businessTime;

	FeedbackListController(FeedbackLog feedback, BusinessTime businessTime) {
		this.feedback = feedback;
		this.zone = businessTime.zone();
		this.businessTime = businessTime;
	}

	@InitBinder(FILTER)
	void allowOnlyFilterFields(WebDataBinder binder) {
		binder.setAllowedFields("from", "to", "channel", "category", "negative", "incident", "customer", "q", "segment",
				"page", "size", "nps", "rated", "since", "until", "answered");
	}

	@GetMapping("/feedback")
	@ReplicaReads
	String showList(@ModelAttribute(FILTER) FeedbackFilterForm filter, BindingResult result, Model model,
			HttpServletRequest request, HttpServletResponse response, SegmentScope scope) {
		filter.validate(result);
		model.addAttribute("channels", Channel.values());
		model.addAttribute("categories", Category.values());
		model.addAttribute("incidentTypes", IncidentType.values());
		model.addAttribute("signals", Signal.values());
		model.addAttribute("pageSizes", List.of(25, 50, 100));
		model.addAttribute("zone", zone);
		model.addAttribute("activeFilters", activeFilters(filter, request));
		model.addAttribute("exportUrl", Pager.withFilters(request, "/feedback/export.csv"));
		if (result.hasErrors()) {
			// the list is not shown for filters that cannot be applied; the form shows
			// what is wrong
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return LIST_VIEW;
		}
		FeedbackFilter within = filter.toFilter(zone).within(scope);
		Page<StoredFeedback> page = feedback.search(within, filter.pageOrFirst(), filter.sizeOrDefault());
		if (page.getNumber() >= page.getTotalPages() && page.getTotalPages() > 0) {
			// beyond the last page: show the last one rather than an empty page numbered
			// past the end
			page = feedback.search(within, page.getTotalPages() - 1, filter.sizeOrDefault());
		}
		model.addAttribute("page", page);
		UriComponentsBuilder current = Pager.currentQuery(request);
		model.addAttribute("pages", PageNav.numbered(page.getNumber() + 1, Math.max(1, page.getTotalPages()),
				n -> Pager.url(current, n - 1)));
		return LIST_VIEW;
	}

	/**
	 * The filters that are not fields of the form (set by links from the dashboard), each
	 * removable.
	 */
	private java.util.List<FilterChips.Chip> activeFilters(FeedbackFilterForm filter, HttpServletRequest request) {
		FilterChips chips = FilterChips.of(request);
		if (filter.getSince() != null || filter.getUntil() != null) {
			chips.text("feedback.filter.period",
					businessTime.minute(filter.getSince()) + " – " + businessTime.minute(filter.getUntil()), "since",
					"until");
		}
		if (filter.getAnswered() != null) {
			chips.key("feedback.filter.answered", "feedback.filter.answered." + filter.getAnswered(), "answered");
		}
		return chips.list();
	}

	@GetMapping("/feedback/{id}")
	String showEntry(@PathVariable long id, Model model, SegmentScope scope) {
		model.addAttribute("entry", feedback.get(id, scope));
		model.addAttribute("signals", Signal.values());
		model.addAttribute("zone", zone);
		return DETAIL_VIEW;
	}

}
