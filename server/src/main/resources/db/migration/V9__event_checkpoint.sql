-- How far catch-up has applied Stripe's events: the creation second of the newest one applied. One row.
create table stripe_event_checkpoint (
    id      integer primary key,
    created bigint  not null
);
