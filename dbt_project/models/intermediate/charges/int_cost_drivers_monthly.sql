-- One row per customer, month and activity type: billed quantity, the measured driver where
-- a source measures it (SCCM active devices, HR headcount, IT-maintained applications in the
-- register, each as of its newest snapshot at or before the month's end) and the cost to serve.
with spine as (
    select * from {{ ref('int_months_spined') }}
),

catalogue as (
    select * from {{ ref('service_catalogue') }}
),

billed as (
    select customer_id, month, activity_type, sum(quantity) as billed_quantity,
           sum(amount_eur) as charges_eur
    from {{ ref('int_charge_lines_unioned') }}
    where customer_id is not null and activity_type is not null
    group by all
),

devices as (
    -- The newest complete SCCM month at or before this one (carried forward for the cost).
    select spine.customer_id, spine.month, d.active_devices, d.month as devices_month
    from spine
    asof join {{ ref('int_devices_active_by_customer') }} as d
        on d.customer_id = spine.customer_id and d.month <= spine.month
),

staff as (
    select spine.customer_id, spine.month, h.staff_count
    from spine
    asof join {{ ref('int_headcounts_by_customer') }} as h
        on h.customer_id = spine.customer_id and h.extract_date <= last_day(spine.month)
),

applications as (
    select customer_id, extract_date, count(distinct application_key) as applications
    from {{ ref('int_applications_joined_to_customers') }}
    where customer_id is not null and maintenance_code in ('it', 'shared')
    group by all
),

apps as (
    select spine.customer_id, spine.month, a.applications
    from spine
    asof join applications as a
        on a.customer_id = spine.customer_id and a.extract_date <= last_day(spine.month)
),

grid as (
    select spine.customer_id, spine.month, catalogue.*
    from spine cross join catalogue
),

measured as (
    select
        grid.*,
        billed.billed_quantity,
        billed.charges_eur,
        case grid.cost_driver
            when 'active_devices' then devices.active_devices
            when 'staff' then staff.staff_count
            when 'applications' then apps.applications
        end as measured_quantity,
        case when grid.cost_driver = 'active_devices' then devices.devices_month end
            as measured_month
    from grid
    left join billed using (customer_id, month, activity_type)
    left join devices using (customer_id, month)
    left join staff using (customer_id, month)
    left join apps using (customer_id, month)
)

select
    customer_id,
    month,
    activity_type,
    service,
    cost_driver,
    billed_quantity,
    measured_quantity,
    coalesce(measured_quantity, billed_quantity, 0) as driver_quantity,
    measured_quantity is not null as is_driver_measured,
    measured_month,
    coalesce(charges_eur, 0)::decimal(18, 2) as charges_eur,
    unit_cost_eur,
    (unit_cost_eur * coalesce(measured_quantity, billed_quantity, 0))::decimal(18, 2) as cost_to_serve_eur
from measured
where charges_eur is not null or coalesce(measured_quantity, 0) > 0
