-- One row per application per register (Saabe) snapshot.
with source as (
    select * from {{ source('raw', 'raw_applications') }}
),

renamed as (
    select
        ---------- ids
        load_id,
        file_name,
        cast(row_number as integer) as source_row_number,
        coalesce({{ null_text('application_id') }},
                 {{ name_key('application') }}) as application_key,
        {{ null_text('application_id') }} as saabe_application_id,
        ---------- text
        trim(application) as application,
        {{ null_text('customer') }} as customer_text,
        {{ null_text('customer_cost_centres') }} as customer_cost_centres,
        {{ null_text('vendor') }} as vendor,
        {{ null_text('vendor_business_id') }} as vendor_business_id,
        {{ null_text('maintenance') }} as maintenance,
        case
            when lower(maintenance) like 'it%' then 'it'
            when lower(maintenance) like 'toimittaja%' then 'vendor'
            when lower(maintenance) like 'asiakas%' then 'customer'
            when lower(maintenance) like 'jaettu%' then 'shared'
        end as maintenance_code,
        try_cast(regexp_extract(criticality, '^\s*(\d)', 1) as integer) as criticality,
        {{ null_text('users') }} as users_text,
        try_cast(regexp_replace(regexp_extract(users, '(\d[\d\s\xa0]*)', 1), '[\s\xa0]', '', 'g')
                 as integer) as users,
        {{ null_text('updates_per_year') }} as updates_per_year_text,
        {{ null_text('next_update') }} as next_update_text,
        {{ null_text('it_resources') }} as it_resources,
        {{ null_text('network') }} as network,
        {{ null_text('lifecycle') }} as lifecycle,
        {{ null_text('customer_contact') }} as customer_contact,
        {{ null_text('annual_cost') }} as annual_cost_text,
        ---------- dates
        fi_date({{ null_text('modified') }}) as modified_date,
        fi_date(extract_date) as extract_date
    from source
)

select * from renamed
