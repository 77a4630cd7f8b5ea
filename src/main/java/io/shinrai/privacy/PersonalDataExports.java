package io.shinrai.privacy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.shinrai.audit.AuditEvent;
import io.shinrai.audit.AuditLog;
import io.shinrai.audit.AuditType;
import io.shinrai.customer.Customer;
import io.shinrai.customer.CustomerDirectory;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.Signal;
import io.shinrai.feedback.StoredFeedback;
import io.shinrai.feedback.csv.ImportPersonalData;
import io.shinrai.recovery.RecoveryCases;
import io.shinrai.system.NotFoundException;

/**
 * Everything Shinrai holds about one customer as one document (a map that serialises to
 * JSON): the customer's fields, every feedback entry with its comment and incidents, the
 * recovery cases with their notes, the audit events about the customer, the imports that
 * carried its rows and the rejected rows that name it, and the sections of every
 * {@link PersonalDataHolder}. Each export is audited.
 */
@Service
public class PersonalDataExports {

	/**
	 * Names the layout of the document, so that readers can tell later versions apart.
	 */
	public static final String FORMAT = "shinrai-personal-data/1";

	private final CustomerDirectory customers;

	private final FeedbackLog feedback;

	private final ImportPersonalData imports;

	private final RecoveryCases recovery;

	private final List<PersonalDataHolder> holders;

	private final AuditLog audit;

	private final Clock clock;

	PersonalDataExports(CustomerDirectory customers, FeedbackLog feedback, ImportPersonalData imports,
			RecoveryCases recovery, List<PersonalDataHolder> holders, AuditLog audit, Clock clock) {
		this.clock = clock;
		this.customers = customers;
		this.feedback = feedback;
		this.imports = imports;
		this.recovery = recovery;
		this.holders = List.copyOf(holders);
		this.audit = audit;
	}

	/**
	 * @throws NotFoundException when no customer has this reference (an erased one has it
	 * no longer)
	 */
	@Transactional
	public Map<String, Object> exportByReference(String reference, String actor) {
		Optional<Customer> customer = reference == null ? Optional.empty() : customers.findByReference(reference);
		return export(customer.orElseThrow(() -> new NotFoundException("customer")).getId(), actor);
	}

	/**
	 * @throws NotFoundException when there is no such customer
	 */
	@Transactional
	public Map<String, Object> export(long customerId, String actor) {
		Customer customer = customers.find(customerId).orElseThrow(() -> new NotFoundException("customer"));
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("format", FORMAT);
		document.put("exportedAt", clock.instant());
		document.put("exportedBy", actor);
		document.put("customer", customer(customer));
		document.put("feedback", feedback.allOfCustomer(customerId).stream().map(PersonalDataExports::entry).toList());
		document.put("recoveryCases",
				recovery.withNotesOfCustomer(customerId).stream().map(PersonalDataExports::recoveryCase).toList());
		document.put("imports", imports.importsCarrying(customerId));
		List<String> values = new ArrayList<>(List.of(customer.getReference(), customer.getName()));
		if (customer.getEmail() != null) {
			values.add(customer.getEmail());
		}
		document.put("rejectedImportRows", customer.isErased() ? List.of() : imports.rejectedRowsNaming(values));
		List<String> subjects = new ArrayList<>();
		subjects.add(CustomerDirectory.auditSubject(customer.getReference()));
		subjects.addAll(feedback.auditSubjectsOf(customerId));
		subjects.addAll(recovery.auditSubjectsOf(customerId));
		document.put("auditEvents",
				audit.about(subjects, List.of(FeedbackLog.correctionMention(customer.getReference())))
					.stream()
					.map(PersonalDataExports::auditEvent)
					.toList());
		for (PersonalDataHolder holder : holders) {
			document.put(holder.section(), holder.export(customerId));
		}
		audit.record(actor, AuditType.PERSONAL_DATA_EXPORTED, CustomerDirectory.auditSubject(customer.getReference()),
				null, null, null);
		return document;
	}

	private Map<String, Object> customer(Customer customer) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("id", customer.getId());
		fields.put("reference", customer.getReference());
		fields.put("name", customer.getName());
		fields.put("segment", customer.getSegment());
		fields.put("email", customer.getEmail());
		fields.put("language", customers.language(customer));
		fields.put("createdAt", customer.getCreatedAt());
		fields.put("erasedAt", customer.getErasedAt());
		return fields;
	}

	private static Map<String, Object> entry(StoredFeedback entry) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("id", entry.id());
		fields.put("receivedAt", entry.receivedAt());
		fields.put("channel", entry.channel().name());
		fields.put("category", entry.category().name());
		Map<String, Integer> ratings = new LinkedHashMap<>();
		for (Signal signal : Signal.values()) {
			if (entry.rating(signal) != null) {
				ratings.put(signal.key(), entry.rating(signal));
			}
		}
		fields.put("ratings", ratings);
		fields.put("nps", entry.nps());
		fields.put("csat", entry.csat());
		fields.put("ces", entry.ces());
		List<Map<String, Object>> incidents = new ArrayList<>();
		entry.incidents().forEach((type, note) -> {
			Map<String, Object> incident = new LinkedHashMap<>();
			incident.put("type", type.name());
			incident.put("explanation", note);
			incidents.add(incident);
		});
		fields.put("incidents", incidents);
		fields.put("comment", entry.comment());
		fields.put("negative", entry.negative());
		fields.put("externalId", entry.externalId());
		fields.put("source", entry.source().name());
		fields.put("loggedBy", entry.loggedBy());
		fields.put("loggedAt", entry.loggedAt());
		fields.put("importId", entry.importId());
		return fields;
	}

	private static Map<String, Object> recoveryCase(RecoveryCases.CaseWithNotes recoveryCase) {
		var summary = recoveryCase.summary();
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("id", summary.id());
		fields.put("status", summary.status().name());
		fields.put("owner", summary.owner());
		fields.put("openedAt", summary.openedAt());
		fields.put("acknowledgedAt", summary.acknowledgedAt());
		fields.put("resolvedAt", summary.resolvedAt());
		fields.put("closedAt", summary.closedAt());
		fields.put("reopenedCount", summary.reopenedCount());
		fields.put("feedbackIds", summary.entryIds());
		fields.put("notes", recoveryCase.notes());
		return fields;
	}

	private static Map<String, Object> auditEvent(AuditEvent event) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("occurredAt", event.occurredAt());
		fields.put("actor", event.actor());
		fields.put("type", event.typeName());
		fields.put("subject", event.subject());
		fields.put("summary", event.summary());
		fields.put("before", event.before());
		fields.put("after", event.after());
		return fields;
	}

}
