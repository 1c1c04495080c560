-- One row per customer per register snapshot.
with source as (
    select * from {{ source('raw', 'raw_register') }}
),

types as (
    select * from {{ ref('customer_types') }}
),

renamed as (
    select
        ---------- ids
        source.load_id,
        source.file_name,
        cast(source.row_number as integer) as source_row_number,
        upper(trim(source.customer_id)) as customer_id,
        norm_code(source.sap_customer_number) as sap_customer_number,
        upper(replace(trim(source.business_id), ' ', '')) as business_id,
        ---------- text
        trim(source.customer_name) as customer_name,
        coalesce(types.customer_type, lower(trim(source.customer_type))) as customer_type,
        trim(source.partnership_manager) as partnership_manager,
        {{ null_text('source.customer_contact') }} as customer_contact,
        {{ null_text('source.cost_centre_nodes') }} as cost_centre_nodes,
        {{ null_text('source.aliases') }} as aliases,
        {{ null_text('source.ou_paths') }} as ou_paths,
        ---------- numerics
        try_cast(trim(source.segment) as integer) as segment,
        try_cast(fi_quantity(source.potential_score) as integer) as potential_score,
        ---------- dates
        fi_date(source.extract_date) as extract_date
    from source
    left join types
        on list_contains(string_split(types.labels, ';'), lower(trim(source.customer_type)))
)

select * from renamed
