-- Survey links a customer answers without signing in. Only the SHA-256 hash of the token is stored, so reading the
-- table does not give working links; a link is used once (answered_at, feedback_id) and expires.
create table survey_link (
    id          bigserial    primary key,
    token_hash  bytea        not null,
    customer_id bigint       not null references customer (id),
    case_id     bigint       references recovery_case (id),
    created_by  varchar(64)  not null,
    created_at  timestamptz  not null,
    expires_at  timestamptz  not null,
    emailed_at  timestamptz,
    opened_at   timestamptz,
    answered_at timestamptz,
    feedback_id bigint       references feedback (id),
    constraint survey_link_token_hash_key unique (token_hash),
    constraint survey_link_times check (expires_at > created_at),
    constraint survey_link_answer check ((answered_at is null) = (feedback_id is null))
);
create index survey_link_customer_idx on survey_link (customer_id, created_at desc);
create index survey_link_case_idx on survey_link (case_id, created_at desc) where case_id is not null;
