-- An import stores several batches side by side, and each counted what it brought into the same row per import and
-- type, holding that row's lock until it committed: the batches waited for each other there. Each database session
-- now counts into a shard of its own (one of eight); the summary adds the shards up.
alter table import_tally add column shard smallint not null default 0;
alter table import_tally drop constraint import_tally_pkey;
alter table import_tally add primary key (import_id, type, shard);
