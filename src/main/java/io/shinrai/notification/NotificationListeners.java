package io.shinrai.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.shinrai.backup.BackupFailed;
import io.shinrai.customer.Customer;
import io.shinrai.customer.CustomerDirectory;
import io.shinrai.feedback.FeedbackImportFinished;
import io.shinrai.feedback.FeedbackLogged;
import io.shinrai.insight.TrustWarningRaised;
import io.shinrai.recovery.RecoveryCaseStatusChanged;
import io.shinrai.recovery.RecoveryCasesOpened;
import io.shinrai.recovery.RecoveryCasesOverdue;
import io.shinrai.scoring.CustomerStatusChanged;
import io.shinrai.scoring.TrustDropped;

/**
 * Receives the events worth acting on through Spring Modulith's event publication
 * registry: each is stored with the transaction that publishes it and handed over after
 * the commit, in a transaction of its own; until a handler succeeds its publication stays
 * incomplete and is delivered again (at start-up, and by {@link EventResubmission}).
 * Handlers are idempotent ({@link Announcements} records every event key once).
 * <p>
 * Events of imported history are summarised: an import batch gives one webhook call per
 * event type and endpoint, and users get one in-app notice per import ("N new cases from
 * import X") and one mail when the import ends. {@link #on(TrustDropped)} is the way in
 * for every module that detects a drop of trust.
 */
@Component
public class NotificationListeners {

	/**
	 * Up to this many cases or customers in one event are told one by one, more as one
	 * notice.
	 */
	static final int ONE_BY_ONE = 10;

	private final Announcements announcements;

	private final CustomerDirectory customers;

	private final MailTemplates templates;

	private final Clock clock;

	NotificationListeners(Announcements announcements, CustomerDirectory customers, MailTemplates templates,
			Clock clock) {
		this.clock = clock;
		this.announcements = announcements;
		this.customers = customers;
		this.templates = templates;
	}

	/** Feedback someone is to be told about ({@link FeedbackSubscriptions}). */
	@ApplicationModuleListener
	void on(FeedbackToAnnounce announce) {
		FeedbackLogged event = announce.logged();
		announceFeedback(NotificationType.FEEDBACK_LOGGED, event.entries(), event.importId());
		List<FeedbackLogged.Entry> negatives = event.entries().stream().filter(FeedbackLogged.Entry::negative).toList();
		if (!negatives.isEmpty()) {
			announceFeedback(NotificationType.FEEDBACK_NEGATIVE, negatives, event.importId());
		}
	}

	private void announceFeedback(NotificationType type, List<FeedbackLogged.Entry> entries, Long importId) {
		long first = entries.stream().mapToLong(FeedbackLogged.Entry::feedbackId).min().orElseThrow();
		Map<Long, Customer> names = importId == null
				? customersOf(entries.stream().map(FeedbackLogged.Entry::customerId).toList()) : Map.of();
		List<Map<String, Object>> items = new ArrayList<>();
		List<Notice> notices = new ArrayList<>();
		for (FeedbackLogged.Entry entry : entries) {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("feedbackId", entry.feedbackId());
			putCustomer(item, entry.customerId(), names);
			item.put("receivedAt", entry.receivedAt().toString());
			item.put("negative", entry.negative());
			item.put("source", entry.source().name());
			item.put("url", templates.link("/feedback/" + entry.feedbackId()));
			items.add(item);
			if (importId == null) {
				notices.add(new Notice(type.eventName(), type.eventName() + ":" + entry.feedbackId(),
						List.of(customerName(entry.customerId(), names)), "/feedback/" + entry.feedbackId(), 1,
						segmentOf(entry.customerId(), names)));
			}
		}
		if (importId != null) {
			notices.add(importNotice(type, importId, entries.size(), "/import/" + importId));
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("importId", importId);
		data.put("entries", items);
		announcements.announce(new Announcement(type, type.eventName() + ":" + first, clock.instant(), importId,
				entries.size(), data, notices));
	}

	@ApplicationModuleListener
	void on(RecoveryCasesOpened event) {
		if (event.cases().isEmpty()) {
			return;
		}
		Map<Long, Customer> names = event.importId() == null
				? customersOf(event.cases().stream().map(RecoveryCasesOpened.OpenedCase::customerId).toList())
				: Map.of();
		List<Map<String, Object>> items = new ArrayList<>();
		List<Notice> notices = new ArrayList<>();
		for (RecoveryCasesOpened.OpenedCase opened : event.cases()) {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("caseId", opened.caseId());
			putCustomer(item, opened.customerId(), names);
			item.put("owner", opened.owner());
			item.put("openedAt", opened.openedAt().toString());
			item.put("acknowledgeDueAt", opened.acknowledgeDueAt().toString());
			item.put("url", templates.link("/recovery/" + opened.caseId()));
			items.add(item);
			if (event.importId() == null) {
				notices.add(new Notice("case.opened",
						"case.opened:" + opened.caseId() + ":" + opened.openedAt().toEpochMilli(),
						List.of(customerName(opened.customerId(), names)), "/recovery/" + opened.caseId(), 1,
						segmentOf(opened.customerId(), names)));
			}
		}
		if (event.importId() != null) {
			notices
				.add(importNotice(NotificationType.CASE_OPENED, event.importId(), event.cases().size(), "/recovery"));
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("importId", event.importId());
		data.put("cases", items);
		RecoveryCasesOpened.OpenedCase first = event.cases().get(0);
		announcements.announce(new Announcement(NotificationType.CASE_OPENED,
				"case.opened:" + first.caseId() + ":" + first.openedAt().toEpochMilli(), first.openedAt(),
				event.importId(), event.cases().size(), data, notices));
	}

	@ApplicationModuleListener
	void on(RecoveryCaseStatusChanged event) {
		Map<Long, Customer> names = customersOf(List.of(event.customerId()));
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("caseId", event.caseId());
		putCustomer(data, event.customerId(), names);
		data.put("from", event.from().name());
		data.put("to", event.to().name());
		data.put("actor", event.actor());
		data.put("owner", event.owner());
		data.put("at", event.at().toString());
		data.put("url", templates.link("/recovery/" + event.caseId()));
		String key = "case.status_changed:" + event.caseId() + ":" + event.at().toEpochMilli() + ":" + event.to();
		announcements.announce(new Announcement(NotificationType.CASE_STATUS_CHANGED, key, event.at(), null, 1, data,
				List.of(new Notice("case.status_changed." + event.to().name(), key,
						List.of(customerName(event.customerId(), names), event.actor()), "/recovery/" + event.caseId(),
						1, segmentOf(event.customerId(), names)))));
	}

	@ApplicationModuleListener
	void on(RecoveryCasesOverdue event) {
		if (event.cases().isEmpty()) {
			return;
		}
		boolean oneByOne = event.cases().size() <= ONE_BY_ONE;
		Map<Long, Customer> names = oneByOne
				? customersOf(event.cases().stream().map(RecoveryCasesOverdue.OverdueCase::customerId).toList())
				: Map.of();
		List<Map<String, Object>> items = new ArrayList<>();
		List<Notice> notices = new ArrayList<>();
		for (RecoveryCasesOverdue.OverdueCase overdue : event.cases()) {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("caseId", overdue.caseId());
			putCustomer(item, overdue.customerId(), names);
			item.put("owner", overdue.owner());
			item.put("acknowledgeDueAt", overdue.acknowledgeDueAt().toString());
			item.put("overdueSince", overdue.overdueSince().toString());
			item.put("url", templates.link("/recovery/" + overdue.caseId()));
			items.add(item);
			if (oneByOne) {
				notices.add(new Notice("case.overdue",
						"case.overdue:" + overdue.caseId() + ":" + overdue.overdueSince().toEpochMilli(),
						List.of(customerName(overdue.customerId(), names)), "/recovery/" + overdue.caseId(), 1,
						segmentOf(overdue.customerId(), names)));
			}
		}
		RecoveryCasesOverdue.OverdueCase first = event.cases().get(0);
		String key = "case.overdue:" + first.caseId() + ":" + first.overdueSince().toEpochMilli();
		if (!oneByOne) {
			notices.add(new Notice("case.overdue.many", key, List.of(), "/recovery?tab=overdue", event.cases().size()));
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("cases", items);
		announcements.announce(new Announcement(NotificationType.CASE_OVERDUE, key, first.overdueSince(), null,
				event.cases().size(), data, notices));
	}

	@ApplicationModuleListener
	void on(CustomerStatusChanged event) {
		if (event.changes().isEmpty()) {
			return;
		}
		boolean oneByOne = event.importId() == null && event.changes().size() <= ONE_BY_ONE;
		Map<Long, Customer> names = oneByOne
				? customersOf(event.changes().stream().map(CustomerStatusChanged.Change::customerId).toList())
				: Map.of();
		List<Map<String, Object>> items = new ArrayList<>();
		List<Notice> notices = new ArrayList<>();
		CustomerStatusChanged.Change first = event.changes().get(0);
		String key = "customer.status_changed:" + first.customerId() + ":" + event.at().toEpochMilli() + ":"
				+ first.to();
		for (CustomerStatusChanged.Change change : event.changes()) {
			Map<String, Object> item = new LinkedHashMap<>();
			putCustomer(item, change.customerId(), names);
			item.put("from", change.from().name());
			item.put("to", change.to().name());
			item.put("negativeCount", change.negativeCount());
			item.put("url", templates.link("/customers/" + change.customerId()));
			items.add(item);
			if (oneByOne) {
				notices.add(new Notice("customer.status_changed." + change.to().name(),
						"customer.status_changed:" + change.customerId() + ":" + event.at().toEpochMilli(),
						List.of(customerName(change.customerId(), names)), "/customers/" + change.customerId(), 1,
						segmentOf(change.customerId(), names)));
			}
		}
		if (event.importId() != null) {
			notices.add(importNotice(NotificationType.CUSTOMER_STATUS_CHANGED, event.importId(), event.changes().size(),
					"/customers"));
		}
		else if (!oneByOne) {
			notices
				.add(new Notice("customer.status_changed.many", key, List.of(), "/customers", event.changes().size()));
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("importId", event.importId());
		data.put("at", event.at().toString());
		data.put("customers", items);
		announcements.announce(new Announcement(NotificationType.CUSTOMER_STATUS_CHANGED, key, event.at(),
				event.importId(), event.changes().size(), data, notices));
	}

	/**
	 * A scope's trust dropped. Published by {@code scoring}'s trust watch; any other
	 * module that detects a drop publishes a {@link TrustDropped} as well (or calls this
	 * method in a transaction of its own).
	 */
	@ApplicationModuleListener
	public void on(TrustDropped event) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("thresholdPoints", event.thresholdPoints());
		data.put("days", 7);
		announceDrop(new DropScope(event.segment(), event.channel() == null ? null : event.channel().name()),
				event.trustBefore(), event.trustAfter(), event.at(), data, "trust.dropped", "/");
	}

	/**
	 * The weekly early warning found a scope whose trust falls faster than its usual
	 * week-to-week variation: announced as a trust drop, linking to the warnings page
	 * with the drivers and themes behind it.
	 */
	@ApplicationModuleListener
	void on(TrustWarningRaised event) {
		String segment = "SEGMENT".equals(event.scopeKind()) ? event.scopeValue() : null;
		String channel = "CHANNEL".equals(event.scopeKind()) ? event.scopeValue() : null;
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("warningId", event.warningId());
		data.put("from", event.from().toString());
		data.put("fallingSignals", event.fallingSignals());
		data.put("themes", event.themes());
		announceDrop(new DropScope(segment, channel), event.trustBefore(), event.trustAfter(), event.to(), data,
				"trust.warning", "/insights/warnings");
	}

	private record DropScope(String segment, String channel) {

		String kind() {
			return segment != null ? "segment" : channel != null ? "channel" : "company";
		}

		String name() {
			return segment != null ? segment : channel != null ? channel : "";
		}

		String query() {
			if (segment != null) {
				return "?segment=" + java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8);
			}
			return channel != null ? "?channel=" + channel : "";
		}

	}

	private void announceDrop(DropScope scope, double trustBefore, double trustAfter, Instant at,
			Map<String, Object> details, String variantPrefix, String page) {
		String path = page + scope.query();
		Map<String, Object> scopeData = new LinkedHashMap<>();
		scopeData.put("kind", scope.kind());
		scopeData.put("segment", scope.segment());
		scopeData.put("channel", scope.channel());
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("scope", scopeData);
		data.put("trustBefore", trustBefore);
		data.put("trustAfter", trustAfter);
		data.put("drop", trustBefore - trustAfter);
		data.putAll(details);
		data.put("at", at.toString());
		data.put("url", templates.link(path));
		String scopeKey = scope.segment() != null ? "segment:" + scope.segment()
				: scope.channel() != null ? "channel:" + scope.channel() : "company";
		String key = variantPrefix + ":" + scopeKey + ":" + at.toEpochMilli();
		String variant = variantPrefix + "." + scope.kind();
		announcements.announce(new Announcement(NotificationType.TRUST_DROPPED, key, at, null, 1, data,
				List.of(new Notice(variant, key, List.of(scope.name(), points(trustBefore), points(trustAfter)), path,
						1, scope.segment()))));
	}

	/** A backup failed: admins are told why, with a link to the backups page. */
	@ApplicationModuleListener
	void on(BackupFailed event) {
		String key = "backup.failed:" + event.at().toEpochMilli();
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("reason", event.messageKey());
		data.put("at", event.at().toString());
		announcements.announce(new Announcement(NotificationType.BACKUP_FAILED, key, event.at(), null, 1, data,
				List.of(new Notice(event.messageKey(), key, event.arguments(), "/admin/backups", 1))));
	}

	@ApplicationModuleListener
	void on(FeedbackImportFinished event) {
		announcements.importFinished(event);
	}

	private static Notice importNotice(NotificationType type, long importId, int count, String link) {
		return new Notice(type.eventName() + ".import", "import:" + importId + ":" + type.eventName(),
				List.of(Long.toString(importId)), link, count);
	}

	private Map<Long, Customer> customersOf(List<Long> ids) {
		Map<Long, Customer> found = new HashMap<>();
		for (Long id : ids) {
			if (!found.containsKey(id)) {
				customers.find(id).ifPresent(customer -> found.put(id, customer));
			}
		}
		return found;
	}

	private static void putCustomer(Map<String, Object> item, long customerId, Map<Long, Customer> names) {
		item.put("customerId", customerId);
		Customer customer = names.get(customerId);
		if (customer != null) {
			item.put("customerRef", customer.getReference());
			item.put("customerName", customer.getName());
		}
	}

	/**
	 * The customer's segment, which decides who is told ({@link Notice#segment});
	 * unknown: only the whole company.
	 */
	private static String segmentOf(long customerId, Map<Long, Customer> names) {
		Customer customer = names.get(customerId);
		return customer == null ? null : customer.getSegment();
	}

	private static String customerName(long customerId, Map<Long, Customer> names) {
		Customer customer = names.get(customerId);
		return customer == null ? "#" + customerId : customer.getName();
	}

	private static String points(double trust) {
		return String.format(Locale.ROOT, "%.1f", trust);
	}

}
