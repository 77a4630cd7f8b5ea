-- Scoring (docs/scoring.md): immutable policy versions, and the forward-decay sums that let any customer, segment, channel
-- or the company be scored as of any instant without reading every feedback entry.

-- The sums depend only on the half-life and the severities: one "basis" per combination in use, matched to policy
-- versions by those values. Weights, prior, thresholds and the risk rule apply on top of the sums when reading, so
-- changing them needs no recomputation. A new basis is built in the background (BUILDING) while the one READY basis
-- keeps serving the newest version that matches it; see BasisBuilder.
create table scoring_basis (
    id               bigserial        primary key,
    half_life_days   double precision not null,
    -- severity per incident type, as in the policy: {"BROKEN_PROMISE": 3, ...}
    severities       jsonb            not null,
    -- the same severities grouped by the signal each type belongs to: {"consistency": {"BROKEN_PROMISE": 3, ...}, ...}
    incident_weights jsonb            not null,
    -- forward decay measures time from here: an entry at t is stored with weight 2^((t - landmark) / H), which stays
    -- far from overflow within ±900 half-lives; readers fall back to the raw rows outside that range
    landmark         timestamptz      not null,
    -- the days of trust_daily_sums are calendar days in this zone (set when the basis is first built)
    time_zone        varchar(64),
    state            varchar(10)      not null check (state in ('BUILDING', 'READY', 'RETIRED', 'ABANDONED')),
    -- the policy version whose activation asked for this basis
    requested_for    integer          not null,
    requested_at     timestamptz      not null default now(),
    started_at       timestamptz,
    finished_at      timestamptz,
    -- when a newer basis replaced it; its rows are deleted a minute later
    retired_at       timestamptz,
    -- progress of the build in feedback entries processed (each entry is processed twice: per customer, per day)
    done             bigint           not null default 0,
    total            bigint           not null default 0,
    -- the application instance building it and when it last made progress (another instance takes over when stale)
    worker           varchar(200),
    heartbeat_at     timestamptz,
    failure          varchar(2000)
);

create table scoring_policy (
    version                  integer          primary key,
    -- weight per signal key: {"transparency": 20, ...}
    weights                  jsonb            not null,
    half_life_days           double precision not null check (half_life_days between 7 and 3650),
    prior_strength           double precision not null check (prior_strength between 0 and 50),
    prior_mean               double precision not null check (prior_mean between 0 and 100),
    -- severity per incident type: {"BROKEN_PROMISE": 3, ...}
    severities               jsonb            not null,
    low_threshold            double precision not null check (low_threshold >= 0),
    high_threshold           double precision not null check (high_threshold <= 100),
    risk_window_days         integer          not null check (risk_window_days between 7 and 365),
    at_risk_count            integer          not null check (at_risk_count between 1 and 10),
    acknowledge_within_hours integer          not null check (acknowledge_within_hours between 1 and 720),
    activated_at             timestamptz      not null,
    activated_by             varchar(64)      not null,
    reason                   varchar(1000)    not null,
    -- a re-activation of an older version is stored as a copy; this names the version copied
    copied_from              integer,
    active                   boolean          not null,
    constraint scoring_policy_thresholds check (low_threshold < high_threshold)
);
-- exactly one version is active
create unique index scoring_policy_one_active_idx on scoring_policy (active) where active;

-- Versions are history: only the active flag may ever change.
create function scoring_policy_immutable() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        raise exception 'scoring policy versions are kept forever';
    end if;
    if (to_jsonb(new) - 'active') is distinct from (to_jsonb(old) - 'active') then
        raise exception 'scoring policy versions are immutable; activate a new version instead';
    end if;
    return new;
end
$$;
create trigger scoring_policy_immutable before update or delete on scoring_policy
    for each row execute function scoring_policy_immutable();

-- Version 1: the defaults of docs/scoring.md. Its basis gets its time zone and is built at the first start.
insert into scoring_basis (id, half_life_days, severities, incident_weights, landmark, state, requested_for)
values (1, 90,
        '{"MISLEADING_CLAIM": 2, "HIDDEN_INFORMATION": 2, "HIDDEN_FEES": 2, "UNFAIR_PRICING": 1, "DATA_MISUSE": 3,
          "BROKEN_PROMISE": 3, "INCONSISTENT_SERVICE": 1, "INSUFFICIENT_SUPPORT": 2, "IGNORED_FEEDBACK": 2,
          "NO_PERSONALIZATION": 1, "PRODUCT_DEFECT": 2, "ETHICAL_LAPSE": 2, "INAPPROPRIATE_MARKETING": 1}',
        '{"transparency": {"MISLEADING_CLAIM": 2, "HIDDEN_INFORMATION": 2, "HIDDEN_FEES": 2, "UNFAIR_PRICING": 1,
                           "DATA_MISUSE": 3},
          "consistency": {"BROKEN_PROMISE": 3, "INCONSISTENT_SERVICE": 1},
          "communication": {"INSUFFICIENT_SUPPORT": 2, "IGNORED_FEEDBACK": 2, "NO_PERSONALIZATION": 1},
          "quality": {"PRODUCT_DEFECT": 2},
          "values": {"ETHICAL_LAPSE": 2, "INAPPROPRIATE_MARKETING": 1}}',
        date_trunc('day', now() at time zone 'UTC') at time zone 'UTC', 'BUILDING', 1);
select setval('scoring_basis_id_seq', 1);

insert into scoring_policy (version, weights, half_life_days, prior_strength, prior_mean, severities, low_threshold,
                            high_threshold, risk_window_days, at_risk_count, acknowledge_within_hours, activated_at,
                            activated_by, reason, active)
select 1, '{"transparency": 20, "consistency": 20, "communication": 20, "quality": 20, "values": 20}', 90, 2, 50,
       severities, 40, 70, 90, 2, 24, now(), 'system', 'Defaults of docs/scoring.md', true
from scoring_basis where id = 1;

-- Per customer and basis: Σ b·p·2^((t - landmark)/H) and Σ b·2^((t - landmark)/H) of every signal over all of the
-- customer's entries. The customers list scores every customer from these in one query.
create table customer_trust_sums (
    basis_id             bigint           not null,
    customer_id          bigint           not null,
    wp_transparency      double precision not null,
    w_transparency       double precision not null,
    wp_consistency       double precision not null,
    w_consistency        double precision not null,
    wp_communication     double precision not null,
    w_communication      double precision not null,
    wp_quality           double precision not null,
    w_quality            double precision not null,
    wp_values            double precision not null,
    w_values             double precision not null,
    entries              integer          not null,
    last_received_at     timestamptz      not null,
    primary key (basis_id, customer_id)
);

-- The same sums per calendar day (in the basis' time zone), segment and channel, plus what the satisfaction metrics
-- and the dashboard count. A scope's score as of T = the days before T's day + T's day so far from the raw rows.
create table trust_daily_sums (
    basis_id             bigint           not null,
    day                  date             not null,
    segment              varchar(100)     not null,
    channel              varchar(20)      not null,
    wp_transparency      double precision not null,
    w_transparency       double precision not null,
    wp_consistency       double precision not null,
    w_consistency        double precision not null,
    wp_communication     double precision not null,
    w_communication      double precision not null,
    wp_quality           double precision not null,
    w_quality            double precision not null,
    wp_values            double precision not null,
    w_values             double precision not null,
    entries              integer          not null,
    negatives            integer          not null,
    nps_promoters        integer          not null,
    nps_detractors       integer          not null,
    nps_responses        integer          not null,
    csat_top2            integer          not null,
    csat_responses       integer          not null,
    ces_sum              integer          not null,
    ces_responses        integer          not null,
    primary key (basis_id, day, segment, channel)
);

-- status of every customer: its negative entries inside the risk window, read from the index alone
create index feedback_negative_customer_idx on feedback (received_at, customer_id) where negative;
-- the customers list in name order
create index customer_lower_name_idx on customer (lower(name), id);

-- What one feedback entry adds to the sums of one basis. The incident weights of a signal are the basis' severities
-- of the entry's incidents on that signal. Entries more than 960 half-lives after the landmark would overflow the
-- sums: they count 0 here and readers use the raw rows for instants that far out. (The decay is computed once per row
-- behind "offset 0", with a float epoch: a flattened subquery would evaluate power() once per column. The customer
-- join is a left join so that the planner drops it where the segment is not needed.)
create view scoring_contribution as
select b.id                                                           as basis_id,
       f.id                                                           as feedback_id,
       f.customer_id,
       c.segment,
       f.channel,
       f.received_at,
       (f.received_at at time zone b.time_zone)::date                 as day,
       f.negative,
       f.nps,
       f.csat,
       f.ces,
       d.g * coalesce(25 * (f.rating_transparency - 1), 0)            as wp_transparency,
       d.g * ((f.rating_transparency is not null)::int + i.transparency) as w_transparency,
       d.g * coalesce(25 * (f.rating_consistency - 1), 0)             as wp_consistency,
       d.g * ((f.rating_consistency is not null)::int + i.consistency) as w_consistency,
       d.g * coalesce(25 * (f.rating_communication - 1), 0)           as wp_communication,
       d.g * ((f.rating_communication is not null)::int + i.communication) as w_communication,
       d.g * coalesce(25 * (f.rating_quality - 1), 0)                 as wp_quality,
       d.g * ((f.rating_quality is not null)::int + i.quality)         as w_quality,
       d.g * coalesce(25 * (f.rating_values - 1), 0)                  as wp_values,
       d.g * ((f.rating_values is not null)::int + i.values)           as w_values
from feedback f
left join customer c on c.id = f.customer_id
cross join scoring_basis b
cross join lateral (
    select case when e.x between -1070 and 960 then power(2::float8, e.x) else 0::float8 end as g
    from (select date_part('epoch', f.received_at - b.landmark) / 86400 / b.half_life_days as x) e
    offset 0
) d
cross join lateral (
    select coalesce(sum((b.incident_weights -> 'transparency' ->> t)::float8), 0)  as transparency,
           coalesce(sum((b.incident_weights -> 'consistency' ->> t)::float8), 0)   as consistency,
           coalesce(sum((b.incident_weights -> 'communication' ->> t)::float8), 0) as communication,
           coalesce(sum((b.incident_weights -> 'quality' ->> t)::float8), 0)       as quality,
           coalesce(sum((b.incident_weights -> 'values' ->> t)::float8), 0)        as values
    from unnest(f.incident_types) t
) i;

-- Writers of the sums and rebuilds are serialised by one advisory lock (key 7351900): storing feedback shares it,
-- rebuilds, corrections and segment changes take it alone, so a rebuild never misses an entry in flight.

-- Adds newly stored entries to every live basis (set-based, one statement per table; rows in key order so that
-- concurrent writers lock them in the same order and cannot deadlock).
create function scoring_add_entries(p_feedback_ids bigint[]) returns void language plpgsql as $$
begin
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
           count(*) filter (where csat >= 4), count(csat), coalesce(sum(ces), 0), count(ces)
    from scoring_contribution
    where feedback_id = any(p_feedback_ids)
      and basis_id in (select id from scoring_basis where state in ('BUILDING', 'READY') and time_zone is not null)
    group by basis_id, day, segment, channel
    order by basis_id, day, segment, channel
    on conflict (basis_id, day, segment, channel) do update set
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

-- Recomputes the customers with ids in [p_from, p_to] of one basis from their feedback; returns the entries read.
-- The caller holds the advisory lock alone.
create function scoring_rebuild_customers(p_basis bigint, p_from bigint, p_to bigint) returns bigint
language plpgsql as $$
declare
    n bigint;
begin
    delete from customer_trust_sums where basis_id = p_basis and customer_id between p_from and p_to;
    with inserted as (
        insert into customer_trust_sums
        select basis_id, customer_id,
               sum(wp_transparency), sum(w_transparency), sum(wp_consistency), sum(w_consistency),
               sum(wp_communication), sum(w_communication), sum(wp_quality), sum(w_quality),
               sum(wp_values), sum(w_values), count(*), max(received_at)
        from scoring_contribution
        where basis_id = p_basis and customer_id between p_from and p_to
        group by basis_id, customer_id
        returning entries)
    select coalesce(sum(entries), 0) into n from inserted;
    return n;
end
$$;

-- Recomputes the given days of one basis from the feedback, for the given segments (null: all); returns the entries
-- read. The caller holds the advisory lock alone.
create function scoring_rebuild_days(p_basis bigint, p_days date[], p_segments varchar[]) returns bigint
language plpgsql as $$
declare
    zone varchar;
    n    bigint;
begin
    select time_zone into zone from scoring_basis where id = p_basis;
    delete from trust_daily_sums
    where basis_id = p_basis and day = any(p_days) and (p_segments is null or segment = any(p_segments));
    with inserted as (
        insert into trust_daily_sums
        select c.basis_id, c.day, c.segment, c.channel,
               sum(wp_transparency), sum(w_transparency), sum(wp_consistency), sum(w_consistency),
               sum(wp_communication), sum(w_communication), sum(wp_quality), sum(w_quality),
               sum(wp_values), sum(w_values), count(*), count(*) filter (where negative),
               count(*) filter (where nps >= 9), count(*) filter (where nps <= 6), count(nps),
               count(*) filter (where csat >= 4), count(csat), coalesce(sum(ces), 0), count(ces)
        from unnest(p_days) d(day)
        join scoring_contribution c
          on c.basis_id = p_basis
         and c.received_at >= (d.day::timestamp at time zone zone)
         and c.received_at < ((d.day + 1)::timestamp at time zone zone)
        where p_segments is null or c.segment = any(p_segments)
        group by c.basis_id, c.day, c.segment, c.channel
        returning entries)
    select coalesce(sum(entries), 0) into n from inserted;
    return n;
end
$$;

-- A correction changed entries of these customers at these instants (before and after): recompute exactly what they
-- touch in every live basis, from the rows as they are now.
create function scoring_recompute(p_customer_ids bigint[], p_instants timestamptz[]) returns void
language plpgsql as $$
declare
    b        record;
    customer bigint;
begin
    perform pg_advisory_xact_lock(7351900);
    for b in select id, time_zone from scoring_basis
             where state in ('BUILDING', 'READY') and time_zone is not null order by id loop
        foreach customer in array p_customer_ids loop
            perform scoring_rebuild_customers(b.id, customer, customer);
        end loop;
        perform scoring_rebuild_days(b.id,
                array(select distinct (t at time zone b.time_zone)::date from unnest(p_instants) t),
                array(select distinct segment from customer where id = any(p_customer_ids)));
    end loop;
end
$$;

-- A customer moved to another segment: its entries move between the per-segment day rows.
create function scoring_customer_segment_changed() returns trigger language plpgsql as $$
declare
    b record;
begin
    perform pg_advisory_xact_lock(7351900);
    for b in select id, time_zone from scoring_basis
             where state in ('BUILDING', 'READY') and time_zone is not null order by id loop
        perform scoring_rebuild_days(b.id,
                array(select distinct (f.received_at at time zone b.time_zone)::date
                      from feedback f where f.customer_id = new.id),
                array[old.segment, new.segment]);
    end loop;
    return null;
end
$$;
create trigger customer_segment_changed after update of segment on customer
    for each row when (old.segment is distinct from new.segment)
    execute function scoring_customer_segment_changed();
