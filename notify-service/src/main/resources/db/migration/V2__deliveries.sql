-- One row per message per channel: recorded by NotificationHandler, sent by DeliveryWorker.
-- The webhook URL is a secret and stays in configuration: channel_id is its SHA-256, channel its masked form.
create table delivery (
    id              bigserial   primary key,
    event_id        text        not null,
    event_type      text        not null,
    app             text        not null,
    environment     text        not null,
    channel_id      text        not null,
    channel         text        not null,
    text            text        not null,
    status          text        not null,
    attempts        int         not null,
    -- when a worker may take it next: now for new ones, later for retries and for claimed ones (claim timeout)
    next_attempt_at timestamptz not null,
    last_error      text,
    created_at      timestamptz not null,
    finished_at     timestamptz,
    unique (event_id, channel_id)
);
create index delivery_due on delivery (next_attempt_at) where status = 'PENDING';
create index delivery_by_app on delivery (app, id);

create table delivery_attempt (
    id               bigserial   primary key,
    delivery_id      bigint      not null references delivery (id),
    attempt          int         not null,
    attempted_at     timestamptz not null,
    http_status      int,
    response_excerpt text,
    latency_ms       bigint      not null,
    error            text,
    unique (delivery_id, attempt)
);
