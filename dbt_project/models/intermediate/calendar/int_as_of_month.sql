-- One row: the month that "current value" ends in (the var, else the newest charged month).
select
    coalesce(
        {% if var('as_of_month') %}date '{{ var("as_of_month") }}'{% else %}null{% endif %},
        max(month)
    )::date as as_of_month
from {{ ref('int_charge_lines_unioned') }}
where customer_id is not null
