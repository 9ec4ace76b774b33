-- A create's limit may be its workspace's (billing accounts) or its billing account's (subscriptions).
alter table pending_write rename column workspace_id to scope_id;

-- The card Stripe holds as the customer's invoice_settings.default_payment_method.
alter table billing_account add column default_payment_method varchar(100);

-- Mirrors of Stripe's objects below a billing account, served without a Stripe call and kept in line by Stripe's
-- signed webhooks. Stripe is the truth for what its own lifecycle changes (statuses, periods, attachments).
create table payment_method (
    id                 varchar(100) primary key,
    billing_account_id varchar(70)  not null references billing_account (id) on delete cascade,
    brand              varchar(32)  not null,
    last4              varchar(4)   not null,
    exp_month          integer      not null,
    exp_year           integer      not null,
    name               varchar(200),
    bank_name          varchar(200),
    created_at         timestamp(6) with time zone not null
);

create index payment_method_by_account on payment_method (billing_account_id, created_at);

-- Setup intents handed to a caller and not yet seen confirmed: a list looks at them in Stripe, so that a card
-- confirmed a moment ago shows before its webhook arrives.
create table setup_intent (
    id                 varchar(100) primary key,
    billing_account_id varchar(70)  not null references billing_account (id) on delete cascade,
    created_at         timestamp(6) with time zone not null
);

create index setup_intent_by_account on setup_intent (billing_account_id);

-- items: the subscription's products as JSON, {"users": {"item_id", "price_id", "quantity", "interval"}, ...};
-- metadata: the caller's metadata as a JSON object.
create table subscription (
    id                   varchar(100)  primary key,
    billing_account_id   varchar(70)   not null references billing_account (id) on delete cascade,
    workspace_id         varchar(70)   not null references workspace (id),
    status               varchar(32)   not null,
    currency             varchar(3)    not null,
    items                varchar(4000) not null,
    metadata             varchar(8000) not null,
    current_period_start timestamp(6) with time zone,
    current_period_end   timestamp(6) with time zone,
    trial_end            timestamp(6) with time zone,
    cancel_at_period_end boolean       not null,
    collection_paused    boolean       not null,
    created_at           timestamp(6) with time zone not null,
    updated_at           timestamp(6) with time zone not null
);

create index subscription_by_account on subscription (billing_account_id, created_at);
create index subscription_by_workspace on subscription (workspace_id);

-- One trial per workspace: set when its first subscription is created, and kept whatever becomes of it.
alter table workspace add column first_subscribed_at timestamp(6) with time zone;
