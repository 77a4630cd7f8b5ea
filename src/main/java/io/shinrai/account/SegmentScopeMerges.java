package io.shinrai.account;

import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.shinrai.customer.MergeParticipant;

/**
 * A user limited to a merged segment is limited to the survivor instead, so the merge
 * neither hides the moved customers from them nor shows them anything new.
 */
@Component
class SegmentScopeMerges implements MergeParticipant {

	private final JdbcClient jdbc;

	SegmentScopeMerges(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<String, Long> segmentRows(String segment) {
		return Map.of("merge.rows.userScopes",
				jdbc.sql("select count(*) from app_user_segment where segment = ?")
					.param(segment)
					.query(Long.class)
					.single());
	}

	@Override
	public void moveSegment(String absorbed, String survivor) {
		jdbc.sql("""
				insert into app_user_segment (user_id, segment)
				select user_id, ? from app_user_segment where segment = ?
				on conflict do nothing
				""").params(survivor, absorbed).update();
		jdbc.sql("delete from app_user_segment where segment = ?").param(absorbed).update();
	}

}
