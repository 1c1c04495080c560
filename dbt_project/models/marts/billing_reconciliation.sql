-- One row per customer and month with a complete SCCM snapshot of that month: active devices
-- against billed workstation units; a positive gap is unbilled use, a negative one overbilling.
-- In a month with charges whose code is not in the service catalogue the billed units are not
-- known: billed, gap and euros are null and `needs_classification` is true.
with drivers as (
    select * from {{ ref('int_cost_drivers_monthly') }}
    where cost_driver = 'active_devices'
),

catalogue as (
    select * from {{ ref('service_catalogue') }} where cost_driver = 'active_devices'
),

classification as (
    select customer_id, month, needs_classification
    from {{ ref('customer_profitability_monthly') }}
),

reconciled as (
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
        catalogue.unit_price_eur,
        coalesce(classification.needs_classification, false) as needs_classification
    from drivers
    join catalogue using (activity_type)
    left join classification using (customer_id, month)
    where drivers.measured_quantity is not null and drivers.measured_month = drivers.month
)

select
    customer_id,
    month,
    active_devices,
    case when not needs_classification then billed_devices end as billed_devices,
    case when not needs_classification then device_gap end as device_gap,
    case when not needs_classification then unbilled_eur end as unbilled_eur,
    case when not needs_classification then overbilled_eur end as overbilled_eur,
    unit_price_eur,
    needs_classification
from reconciled
