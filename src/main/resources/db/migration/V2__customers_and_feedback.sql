create extension if not exists pg_trgm;

-- A customer, identified by the CRM's reference.
create table customer (
    id          bigserial    primary key,
    reference   varchar(100) not null,
    name        varchar(200) not null,
    segment     varchar(100) not null default '',
    email       varchar(320),
    created_at  timestamptz  not null default now(),
    erased_at   timestamptz,
    version     bigint       not null default 0,
    constraint customer_reference_key unique (reference)
);
create index customer_segment_idx on customer (segment);
create index customer_name_trgm_idx on customer using gin (lower(name) gin_trgm_ops);
create index customer_reference_trgm_idx on customer using gin (lower(reference) gin_trgm_ops);

-- One interaction with one customer at one instant (docs/scoring.md "Feedback").
create table feedback (
    id                   bigserial    primary key,
    customer_id          bigint       not null references customer (id),
    received_at          timestamptz  not null,
    channel              varchar(20)  not null,
    category             varchar(20)  not null,
    rating_transparency  smallint     check (rating_transparency between 1 and 5),
    rating_consistency   smallint     check (rating_consistency between 1 and 5),
    rating_communication smallint     check (rating_communication between 1 and 5),
    rating_quality       smallint     check (rating_quality between 1 and 5),
    rating_values        smallint     check (rating_values between 1 and 5),
    nps                  smallint     check (nps between 0 and 10),
    csat                 smallint     check (csat between 1 and 5),
    ces                  smallint     check (ces between 1 and 7),
    -- the incident types, denormalised from feedback_incident for filtering and scoring in one read
    incident_types       varchar(40)[] not null default '{}',
    comment              varchar(4000),
    negative             boolean      not null,
    external_id          varchar(200),
    -- for CSV rows without external_id: a hash of the row, so re-importing a file imports nothing twice
    row_hash             varchar(64),
    source               varchar(10)  not null check (source in ('FORM', 'CSV', 'API')),
    logged_by            varchar(64)  not null,
    logged_at            timestamptz  not null default now(),
    import_id            bigint,
    version              bigint       not null default 0,
    constraint feedback_external_id_key unique (external_id),
    constraint feedback_row_hash_key unique (row_hash),
    constraint feedback_has_content check (
        rating_transparency is not null or rating_consistency is not null or rating_communication is not null
        or rating_quality is not null or rating_values is not null or nps is not null or csat is not null
        or ces is not null or cardinality(incident_types) > 0)
);
create index feedback_customer_received_idx on feedback (customer_id, received_at desc);
create index feedback_received_idx on feedback (received_at desc, id desc);
create index feedback_negative_received_idx on feedback (received_at desc) where negative;
create index feedback_incident_types_idx on feedback using gin (incident_types);
create index feedback_comment_trgm_idx on feedback using gin (comment gin_trgm_ops);

-- Incidents with the one-line explanation the manager gave.
create table feedback_incident (
    feedback_id bigint       not null references feedback (id),
    type        varchar(40)  not null,
    note        varchar(300),
    primary key (feedback_id, type)
);
