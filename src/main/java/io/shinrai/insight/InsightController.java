package io.shinrai.insight;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.shinrai.customer.CustomerDirectory;
import io.shinrai.feedback.Channel;
import io.shinrai.system.BusinessTime;
import io.shinrai.system.SegmentScope;

/**
 * The insight pages: key drivers, comment themes, consistency across channels and early
 * warnings.
 */
@Controller
class InsightController {

	private static final String FILTER = "filter";

	static final String DRIVERS_VIEW = "insights/drivers";

	static final String THEMES_VIEW = "insights/themes";

	static final String CONSISTENCY_VIEW = "insights/consistency";

	static final String WARNINGS_VIEW = "insights/warnings";

	private final Drivers drivers;

	private final Themes themes;

	private final Consistency consistency;

	private final EarlyWarnings warnings;

	private final TermCountMaintenance maintenance;

	private final InsightTexts texts;

	private final CustomerDirectory customers;

	private final ZoneId zone;

	private final BusinessTime businessTime;

	private final Clock clock;

	InsightController(Drivers drivers, Themes themes, Consistency consistency, EarlyWarnings warnings,
			TermCountMaintenance maintenance, InsightTexts texts, CustomerDirectory customers,
			BusinessTime businessTime, Clock clock) {
		this.clock = clock;
		this.drivers = drivers;
		this.themes = themes;
		this.consistency = consistency;
		this.warnings = warnings;
		this.maintenance = maintenance;
		this.texts = texts;
		this.customers = customers;
		this.zone = businessTime.zone();
		this.businessTime = businessTime;
	}

	@GetMapping("/insights")
	String showInsights() {
		return "redirect:/insights/drivers";
	}

	@GetMapping("/insights/drivers")
	String showDrivers(@ModelAttribute(name = FILTER, binding = false) InsightFilter filter, Model model,
			Locale locale) {
		Drivers.DriverReport report = drivers.drivers(filter);
		model.addAttribute("report", report);
		model.addAttribute("reading", texts.driverReading(report, locale));
		return page(model, "drivers", DRIVERS_VIEW, filter);
	}

	@GetMapping("/insights/themes")
	String showThemes(@ModelAttribute(name = FILTER, binding = false) InsightFilter filter, Model model) {
		model.addAttribute("report", themes.themes(filter));
		return page(model, "themes", THEMES_VIEW, filter);
	}

	@GetMapping("/insights/consistency")
	String showConsistency(@ModelAttribute(name = FILTER, binding = false) InsightFilter filter, Model model) {
		model.addAttribute("report", consistency.consistency(filter));
		return page(model, "consistency", CONSISTENCY_VIEW, filter);
	}

	@GetMapping("/insights/warnings")
	String showWarnings(@ModelAttribute(name = FILTER, binding = false) InsightFilter filter, Model model) {
		model.addAttribute("warnings", warnings.warnings(filter));
		return page(model, "warnings", WARNINGS_VIEW, filter);
	}

	/**
	 * Runs the weekly early-warning check now (admins), e.g. right after importing
	 * history.
	 */
	@PostMapping("/insights/warnings/check")
	String processWarningCheck(RedirectAttributes redirect) {
		int raised = warnings.check(clock.instant()).size();
		redirect.addFlashAttribute("checked", raised);
		return "redirect:/insights/warnings";
	}

	/**
	 * Counts every comment's terms again (admins), e.g. after customers moved to other
	 * segments.
	 */
	@PostMapping("/insights/themes/rebuild")
	String processThemesRebuild(RedirectAttributes redirect) {
		maintenance.rebuild();
		redirect.addFlashAttribute("rebuilding", true);
		return "redirect:/insights/themes";
	}

	/**
	 * The filter of every insight page, from its query parameters; an unusable one
	 * answers 400 with a message and the default filter.
	 */
	@ModelAttribute(FILTER)
	InsightFilter filter(InsightFilter.Query query, Model model, Locale locale, HttpServletResponse response,
			SegmentScope scope) {
		LocalDate today = businessTime.today();
		try {
			return query.parse(today).within(scope);
		}
		catch (InsightFilter.BadFilterException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("filterError", texts.message(ex.messageKey(), locale, ex.args()));
			return InsightFilter.lastDays(today, InsightFilter.DEFAULT_DAYS).within(scope);
		}
	}

	private String page(Model model, String tab, String view, InsightFilter filter) {
		model.addAttribute("tab", tab);
		// the period the pages show when none is asked for: a filter fold tells set
		// filters
		// from it
		model.addAttribute("defaultFilter", InsightFilter.lastDays(businessTime.today(), InsightFilter.DEFAULT_DAYS));
		model.addAttribute("segments", customers.segments(filter.within()));
		model.addAttribute("channels", Channel.values());
		model.addAttribute("zone", zone);
		return view;
	}

}
