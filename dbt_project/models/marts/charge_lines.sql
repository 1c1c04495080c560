-- One row per customer-side charge line (allocation receiver line or invoice) with the file
-- and row it came from; read by the data-quality scores per customer.
select
    source,
    file_name,
    source_row_number,
    record_key,
    source_key,
    customer_id,
    month,
    service,
    activity_type,
    amount_eur,
    quantity
from {{ ref('int_charge_lines_unioned') }}
