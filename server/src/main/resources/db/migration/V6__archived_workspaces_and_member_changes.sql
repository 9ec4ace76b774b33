-- An archived workspace (DELETE /workspaces/{id}) keeps its rows and answers reads; every write below it is refused.
alter table workspace add column archived_at timestamp(6) with time zone;

-- A member's role can change: when it last did. Existing members have not changed since they were added.
alter table member add column updated_at timestamp(6) with time zone;
update member set updated_at = created_at;
alter table member alter column updated_at set not null;
