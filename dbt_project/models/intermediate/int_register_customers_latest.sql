-- One row per customer: the newest register snapshot that lists it.
with customers as (
    select * from {{ ref('stg_register__customers') }}
)

select *
from customers
where customer_id is not null
qualify row_number() over (
    partition by customer_id order by extract_date desc nulls last, load_id desc, source_row_number
) = 1
