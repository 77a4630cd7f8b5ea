-- Promises made to a customer (on a case or not): what, by when, who owns it. A promise becomes BROKEN once (marked
-- so, or past its due time while still OPEN); that moment logs one BROKEN_PROMISE entry (broken_feedback_id).
create table promise (
    id                 bigserial     primary key,
    customer_id        bigint        not null references customer (id),
    case_id            bigint        references recovery_case (id),
    description        varchar(500)  not null check (length(btrim(description)) > 0),
    due_at             timestamptz   not null,
    owner              varchar(64)   not null,
    created_by         varchar(64)   not null,
    created_at         timestamptz   not null,
    status             varchar(8)    not null check (status in ('OPEN', 'KEPT', 'BROKEN')),
    settled_at         timestamptz,
    -- who marked it; null when the broken-promise job found it past its due time
    settled_by         varchar(64),
    broken_feedback_id bigint        references feedback (id),
    version            bigint        not null default 0,
    constraint promise_settled check ((status = 'OPEN') = (settled_at is null))
);
create index promise_open_due_idx on promise (due_at, id) where status = 'OPEN';
create index promise_customer_idx on promise (customer_id, due_at desc);
create index promise_case_idx on promise (case_id) where case_id is not null;
create index promise_settled_idx on promise (settled_at) where settled_at is not null;
