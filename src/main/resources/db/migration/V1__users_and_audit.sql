-- People who sign in. Roles are ordered STAFF < MANAGER < ADMIN.
create table app_user (
    id            bigserial    primary key,
    username      varchar(64)  not null,
    display_name  varchar(200) not null,
    password_hash varchar(200) not null,
    role          varchar(16)  not null check (role in ('STAFF', 'MANAGER', 'ADMIN')),
    enabled       boolean      not null default true,
    locale        varchar(8),
    created_at    timestamptz  not null default now(),
    version       bigint       not null default 0
);
create unique index app_user_username_key on app_user (lower(username));

-- Failed sign-ins per user name (existing or not, so a lock never reveals whether a user exists).
create table login_attempt (
    username        varchar(64) primary key,
    failures        integer     not null,
    first_failure_at timestamptz not null,
    locked_until    timestamptz
);

-- Who did what, when: admin actions, corrections, imports, erasures.
create table audit_event (
    id          bigserial     primary key,
    occurred_at timestamptz   not null default now(),
    actor       varchar(64)   not null,
    type        varchar(40)   not null,
    subject     varchar(200),
    summary     varchar(2000),
    before_state text,
    after_state  text
);
create index audit_event_occurred_at_idx on audit_event (occurred_at desc, id desc);
create index audit_event_type_idx on audit_event (type, occurred_at desc);
create index audit_event_actor_idx on audit_event (actor, occurred_at desc);
