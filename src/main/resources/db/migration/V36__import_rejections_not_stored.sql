-- Rejected rows are stored with their text only up to a limit per import; the rest are counted here.
alter table feedback_import add column rejected_not_stored bigint not null default 0;
