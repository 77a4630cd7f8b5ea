-- Which application instance runs an import, so that an instance starting again fails at once the jobs it was running
-- when it stopped, and leaves those of other instances sharing the database alone. Null for jobs run in a caller's
-- thread and for jobs from before.
alter table feedback_import add column instance_id varchar(255);
create index feedback_import_instance_running_idx on feedback_import (instance_id) where status = 'RUNNING';
