package io.shinrai.survey;

import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.shinrai.customer.MergeParticipant;

/**
 * A merged customer's survey links become the survivor's: a link still open answers for
 * the survivor, and answered links keep their answers (entries that move with the
 * feedback).
 */
@Component
class SurveyMerges implements MergeParticipant {

	private final JdbcClient jdbc;

	SurveyMerges(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<String, Long> customerRows(long customerId) {
		return Map.of("merge.rows.surveyLinks",
				jdbc.sql("select count(*) from survey_link where customer_id = ?")
					.param(customerId)
					.query(Long.class)
					.single());
	}

	@Override
	public void moveCustomer(long absorbedId, long survivorId) {
		jdbc.sql("update survey_link set customer_id = ? where customer_id = ?")
			.params(survivorId, absorbedId)
			.update();
	}

}
