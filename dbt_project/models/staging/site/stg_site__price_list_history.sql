with source as (
    select * from {{ source('site', 'site_price_list_history') }}
),

renamed as (
    select
        ---------- ids
        activity_type,
        ---------- numerics
        price_year::integer as price_year,
        unit_price_eur::decimal(18, 2) as unit_price_eur,
        ---------- dates
        decided_on::date as decided_on
    from source
)

select * from renamed
