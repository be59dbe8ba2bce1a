-- pull_request deliveries: the action GitHub sent (opened, synchronize, closed, …) and the pull request's number.
alter table delivery add column action       varchar(64);
alter table delivery add column pull_request integer;

-- GitHub sends a push and a pull_request (synchronize) for the same commit of a same-repository pull request, and
-- both route to the branch's preview. The accepted delivery that started an environment on a commit holds that
-- commit until a newer commit starts there or the environment is torn down; the unique index lets only one
-- delivery hold it, even when both arrive at once, so the commit is built once.
alter table delivery add column holds_commit boolean not null default false;
create unique index delivery_one_start_per_commit
    on delivery (lower(repository), environment, commit_sha) where holds_commit;

-- A preview environment's newest push, pull request or teardown is found by the environment's name: a pull request
-- from a fork has its own preview (preview-pr-<n>), whatever its branch is called.
drop index delivery_preview_branch;
create index delivery_preview_environment on delivery (lower(repository), environment, received_at desc) where preview;
