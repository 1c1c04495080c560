-- One row per customer: the newest register snapshot that lists it. The register's own
-- potential score stays as the register has it; a partnership manager's score from the care
-- plan is joined later (int_customer_potential_scores), so that saving one rebuilds only the
-- relations that show it.
with customers as (
    select * from {{ ref('stg_register__customers') }}
)

select *
from customers
where customer_id is not null
qualify row_number() over (
    partition by customer_id order by extract_date desc nulls last, load_id desc, source_row_number
) = 1
