-- The segments a user is limited to (docs/access.md); a user without rows sees the whole company.
create table app_user_segment (
    user_id bigint       not null references app_user (id) on delete cascade,
    segment varchar(100) not null check (segment <> ''),
    primary key (user_id, segment)
);
