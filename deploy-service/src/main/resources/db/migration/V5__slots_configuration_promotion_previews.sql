-- Services run in edge slots; every deployment records the configuration it ran with, its trigger and its log.
alter table deployment add column trigger text not null default 'push';
-- the environment's variables from slipway.yml, as JSON, fixed when the deployment is recorded
alter table deployment add column config_variables text not null default '{}';
-- the environment's secrets when the deployment started: one AES-GCM sealed JSON object, never plain text
alter table deployment add column config_secrets bytea;
alter table deployment add column slot varchar(8);
alter table deployment add column log text not null default '';
create index deployment_waiting on deployment (environment_id) where status = 'WAITING';

alter table deployment_component add column run text;
alter table deployment_component add column route varchar(255);
alter table deployment_component add column migrate text;

-- what the newest build for the environment said about it; a promotion uses these
alter table environment add column variables text not null default '{}';
-- environments (comma-separated) a commit must have passed before it deploys here
alter table environment add column requires text not null default '';
alter table environment add column preview boolean not null default false;
alter table environment add column teardown_requested_at timestamptz;
alter table environment add column teardown_reason text;
alter table environment add column torn_down_at timestamptz;

create table environment_secret (
    environment_id bigint       not null references environment (id),
    name           varchar(255) not null,
    -- AES-GCM, sealed with app/environment/name as associated data
    sealed         bytea        not null,
    updated_at     timestamptz  not null,
    primary key (environment_id, name)
);
