-- Build numbers are a plain sequence: one number per push, never reused.
create sequence build_number_seq;

create table build_job (
    number           bigint       primary key,
    status           varchar(16)  not null,
    app              varchar(255) not null,
    environment      varchar(255) not null,
    repository       varchar(512) not null,
    clone_url        text         not null,
    branch           varchar(512) not null,
    commit_sha       varchar(64)  not null,
    commit_message   text,
    pusher           varchar(255),
    -- the PushReceived this build answers: its events continue that run (correlation, causation)
    trigger_event_id varchar(64)  not null unique,
    trigger_source   varchar(512) not null,
    trigger_time     timestamptz  not null,
    correlation_id   varchar(64)  not null,
    -- times a worker claimed the build; a build whose worker went silent is requeued once
    attempts         int          not null default 0,
    queued_at        timestamptz  not null,
    started_at       timestamptz,
    heartbeat_at     timestamptz,
    finished_at      timestamptz,
    failed_step      varchar(16),
    failed_component varchar(63),
    failure_reason   text
);
create index build_job_queued on build_job (number) where status = 'QUEUED';
create index build_job_running on build_job (heartbeat_at) where status = 'RUNNING';
create index build_job_app on build_job (app, number desc);

create table build_step (
    id           bigserial   primary key,
    build_number bigint      not null references build_job (number) on delete cascade,
    position     int         not null,
    component    varchar(63),
    step         varchar(16) not null,
    status       varchar(16) not null,
    exit_code    int,
    started_at   timestamptz not null,
    finished_at  timestamptz,
    duration_ms  bigint,
    reason       text,
    log          text        not null default ''
);
create index build_step_build on build_step (build_number, position);

create table build_component (
    id              bigserial    primary key,
    build_number    bigint       not null references build_job (number) on delete cascade,
    position        int          not null,
    name            varchar(63)  not null,
    kind            varchar(16)  not null,
    artifact_digest varchar(71)  not null,
    artifact_size   bigint       not null,
    coverage        double precision,
    health_path     text,
    health_status   int,
    unique (build_number, name)
);
