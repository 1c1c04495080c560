with source as (
    -- rowid: the table is written in the file's row order, so it keeps the catalogue's order.
    select *, rowid + 1 as catalogue_row from {{ source('site', 'site_service_catalogue') }}
),

renamed as (
    select
        ---------- ids
        activity_type,
        catalogue_row,
        service,
        ---------- text
        service_name_fi,
        service_name_en,
        unit,
        cost_driver,
        -- How the code's actual cost is shared among customers (empty = the cost driver).
        coalesce(nullif(allocation_driver, ''), cost_driver) as allocation_driver,
        invoice_text_prefix,
        ---------- numerics
        unit_price_eur::decimal(18, 4) as unit_price_eur,
        unit_cost_eur::decimal(18, 4) as unit_cost_eur
    from source
)

select * from renamed
