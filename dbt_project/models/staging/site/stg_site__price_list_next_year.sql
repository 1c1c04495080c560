with source as (
    select * from {{ source('site', 'site_price_list_next_year') }}
),

renamed as (
    select
        activity_type,
        unit_price_eur::decimal(18, 2) as unit_price_eur
    from source
)

select * from renamed
