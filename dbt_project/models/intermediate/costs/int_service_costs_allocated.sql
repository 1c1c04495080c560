-- One row per month, service (code of the catalogue) and customer whose allocation driver
-- is above zero: the customer's part of the service's actual cost of the month, in
-- proportion to its driver quantity, split to the cent (largest remainder, ties by customer
-- id) so the customers' parts add up to the service's cost exactly. A service with cost but
-- no driver quantity in the month has one row without a customer (unallocated, reason
-- no_driver_quantity).
with service_costs as (
    select month, activity_type, sum(amount_eur) as service_cost_eur
    from {{ ref('int_pool_costs_monthly') }}
    where activity_type is not null
    group by all
),

drivers as (
    select customer_id, month, activity_type, allocation_driver, driver_quantity
    from {{ ref('int_allocation_drivers_monthly') }}
    where driver_quantity > 0
),

totals as (
    select month, activity_type, sum(driver_quantity) as total_driver_quantity
    from drivers
    group by all
),

inputs as (
    select drivers.*, totals.total_driver_quantity, service_costs.service_cost_eur
    from drivers
    join totals using (month, activity_type)
    join service_costs using (month, activity_type)
),

allocated as (
    select * from {{ largest_remainder('inputs', 'month, activity_type', 'driver_quantity',
                                       'service_cost_eur', 'customer_id') }}
)

select
    month,
    activity_type,
    customer_id,
    allocation_driver,
    driver_quantity,
    total_driver_quantity,
    service_cost_eur,
    (service_cost_eur / total_driver_quantity)::decimal(18, 4) as rate_eur,
    allocated_eur as amount_eur,
    null as unallocated_reason
from allocated

union all

select
    service_costs.month,
    service_costs.activity_type,
    null as customer_id,
    null as allocation_driver,
    null as driver_quantity,
    null as total_driver_quantity,
    service_costs.service_cost_eur,
    null as rate_eur,
    service_costs.service_cost_eur::decimal(18, 2) as amount_eur,
    'no_driver_quantity' as unallocated_reason
from service_costs
anti join totals using (month, activity_type)
