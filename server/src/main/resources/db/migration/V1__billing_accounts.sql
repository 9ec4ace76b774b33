-- One schema for H2 (embedded default) and PostgreSQL (production): portable SQL only.

create table workspace (
    id           varchar(70)  primary key,
    name         varchar(50)  not null,
    description  varchar(200),
    billing_mode varchar(16)  not null,
    created_at   timestamp(6) with time zone not null,
    updated_at   timestamp(6) with time zone not null
);

create table member (
    workspace_id varchar(70)  not null references workspace (id),
    user_id      varchar(128) not null,
    role         varchar(16)  not null,
    created_at   timestamp(6) with time zone not null,
    primary key (workspace_id, user_id)
);

create table billing_account (
    id                  varchar(70)  primary key,
    workspace_id        varchar(70)  not null references workspace (id),
    name                varchar(100) not null,
    email               varchar(150) not null,
    phone               varchar(50),
    description         varchar(200),
    currency            varchar(3)   not null,
    address_country     varchar(2),
    address_line1       varchar(200),
    address_line2       varchar(200),
    address_city        varchar(100),
    address_state       varchar(100),
    address_postal_code varchar(20),
    version             bigint       not null,
    created_at          timestamp(6) with time zone not null,
    updated_at          timestamp(6) with time zone not null
);

create index billing_account_by_workspace on billing_account (workspace_id, created_at);

-- A create that may have reached Stripe but is not stored yet. Committed before Stripe is called, so a crash
-- leaves a trace that recovery resolves. While under way it holds a place under the billing-mode limit; once
-- abandoned (Stripe failed ambiguously) it holds none and only waits for recovery to delete what Stripe made.
create table create_intent (
    id                     varchar(70)  primary key,
    workspace_id           varchar(70)  not null references workspace (id),
    stripe_idempotency_key varchar(255) not null,
    abandoned              boolean      not null,
    created_at             timestamp(6) with time zone not null
);

create table idempotency_record (
    caller           varchar(128) not null,
    idempotency_key  varchar(255) not null,
    request_hash     varchar(64)  not null,
    response_status  integer,
    response_body    varchar(100000),
    response_etag    varchar(100),
    created_at       timestamp(6) with time zone not null,
    primary key (caller, idempotency_key)
);
