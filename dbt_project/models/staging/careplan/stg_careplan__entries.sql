-- One row per care-plan entry typed by a partnership manager (deleted entries flagged).
with source as (
    select * from {{ source('careplan', 'raw_careplan_entries') }}
),

renamed as (
    select
        ---------- ids
        entry_id,
        upper(trim(customer_id)) as customer_id,
        section,
        ---------- text
        fields as fields_json,
        updated_by,
        case when section = 'potential'
             then nullif(trim(json_extract_string(fields, '$.justification')), '') end
            as potential_justification,
        ---------- numerics
        cast(version as integer) as version,
        case when section = 'potential'
             then try_cast(json_extract_string(fields, '$.score') as integer) end
            as potential_score,
        ---------- booleans
        is_deleted = 'true' as is_deleted,
        ---------- dates
        cast(updated_at as timestamptz) as updated_at,
        cast(exported_at as timestamptz) as exported_at
    from source
)

select * from renamed
