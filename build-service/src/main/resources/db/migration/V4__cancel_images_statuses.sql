-- The pull request a build runs for, and whether its commits come from a fork (then it deploys without secrets).
alter table build_job add column pull_request int;
alter table build_job add column from_fork boolean not null default false;
-- A preview build a newer commit replaced: status CANCELLED, why, and the commit that replaced it.
alter table build_job add column cancel_reason text;
alter table build_job add column superseded_by varchar(64);
create index build_job_unfinished on build_job (app, environment) where status in ('QUEUED', 'RUNNING');

-- The container image pushed for a service, registry/name@sha256:<hex> (FR-012).
alter table build_component add column image text;

-- Commit statuses for GitHub (FR-002), written in the transaction of the build change they report and sent from
-- here, so an outage of GitHub neither fails nor loses them. delivery: QUEUED until sent, SENT, or FAILED (refused,
-- or out of attempts).
create table commit_status (
    id              bigserial    primary key,
    build_number    bigint       not null references build_job (number) on delete cascade,
    repository      varchar(512) not null,
    commit_sha      varchar(64)  not null,
    context         varchar(255) not null,
    state           varchar(16)  not null,
    description     varchar(140) not null,
    target_url      text         not null,
    delivery        varchar(16)  not null,
    attempts        int          not null default 0,
    next_attempt_at timestamptz  not null,
    last_error      text,
    queued_at       timestamptz  not null,
    sent_at         timestamptz
);
create index commit_status_due on commit_status (next_attempt_at, id) where delivery = 'QUEUED';
create index commit_status_context on commit_status (repository, commit_sha, context, id) where delivery = 'QUEUED';
create index commit_status_build on commit_status (build_number, id);
