-- The number of customers, kept by the database in the transaction of every statement that inserts or deletes
-- customers (creation, find-or-create of the form, API and import, merge), so that the customers list's total does
-- not count every row (docs/scaling.md). Each such statement appends one row with its change: writers never update a
-- shared row, so they never wait for each other nor deadlock on it. CustomerCount adds the rows up and folds them
-- into one every minute. Erasure and retention keep the customer's row (anonymised), so they do not change it.
lock table customer in share row exclusive mode;

create table customer_count (
    id        bigserial primary key,
    customers bigint    not null
);

create function customer_count_inserted() returns trigger language plpgsql as $$
begin
    insert into customer_count (customers) select count(*) from added having count(*) > 0;
    return null;
end
$$;

create function customer_count_deleted() returns trigger language plpgsql as $$
begin
    insert into customer_count (customers) select -count(*) from removed having count(*) > 0;
    return null;
end
$$;

create function customer_count_truncated() returns trigger language plpgsql as $$
begin
    delete from customer_count;
    return null;
end
$$;

create trigger customer_count_inserted after insert on customer referencing new table as added
    for each statement execute function customer_count_inserted();
create trigger customer_count_deleted after delete on customer referencing old table as removed
    for each statement execute function customer_count_deleted();
create trigger customer_count_truncated after truncate on customer
    for each statement execute function customer_count_truncated();

insert into customer_count (customers) select count(*) from customer;
