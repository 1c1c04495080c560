-- One row per customer, month and activity type: billed quantity, measured driver and cost to
-- serve (the public face of int_cost_drivers_monthly, read by the dashboard's profitability,
-- pricing and budget pages).
select
    customer_id,
    month,
    activity_type,
    service,
    cost_driver,
    billed_quantity,
    measured_quantity,
    driver_quantity,
    is_driver_measured,
    measured_month,
    charges_eur,
    unit_cost_eur,
    cost_to_serve_eur
from {{ ref('int_cost_drivers_monthly') }}
