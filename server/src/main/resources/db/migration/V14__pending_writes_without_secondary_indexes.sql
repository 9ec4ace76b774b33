-- pending_write holds only the writes under way or unfinished, a handful of rows at any time: its scans by
-- expiry and by scope cost less than keeping two more indexes current on every write's insert and delete.
drop index pending_write_by_expiry;
drop index pending_write_by_workspace;
