-- One row per customer and month with a complete SCCM picture: active devices after
-- deduplication. A snapshot taken in the first days of a month describes the month before
-- (month-end extracts arrive a few days late); a month is complete when every domain ever
-- seen has a snapshot for it, so a missing domain never shows up as a billing gap.
-- An export without the domain column takes the domain from the OU path's first part
-- (ADAURA.LOCAL/… → ADAURA), so its devices still form complete months.
with devices as (
    select
        * replace (coalesce(nullif(domain, ''),
                            upper(split_part(split_part(ou_path, '/', 1), '.', 1)), '') as domain),
        date_trunc('month', snapshot_date
            - interval ({{ var('snapshot_month_end_grace_days') }}) day)::date as snapshot_month
    from {{ ref('int_devices_deduplicated') }}
),

snapshots as (
    select domain, snapshot_month, max(snapshot_date) as snapshot_date
    from devices
    group by all
),

complete_months as (
    select snapshot_month
    from snapshots
    group by all
    having count(distinct domain) = (select count(distinct domain) from devices)
)

select
    devices.customer_id,
    devices.snapshot_month as month,
    max(devices.snapshot_date) as snapshot_date,
    count(*) filter (where devices.is_active) as active_devices,
    -- active and past the replacement date (first seen + lifecycle) on the snapshot date
    count(*) filter (where devices.is_active and devices.first_seen_date
                     + interval ({{ var('lifecycle_months') }}) month <= devices.snapshot_date)
        as aged_active_devices,
    count(*) as devices
from devices
join snapshots using (domain, snapshot_month, snapshot_date)
join complete_months using (snapshot_month)
where devices.customer_id is not null
group by all
