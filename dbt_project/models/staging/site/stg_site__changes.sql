with source as (
    select * from {{ source('site', 'site_history') }}
),

renamed as (
    select
        ---------- ids
        file as site_file,
        key as changed_key,
        ---------- text
        change as change_kind,
        "by" as changed_by,
        via as changed_via,
        detail,
        note,
        ---------- dates
        "at"::timestamp as noticed_at,
        file_modified::timestamp as file_modified_at
    from source
)

select * from renamed
