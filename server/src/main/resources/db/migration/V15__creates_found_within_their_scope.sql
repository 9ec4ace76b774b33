-- A retry of a keyed create looks for what the first try made within the create's own scope (a workspace's billing
-- accounts, an account's subscriptions, each made in the last 24 hours), which the scope's indexes find: an index
-- of every row's creating write cost each create one more index to keep current, for a look that needs none.
drop index billing_account_by_create;
drop index subscription_by_create;
