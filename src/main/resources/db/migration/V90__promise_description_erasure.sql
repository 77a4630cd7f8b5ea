-- An erasure of the customer empties the descriptions of its promises (free text about the customer); the due,
-- kept and broken numbers stay. Only an erased description may be empty.
alter table promise add column description_erased_at timestamptz;
alter table promise drop constraint promise_description_check;
alter table promise add constraint promise_description_check
    check (length(btrim(description)) > 0 or (description = '' and description_erased_at is not null));
