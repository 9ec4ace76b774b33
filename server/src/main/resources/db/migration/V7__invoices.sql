-- The mirror of a billing account's Stripe invoices, served without a Stripe call and kept in line by Stripe's
-- invoice events. lines and discount_names are JSON arrays. Pages run newest first by (created_at, id).
create table invoice (
    id                 varchar(100)   primary key,
    billing_account_id varchar(70)    not null references billing_account (id) on delete cascade,
    status             varchar(32)    not null,
    amount_due         bigint         not null,
    amount_paid        bigint         not null,
    subtotal           bigint         not null,
    total              bigint         not null,
    tax                bigint         not null,
    discount_amount    bigint         not null,
    currency           varchar(3)     not null,
    discount_names     varchar(2000)  not null,
    lines              varchar(20000) not null,
    due_date           timestamp(6) with time zone,
    hosted_invoice_url varchar(2000),
    invoice_pdf        varchar(2000),
    number             varchar(100),
    created_at         timestamp(6) with time zone not null
);

create index invoice_by_account on invoice (billing_account_id, created_at, id);
