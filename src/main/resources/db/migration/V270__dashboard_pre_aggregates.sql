-- The dashboard from pre-aggregates (docs/scaling.md, "The dashboard's reads"). Its trend, breakdowns, activity and
-- incident counts read whole days and months of rows kept as entries are stored, not every day of the history:
--
-- 1. the incidents per type of each day row (the dashboard counted them from the period's entries);
-- 2. trust_daily_totals: the day rows added up over segments and channels, the company's trend (731 rows for two
--    years instead of one per day, segment and channel);
-- 3. trust_monthly_sums: the day rows added up per calendar month, segment and channel; a breakdown or a period reads
--    whole months and the days of the months it covers in part.
--
-- Both new tables are sharded like the day rows (an entry stored alone goes to the shard of its database session), so
-- concurrent writers rarely wait for each other, and are kept by the same functions as the day rows (R__scoring.sql).
-- Forward-decay sums and counts are additive, so every read stays exact.

alter table trust_daily_sums
    add column incidents_misleading_claim integer not null default 0,
    add column incidents_hidden_information integer not null default 0,
    add column incidents_hidden_fees integer not null default 0,
    add column incidents_unfair_pricing integer not null default 0,
    add column incidents_data_misuse integer not null default 0,
    add column incidents_broken_promise integer not null default 0,
    add column incidents_inconsistent_service integer not null default 0,
    add column incidents_insufficient_support integer not null default 0,
    add column incidents_ignored_feedback integer not null default 0,
    add column incidents_no_personalization integer not null default 0,
    add column incidents_product_defect integer not null default 0,
    add column incidents_ethical_lapse integer not null default 0,
    add column incidents_inappropriate_marketing integer not null default 0;

create table trust_daily_totals (
    basis_id                          bigint           not null,
    day                               date             not null,
    shard                             smallint         not null,
    wp_transparency                   double precision not null,
    w_transparency                    double precision not null,
    wp_consistency                    double precision not null,
    w_consistency                     double precision not null,
    wp_communication                  double precision not null,
    w_communication                   double precision not null,
    wp_quality                        double precision not null,
    w_quality                         double precision not null,
    wp_values                         double precision not null,
    w_values                          double precision not null,
    entries                           integer          not null,
    negatives                         integer          not null,
    nps_promoters                     integer          not null,
    nps_detractors                    integer          not null,
    nps_responses                     integer          not null,
    csat_top2                    integer          not null,
    csat_responses                    integer          not null,
    ces_sum                           integer          not null,
    ces_responses                     integer          not null,
    incidents_misleading_claim        integer          not null,
    incidents_hidden_information      integer          not null,
    incidents_hidden_fees             integer          not null,
    incidents_unfair_pricing          integer          not null,
    incidents_data_misuse             integer          not null,
    incidents_broken_promise          integer          not null,
    incidents_inconsistent_service    integer          not null,
    incidents_insufficient_support    integer          not null,
    incidents_ignored_feedback        integer          not null,
    incidents_no_personalization      integer          not null,
    incidents_product_defect          integer          not null,
    incidents_ethical_lapse           integer          not null,
    incidents_inappropriate_marketing integer          not null,
    primary key (basis_id, day, shard)
) with (fillfactor = 80);

create table trust_monthly_sums (
    basis_id                          bigint           not null,
    -- the first day of the calendar month (days in the basis' time zone, as in trust_daily_sums)
    month                             date             not null,
    segment                           varchar(100)     not null,
    channel                           varchar(20)      not null,
    shard                             smallint         not null,
    wp_transparency                   double precision not null,
    w_transparency                    double precision not null,
    wp_consistency                    double precision not null,
    w_consistency                     double precision not null,
    wp_communication                  double precision not null,
    w_communication                   double precision not null,
    wp_quality                        double precision not null,
    w_quality                         double precision not null,
    wp_values                         double precision not null,
    w_values                          double precision not null,
    entries                           integer          not null,
    negatives                         integer          not null,
    nps_promoters                     integer          not null,
    nps_detractors                    integer          not null,
    nps_responses                     integer          not null,
    csat_top2                    integer          not null,
    csat_responses                    integer          not null,
    ces_sum                           integer          not null,
    ces_responses                     integer          not null,
    incidents_misleading_claim        integer          not null,
    incidents_hidden_information      integer          not null,
    incidents_hidden_fees             integer          not null,
    incidents_unfair_pricing          integer          not null,
    incidents_data_misuse             integer          not null,
    incidents_broken_promise          integer          not null,
    incidents_inconsistent_service    integer          not null,
    incidents_insufficient_support    integer          not null,
    incidents_ignored_feedback        integer          not null,
    incidents_no_personalization      integer          not null,
    incidents_product_defect          integer          not null,
    incidents_ethical_lapse           integer          not null,
    incidents_inappropriate_marketing integer          not null,
    primary key (basis_id, month, segment, channel, shard)
) with (fillfactor = 80);

-- The incidents of the days already summed, into each day's shard 0 (readers add a day's shards up).
insert into trust_daily_sums as s (basis_id, day, segment, channel, shard, wp_transparency, w_transparency,
                                   wp_consistency, w_consistency, wp_communication, w_communication, wp_quality,
                                   w_quality, wp_values, w_values,
                                   entries, negatives, nps_promoters, nps_detractors, nps_responses, csat_top2,
       csat_responses, ces_sum, ces_responses,
                                   incidents_misleading_claim, incidents_hidden_information, incidents_hidden_fees,
       incidents_unfair_pricing, incidents_data_misuse, incidents_broken_promise, incidents_inconsistent_service,
       incidents_insufficient_support, incidents_ignored_feedback, incidents_no_personalization,
       incidents_product_defect, incidents_ethical_lapse, incidents_inappropriate_marketing)
select b.id, (f.received_at at time zone b.time_zone)::date, c.segment, f.channel, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
       0, 0, 0, 0, 0, 0, 0, 0, 0,
       count(*) filter (where t.type = 'MISLEADING_CLAIM'),
       count(*) filter (where t.type = 'HIDDEN_INFORMATION'),
       count(*) filter (where t.type = 'HIDDEN_FEES'),
       count(*) filter (where t.type = 'UNFAIR_PRICING'),
       count(*) filter (where t.type = 'DATA_MISUSE'),
       count(*) filter (where t.type = 'BROKEN_PROMISE'),
       count(*) filter (where t.type = 'INCONSISTENT_SERVICE'),
       count(*) filter (where t.type = 'INSUFFICIENT_SUPPORT'),
       count(*) filter (where t.type = 'IGNORED_FEEDBACK'),
       count(*) filter (where t.type = 'NO_PERSONALIZATION'),
       count(*) filter (where t.type = 'PRODUCT_DEFECT'),
       count(*) filter (where t.type = 'ETHICAL_LAPSE'),
       count(*) filter (where t.type = 'INAPPROPRIATE_MARKETING')
from feedback f
join customer c on c.id = f.customer_id
cross join scoring_basis b
cross join unnest(f.incident_types) t(type)
where b.state in ('BUILDING', 'READY') and b.time_zone is not null and cardinality(f.incident_types) > 0
group by b.id, 2, c.segment, f.channel
on conflict (basis_id, day, segment, channel, shard) do update set
    incidents_misleading_claim = excluded.incidents_misleading_claim,
    incidents_hidden_information = excluded.incidents_hidden_information,
    incidents_hidden_fees = excluded.incidents_hidden_fees,
    incidents_unfair_pricing = excluded.incidents_unfair_pricing,
    incidents_data_misuse = excluded.incidents_data_misuse,
    incidents_broken_promise = excluded.incidents_broken_promise,
    incidents_inconsistent_service = excluded.incidents_inconsistent_service,
    incidents_insufficient_support = excluded.incidents_insufficient_support,
    incidents_ignored_feedback = excluded.incidents_ignored_feedback,
    incidents_no_personalization = excluded.incidents_no_personalization,
    incidents_product_defect = excluded.incidents_product_defect,
    incidents_ethical_lapse = excluded.incidents_ethical_lapse,
    incidents_inappropriate_marketing = excluded.incidents_inappropriate_marketing;

insert into trust_daily_totals (basis_id, day, shard, wp_transparency, w_transparency, wp_consistency, w_consistency,
                                wp_communication, w_communication, wp_quality, w_quality, wp_values, w_values,
                                entries, negatives, nps_promoters, nps_detractors, nps_responses, csat_top2,
                                csat_responses, ces_sum, ces_responses, incidents_misleading_claim,
                                incidents_hidden_information, incidents_hidden_fees, incidents_unfair_pricing,
                                incidents_data_misuse, incidents_broken_promise, incidents_inconsistent_service,
                                incidents_insufficient_support, incidents_ignored_feedback,
                                incidents_no_personalization, incidents_product_defect, incidents_ethical_lapse,
                                incidents_inappropriate_marketing)
select basis_id, day, 0, sum(wp_transparency), sum(w_transparency), sum(wp_consistency), sum(w_consistency),
       sum(wp_communication), sum(w_communication), sum(wp_quality), sum(w_quality), sum(wp_values), sum(w_values),
       sum(entries), sum(negatives), sum(nps_promoters), sum(nps_detractors), sum(nps_responses), sum(csat_top2),
       sum(csat_responses), sum(ces_sum), sum(ces_responses), sum(incidents_misleading_claim),
       sum(incidents_hidden_information), sum(incidents_hidden_fees), sum(incidents_unfair_pricing),
       sum(incidents_data_misuse), sum(incidents_broken_promise), sum(incidents_inconsistent_service),
       sum(incidents_insufficient_support), sum(incidents_ignored_feedback), sum(incidents_no_personalization),
       sum(incidents_product_defect), sum(incidents_ethical_lapse), sum(incidents_inappropriate_marketing)
from trust_daily_sums group by basis_id, day;

insert into trust_monthly_sums (basis_id, month, segment, channel, shard, wp_transparency, w_transparency,
                                wp_consistency, w_consistency, wp_communication, w_communication, wp_quality,
                                w_quality, wp_values, w_values, entries, negatives, nps_promoters, nps_detractors,
                                nps_responses, csat_top2, csat_responses, ces_sum, ces_responses,
                                incidents_misleading_claim, incidents_hidden_information, incidents_hidden_fees,
                                incidents_unfair_pricing, incidents_data_misuse, incidents_broken_promise,
                                incidents_inconsistent_service, incidents_insufficient_support,
                                incidents_ignored_feedback, incidents_no_personalization, incidents_product_defect,
                                incidents_ethical_lapse, incidents_inappropriate_marketing)
select basis_id, date_trunc('month', day)::date, segment, channel, 0, sum(wp_transparency), sum(w_transparency),
       sum(wp_consistency), sum(w_consistency), sum(wp_communication), sum(w_communication), sum(wp_quality),
       sum(w_quality), sum(wp_values), sum(w_values), sum(entries), sum(negatives), sum(nps_promoters),
       sum(nps_detractors), sum(nps_responses), sum(csat_top2), sum(csat_responses), sum(ces_sum), sum(ces_responses),
       sum(incidents_misleading_claim), sum(incidents_hidden_information), sum(incidents_hidden_fees),
       sum(incidents_unfair_pricing), sum(incidents_data_misuse), sum(incidents_broken_promise),
       sum(incidents_inconsistent_service), sum(incidents_insufficient_support), sum(incidents_ignored_feedback),
       sum(incidents_no_personalization), sum(incidents_product_defect), sum(incidents_ethical_lapse),
       sum(incidents_inappropriate_marketing)
from trust_daily_sums group by basis_id, date_trunc('month', day)::date, segment, channel;
