-- A cost pool's share of a service (a code of the catalogue), in per cent.
with source as (
    select * from {{ source('site', 'site_pool_services') }}
),

renamed as (
    select
        pool,
        activity_type,
        share_pct::decimal(5, 2) as share_pct
    from source
)

select * from renamed
