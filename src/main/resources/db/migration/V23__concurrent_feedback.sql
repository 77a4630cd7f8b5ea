-- Many clients logging feedback at once.
--
-- 1. Every entry logged now updates the day's sums row of its segment and channel, and holds its lock until its
--    transaction commits: at 20 concurrent clients a quarter of their time in the database went waiting for those
--    few rows. A day's sums are now split into shards: an entry stored alone (form, API) goes to the shard of its
--    database session (one of eight), a batch (import) to shard 0, so concurrent requests rarely wait for each other.
--    Readers already add the rows of a day up; rebuilding days writes them back as one shard.
-- 2. The function's statements were planned again on every call: about 2 ms for one entry, more than storing it. One
--    entry now runs their generic plan (0.6 ms); a batch is still planned for its size (a generic plan made imports
--    15 % slower).

-- (the last column: the rebuilds insert the table's columns in order and leave it at 0)
alter table trust_daily_sums add column shard smallint not null default 0;
alter table trust_daily_sums drop constraint trust_daily_sums_pkey,
    add constraint trust_daily_sums_pkey primary key (basis_id, day, segment, channel, shard);

create or replace function scoring_add_entries(p_feedback_ids bigint[]) returns void language plpgsql
set plan_cache_mode = auto as $$
declare
    v_shard smallint := case when cardinality(p_feedback_ids) = 1 then pg_backend_pid() % 8 else 0 end;
begin
    -- for the rest of this call only (the SET clause above restores the caller's setting)
    perform set_config('plan_cache_mode',
        case when cardinality(p_feedback_ids) = 1 then 'force_generic_plan' else 'force_custom_plan' end, true);
    perform pg_advisory_xact_lock_shared(7351900);
    insert into customer_trust_sums as s
    select basis_id, customer_id,
           sum(wp_transparency), sum(w_transparency), sum(wp_consistency), sum(w_consistency),
           sum(wp_communication), sum(w_communication), sum(wp_quality), sum(w_quality),
           sum(wp_values), sum(w_values), count(*), max(received_at)
    from scoring_contribution
    where feedback_id = any(p_feedback_ids)
      and basis_id in (select id from scoring_basis where state in ('BUILDING', 'READY') and time_zone is not null)
    group by basis_id, customer_id
    order by basis_id, customer_id
    on conflict (basis_id, customer_id) do update set
        wp_transparency = s.wp_transparency + excluded.wp_transparency,
        w_transparency = s.w_transparency + excluded.w_transparency,
        wp_consistency = s.wp_consistency + excluded.wp_consistency,
        w_consistency = s.w_consistency + excluded.w_consistency,
        wp_communication = s.wp_communication + excluded.wp_communication,
        w_communication = s.w_communication + excluded.w_communication,
        wp_quality = s.wp_quality + excluded.wp_quality,
        w_quality = s.w_quality + excluded.w_quality,
        wp_values = s.wp_values + excluded.wp_values,
        w_values = s.w_values + excluded.w_values,
        entries = s.entries + excluded.entries,
        last_received_at = greatest(s.last_received_at, excluded.last_received_at);

    insert into trust_daily_sums as s
    select basis_id, day, segment, channel,
           sum(wp_transparency), sum(w_transparency), sum(wp_consistency), sum(w_consistency),
           sum(wp_communication), sum(w_communication), sum(wp_quality), sum(w_quality),
           sum(wp_values), sum(w_values), count(*), count(*) filter (where negative),
           count(*) filter (where nps >= 9), count(*) filter (where nps <= 6), count(nps),
           count(*) filter (where csat >= 4), count(csat), coalesce(sum(ces), 0), count(ces),
           v_shard
    from scoring_contribution
    where feedback_id = any(p_feedback_ids)
      and basis_id in (select id from scoring_basis where state in ('BUILDING', 'READY') and time_zone is not null)
    group by basis_id, day, segment, channel
    order by basis_id, day, segment, channel
    on conflict (basis_id, day, segment, channel, shard) do update set
        wp_transparency = s.wp_transparency + excluded.wp_transparency,
        w_transparency = s.w_transparency + excluded.w_transparency,
        wp_consistency = s.wp_consistency + excluded.wp_consistency,
        w_consistency = s.w_consistency + excluded.w_consistency,
        wp_communication = s.wp_communication + excluded.wp_communication,
        w_communication = s.w_communication + excluded.w_communication,
        wp_quality = s.wp_quality + excluded.wp_quality,
        w_quality = s.w_quality + excluded.w_quality,
        wp_values = s.wp_values + excluded.wp_values,
        w_values = s.w_values + excluded.w_values,
        entries = s.entries + excluded.entries,
        negatives = s.negatives + excluded.negatives,
        nps_promoters = s.nps_promoters + excluded.nps_promoters,
        nps_detractors = s.nps_detractors + excluded.nps_detractors,
        nps_responses = s.nps_responses + excluded.nps_responses,
        csat_top2 = s.csat_top2 + excluded.csat_top2,
        csat_responses = s.csat_responses + excluded.csat_responses,
        ces_sum = s.ces_sum + excluded.ces_sum,
        ces_responses = s.ces_responses + excluded.ces_responses;
end
$$;
