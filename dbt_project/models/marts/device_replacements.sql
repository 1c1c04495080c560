-- One row per device of the newest SCCM snapshot of each domain (deduplicated, not
-- decommissioned): when it was first seen and when its lifecycle says it is due.
with devices as (
    select * from {{ ref('int_devices_deduplicated') }}
    qualify snapshot_date = max(snapshot_date) over (partition by domain)
),

as_of as (
    select as_of_month from {{ ref('int_as_of_month') }}
)

select
    devices.customer_id,
    devices.device_key as device_id,
    devices.device_name,
    devices.hardware_id,
    devices.serial_number,
    devices.sccm_resource_id,
    devices.domain,
    devices.ou_path,
    devices.model_name,
    devices.manufacturer,
    devices.is_active,
    devices.last_hw_scan_date,
    devices.snapshot_date,
    devices.first_seen_date,
    (devices.first_seen_date + interval ({{ var('lifecycle_months') }}) month)::date
        as replacement_due_date,
    date_diff('month', devices.first_seen_date, last_day(as_of.as_of_month)) as age_months,
    year(devices.first_seen_date + interval ({{ var('lifecycle_months') }}) month)
        = year(as_of.as_of_month) + 1 as is_due_next_year,
    case when year(devices.first_seen_date + interval ({{ var('lifecycle_months') }}) month)
              = year(as_of.as_of_month) + 1
         then {{ var('workstation_replacement_eur') }} else 0 end::decimal(18, 2)
        as replacement_cost_next_year_eur,
    devices.file_name,
    devices.source_row_number
from devices
cross join as_of
where not devices.is_decommissioned
