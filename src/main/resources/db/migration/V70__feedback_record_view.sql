-- The feedback module's read-only contract for analyses in other modules: one row per entry with its customer's
-- segment, in the columns other modules may rely on. Other modules read this view, never the feedback tables.
create view feedback_record as
select f.id          as feedback_id,
       f.customer_id,
       c.reference   as customer_ref,
       c.name        as customer_name,
       c.segment,
       f.received_at,
       f.channel,
       f.category,
       f.rating_transparency,
       f.rating_consistency,
       f.rating_communication,
       f.rating_quality,
       f.rating_values,
       f.nps,
       f.csat,
       f.ces,
       f.incident_types,
       f.comment,
       f.negative
from feedback f
join customer c on c.id = f.customer_id;
