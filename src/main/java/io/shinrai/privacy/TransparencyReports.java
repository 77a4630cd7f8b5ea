package io.shinrai.privacy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import io.shinrai.customer.Customer;
import io.shinrai.customer.CustomerDirectory;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.Signal;
import io.shinrai.feedback.StoredFeedback;
import io.shinrai.recovery.CaseSummary;
import io.shinrai.recovery.RecoveryCases;
import io.shinrai.system.BusinessTime;
import io.shinrai.system.NotFoundException;

/**
 * The transparency report of a customer, in the customer's language: a printable page and
 * the same as PDF (OpenHTMLtoPDF, with a Japanese font embedded, see {@link ReportFont}).
 */
@Service
public class TransparencyReports {

	static final String TEMPLATE = "privacy/transparency";

	private static final String STYLE_SHEET = "static/css/transparency.css";

	private final CustomerDirectory customers;

	private final FeedbackLog feedback;

	private final RecoveryCases recovery;

	private final Retention retention;

	private final ITemplateEngine templates;

	private final ReportFont font;

	private final ZoneId zone;

	private final Clock clock;

	TransparencyReports(CustomerDirectory customers, FeedbackLog feedback, RecoveryCases recovery, Retention retention,
			ITemplateEngine templates, ReportFont font, BusinessTime businessTime, Clock clock) {
		this.clock = clock;
		this.customers = customers;
		this.feedback = feedback;
		this.recovery = recovery;
		this.retention = retention;
		this.templates = templates;
		this.font = font;
		this.zone = businessTime.zone();
	}

	/**
	 * @throws NotFoundException when there is no such customer
	 */
	@Transactional(readOnly = true)
	public TransparencyReport report(long customerId) {
		Customer customer = customers.find(customerId).orElseThrow(() -> new NotFoundException("customer"));
		DateTimeFormatter dates = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(zone);
		DateTimeFormatter times = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
		List<TransparencyReport.Entry> entries = new ArrayList<>();
		for (StoredFeedback entry : feedback.allOfCustomer(customerId)) {
			List<TransparencyReport.Rating> ratings = new ArrayList<>();
			for (Signal signal : Signal.values()) {
				if (entry.rating(signal) != null) {
					ratings.add(new TransparencyReport.Rating("Signal." + signal.name(), entry.rating(signal)));
				}
			}
			entries
				.add(new TransparencyReport.Entry(times.format(entry.receivedAt()), "Channel." + entry.channel().name(),
						"Category." + entry.category().name(), ratings, entry.nps(), entry.csat(), entry.ces(),
						entry.incidents().keySet().stream().map(type -> "IncidentType." + type.name()).toList(),
						entry.comment(), entry.negative()));
		}
		List<TransparencyReport.Case> cases = new ArrayList<>();
		List<CaseSummary> summaries = new ArrayList<>(recovery.ofCustomer(customerId));
		java.util.Collections.reverse(summaries);
		for (CaseSummary summary : summaries) {
			cases.add(new TransparencyReport.Case(dates.format(summary.openedAt()),
					"privacy.report.case." + summary.status().name(), format(dates, summary.acknowledgedAt()),
					format(dates, summary.resolvedAt()), format(dates, summary.closedAt()), summary.entryIds().size()));
		}
		RetentionVersion settings = retention.active();
		return new TransparencyReport(customers.language(customer), customer.getName(), customer.getReference(),
				dates.format(clock.instant()), settings.textMonths(), settings.inactiveYears(), entries, cases);
	}

	/**
	 * The report as a page in the customer's language, linking its style sheet at
	 * {@code styleHref}.
	 */
	public String html(TransparencyReport report, String styleHref) {
		return render(report, "", styleHref);
	}

	private String render(TransparencyReport report, String inlineStyle, String styleHref) {
		Context context = new Context(Locale.forLanguageTag(report.language()),
				Map.of("report", report, "inlineStyle", inlineStyle, "styleHref", styleHref));
		return templates.process(TEMPLATE, context);
	}

	/**
	 * The report as PDF, with the Japanese font embedded.
	 * @throws ReportFontMissingException when no Japanese font file is readable
	 */
	public byte[] pdf(TransparencyReport report) {
		Path fontFile = font.file().orElseThrow(() -> new ReportFontMissingException(font.lookedFor()));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			PdfRendererBuilder builder = new PdfRendererBuilder();
			builder.useFastMode();
			builder.useFont(fontFile.toFile(), ReportFont.FAMILY);
			builder.withHtmlContent(render(report, styleSheet(), ""), null);
			builder.toStream(out);
			builder.run();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static String format(DateTimeFormatter formatter, Instant instant) {
		return instant == null ? null : formatter.format(instant);
	}

	private static String styleSheet() {
		try (InputStream in = new ClassPathResource(STYLE_SHEET).getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
