-- How far catch-up has applied Stripe's events: the creation second of the newest one applied. One row.
create table stripe_event_checkpoint (
    id      integer primary key,
    created bigint  not null
);

-- An invoice's lines are mirrored whole (Stripe lists past its first page of 10 on request), prorations included.
alter table invoice alter column lines set data type varchar(1000000);
