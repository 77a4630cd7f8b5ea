-- Recovery verified by the customer: the answers given on a case's survey link, and when the customer confirmed the
-- resolution (a not-negative answer while the case was resolved or closed). Reopening clears the confirmation.
alter table recovery_case add column confirmed_at timestamptz,
    add column confirmed_by_feedback_id bigint references feedback (id);
create index recovery_case_confirmed_idx on recovery_case (confirmed_at) where confirmed_at is not null;

create table recovery_case_answer (
    feedback_id bigint      not null references feedback (id),
    case_id     bigint      not null references recovery_case (id),
    answered_at timestamptz not null,
    negative    boolean     not null,
    -- the case's status when the answer arrived (before a negative answer reopened it)
    status      varchar(16) not null check (status in ('OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'CLOSED')),
    constraint recovery_case_answer_pkey primary key (feedback_id)
);
create index recovery_case_answer_case_idx on recovery_case_answer (case_id, answered_at);
