package io.shinrai.insight;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.shinrai.customer.CustomerDirectory;
import io.shinrai.feedback.Channel;
import io.shinrai.system.BusinessTime;

/** The insight pages: key drivers, comment themes, consistency across channels and early warnings. */
@Controller
class InsightController {

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
	String showDrivers(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String segment, @RequestParam(required = false) String channel, Model model,
			Locale locale, HttpServletResponse response) {
		InsightFilter filter = filter(from, to, segment, channel, model, locale, response);
		Drivers.DriverReport report = drivers.drivers(filter);
		model.addAttribute("report", report);
		model.addAttribute("reading", texts.driverReading(report, locale));
		return page(model, "drivers", DRIVERS_VIEW);
	}

	@GetMapping("/insights/themes")
	String showThemes(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String segment, @RequestParam(required = false) String channel, Model model,
			Locale locale, HttpServletResponse response) {
		InsightFilter filter = filter(from, to, segment, channel, model, locale, response);
		model.addAttribute("report", themes.themes(filter));
		return page(model, "themes", THEMES_VIEW);
	}

	@GetMapping("/insights/consistency")
	String showConsistency(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String segment, @RequestParam(required = false) String channel, Model model,
			Locale locale, HttpServletResponse response) {
		InsightFilter filter = filter(from, to, segment, channel, model, locale, response);
		model.addAttribute("report", consistency.consistency(filter));
		return page(model, "consistency", CONSISTENCY_VIEW);
	}

	@GetMapping("/insights/warnings")
	String showWarnings(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String segment, @RequestParam(required = false) String channel, Model model,
			Locale locale, HttpServletResponse response) {
		InsightFilter filter = filter(from, to, segment, channel, model, locale, response);
		model.addAttribute("warnings", warnings.warnings(filter));
		return page(model, "warnings", WARNINGS_VIEW);
	}

	/** Runs the weekly early-warning check now (admins), e.g. right after importing history. */
	@PostMapping("/insights/warnings/check")
	String processWarningCheck(RedirectAttributes redirect) {
		int raised = warnings.check(clock.instant()).size();
		redirect.addFlashAttribute("checked", raised);
		return "redirect:/insights/warnings";
	}

	/** Counts every comment's terms again (admins), e.g. after customers moved to other segments. */
	@PostMapping("/insights/themes/rebuild")
	String processThemesRebuild(RedirectAttributes redirect) {
		maintenance.rebuild();
		redirect.addFlashAttribute("rebuilding", true);
		return "redirect:/insights/themes";
	}

	private InsightFilter filter(String from, String to, String segment, String channel, Model model, Locale locale,
			HttpServletResponse response) {
		LocalDate today = businessTime.today();
		try {
			InsightFilter filter = InsightFilter.parse(from, to, segment, channel, today);
			model.addAttribute("filter", filter);
			return filter;
		}
		catch (InsightFilter.BadFilterException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("filterError", texts.message(ex.messageKey(), locale, ex.args()));
			InsightFilter fallback = InsightFilter.lastDays(today, InsightFilter.DEFAULT_DAYS);
			model.addAttribute("filter", fallback);
			return fallback;
		}
	}

	private String page(Model model, String tab, String view) {
		model.addAttribute("tab", tab);
		model.addAttribute("segments", customers.segments());
		model.addAttribute("channels", Channel.values());
		model.addAttribute("zone", zone);
		return view;
	}

}
