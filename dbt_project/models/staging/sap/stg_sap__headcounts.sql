-- One row per cost centre and extract date as landed.
with source as (
    select * from {{ source('raw', 'raw_sap_headcount') }}
),

renamed as (
    select
        ---------- ids
        load_id,
        file_name,
        cast(row_number as integer) as source_row_number,
        norm_code(cost_centre) as cost_centre,
        trim(org_unit) as org_unit,
        trim(org_unit_name) as org_unit_name,
        ---------- numerics
        fi_quantity(headcount) as headcount,
        fi_quantity(fte) as fte,
        ---------- dates
        fi_date(extract_date) as extract_date
    from source
)

select * from renamed
