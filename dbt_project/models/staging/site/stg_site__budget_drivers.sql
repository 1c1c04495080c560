with source as (
    select * from {{ source('site', 'site_budget_drivers') }}
),

renamed as (
    select
        activity_type,
        adjustment
    from source
)

select * from renamed
