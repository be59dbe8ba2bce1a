-- Whether a build deploys to its branch's preview environment: the config step then reads the settings of
-- `previews:` in slipway.yml instead of those of a declared environment.
alter table build_job add column preview boolean not null default false;
