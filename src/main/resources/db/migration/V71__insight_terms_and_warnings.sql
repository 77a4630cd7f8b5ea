-- Comment themes: the number of entries containing each term (a word's base form or stem, or a two-word phrase),
-- per day (business time zone), segment, channel and negative/other, kept in step with feedback by the insight
-- module; the same per month, so a long period reads months and only its partial months as days. The empty term
-- counts the entries with a comment.
create table insight_term_day (
    day      date         not null,
    segment  varchar(100) not null,
    channel  varchar(20)  not null,
    negative boolean      not null,
    term     varchar(120) not null,
    entries  integer      not null,
    primary key (day, segment, channel, negative, term)
);

create table insight_term_month (
    month    date         not null,
    segment  varchar(100) not null,
    channel  varchar(20)  not null,
    negative boolean      not null,
    term     varchar(120) not null,
    entries  integer      not null,
    primary key (month, segment, channel, negative, term)
);
create index insight_term_month_term_idx on insight_term_month (term, month);

-- How each term was written: a term is shown in its most frequent written form
create table insight_term_surface (
    term     varchar(120) not null,
    surface  varchar(200) not null,
    entries  integer      not null,
    primary key (term, surface)
);

-- What each entry contributed to the counts, so a correction takes exactly that back out
create table insight_entry_terms (
    feedback_id bigint       primary key,
    day         date         not null,
    segment     varchar(100) not null,
    channel     varchar(20)  not null,
    negative    boolean      not null,
    terms       text[]       not null,
    surfaces    text[]       not null
);

-- Entries stored or corrected whose counts are not updated yet (filled in the storing transaction, drained in the
-- background, so tokenising never slows down an import)
create table insight_term_pending (
    feedback_id bigint primary key
);
insert into insight_term_pending (feedback_id) select feedback_id from feedback_record where comment is not null;

-- Early warnings found by the weekly check
create table insight_warning (
    id               bigserial    primary key,
    scope_kind       varchar(10)  not null check (scope_kind in ('COMPANY', 'SEGMENT', 'CHANNEL')),
    scope_value      varchar(100) not null,
    period_from      timestamptz  not null,
    period_to        timestamptz  not null,
    trust_before     double precision not null,
    trust_after      double precision not null,
    recent_change    double precision not null,
    usual_change     double precision not null,
    usual_deviation  double precision not null,
    signal_changes   text         not null,
    themes           text         not null,
    raised_at        timestamptz  not null default now(),
    constraint insight_warning_once unique (scope_kind, scope_value, period_to)
);
create index insight_warning_to_idx on insight_warning (period_to desc);
