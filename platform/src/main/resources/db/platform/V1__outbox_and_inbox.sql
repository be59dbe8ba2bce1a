-- Shared by every service, in the service's own schema. Service migrations start at V2.
create table outbox (
    id           bigserial primary key,
    event_id     varchar(64)  not null unique,
    event_type   varchar(128) not null,
    topic        varchar(128) not null,
    record_key   varchar(255) not null,
    payload      text         not null,
    created_at   timestamptz  not null,
    published_at timestamptz
);
create index outbox_unpublished on outbox (id) where published_at is null;

create table inbox (
    id          varchar(300) primary key,
    consumer    varchar(128) not null,
    event_id    varchar(64)  not null,
    event_type  varchar(128) not null,
    handled_at  timestamptz  not null
);
