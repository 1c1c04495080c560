-- One row per customer, month and code of the catalogue: the quantity of the code's
-- allocation driver (docs/definitions.md "Cost to serve on actual costs"), by which the
-- code's actual cost of the month is shared among customers. A source that measures the
-- driver is read in the snapshot nearest the month: the newest at or before the month's
-- end, else (months before the first one) the first after it. A customer that snapshot does
-- not name at all is measured by the code's billed quantity instead.
with spine as (
    select * from {{ ref('int_months_spined') }}
),

months as (
    select distinct month from spine
),

catalogue as (
    select activity_type, service, allocation_driver from {{ ref('service_catalogue') }}
),

billed as (
    select customer_id, month, activity_type, sum(quantity) as billed_quantity,
           sum(amount_eur) as charges_eur
    from {{ ref('int_charge_lines_unioned') }}
    where customer_id is not null and activity_type is not null
    group by all
),

device_snapshots as (
    select distinct month as snapshot_month from {{ ref('int_devices_active_by_customer') }}
),

device_pick as (
    select
        months.month,
        coalesce(
            (select max(snapshot_month) from device_snapshots
             where snapshot_month <= months.month),
            (select min(snapshot_month) from device_snapshots)) as snapshot_month
    from months
),

devices as (
    select device_pick.month, d.customer_id, d.month as devices_month, d.active_devices,
           (d.active_devices + ({{ var('aged_device_weight') }} - 1) * d.aged_active_devices)
               ::decimal(18, 3) as aged_devices
    from device_pick
    join {{ ref('int_devices_active_by_customer') }} as d
        on d.month = device_pick.snapshot_month
),

headcount_dates as (
    select distinct extract_date from {{ ref('int_headcounts_by_customer') }}
),

staff_pick as (
    select
        months.month,
        coalesce(
            (select max(extract_date) from headcount_dates
             where extract_date <= last_day(months.month)),
            (select min(extract_date) from headcount_dates)) as extract_date
    from months
),

staff as (
    select staff_pick.month, h.customer_id, h.staff_count
    from staff_pick
    join {{ ref('int_headcounts_by_customer') }} as h using (extract_date)
),

-- The register's newest snapshot is the only one read (int_applications_joined_to_customers).
applications as (
    select * from {{ ref('int_application_effort_by_customer') }}
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
        case grid.allocation_driver
            when 'active_devices' then devices.active_devices
            when 'aged_devices' then devices.aged_devices
            when 'staff' then staff.staff_count
            when 'applications' then applications.it_applications
            when 'application_effort' then applications.effort_person_years
        end as measured_quantity,
        case when grid.allocation_driver in ('active_devices', 'aged_devices')
             then last_day(devices.devices_month)
             when grid.allocation_driver = 'staff' and staff.staff_count is not null
             then staff_pick.extract_date
             when grid.allocation_driver in ('applications', 'application_effort')
             then applications.extract_date end as measured_on
    from grid
    left join billed using (customer_id, month, activity_type)
    left join devices using (customer_id, month)
    left join staff_pick using (month)
    left join staff using (customer_id, month)
    left join applications using (customer_id)
),

quantified as (
    select
        *,
        case allocation_driver
            -- one equal share per customer charged for the code in the month
            when 'customers' then case when coalesce(charges_eur, 0) > 0 then 1 else 0 end
            when 'billed_quantity' then greatest(coalesce(billed_quantity, 0), 0)
            else coalesce(measured_quantity, greatest(coalesce(billed_quantity, 0), 0))
        end::decimal(18, 3) as driver_quantity
    from measured
)

select
    customer_id,
    month,
    activity_type,
    service,
    allocation_driver,
    billed_quantity,
    coalesce(charges_eur, 0)::decimal(18, 2) as charges_eur,
    measured_quantity,
    measured_quantity is not null as is_driver_measured,
    measured_on,
    driver_quantity
from quantified
where driver_quantity > 0 or charges_eur is not null
