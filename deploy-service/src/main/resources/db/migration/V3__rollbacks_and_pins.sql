-- What `current` serves: set on every switch (deploy or rollback), so after a rollback the live deployment
-- is the restored one rather than the newest SUCCEEDED.
alter table environment add column live_deployment_id bigint references deployment (id);
update environment e
   set live_deployment_id = (select d.id from deployment d
                              where d.environment_id = e.id and d.status = 'SUCCEEDED'
                              order by d.version desc limit 1);

-- A rollback pins the environment: deployments keep being recorded but its lane is not claimed until resumed.
alter table environment add column pinned_at timestamptz;
alter table environment add column pinned_reason text;

create table rollback (
    id                bigserial primary key,
    environment_id    bigint       not null references environment (id),
    -- as asked: null for "the release live before the current one"
    requested_version bigint,
    -- resolved when the rollback runs; null if it failed before resolving
    from_version      bigint,
    to_version        bigint,
    status            varchar(16)  not null,
    reason            text         not null,
    requested_by      varchar(255) not null,
    failure           text,
    requested_at      timestamptz  not null,
    finished_at       timestamptz,
    -- the RollbackRequested: one rollback per request event
    cause_event_id    varchar(64)  not null unique,
    correlation_id    varchar(128) not null,
    -- the commit live when it was asked
    commit_sha        varchar(64)  not null
);
create index rollback_requested on rollback (environment_id, requested_at, id) where status = 'REQUESTED';
