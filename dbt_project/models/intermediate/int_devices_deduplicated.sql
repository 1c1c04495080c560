-- One row per physical device per SCCM snapshot: records of a re-imaged device collapse on
-- hardware id, then on serial number (placeholder serials never match); the newest scan wins.
-- The customer comes from the deepest OU path prefix the register maps.
with devices as (
    select * from {{ ref('stg_sccm__devices') }}
),

by_hardware as (
    select *,
        coalesce(hardware_id, 'RES:' || coalesce(sccm_resource_id, device_name || ':' || source_row_number)) as hw_key
    from devices
    qualify row_number() over (
        partition by snapshot_date, hw_key
        order by last_hw_scan_date desc nulls last, source_row_number
    ) = 1
),

by_serial as (
    select *,
        case when serial_number is null or is_placeholder_serial then 'HW:' || hw_key
             else 'SN:' || upper(serial_number) end as device_key
    from by_hardware
    qualify row_number() over (
        partition by snapshot_date, device_key
        order by last_hw_scan_date desc nulls last, source_row_number
    ) = 1
),

ou_rules as (
    select * from {{ ref('int_register_rules_unnested') }} where rule_kind = 'ou_path'
),

with_customer as (
    select
        d.*,
        r.customer_id,
        r.rule_value as matched_ou_path
    from by_serial as d
    left join ou_rules as r
        on d.ou_path = r.rule_value or starts_with(d.ou_path, r.rule_value || '/')
    qualify row_number() over (
        partition by d.snapshot_date, d.device_key order by length(r.rule_value) desc nulls last
    ) = 1
)

-- "Client installed" means an SCCM client that is installed (Client0) and not reported
-- inactive (Active0); a missing Active0 does not count against the device.
select
    *,
    least(created_date, bios_release_date) as first_seen_date,
    not is_obsolete
        and not is_decommissioned
        and coalesce(is_client_installed, false)
        and coalesce(is_active_flag, true)
        and last_hw_scan_date >= snapshot_date - interval ({{ var('active_device_window_days') }}) day
        as is_active
from with_customer
