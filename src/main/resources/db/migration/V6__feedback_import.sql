-- CSV imports (feedback module): one row per uploaded file. Counts are committed together with every batch of rows,
-- so a job that dies halfway leaves exactly its committed batches recorded, and its status says so.
create table feedback_import (
    id           bigserial    primary key,
    file_name    varchar(255) not null,
    file_size    bigint       not null,
    -- the encoding detected: UTF-8 or windows-31j
    encoding     varchar(20)  not null,
    -- the header row as the file wrote it: the columns of the rejected-rows download
    header       text[]       not null,
    status       varchar(10)  not null check (status in ('RUNNING', 'COMPLETED', 'FAILED')),
    started_by   varchar(64)  not null,
    started_at   timestamptz  not null,
    finished_at  timestamptz,
    -- data rows in the file, counted before the first row is stored
    total_rows   bigint,
    rows_done    bigint       not null default 0,
    imported     bigint       not null default 0,
    skipped      bigint       not null default 0,
    rejected     bigint       not null default 0,
    -- why a FAILED job stopped: a message key and its arguments, separated by U+001F
    failure      text,
    -- last sign of life of a RUNNING job; one silent for too long is marked FAILED
    heartbeat_at timestamptz  not null
);
create index feedback_import_started_idx on feedback_import (started_at desc, id desc);
create index feedback_import_running_idx on feedback_import (heartbeat_at) where status = 'RUNNING';

-- Rows of an import that were not stored, with why and the cells as read, for the page and the download.
create table feedback_import_rejection (
    import_id   bigint not null references feedback_import (id) on delete cascade,
    -- the physical line of the file the row starts on
    line_number bigint not null,
    -- message keys with their arguments, each separated by U+001F
    reasons     text[] not null,
    cells       text[] not null,
    primary key (import_id, line_number)
);
-- feedback.import_id (V2) names the import that stored an entry. It has no foreign key on purpose: a per-row
-- check would slow bulk imports, and imports are never deleted.
create index feedback_import_id_idx on feedback (import_id) where import_id is not null;
