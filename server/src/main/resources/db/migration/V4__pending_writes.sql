-- One table for every write to a Stripe object that may have reached Stripe but is not settled in the database:
-- the write protocol (package writes) of every Stripe-backed resource. The unique object_id is the object's
-- turn: while a row names an object, no other write of it starts, on any instance. The row is committed before
-- Stripe is called and deleted in the transaction that stores Stripe's answer, so a crash or an ambiguous Stripe
-- failure leaves it behind for the one recovery loop, which takes it over once expires_at has passed.
-- A create names no object yet: its object_id is 'create/' || id, and until abandoned it holds a place in its
-- workspace's limit.
create table pending_write (
    id           varchar(70)  primary key,
    resource     varchar(32)  not null,
    object_id    varchar(100) not null,
    kind         varchar(16)  not null,
    workspace_id varchar(70),
    abandoned    boolean      not null,
    holder       varchar(70)  not null,
    created_at   timestamp(6) with time zone not null,
    expires_at   timestamp(6) with time zone not null,
    constraint pending_write_one_per_object unique (object_id)
);

create index pending_write_by_expiry on pending_write (expires_at);
create index pending_write_by_workspace on pending_write (workspace_id, kind);

-- The unfinished work of the two tables this one replaces is carried over, due for recovery at once.
insert into pending_write (id, resource, object_id, kind, workspace_id, abandoned, holder, created_at, expires_at)
select id, 'customer', 'create/' || id, 'create', workspace_id, true, id, created_at, created_at
from create_intent;

insert into pending_write (id, resource, object_id, kind, workspace_id, abandoned, holder, created_at, expires_at)
select min(s.id), 'customer', s.account_id, 'update', null, false, min(s.id), min(s.created_at), min(s.created_at)
from stripe_sync s
group by s.account_id;

drop table create_intent;
drop table stripe_sync;
