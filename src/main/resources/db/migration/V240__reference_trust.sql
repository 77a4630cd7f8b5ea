-- Each customer's trust under the active policy as of a reference instant, kept next to its sums so that the
-- customers list can be sorted by trust through an index (docs/scaling.md). A row whose sums changed since the
-- reference was computed has none (null): the write function clears it, rebuilds insert rows without it.
-- -1 stands for "no trust" (no evidence) at the reference instant; trust itself is always within [0, 100].
alter table customer_trust_sums add column reference_trust float8;

create index customer_trust_sums_reference_idx on customer_trust_sums (basis_id, reference_trust, customer_id);

-- The reference instant of each basis' stored values and the policy version they were computed with; no row while a
-- refresh runs or before the first, and readers then take the exact path over every customer.
create table trust_reference (
    basis_id       bigint      primary key references scoring_basis (id) on delete cascade,
    policy_version integer     not null references scoring_policy (version),
    instant        timestamptz not null,
    refreshed_at   timestamptz not null
);
