-- A create's Stripe request as it was sent, kept before it is sent: recovery sends it again with the same
-- Idempotency-Key, and Stripe answers with the one object the create made (or makes it now). context: what the
-- resource needs beside Stripe's answer to take that object into the mirror (a billing account's currency).
alter table pending_write add column stripe_request varchar(100000);
alter table pending_write add column context varchar(200);

-- The create that made an object: a caller's retry with the same Idempotency-Key is answered with it, even when the
-- first request's answer was lost or recovery took the object in.
alter table billing_account add column created_by_write varchar(70);
create index billing_account_by_create on billing_account (created_by_write);
alter table subscription add column created_by_write varchar(70);
create index subscription_by_create on subscription (created_by_write);

-- Every metadata Stripe accepts fits, whatever JSON escapes its 10 pairs of 40 + 500 characters need.
alter table subscription alter column metadata set data type varchar(65000);
