-- Personal access tokens for the JSON API. Only the SHA-256 of a token is stored; the token itself is shown once.
create table api_token (
    id           bigserial    primary key,
    user_id      bigint       not null references app_user (id) on delete cascade,
    name         varchar(100) not null,
    access       varchar(16)  not null check (access in ('READ', 'READ_WRITE')),
    token_hash   varchar(64)  not null,
    -- the recognisable start of the token, so its owner can tell tokens apart in the list
    token_start  varchar(16)  not null,
    created_at   timestamptz  not null,
    expires_at   timestamptz  not null,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    revoked_by   varchar(64)
);
create unique index api_token_hash_key on api_token (token_hash);
create index api_token_user_idx on api_token (user_id, created_at desc);
