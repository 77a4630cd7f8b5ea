-- The language the customer is addressed in (survey pages, transparency reports, mails to the customer).
-- Absent for customers stored before the field existed: they are addressed in shinrai.default-language.
alter table customer add column language varchar(2) check (language in ('ja', 'en'));
