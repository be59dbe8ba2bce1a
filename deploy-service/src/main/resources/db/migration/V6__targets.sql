-- where an environment's releases go (null: the embedded local target), as JSON, and whether a deployment runs
-- without the environment's secrets (a fork's pull request)
alter table environment add column target_settings text;
alter table deployment add column target_settings text;
alter table deployment add column withhold_secrets boolean not null default false;
