-- One row per customer, month and service: what the customer was charged (allocations plus
-- invoices minus credit notes; reversals net out by sign).
select
    customer_id,
    month,
    service,
    sum(amount_eur)::decimal(18, 2) as amount_eur,
    sum(quantity)::decimal(18, 3) as quantity,
    count(*) as source_lines
from {{ ref('int_charge_lines_unioned') }}
where customer_id is not null
group by all
