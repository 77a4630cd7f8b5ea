-- Trust recovery (issue 6): a case per customer with a negative experience, worked until trust is won back.
create table recovery_case (
    id                 bigserial    primary key,
    customer_id        bigint       not null references customer (id),
    -- the manager who owns it (app_user.username); null while unassigned
    owner              varchar(64),
    status             varchar(16)  not null check (status in ('OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'CLOSED')),
    opened_at          timestamptz  not null,
    -- opened_at (or the latest reopening) + the active policy's acknowledgeWithinHours
    acknowledge_due_at timestamptz  not null,
    acknowledged_at    timestamptz,
    resolved_at        timestamptz,
    closed_at          timestamptz,
    reopened_count     integer      not null default 0,
    reopened_at        timestamptz,
    -- set by the overdue job (the database time it noticed), cleared once the case is no longer OPEN
    overdue_since      timestamptz,
    -- the customer's trust and status when the case was opened; trust is null when there was no score yet
    trust_at_opening   double precision,
    status_at_opening  varchar(16)  not null check (status_at_opening in ('OK', 'WATCH', 'AT_RISK')),
    version            bigint       not null default 0,
    constraint recovery_case_times check (acknowledge_due_at >= opened_at)
);
-- At most one case per customer that is not closed: concurrent negative entries cannot open two
-- (the opener inserts with "on conflict do nothing" against this index and then attaches to the winner).
create unique index recovery_case_one_active_per_customer on recovery_case (customer_id)
    where status in ('OPEN', 'ACKNOWLEDGED', 'RESOLVED');
create index recovery_case_customer_idx on recovery_case (customer_id, opened_at desc);
create index recovery_case_status_due_idx on recovery_case (status, acknowledge_due_at, id);
create index recovery_case_owner_idx on recovery_case (owner, status);
create index recovery_case_acknowledged_idx on recovery_case (acknowledged_at) where acknowledged_at is not null;
create index recovery_case_resolved_idx on recovery_case (resolved_at) where resolved_at is not null;

-- The negative feedback entries that caused a case. An entry belongs to at most one case, ever.
create table recovery_case_entry (
    feedback_id bigint      not null references feedback (id),
    case_id     bigint      not null references recovery_case (id),
    attached_at timestamptz not null,
    constraint recovery_case_entry_pkey primary key (feedback_id)
);
create index recovery_case_entry_case_idx on recovery_case_entry (case_id, feedback_id);

-- What managers wrote while working a case.
create table recovery_note (
    id         bigserial     primary key,
    case_id    bigint        not null references recovery_case (id),
    author     varchar(64)   not null,
    written_at timestamptz   not null,
    text       varchar(2000) not null check (length(btrim(text)) > 0)
);
create index recovery_note_case_idx on recovery_note (case_id, written_at, id);

-- ShedLock's lock table for scheduled jobs that must run in one instance at a time
-- (as documented for JdbcTemplateLockProvider on PostgreSQL; used with usingDbTime()).
create table shedlock (
    name       varchar(64)  not null,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null,
    primary key (name)
);
