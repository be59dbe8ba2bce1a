-- Channels of three types (slack, email, webhook) with routing rules. A delivery keeps what its channel is sent:
-- the text in the channel's format, the email subject, and the facts a webhook payload carries, so every retry
-- sends the same thing. channel_id is a channel's name (channel:<name>) or, for slack-webhook-urls, the URL's SHA-256.
alter table delivery add column channel_type text not null default 'SLACK';
alter table delivery add column subject text;
alter table delivery add column version bigint;
alter table delivery add column commit_sha text;
-- the status change the message announces (the event's time): SC-006 is measured from it
alter table delivery add column occurred_at timestamptz;
