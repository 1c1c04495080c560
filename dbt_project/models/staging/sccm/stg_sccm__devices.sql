-- One row per device record of each SCCM snapshot as landed (re-imaged duplicates included).
with source as (
    select * from {{ source('raw', 'raw_sccm') }}
),

renamed as (
    select
        ---------- ids
        load_id,
        file_name,
        cast(row_number as integer) as source_row_number,
        {{ null_text('resource_id') }} as sccm_resource_id,
        upper({{ null_text('hardware_id') }}) as hardware_id,
        upper({{ null_text('name') }}) as device_name,
        {{ null_text('serial_number') }} as serial_number,
        lower({{ null_text('serial_number') }}) in (
            {%- for s in var('placeholder_serials') %}'{{ s }}'{{ ',' if not loop.last }}{% endfor -%}
        ) as is_placeholder_serial,
        upper({{ null_text('domain') }}) as domain,
        {{ ou_key(null_text('ou')) }} as ou_path,
        ---------- text
        {{ null_text('manufacturer') }} as manufacturer,
        {{ null_text('model') }} as model,
        coalesce({{ null_text('model_name') }}, {{ null_text('model') }}) as model_name,
        {{ null_text('chassis_type') }} as chassis_type,
        {{ null_text('os') }} as os,
        {{ null_text('os_version') }} as os_version,
        {{ null_text('user_name') }} as user_name,
        ---------- booleans
        {{ sccm_flag('client') }} as is_client_installed,
        {{ sccm_flag('active') }} as is_active_flag,
        coalesce({{ sccm_flag('obsolete') }}, false) as is_obsolete,
        coalesce({{ sccm_flag('decommissioned') }}, false) as is_decommissioned,
        ---------- dates
        fi_date({{ null_text('last_hw_scan') }}) as last_hw_scan_date,
        fi_date({{ null_text('created') }}) as created_date,
        fi_date({{ null_text('bios_release_date') }}) as bios_release_date,
        fi_date(extract_date) as snapshot_date
    from source
)

select * from renamed
