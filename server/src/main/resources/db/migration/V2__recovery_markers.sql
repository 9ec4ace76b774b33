-- A Stripe write (update or delete) that may have reached Stripe but is not settled in the database yet.
-- Committed before Stripe is called and removed with the database write, so a crash or an ambiguous Stripe
-- failure leaves a marker, and recovery makes Stripe match the database again.
create table stripe_sync (
    id           varchar(70)  primary key,
    account_id   varchar(70)  not null,
    created_at   timestamp(6) with time zone not null,
    claimed_until timestamp(6) with time zone
);

create index stripe_sync_by_age on stripe_sync (created_at);

-- Recovery work is claimed for a while, so that several instances never redo each other's.
alter table create_intent add column claimed_until timestamp(6) with time zone;
