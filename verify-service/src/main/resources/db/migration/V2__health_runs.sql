-- One run per DeploySucceeded: recorded by DeploySucceededHandler, driven by HealthCheckWorker.
create table health_run (
    id             bigserial   primary key,
    app            text        not null,
    environment    text        not null,
    version        bigint      not null,
    -- the DeploySucceeded this run answers (correlation, causation and commit of the result event)
    cause_event_id text        not null unique,
    cause_source   text        not null,
    cause_time     timestamptz not null,
    correlation_id text        not null,
    commit_sha     text        not null,
    status         text        not null,
    result         text,
    claim_token    text,
    created_at     timestamptz not null,
    started_at     timestamptz,
    heartbeat_at   timestamptz,
    finished_at    timestamptz
);
create index health_run_unfinished on health_run (id) where status <> 'DONE';
create index health_run_by_app on health_run (app, environment, id);

-- One row per check of a run; holds the last attempt's observation, passed is null until concluded.
create table health_check (
    id              bigserial primary key,
    run_id          bigint    not null references health_run (id),
    position        int       not null,
    component       text      not null,
    url             text      not null,
    expected_status int       not null,
    attempts        int       not null,
    http_status     int,
    latency_ms      bigint,
    error           text,
    passed          boolean,
    unique (run_id, position)
);

create table health_check_attempt (
    id          bigserial   primary key,
    check_id    bigint      not null references health_check (id),
    attempt     int         not null,
    started_at  timestamptz not null,
    http_status int,
    latency_ms  bigint      not null,
    error       text,
    passed      boolean     not null,
    unique (check_id, attempt)
);
