with source as (
    select * from {{ source('site', 'site_service_catalogue') }}
),

renamed as (
    select
        ---------- ids
        activity_type,
        service,
        ---------- text
        service_name_fi,
        service_name_en,
        unit,
        cost_driver,
        invoice_text_prefix,
        ---------- numerics
        unit_price_eur::decimal(18, 4) as unit_price_eur,
        unit_cost_eur::decimal(18, 4) as unit_cost_eur
    from source
)

select * from renamed
