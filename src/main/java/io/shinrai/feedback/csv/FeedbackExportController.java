package io.shinrai.feedback.csv;

import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.Signal;
import io.shinrai.feedback.StoredFeedback;
import io.shinrai.feedback.web.FeedbackFilterForm;
import io.shinrai.system.BusinessTime;
import io.shinrai.system.CsvDownload;
import io.shinrai.system.SegmentScope;

import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * {@code /feedback/export.csv}: the entries the feedback list shows (its filters
 * applied), streamed in exactly the import's columns, so an export imports again: into
 * the same database it is skipped as already imported, into an empty one it recreates the
 * entries. Times are written with the business time zone's offset.
 */
@Controller
class FeedbackExportController {

	private final FeedbackLog feedback;

	private final ZoneId zone;

	private final BusinessTime businessTime;

	FeedbackExportController(FeedbackLog feedback, BusinessTime businessTime) {
		this.feedback = feedback;
		this.zone = businessTime.zone();
		this.businessTime = businessTime;
	}

	@InitBinder("filter")
	void allowOnlyFilterFields(WebDataBinder binder) {
		binder.setAllowedFields("from", "to", "channel", "category", "negative", "incident", "customer", "q", "segment",
				"nps", "rated", "since", "until", "answered");
	}

	/**
	 * Exports every entry the filters select (the list's filters, without its paging).
	 * Filters that cannot be applied go back to the list, which says what is wrong with
	 * them, instead of exporting something else.
	 */
	@GetMapping("/feedback/export.csv")
	void exportFeedback(@ModelAttribute("filter") FeedbackFilterForm filter, BindingResult result,
			HttpServletRequest request, HttpServletResponse response, SegmentScope scope) throws IOException {
		filter.validate(result);
		if (result.hasErrors()) {
			String query = request.getQueryString();
			response.sendRedirect(request.getContextPath() + "/feedback" + (query == null ? "" : "?" + query));
			return;
		}
		try (CsvDownload csv = CsvDownload.start(response, "shinrai-feedback", businessTime.today(),
				CsvColumn.headers())) {
			feedback.export(filter.toFilter(zone).within(scope), entry -> csv.row(cells(entry)));
		}
	}

	private List<Object> cells(StoredFeedback entry) {
		List<Object> cells = new ArrayList<>(CsvColumn.values().length);
		cells.add(entry.externalId());
		cells.add(entry.customerRef());
		cells.add(entry.customerName());
		cells.add(entry.customerSegment());
		cells.add(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(entry.receivedAt().atZone(zone)));
		cells.add(entry.channel().name());
		cells.add(entry.category().name());
		for (Signal signal : Signal.values()) {
			cells.add(entry.rating(signal));
		}
		cells.add(entry.nps());
		cells.add(entry.csat());
		cells.add(entry.ces());
		cells.add(String.join(";", entry.incidents().keySet().stream().map(Enum::name).toList()));
		cells.add(entry.comment());
		return cells;
	}

}
