-- Key drivers read the ratings, NPS and incident types of a period's entries with NPS. This index holds exactly
-- those columns, so the analysis is an index-only scan of the period's entries with NPS (no heap pages, no join
-- to customer unless a segment is asked for).
create index feedback_nps_drivers_idx on feedback (received_at)
    include (rating_transparency, rating_consistency, rating_communication, rating_quality, rating_values, nps,
        incident_types, channel, customer_id)
    where nps is not null;
