-- Every pipeline event notify-service has seen, from every topic: the history incident reports are built from.
-- Recorded by EventRecorder once per event id (inbox + unique event_id).
create table pipeline_event (
    id             bigserial   primary key,
    event_id       text        not null unique,
    -- the CloudEvents type string, e.g. dev.slipway.verify.health-failed.v1
    type           text        not null,
    -- the emitting service, e.g. /slipway/verify-service
    source         text        not null,
    time           timestamptz not null,
    app            text        not null,
    environment    text        not null,
    correlation_id text        not null,
    causation_id   text,
    commit_sha     text        not null,
    -- the release version, for events whose data has one (Deploy*, Health*)
    version        bigint,
    -- one line for people, e.g. "version 12 unhealthy: web: expected status 200, got 503"
    summary        text        not null,
    -- the event's data as the event carries it (no secrets: events carry none)
    data           jsonb       not null,
    recorded_at    timestamptz not null
);
create index pipeline_event_by_correlation on pipeline_event (correlation_id, time);
create index pipeline_event_by_release on pipeline_event (app, environment, type, version);
create index pipeline_event_by_environment on pipeline_event (app, environment, time);

-- One per rollback outcome (RollbackCompleted, or RollbackFailed: an environment left unrestored is an incident
-- too). Opened with its rollback event; IncidentWorker builds the report once report_due_at has passed.
create table incident (
    id                      bigserial   primary key,
    rollback_event_id       text        not null unique,
    rollback_event_type     text        not null,
    rollback_correlation_id text        not null,
    app                     text        not null,
    environment             text        not null,
    -- true for RollbackCompleted, false for RollbackFailed
    restored                boolean     not null,
    -- the release rolled back; for a failed rollback found when the report is built (null: none was live)
    from_version            bigint,
    -- the release restored; null when the rollback failed
    to_version              bigint,
    -- "automatic (health check failed)" or "by <who>"; known once the report is built
    trigger                 text,
    reason                  text,
    -- why a failed rollback failed
    failure                 text,
    rolled_back_at          timestamptz not null,
    opened_at               timestamptz not null,
    status                  text        not null,
    report_due_at           timestamptz not null,
    report_attempts         int         not null default 0,
    report_error            text,
    -- the report as built (json, not jsonb: kept as written, its fields in their order)
    report                  json,
    report_text             text,
    reported_at             timestamptz
);
create index incident_due on incident (report_due_at) where status = 'REPORT_PENDING';
create index incident_by_environment on incident (app, environment, id);

-- The incident a delivery announces, when it is one.
alter table delivery add column incident_id bigint references incident (id);
