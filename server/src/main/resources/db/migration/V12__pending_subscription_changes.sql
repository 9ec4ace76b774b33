-- A decrease waits for the end of the period in a Stripe subscription schedule. The mirror keeps the schedule's id
-- and what takes over when (pending_items: the same JSON shape as items), so reads show it without a Stripe call.
alter table subscription add column schedule_id varchar(100);
alter table subscription add column pending_items varchar(4000);
alter table subscription add column pending_effective_at timestamp(6) with time zone;
