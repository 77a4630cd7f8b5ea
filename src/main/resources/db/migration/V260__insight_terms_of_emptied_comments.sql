-- Comments emptied before erasure and retention told the term counts: queue their entries again, so the catch-up
-- takes out what they contributed, and forget written forms no entry uses any more.
insert into insight_term_pending (feedback_id)
select e.feedback_id from insight_entry_terms e join feedback f on f.id = e.feedback_id where f.comment is null
on conflict do nothing;

delete from insight_term_surface where entries <= 0;
