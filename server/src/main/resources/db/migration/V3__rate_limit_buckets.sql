-- Per-caller rate-limit buckets (billing.rate-limit.requests-per-minute), in the layout of Bucket4j's PostgreSQL
-- proxy manager: id = "<requests-per-minute>/<SHA-256 of the caller, hex>", state = the serialized bucket,
-- expires_at = epoch milliseconds, 10 s after the bucket is full again, when the row may be deleted (every minute;
-- the table holds only recently active callers, so that scan needs no index, and updates stay index-free).
-- Used on PostgreSQL only, so that every instance shares the budget; on H2 (one process) buckets live in memory.
-- bytea is PostgreSQL's binary type and an alias of binary varying in H2.
create table rate_limit_bucket (
    id         varchar(80) primary key,
    state      bytea,
    expires_at bigint
);
