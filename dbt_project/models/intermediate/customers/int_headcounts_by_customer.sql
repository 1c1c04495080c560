-- One row per customer and headcount extract date: staff over the customer's cost centres.
with headcounts as (
    select * from {{ ref('stg_sap__headcounts') }}
    qualify row_number() over (
        partition by cost_centre, extract_date order by load_id desc, source_row_number desc
    ) = 1
),

mapped as (
    select * from {{ ref('int_cost_centre_dates_mapped') }}
)

select
    mapped.customer_id,
    headcounts.extract_date,
    sum(headcounts.headcount) as staff_count,
    sum(headcounts.fte) as fte
from headcounts
join mapped
    on mapped.cost_centre = headcounts.cost_centre and mapped.on_date = headcounts.extract_date
where mapped.customer_id is not null
group by all
