-- Closing the loop: answers customers give on a survey link (SURVEY) and entries Shinrai generates itself, such as a
-- promise that was not kept (SYSTEM).
alter table feedback drop constraint feedback_source_check,
    add constraint feedback_source_check check (source in ('FORM', 'CSV', 'API', 'SURVEY', 'SYSTEM'));
