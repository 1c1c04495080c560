with source as (
    select * from {{ source('site', 'site_meta') }}
),

renamed as (
    select
        site_name,
        site_folder,
        site_version
    from source
)

select * from renamed
