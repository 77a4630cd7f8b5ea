-- Personal data (privacy module, docs/privacy.md): what is kept so that an erased customer does not come back, and
-- the retention settings.

-- The installation's secret for the salted hashes below (32 bytes from the server's strong random source, which
-- gen_random_uuid uses). A hash without it cannot be matched against guessed references.
create table privacy_secret (
    id         smallint    primary key check (id = 1),
    secret     bytea       not null,
    created_at timestamptz not null default now()
);
insert into privacy_secret (id, secret)
values (1, decode(replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''), 'hex'));

-- HMAC-SHA256 (hex) of what identified an erased customer and its entries: the CRM reference, the entries' external
-- ids and the row hashes of entries without one. Imports and the API store nothing that matches.
create table privacy_erased_key (
    key_hash  varchar(64) primary key,
    kind      varchar(12) not null check (kind in ('REFERENCE', 'EXTERNAL_ID', 'ROW_HASH')),
    erased_at timestamptz not null
);

-- Retention settings, versioned like the scoring policy: null means "keep" (off). Versions are history.
create table privacy_retention (
    version         integer       primary key,
    -- comments, incident explanations and recovery notes older than this many months are emptied
    text_months     integer       check (text_months between 1 and 1200),
    -- customers without feedback for this many years are erased
    inactive_years  integer       check (inactive_years between 1 and 100),
    activated_at    timestamptz   not null,
    activated_by    varchar(64)   not null,
    reason          varchar(1000) not null,
    active          boolean       not null
);
create unique index privacy_retention_one_active_idx on privacy_retention (active) where active;

create function privacy_retention_immutable() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        raise exception 'retention versions are kept forever';
    end if;
    if (to_jsonb(new) - 'active') is distinct from (to_jsonb(old) - 'active') then
        raise exception 'retention versions are immutable; save a new version instead';
    end if;
    return new;
end
$$;
create trigger privacy_retention_immutable before update or delete on privacy_retention
    for each row execute function privacy_retention_immutable();

insert into privacy_retention (version, text_months, inactive_years, activated_at, activated_by, reason, active)
values (1, null, null, now(), 'system', 'Off until an admin sets it', true);
