-- One row per landed cost-centre validity row and language.
with source as (
    select * from {{ source('raw', 'raw_sap_cost_centres') }}
),

renamed as (
    select
        ---------- ids
        load_id,
        file_name,
        cast(row_number as integer) as source_row_number,
        norm_code(cost_centre) as cost_centre,
        norm_code(successor) as successor_cost_centre,
        upper(trim(hierarchy_node)) as hierarchy_node,
        upper(coalesce(nullif(trim(language), ''), 'FI')) as language,
        ---------- text
        trim(name) as cost_centre_name,
        trim(department) as department,
        trim(responsible) as responsible,
        trim(description) as description,
        coalesce(trim(locked) in ('X', 'x', '1'), false) as is_locked,
        ---------- dates
        fi_date(valid_from) as valid_from,
        fi_date(valid_to) as valid_to,
        fi_date(extract_date) as extract_date
    from source
)

select * from renamed
