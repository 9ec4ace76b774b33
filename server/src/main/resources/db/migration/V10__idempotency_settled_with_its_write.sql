-- A create asked for with an Idempotency-Key keeps that key with its write, and the transaction that ends the write
-- (its settle, or recovery taking in what Stripe made) marks the key's record with the write: a key whose request
-- died after that is answered from the mirror by its retry at once, never run as a new request.
alter table pending_write add column idempotency_caller varchar(200);
alter table pending_write add column idempotency_key varchar(300);
alter table idempotency_record add column write_id varchar(70);
