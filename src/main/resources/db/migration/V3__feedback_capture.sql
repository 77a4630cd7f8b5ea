-- One row per submitted "log feedback" form: the token is generated when the form is shown, so a double click or a
-- re-sent POST finds its token taken and answers with the entry of the first submission instead of storing again.
create table feedback_submission (
    token       uuid        primary key,
    feedback_id bigint      references feedback (id),
    created_at  timestamptz not null default now()
);

-- The customer picker offers the newest customers before anything is typed.
create index customer_created_at_idx on customer (created_at desc);
