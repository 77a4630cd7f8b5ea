package io.shinrai.feedback.csv;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.FeedbackFilter;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;
import io.shinrai.feedback.StoredFeedback;
import io.shinrai.system.CsvDownload;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * {@code /feedback/export.csv}: the entries the feedback list shows (its filters applied), streamed in exactly the
 * import's columns, so an export imports again: into the same database it is skipped as already imported, into an
 * empty one it recreates the entries. Times are written with the business time zone's offset.
 */
@Controller
class FeedbackExportController {

	private final FeedbackLog feedback;

	private final ZoneId zone;

	FeedbackExportController(FeedbackLog feedback, @Value("${shinrai.business-time-zone:Asia/Tokyo}") ZoneId zone) {
		this.feedback = feedback;
		this.zone = zone;
	}

	/**
	 * @param from first day (in the business time zone), inclusive
	 * @param to last day, inclusive
	 */
	@GetMapping("/feedback/export.csv")
	void exportFeedback(@RequestParam(name = "from", required = false) String from,
			@RequestParam(name = "to", required = false) String to,
			@RequestParam(name = "channel", required = false) String channel,
			@RequestParam(name = "category", required = false) String category,
			@RequestParam(name = "negative", required = false) String negative,
			@RequestParam(name = "incident", required = false) String incident,
			@RequestParam(name = "customerRef", required = false) String customerRef,
			@RequestParam(name = "text", required = false) String text, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		FeedbackFilter filter;
		try {
			LocalDate first = date(from);
			LocalDate last = date(to);
			filter = new FeedbackFilter(first == null ? null : first.atStartOfDay(zone).toInstant(),
					last == null ? null : last.plusDays(1).atStartOfDay(zone).toInstant(), constant(Channel.class, channel),
					constant(Category.class, category), "true".equalsIgnoreCase(negative) || "on".equalsIgnoreCase(negative),
					constant(IncidentType.class, incident), customerRef, null, text);
		}
		catch (IllegalArgumentException | DateTimeParseException ex) {
			// back to the list with a message (the response is this method's, so the redirect is made here)
			FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
			flash.put("failure", "export.badFilter");
			RequestContextUtils.saveOutputFlashMap("/feedback", request, response);
			response.sendRedirect(request.getContextPath() + "/feedback");
			return;
		}
		try (CsvDownload csv = CsvDownload.start(response, "shinrai-feedback", LocalDate.now(zone), CsvColumn.headers())) {
			feedback.export(filter, entry -> csv.row(cells(entry)));
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

	private static LocalDate date(String text) {
		return text == null || text.isBlank() ? null : LocalDate.parse(text.strip());
	}

	private static <E extends Enum<E>> E constant(Class<E> type, String text) {
		return text == null || text.isBlank() ? null : Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
	}

}
