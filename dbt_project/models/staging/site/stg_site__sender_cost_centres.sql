-- A sender entry is a cost-centre code (matched exactly, leading zeros ignored) or a prefix
-- ending in `*`.
with source as (
    select * from {{ source('site', 'site_sender_cost_centres') }}
),

renamed as (
    select
        ---------- ids
        rtrim(cost_centre, '*') as cost_centre_pattern,
        ---------- text
        name as sender_name,
        ---------- booleans
        ends_with(cost_centre, '*') as is_prefix
    from source
)

select * from renamed
