-- One row per customer and month from the first charged month to the as-of month.
with bounds as (
    select min(month) as first_month, (select as_of_month from {{ ref('int_as_of_month') }}) as last_month
    from {{ ref('int_charge_lines_unioned') }}
    where customer_id is not null
)

select customers.customer_id, months.month::date as month
from bounds,
    range(bounds.first_month, bounds.last_month + interval 1 month, interval 1 month) as months(month),
    {{ ref('int_register_customers_latest') }} as customers
