-- Where a push was routed, so that the later deletion of its branch can find the preview environment it deployed:
-- a deleted branch has no commit left to read slipway.yml from.
alter table delivery add column branch      text;
alter table delivery add column app         varchar(63);
alter table delivery add column environment varchar(63);
alter table delivery add column preview     boolean not null default false;

-- TEARDOWN: a deleted branch whose preview environment is torn down (BranchDeleted emitted).
alter table delivery drop constraint delivery_outcome_check;
alter table delivery add constraint delivery_outcome_check
    check (outcome in ('ACCEPTED', 'TEARDOWN', 'IGNORED', 'PING'));

create index delivery_preview_branch on delivery (lower(repository), branch, received_at desc) where preview;
