-- Failed sign-ins per (user name, client address) and per client address, replacing the lock per user name that
-- anyone could trigger for anyone. A row is one burst of failures: it starts afresh after a quiet period.
create table login_throttle (
    scope           char(1)      not null check (scope in ('U', 'A')),
    username        varchar(64)  not null,
    address         varchar(64)  not null,
    failures        integer      not null,
    last_failure_at timestamptz  not null,
    blocked_until   timestamptz,
    primary key (scope, username, address)
);
create index login_throttle_last_failure_idx on login_throttle (last_failure_at);

drop table login_attempt;
