-- a rollback is announced (RollbackStarted) before its release is restored outside any transaction; a restart in
-- between does it again under the same announcement
alter table rollback add column started_event_id text;
alter table rollback add column started_at timestamptz;
