package io.shinrai.survey;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.shinrai.TestUsers;
import io.shinrai.customer.Customer;
import io.shinrai.customer.CustomerDetails;
import io.shinrai.customer.CustomerDirectory;
import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.NewFeedback;
import io.shinrai.feedback.Source;
import io.shinrai.recovery.CaseSummary;
import io.shinrai.recovery.RecoveryAction;
import io.shinrai.recovery.RecoveryCases;

/** Customers with a case, through the real services, for the survey and promise tests. */
public record SurveyFixtures(CustomerDirectory customers, FeedbackLog feedback, RecoveryCases cases) {

	public Customer customer(String language) {
		String reference = "S-" + UUID.randomUUID();
		return customers.create(new CustomerDetails(reference, "Kunde " + reference.substring(2, 8),
				"S-" + UUID.randomUUID(), "c@example.com", language), TestUsers.MANAGER);
	}

	/**
	 * Logs a negative entry (an incident) for the customer; the recovery opener opens its
	 * case.
	 */
	public long negativeEntry(Customer customer) {
		return feedback
			.log(NewFeedback.builder()
				.customer(customer.getReference(), null, null)
				.receivedAt(Instant.now().minus(1, ChronoUnit.HOURS))
				.channel(Channel.PHONE)
				.category(Category.SERVICE)
				.incident(IncidentType.INSUFFICIENT_SUPPORT, null)
				.source(Source.FORM)
				.loggedBy(TestUsers.MANAGER)
				.build())
			.id();
	}

	public CaseSummary openCase(Customer customer) {
		negativeEntry(customer);
		return cases.ofCustomer(customer.getId()).get(0);
	}

	public CaseSummary resolvedCase(Customer customer) {
		CaseSummary opened = openCase(customer);
		cases.apply(opened.id(), cases.details(opened.id()).version(), RecoveryAction.ACKNOWLEDGE, TestUsers.MANAGER);
		cases.apply(opened.id(), cases.details(opened.id()).version(), RecoveryAction.RESOLVE, TestUsers.MANAGER);
		return cases.ofCustomer(customer.getId()).get(0);
	}

	public static String token(IssuedLink link) {
		return link.url().substring(link.url().lastIndexOf('/') + 1);
	}

}
