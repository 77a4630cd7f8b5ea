package io.shinrai.insight;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.shinrai.customer.MergeParticipant;

/**
 * Comment terms are counted per segment: entries that changed segment in a merge are
 * queued to be counted again ({@link TermCountMaintenance} takes out what each
 * contributed under its old segment and adds it under the new one).
 */
@Component
class InsightMerges implements MergeParticipant {

	private final JdbcClient jdbc;

	InsightMerges(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Phase phase() {
		return Phase.RECOMPUTE;
	}

	@Override
	public void moveCustomer(long absorbedId, long survivorId) {
		jdbc.sql("""
				insert into insight_term_pending (feedback_id)
				select e.feedback_id from insight_entry_terms e
				join feedback_record r on r.feedback_id = e.feedback_id
				where r.customer_id = ? and e.segment <> r.segment
				on conflict do nothing
				""").param(survivorId).update();
	}

	@Override
	public void moveSegment(String absorbed, String survivor) {
		jdbc.sql("""
				insert into insight_term_pending (feedback_id)
				select feedback_id from insight_entry_terms where segment = ?
				on conflict do nothing
				""").param(absorbed).update();
	}

}
