-- Comment themes of the whole company (no segment or channel filter, no segment scope), the most read: the term
-- counts of insight_term_day and insight_term_month added up over segments and channels, kept in step by the same
-- catch-up, so such a page reads a few hundred rows per day or month instead of one per segment and channel.
create table insight_term_day_all (
    day      date         not null,
    negative boolean      not null,
    term     varchar(120) not null,
    entries  integer      not null,
    primary key (day, negative, term)
);

create table insight_term_month_all (
    month    date         not null,
    negative boolean      not null,
    term     varchar(120) not null,
    entries  integer      not null,
    primary key (month, negative, term)
);

insert into insight_term_day_all (day, negative, term, entries)
select day, negative, term, sum(entries) from insight_term_day group by day, negative, term having sum(entries) <> 0;

insert into insight_term_month_all (month, negative, term, entries)
select month, negative, term, sum(entries) from insight_term_month group by month, negative, term
having sum(entries) <> 0;
