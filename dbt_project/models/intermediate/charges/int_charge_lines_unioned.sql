-- One row per customer-side charge line: allocation receiver lines and invoices, each with
-- the file and row it came from. Sender lines of the IT centre are left out here.
select
    'sap_charges' as source,
    file_name,
    source_row_number,
    fiscal_year || '/' || document_number || '/' || posting_row as record_key,
    cost_centre as source_key,
    customer_id,
    month,
    service,
    activity_type,
    amount_eur,
    quantity
from {{ ref('int_charges_joined_to_customers') }}
where not is_sender_line

union all

select
    'sap_invoices' as source,
    file_name,
    source_row_number,
    fiscal_year || '/' || document_number as record_key,
    coalesce(sap_customer_number, customer_name) as source_key,
    customer_id,
    month,
    service,
    activity_type,
    amount_eur,
    quantity
from {{ ref('int_invoices_joined_to_customers') }}
