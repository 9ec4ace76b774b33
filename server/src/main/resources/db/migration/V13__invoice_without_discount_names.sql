-- Invoices show no discount names (web.InvoiceMapper says why): the column only ever held '[]'.
alter table invoice drop column discount_names;
