-- One row per customer and SCCM snapshot date: active devices after deduplication.
-- Domains exported on different days are combined on the newest snapshot of each domain
-- at or before that date.
with devices as (
    select * from {{ ref('int_devices_deduplicated') }}
),

snapshot_dates as (
    select distinct snapshot_date from devices
),

domain_snapshots as (
    select s.snapshot_date, d.domain, max(d.snapshot_date) as domain_snapshot_date
    from snapshot_dates as s
    join (select distinct domain, snapshot_date from devices) as d
        on d.snapshot_date <= s.snapshot_date
    group by all
)

select
    devices.customer_id,
    domain_snapshots.snapshot_date,
    count(*) filter (where devices.is_active) as active_devices,
    count(*) as devices
from domain_snapshots
join devices
    on devices.domain is not distinct from domain_snapshots.domain
    and devices.snapshot_date = domain_snapshots.domain_snapshot_date
where devices.customer_id is not null
group by all
