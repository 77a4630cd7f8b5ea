package io.shinrai.survey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.shinrai.audit.AuditLog;
import io.shinrai.audit.AuditType;
import io.shinrai.customer.Customer;
import io.shinrai.customer.CustomerDirectory;
import io.shinrai.customer.CustomerExport;
import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.NewFeedback;
import io.shinrai.feedback.Source;
import io.shinrai.feedback.StoredFeedback;
import io.shinrai.feedback.Violation;
import io.shinrai.recovery.RecoveryCases;
import io.shinrai.recovery.RecoveryStatus;
import io.shinrai.system.NotFoundException;
import io.shinrai.system.OutboundProperties;
import io.shinrai.system.SegmentScope;

/**
 * Survey links: created by managers for a customer (optionally about one of its recovery
 * cases), opened and answered by the customer on the public page {@code /s/{token}}. An
 * answer is stored through {@link FeedbackLog} like every entry (source and channel
 * SURVEY), so scores, statuses and cases follow as for any entry; a link about a case
 * also records the answer on the case ({@link RecoveryCases#recordCustomerAnswer}). A
 * link is answered once: the link row is locked while its answer is stored, and the
 * entry's external id {@code survey-link-<id>} is unique as well.
 */
@Service
@Transactional
public class SurveyLinks {

	public static final int DEFAULT_EXPIRES_IN_DAYS = 14;

	public static final int MAX_EXPIRES_IN_DAYS = 90;

	/**
	 * Who "logged" an answer: not a user name (user names cannot hold parentheses), so it
	 * is never taken for one.
	 */
	static final String LOGGED_BY = "(customer)";

	static final int LIST_LIMIT = 50;

	private final SurveyLinkRows rows;

	private final CustomerDirectory customers;

	private final CustomerExport customerExport;

	private final FeedbackLog feedback;

	private final RecoveryCases cases;

	private final ApplicationEventPublisher events;

	private final AuditLog audit;

	private final String baseUrl;

	private final SurveyMailer mailer;

	private final Clock clock;

	SurveyLinks(SurveyLinkRows rows, CustomerDirectory customers, CustomerExport customerExport, FeedbackLog feedback,
			RecoveryCases cases, ApplicationEventPublisher events, AuditLog audit, SurveyMailer mailer, Clock clock,
			OutboundProperties outbound) {
		this.audit = audit;
		this.mailer = mailer;
		this.clock = clock;
		this.rows = rows;
		this.customers = customers;
		this.customerExport = customerExport;
		this.feedback = feedback;
		this.cases = cases;
		this.events = events;
		this.baseUrl = outbound.baseUrl();
	}

	/**
	 * Creates a link for the customer, optionally about one of its cases, valid for
	 * {@code expiresInDays} (1 to {@value #MAX_EXPIRES_IN_DAYS}; {@code null}:
	 * {@value #DEFAULT_EXPIRES_IN_DAYS}).
	 * @throws NotFoundException when there is no such customer
	 * @throws SurveyLinkRefusedException when the case is not the customer's or the
	 * expiry is out of range
	 */
	public IssuedLink issue(long customerId, Long caseId, Integer expiresInDays, String actor) {
		return issue(customerId, caseId, expiresInDays, actor, SegmentScope.all());
	}

	/**
	 * {@link #issue(long, Long, Integer, String)} by a user who sees the segments
	 * {@code scope}.
	 */
	public IssuedLink issue(long customerId, Long caseId, Integer expiresInDays, String actor, SegmentScope scope) {
		return issue(customers.get(customerId, scope), caseId, expiresInDays, actor);
	}

	/**
	 * Like {@link #issue(long, Long, Integer, String)}, the customer named by its CRM
	 * reference.
	 */
	public IssuedLink issue(String customerRef, Long caseId, Integer expiresInDays, String actor) {
		return issue(customerRef, caseId, expiresInDays, actor, SegmentScope.all());
	}

	/**
	 * {@link #issue(String, Long, Integer, String)} by a user who sees the segments
	 * {@code scope}: a customer outside them is refused as unknown.
	 */
	public IssuedLink issue(String customerRef, Long caseId, Integer expiresInDays, String actor, SegmentScope scope) {
		Customer customer = customers.findByReference(customerRef == null ? "" : customerRef.strip(), scope)
			.orElseThrow(() -> new SurveyLinkRefusedException("customerRef", "survey.refused.unknownCustomer"));
		return issue(customer, caseId, expiresInDays, actor);
	}

	/**
	 * Creates one link (without case) for every customer of the segment ({@code null} or
	 * blank: every customer), in reference order, handing each to {@code sink} with its
	 * customer as it goes (for a CSV of any size).
	 */
	public int issueForSegment(String segment, Integer expiresInDays, String actor,
			BiConsumer<Customer, IssuedLink> sink) {
		return issueForSegment(segment, expiresInDays, actor, SegmentScope.all(), sink);
	}

	/**
	 * {@link #issueForSegment(String, Integer, String, BiConsumer)} among the customers
	 * of the segments {@code scope}.
	 */
	public int issueForSegment(String segment, Integer expiresInDays, String actor, SegmentScope scope,
			BiConsumer<Customer, IssuedLink> sink) {
		Duration validity = validity(expiresInDays);
		int[] count = { 0 };
		customerExport.forEach(null, segment, scope, customer -> {
			sink.accept(customer, create(customer, null, validity, actor));
			count[0]++;
		});
		audit.record(actor, AuditType.SURVEY_LINK_CREATED, "segment:" + (segment == null ? "" : segment),
				count[0] + " links for a mail merge, valid " + validity.toDays() + " days");
		return count[0];
	}

	/**
	 * Creates a link like {@link #issue(long, Long, Integer, String)} and e-mails it to
	 * the customer in the customer's language: the mail is queued in this transaction and
	 * sent (with retries) by the notification module's dispatcher, and the link counts as
	 * e-mailed.
	 * @throws SurveyLinkRefusedException when mail is not configured or the customer has
	 * no e-mail address (no link is created), or as
	 * {@link #issue(long, Long, Integer, String)}
	 */
	public IssuedLink issueByEmail(long customerId, Long caseId, Integer expiresInDays, String actor) {
		Customer customer = customers.find(customerId)
			.orElseThrow(() -> new NotFoundException("customer " + customerId));
		if (!mailer.isConfigured()) {
			throw new SurveyLinkRefusedException("delivery", "survey.links.mailNotConfigured");
		}
		String email = customer.getEmail() == null ? "" : customer.getEmail().strip();
		if (email.isEmpty()) {
			throw new SurveyLinkRefusedException("delivery", "survey.links.noEmail");
		}
		IssuedLink link = issue(customer, caseId, expiresInDays, actor);
		mailer.send(link, email, customer.getName(), Locale.forLanguageTag(customers.language(customer)));
		rows.markEmailed(link.id(), clock.instant());
		return link;
	}

	/** Whether links can be e-mailed ({@link #issueByEmail}). */
	@Transactional(readOnly = true)
	public boolean canEmail() {
		return mailer.isConfigured();
	}

	/** The customer's links, newest first (at most {@value #LIST_LIMIT}). */
	@Transactional(readOnly = true)
	public List<SurveyLinkView> ofCustomer(long customerId) {
		Instant now = clock.instant();
		return rows.ofCustomer(customerId, LIST_LIMIT).stream().map(row -> row.view(now)).toList();
	}

	/** The case's links, newest first (at most {@value #LIST_LIMIT}). */
	@Transactional(readOnly = true)
	public List<SurveyLinkView> ofCase(long caseId) {
		Instant now = clock.instant();
		return rows.ofCase(caseId, LIST_LIMIT).stream().map(row -> row.view(now)).toList();
	}

	/**
	 * What the public page shows for a token, recording the first opening of a link that
	 * can be answered. Unknown, answered and expired links change nothing.
	 */
	public SurveyInvitation open(String token) {
		Optional<SurveyLinkRows.Row> found = find(token);
		if (found.isEmpty()) {
			return SurveyInvitation.unknown();
		}
		SurveyLinkRows.Row row = found.get();
		Instant now = clock.instant();
		Customer customer = customers.get(row.customerId());
		Locale language = Locale.forLanguageTag(customers.language(customer));
		SurveyLinkState state = row.state(now);
		if (state == SurveyLinkState.ANSWERED || state == SurveyLinkState.EXPIRED) {
			return new SurveyInvitation(state, null, language, row.caseId() != null);
		}
		rows.markOpened(row.id(), now);
		return new SurveyInvitation(SurveyLinkState.OPENED, customer.getName(), language, row.caseId() != null);
	}

	/**
	 * Stores the customer's answer once. An answer breaking a rule stores nothing and
	 * reports why; a second answer (a double submit, another tab) is refused as
	 * {@link SurveyLinkState#ANSWERED} and stores nothing.
	 */
	public AnswerOutcome answer(String token, SurveyAnswer answer) {
		if (!SurveyTokens.isWellFormed(token)) {
			return new AnswerOutcome.Refused(null);
		}
		Optional<SurveyLinkRows.Row> locked = rows.lockByHash(SurveyTokens.hash(token));
		if (locked.isEmpty()) {
			return new AnswerOutcome.Refused(null);
		}
		SurveyLinkRows.Row link = locked.get();
		Instant now = clock.instant();
		SurveyLinkState state = link.state(now);
		if (state == SurveyLinkState.ANSWERED || state == SurveyLinkState.EXPIRED) {
			return new AnswerOutcome.Refused(state);
		}
		if (answer.isEmpty()) {
			return new AnswerOutcome.Invalid(List.of(new Violation("ratings", "survey.answer.empty")));
		}
		Customer customer = customers.get(link.customerId());
		NewFeedback entry = entry(link, customer, answer, now);
		List<Violation> violations = feedback.check(entry);
		if (!violations.isEmpty()) {
			return new AnswerOutcome.Invalid(violations);
		}
		RecoveryStatus statusBefore = link.caseId() == null ? null : cases.statusOf(link.caseId());
		StoredFeedback stored = feedback.log(entry);
		rows.markAnswered(link.id(), now, stored.id());
		boolean confirmed = link.caseId() != null
				&& cases.recordCustomerAnswer(link.caseId(), stored.id(), stored.negative(), now, statusBefore);
		events.publishEvent(new SurveyAnswered(link.id(), link.customerId(), link.caseId(), stored.id(),
				stored.negative(), confirmed));
		return new AnswerOutcome.Stored(stored.id(), Locale.forLanguageTag(customers.language(customer)));
	}

	/** The customer's language for a token's pages, when the token is known. */
	@Transactional(readOnly = true)
	public Optional<Locale> languageOf(String token) {
		return find(token).map(row -> Locale.forLanguageTag(customers.language(customers.get(row.customerId()))));
	}

	private Optional<SurveyLinkRows.Row> find(String token) {
		if (!SurveyTokens.isWellFormed(token)) {
			return Optional.empty();
		}
		return rows.findByHash(SurveyTokens.hash(token));
	}

	private IssuedLink issue(Customer customer, Long caseId, Integer expiresInDays, String actor) {
		Duration validity = validity(expiresInDays);
		if (caseId != null && !cases.belongsTo(caseId, customer.getId())) {
			throw new SurveyLinkRefusedException("caseId", "survey.refused.caseNotOfCustomer", caseId);
		}
		IssuedLink link = create(customer, caseId, validity, actor);
		audit.record(actor, AuditType.SURVEY_LINK_CREATED, auditSubject(customer.getReference()),
				"survey link " + link.id() + (caseId == null ? "" : " about case " + caseId) + ", valid "
						+ validity.toDays() + " days");
		return link;
	}

	private IssuedLink create(Customer customer, Long caseId, Duration validity, String actor) {
		String token = SurveyTokens.generate();
		Instant now = clock.instant();
		Instant expiresAt = now.plus(validity).truncatedTo(ChronoUnit.MICROS);
		long id = rows.insert(SurveyTokens.hash(token), customer.getId(), caseId, actor, now, expiresAt);
		return new IssuedLink(id, customer.getId(), caseId, baseUrl + "/s/" + token, expiresAt);
	}

	private static Duration validity(Integer expiresInDays) {
		int days = expiresInDays == null ? DEFAULT_EXPIRES_IN_DAYS : expiresInDays;
		if (days < 1 || days > MAX_EXPIRES_IN_DAYS) {
			throw new SurveyLinkRefusedException("expiresInDays", "survey.refused.expiresInDays", 1,
					MAX_EXPIRES_IN_DAYS);
		}
		return Duration.ofDays(days);
	}

	private static NewFeedback entry(SurveyLinkRows.Row link, Customer customer, SurveyAnswer answer, Instant now) {
		return NewFeedback.builder()
			.customer(customer.getReference(), null, null)
			.receivedAt(now)
			.channel(Channel.SURVEY)
			.category(Category.OTHER)
			.ratings(answer.ratings())
			.nps(answer.nps())
			.csat(answer.csat())
			.ces(answer.ces())
			.comment(answer.comment())
			.externalId("survey-link-" + link.id())
			.source(Source.SURVEY)
			.loggedBy(LOGGED_BY)
			.build();
	}

	/** How an answer went. */
	/** The subject of the audit events about a customer's links. */
	static String auditSubject(String customerRef) {
		return "customer:" + customerRef;
	}

	public sealed interface AnswerOutcome {

		/** Stored as feedback entry {@code feedbackId}. */
		record Stored(long feedbackId, Locale language) implements AnswerOutcome {
		}

		/** Nothing stored: the answer breaks these rules. */
		record Invalid(List<Violation> violations) implements AnswerOutcome {

			public Invalid {
				violations = new ArrayList<>(violations);
			}

		}

		/**
		 * Nothing stored: the link is answered already, expired, or unknown
		 * ({@code state == null}).
		 */
		record Refused(SurveyLinkState state) implements AnswerOutcome {
		}

	}

}
