package io.shinrai.survey;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.shinrai.audit.AuditLog;
import io.shinrai.privacy.ErasedCustomer;
import io.shinrai.privacy.PersonalDataHolder;

/**
 * The customer's survey links in its personal-data export (when each was created, mailed,
 * opened, answered). A link row holds no text about the customer: the e-mail address and
 * greeting of a mailed link are read from the customer when it is sent and not stored,
 * and answers are feedback entries, erased by the feedback module. An erasure expires the
 * links not yet answered, so that nothing can be added to the erased customer through
 * them, and renames the subject of their audit events to the erased reference.
 */
@Component
class SurveyPersonalData implements PersonalDataHolder {

	private final SurveyLinks links;

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final Clock clock;

	SurveyPersonalData(SurveyLinks links, JdbcClient jdbc, AuditLog audit, Clock clock) {
		this.clock = clock;
		this.links = links;
		this.jdbc = jdbc;
		this.audit = audit;
	}

	@Override
	public String section() {
		return "surveyLinks";
	}

	@Override
	public Object export(long customerId) {
		return links.ofCustomer(customerId);
	}

	@Override
	public void erase(ErasedCustomer customer) {
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.sql("""
				update survey_link set expires_at = greatest(?, created_at + interval '1 microsecond')
				where customer_id = ? and answered_at is null and expires_at > ?
				""").params(now, customer.id(), now).update();
		// SURVEY_LINK_CREATED events name the customer by reference in their subject
		audit.redact(List.of(SurveyLinks.auditSubject(customer.reference())), List.of(),
				SurveyLinks.auditSubject(customer.erasedReference()));
	}

}
