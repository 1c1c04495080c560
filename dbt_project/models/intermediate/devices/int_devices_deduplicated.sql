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

-- Every ancestor path of a device's OU, so the deepest mapped one is found by an equality
-- (hash) join instead of comparing each device with each rule.
ou_prefixes as (
    select distinct ou_path, array_to_string(string_split(ou_path, '/')[1:depth], '/') as prefix
    from by_serial,
        unnest(generate_series(1, len(string_split(ou_path, '/')))) as t(depth)
    where ou_path is not null
),

ou_customers as (
    select ou_prefixes.ou_path, ou_rules.customer_id, ou_rules.rule_value as matched_ou_path
    from ou_prefixes
    join ou_rules on ou_rules.rule_value = ou_prefixes.prefix
    qualify row_number() over (
        partition by ou_prefixes.ou_path order by length(ou_rules.rule_value) desc,
            ou_rules.customer_id
    ) = 1
),

with_customer as (
    select d.*, ou_customers.customer_id, ou_customers.matched_ou_path
    from by_serial as d
    left join ou_customers using (ou_path)
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
