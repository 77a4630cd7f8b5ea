package io.shinrai.audit;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

import io.shinrai.system.BusinessTime;
import io.shinrai.system.PageNav;
import io.shinrai.system.PageParameter;
import io.shinrai.system.ReplicaReads;

/**
 * The audit log for admins: every recorded action, filterable by type, user and period,
 * newest first.
 */
@Controller
class AuditLogController {

	static final String LIST_VIEW = "audit/list";

	static final int PAGE_SIZE = 50;

	private final AuditLog auditLog;

	private final ZoneId zone;

	private final AuditTexts texts;

	AuditLogController(AuditLog auditLog, BusinessTime businessTime, AuditTexts texts) {
		this.auditLog = auditLog;
		this.texts = texts;
		this.zone = businessTime.zone();
	}

	@GetMapping("/admin/audit")
	@ReplicaReads
	String showAuditLog(@ModelAttribute("auditFilter") AuditFilterForm filter, BindingResult result, Model model,
			Locale locale, HttpServletResponse response) {
		// what did not bind is reported and left out; the page still shows the log
		if (result.hasFieldErrors("type")) {
			filter.setType(null);
		}
		if (filter.getUser() != null && filter.getUser().length() > 64) {
			result.rejectValue("user", "audit.filter.user.invalid");
			filter.setUser(null);
		}
		LocalDate from = result.hasFieldErrors("from") ? null : filter.getFrom();
		LocalDate to = result.hasFieldErrors("to") ? null : filter.getTo();
		if (from != null && to != null && from.isAfter(to)) {
			result.rejectValue("to", "audit.filter.period.reversed");
			from = null;
			to = null;
		}
		filter.setFrom(from);
		filter.setTo(to);
		if (!PageParameter.isValid(filter.getPage())) {
			result.rejectValue("page", PageParameter.INVALID, new Object[] { filter.getPage() }, null);
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		}
		else if (filter.getPage() != null && !filter.getPage().isBlank()
				&& PageParameter.requested(filter.getPage(), 0) < 1) {
			// only a page that was asked for: without one, the log simply opens on its
			// first
			result.rejectValue("page", "audit.filter.page.invalid");
		}
		int page = PageParameter.requested(filter.getPage(), 1);
		AuditQuery query = new AuditQuery(filter.getType(), filter.getUser(),
				from == null ? null : from.atStartOfDay(zone).toInstant(),
				to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant());
		AuditPage events = auditLog.search(query, page, PAGE_SIZE);
		if (events.page() > events.totalPages()) {
			result.rejectValue("page", "audit.filter.page.beyond", new Object[] { events.totalPages() }, null);
			events = auditLog.search(query, events.totalPages(), PAGE_SIZE);
		}
		model.addAttribute("events", events);
		model.addAttribute("rows",
				events.events().stream().map(event -> texts.row(event, seededPolicy(event), locale)).toList());
		model.addAttribute("types", AuditType.values());
		model.addAttribute("actors", auditLog.actors());
		model.addAttribute("zone", zone);
		model.addAttribute("pages", PageNav.of(events.page(), events.totalPages(), n -> pageUrl(filter, n)));
		return LIST_VIEW;
	}

	/** The first policy version, which Shinrai stored itself with its defaults. */
	private static boolean seededPolicy(AuditEvent event) {
		return event.type() == AuditType.POLICY_ACTIVATED && "scoring policy version 1".equals(event.subject())
				&& "system".equals(event.actor());
	}

	/** The same view on another page, with only the filters that were valid. */
	private static String pageUrl(AuditFilterForm filter, int page) {
		UriComponentsBuilder url = UriComponentsBuilder.fromPath("/admin/audit");
		if (filter.getType() != null) {
			url.queryParam("type", filter.getType().name());
		}
		if (filter.getUser() != null) {
			url.queryParam("user", filter.getUser());
		}
		if (filter.getFrom() != null) {
			url.queryParam("from", filter.getFrom());
		}
		if (filter.getTo() != null) {
			url.queryParam("to", filter.getTo());
		}
		url.queryParam("page", page);
		return url.encode().build().toUriString();
	}

}
