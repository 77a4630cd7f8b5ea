package io.shinrai.insight;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springdoc.core.annotations.ParameterObject;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.shinrai.system.BusinessTime;
import io.shinrai.system.SegmentScope;

/**
 * The insight analyses as JSON, the same numbers as the pages: filters {@code from} and
 * {@code to} (ISO dates, inclusive, business time zone; default the last 90 days),
 * {@code segment}, {@code channel}.
 */
@RestController
@RequestMapping("/api/v1/insights")
class InsightApiController {

	private final Drivers drivers;

	private final Themes themes;

	private final Consistency consistency;

	private final EarlyWarnings warnings;

	private final InsightTexts texts;

	private final BusinessTime businessTime;

	InsightApiController(Drivers drivers, Themes themes, Consistency consistency, EarlyWarnings warnings,
			InsightTexts texts, BusinessTime businessTime) {
		this.drivers = drivers;
		this.themes = themes;
		this.consistency = consistency;
		this.warnings = warnings;
		this.texts = texts;
		this.businessTime = businessTime;
	}

	@GetMapping("/drivers")
	Map<String, Object> drivers(@ParameterObject InsightFilter.Query query, Locale locale, SegmentScope scope) {
		Drivers.DriverReport report = drivers.drivers(filter(query, scope));
		Map<String, Object> body = filterJson(report.filter());
		body.put("entries", report.entries());
		body.put("enough", report.enough());
		body.put("minimumEntries", report.minimumEntries());
		body.put("minimumPerFactor", report.minimumPerFactor());
		body.put("missing", report.missing());
		body.put("rSquared", report.rSquared());
		body.put("reading", texts.driverReading(report, locale));
		body.put("drivers", report.drivers().stream().map(driver -> {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("factor", driver.factor());
			json.put("kind", driver.kind().name());
			json.put("importance", driver.importance());
			json.put("share", driver.share());
			json.put("direction", driver.promoterSide() ? "PROMOTER" : "DETRACTOR");
			json.put("detractorImportance", driver.detractorImportance());
			json.put("promoterImportance", driver.promoterImportance());
			json.put("entries", driver.entries());
			json.put("score", driver.score());
			json.put("fixFirst", driver.fixFirst());
			return json;
		}).toList());
		body.put("fixFirst", report.fixFirst().stream().map(Drivers.Driver::factor).toList());
		body.put("insufficient", report.thin().stream().map(thin -> {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("factor", thin.factor());
			json.put("kind", thin.kind().name());
			json.put("entries", thin.entries());
			return json;
		}).toList());
		return body;
	}

	@GetMapping("/themes")
	Map<String, Object> themes(@ParameterObject InsightFilter.Query query, SegmentScope scope) {
		Themes.ThemeReport report = themes.themes(filter(query, scope));
		Map<String, Object> body = filterJson(report.filter());
		body.put("negativeEntries", report.negativeEntries());
		body.put("otherEntries", report.otherEntries());
		body.put("pending", report.pending());
		body.put("negative", report.negative().stream().map(InsightApiController::theme).toList());
		body.put("other", report.other().stream().map(InsightApiController::theme).toList());
		return body;
	}

	private static Map<String, Object> theme(Themes.Theme theme) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("term", theme.surface());
		json.put("key", theme.term());
		json.put("phrase", theme.phrase());
		json.put("count", theme.count());
		json.put("otherCount", theme.otherCount());
		json.put("previousCount", theme.previousCount());
		json.put("change", theme.change());
		json.put("score", theme.score());
		return json;
	}

	@GetMapping("/consistency")
	Map<String, Object> consistency(@ParameterObject InsightFilter.Query query, SegmentScope scope) {
		Consistency.ConsistencyReport report = consistency.consistency(filter(query, scope));
		Map<String, Object> body = filterJson(report.filter());
		body.put("minimumSegmentEntries", report.minSegmentEntries());
		body.put("minimumCustomerEntries", report.minCustomerEntries());
		body.put("minimumSpread", report.minSpread());
		body.put("segments", report.segments().stream().map(InsightApiController::spread).toList());
		body.put("customers", report.customers().stream().map(InsightApiController::spread).toList());
		return body;
	}

	private static Map<String, Object> spread(Consistency.Spread spread) {
		Map<String, Object> json = new LinkedHashMap<>();
		if (spread.customerId() != null) {
			json.put("customerRef", spread.customerRef());
			json.put("customerName", spread.customerName());
		}
		json.put("segment", spread.segment());
		json.put("spread", spread.spread());
		json.put("outOfLine", spread.outOfLine() == null ? null : spread.outOfLine().name());
		json.put("gap", spread.outOfLine() == null ? null : spread.gap());
		List<Map<String, Object>> channels = new ArrayList<>();
		for (Consistency.ChannelCell cell : spread.channels()) {
			Map<String, Object> channel = new LinkedHashMap<>();
			channel.put("channel", cell.channel().name());
			channel.put("entries", cell.entries());
			channel.put("trust", cell.trust());
			channels.add(channel);
		}
		json.put("channels", channels);
		return json;
	}

	@GetMapping("/warnings")
	Map<String, Object> warnings(@ParameterObject InsightFilter.Query query, SegmentScope scope) {
		InsightFilter filter = filter(query, scope);
		Map<String, Object> body = filterJson(filter);
		body.put("warnings", warnings.warnings(filter).stream().map(warning -> {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("id", warning.id());
			json.put("scopeKind", warning.scopeKind().name());
			json.put("scopeValue", warning.scopeValue());
			json.put("from", warning.from().toString());
			json.put("to", warning.to().toString());
			json.put("trustBefore", warning.trustBefore());
			json.put("trustAfter", warning.trustAfter());
			json.put("drop", warning.drop());
			json.put("recentChange", warning.recentChange());
			json.put("usualChange", warning.usualChange());
			json.put("usualDeviation", warning.usualDeviation());
			json.put("signals", warning.signals().stream().map(change -> {
				Map<String, Object> signal = new LinkedHashMap<>();
				signal.put("signal", change.signal().key());
				signal.put("change", change.change());
				return signal;
			}).toList());
			json.put("themes", warning.themes());
			return json;
		}).toList());
		return body;
	}

	private InsightFilter filter(InsightFilter.Query query, SegmentScope scope) {
		return query.parse(businessTime.today()).within(scope);
	}

	private static Map<String, Object> filterJson(InsightFilter filter) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("from", filter.from().toString());
		body.put("to", filter.to().toString());
		body.put("segment", filter.segment());
		body.put("channel", filter.channel() == null ? null : filter.channel().name());
		return body;
	}

}
