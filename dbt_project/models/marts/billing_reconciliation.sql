-- One row per customer and month with a complete SCCM snapshot of that month: active devices
-- against billed workstation units; a positive gap is unbilled use, a negative one overbilling.
with drivers as (
    select * from {{ ref('int_cost_drivers_monthly') }}
    where cost_driver = 'active_devices'
),

catalogue as (
    select * from {{ ref('service_catalogue') }} where cost_driver = 'active_devices'
)

select
    drivers.customer_id,
    drivers.month,
    drivers.measured_quantity::integer as active_devices,
    coalesce(drivers.billed_quantity, 0)::integer as billed_devices,
    (drivers.measured_quantity - coalesce(drivers.billed_quantity, 0))::integer as device_gap,
    (greatest(drivers.measured_quantity - coalesce(drivers.billed_quantity, 0), 0)
        * catalogue.unit_price_eur)::decimal(18, 2) as unbilled_eur,
    (greatest(coalesce(drivers.billed_quantity, 0) - drivers.measured_quantity, 0)
        * catalogue.unit_price_eur)::decimal(18, 2) as overbilled_eur,
    catalogue.unit_price_eur
from drivers
join catalogue using (activity_type)
where drivers.measured_quantity is not null and drivers.measured_month = drivers.month
