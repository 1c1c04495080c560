-- One row per customer, month and code of the catalogue: charges, billed quantity and the
-- cost to serve on the month's cost basis (docs/definitions.md): the centre's actual cost
-- allocated by the code's allocation driver (`actual`), or the catalogue's unit cost × the
-- catalogue driver (`catalogue`). Read by the dashboard's profitability, pricing and budget
-- pages; both costs are kept side by side.
with catalogue_costs as (
    select * from {{ ref('int_cost_drivers_monthly') }}
),

allocation as (
    select * from {{ ref('int_allocation_drivers_monthly') }}
),

allocated as (
    select customer_id, month, activity_type, amount_eur as actual_cost_eur
    from {{ ref('int_service_costs_allocated') }}
    where customer_id is not null
),

rates as (
    select month, activity_type, any_value(rate_eur) as actual_rate_eur
    from {{ ref('int_service_costs_allocated') }}
    where customer_id is not null
    group by all
),

basis as (
    select * from {{ ref('int_cost_basis_monthly') }}
),

catalogue as (
    select * from {{ ref('service_catalogue') }}
),

keyed as (
    select customer_id, month, activity_type from catalogue_costs
    union
    select customer_id, month, activity_type from allocation
),

joined as (
    select
        keyed.customer_id,
        keyed.month,
        keyed.activity_type,
        catalogue.service,
        coalesce(basis.cost_basis, 'catalogue') as cost_basis,
        catalogue.cost_driver,
        catalogue.allocation_driver,
        coalesce(c.billed_quantity, a.billed_quantity) as billed_quantity,
        c.measured_quantity,
        c.measured_month,
        coalesce(c.driver_quantity, 0) as catalogue_driver_quantity,
        coalesce(c.is_driver_measured, false) as catalogue_driver_measured,
        coalesce(a.driver_quantity, 0) as allocation_driver_quantity,
        coalesce(a.is_driver_measured, false) as allocation_driver_measured,
        coalesce(c.charges_eur, a.charges_eur, 0)::decimal(18, 2) as charges_eur,
        catalogue.unit_cost_eur,
        rates.actual_rate_eur,
        coalesce(c.cost_to_serve_eur, 0)::decimal(18, 2) as catalogue_cost_eur,
        coalesce(allocated.actual_cost_eur, 0)::decimal(18, 2) as actual_cost_eur
    from keyed
    join catalogue using (activity_type)
    left join catalogue_costs as c using (customer_id, month, activity_type)
    left join allocation as a using (customer_id, month, activity_type)
    left join allocated using (customer_id, month, activity_type)
    left join rates using (month, activity_type)
    left join basis using (month)
)

select
    customer_id,
    month,
    activity_type,
    service,
    cost_basis,
    cost_driver,
    allocation_driver,
    billed_quantity,
    measured_quantity,
    case when cost_basis = 'actual' then allocation_driver_quantity
         else catalogue_driver_quantity end as driver_quantity,
    case when cost_basis = 'actual' then allocation_driver_measured
         else catalogue_driver_measured end as is_driver_measured,
    measured_month,
    charges_eur,
    unit_cost_eur,
    case when cost_basis = 'actual' then actual_rate_eur else unit_cost_eur end as rate_eur,
    catalogue_cost_eur,
    case when cost_basis = 'actual' then actual_cost_eur end as actual_cost_eur,
    case when cost_basis = 'actual' then actual_cost_eur
         else catalogue_cost_eur end as cost_to_serve_eur
from joined
