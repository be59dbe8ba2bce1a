-- The bake window: a run checks its release once, then, while every check passes, again every bake interval
-- until bake_until; it is a job driven from this table (next_check_at), so a restart mid-bake resumes it.
-- A run is now CHECKING -> BAKING -> PASSED | FAILED, or SUPERSEDED when its release stopped being live.
alter table health_run add column bake_until    timestamptz;
alter table health_run add column next_check_at timestamptz;
alter table health_run add column checks_run    int not null default 0;

-- Runs recorded before the bake window had none: they end with their first check, as they did.
update health_run set bake_until = cause_time;
update health_run set checks_run = 1, status = coalesce(result, 'FAILED') where status = 'DONE';
update health_run set status = 'CHECKING', next_check_at = coalesce(started_at, created_at)
    where status in ('PENDING', 'RUNNING');
alter table health_run alter column bake_until set not null;
alter table health_run add constraint health_run_status
    check (status in ('CHECKING', 'BAKING', 'PASSED', 'FAILED', 'SUPERSEDED'));
alter table health_run add constraint health_run_due_when_unfinished
    check (next_check_at is not null or status in ('PASSED', 'FAILED', 'SUPERSEDED'));

drop index health_run_unfinished;
create index health_run_due on health_run (next_check_at, id) where status in ('CHECKING', 'BAKING');

-- Which of the run's checks (1, 2, ...) a check row's observation and an attempt belong to; 0: not checked yet.
alter table health_check add column check_round int not null default 0;
alter table health_check add column output      text;
update health_check set check_round = 1 where attempts > 0;

alter table health_check_attempt add column check_round int not null default 1;
alter table health_check_attempt alter column check_round drop default;
alter table health_check_attempt add column output text;
alter table health_check_attempt drop constraint health_check_attempt_check_id_attempt_key;
alter table health_check_attempt add constraint health_check_attempt_once unique (check_id, check_round, attempt);
