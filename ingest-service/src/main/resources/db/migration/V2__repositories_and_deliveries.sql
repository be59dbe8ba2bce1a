-- Repositories whose webhooks are accepted. The secret is AES-256-GCM sealed: 12-byte IV || ciphertext || tag.
create table repository (
    full_name     varchar(140) primary key,
    clone_url     text         not null,
    secret_sealed bytea        not null,
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null
);
-- GitHub names are case-insensitive: one registration per repository whatever the casing.
create unique index repository_full_name_ci on repository (lower(full_name));

-- Every signed delivery that was handled; the primary key makes a redelivery a no-op.
create table delivery (
    delivery_id varchar(128) primary key,
    event       varchar(64)  not null,
    repository  varchar(140) not null,
    received_at timestamptz  not null,
    outcome     varchar(16)  not null check (outcome in ('ACCEPTED', 'IGNORED', 'PING')),
    reason      text,
    commit_sha  varchar(64),
    event_id    varchar(64)
);
create index delivery_repository on delivery (repository, received_at);
