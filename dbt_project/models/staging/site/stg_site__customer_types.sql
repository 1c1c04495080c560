with source as (
    select * from {{ source('site', 'site_customer_types') }}
),

renamed as (
    select
        ---------- ids
        customer_type,
        ---------- text
        name_fi,
        name_en,
        payment,
        labels,
        ---------- numerics
        sort_order::integer as sort_order
    from source
)

select * from renamed
