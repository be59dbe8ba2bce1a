-- One row per (app, environment); last_version is the counter deployments take their version from,
-- incremented under the row lock so versions are 1, 2, 3... with no gaps or duplicates.
create table environment (
    id           bigserial primary key,
    app          varchar(63)  not null,
    name         varchar(63)  not null,
    last_version bigint       not null default 0,
    created_at   timestamptz  not null,
    unique (app, name)
);

create table deployment (
    id                 bigserial primary key,
    environment_id     bigint       not null references environment (id),
    version            bigint       not null,
    commit_sha         varchar(64)  not null,
    build_number       bigint       not null,
    branch             varchar(255),
    target             varchar(32)  not null,
    status             varchar(16)  not null,
    reason             text,
    health             varchar(16),
    health_summary     text,
    health_at          timestamptz,
    requested_at       timestamptz  not null,
    started_at         timestamptz,
    heartbeat_at       timestamptz,
    finished_at        timestamptz,
    -- the BuildSucceeded that asked for this deployment: one deployment per build event
    cause_event_id     varchar(64)  not null unique,
    correlation_id     varchar(128) not null,
    requested_event_id varchar(64)  not null,
    started_event_id   varchar(64),
    unique (environment_id, version)
);
-- one lane per environment: the database refuses a second deploy running in the same environment
create unique index deployment_one_deploying_per_environment on deployment (environment_id) where status = 'DEPLOYING';
create index deployment_requested on deployment (requested_at, id) where status = 'REQUESTED';

create table deployment_component (
    deployment_id          bigint       not null references deployment (id) on delete cascade,
    position               int          not null,
    name                   varchar(63)  not null,
    kind                   varchar(16)  not null,
    artifact_digest        varchar(71)  not null,
    artifact_size          bigint       not null,
    health_path            varchar(1024),
    health_expected_status int,
    primary key (deployment_id, position),
    unique (deployment_id, name)
);
