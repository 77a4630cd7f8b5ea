-- Analyses that do not ask for a segment (or the customer's name) should not pay for a join to every customer:
-- every entry has its customer (customer_id is a not-null foreign key), so a left join gives the same rows, and
-- PostgreSQL leaves a left join to a primary key out of a query that reads none of the customer's columns.
create or replace view feedback_record as
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
left join customer c on c.id = f.customer_id;
