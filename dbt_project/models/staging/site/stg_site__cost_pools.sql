-- A rule of the site's cost model: a cost centre and a cost element, each a code (leading
-- zeros ignored), a prefix ending in `*` or `*` alone, and the pool their lines go to. The
-- ranks say how specific each side is (code 100, prefix its length, `*` 0).
with source as (
    select * from {{ source('site', 'site_cost_pools') }}
),

renamed as (
    select
        ---------- ids
        cost_centre as cost_centre_rule,
        cost_element as cost_element_rule,
        rtrim(cost_centre, '*') as cost_centre_pattern,
        rtrim(cost_element, '*') as cost_element_pattern,
        pool,
        ---------- text
        name as rule_name,
        ---------- booleans
        ends_with(cost_centre, '*') as cost_centre_is_prefix,
        ends_with(cost_element, '*') as cost_element_is_prefix,
        pool = 'excluded' as is_excluded,
        ---------- numerics
        case when not ends_with(cost_centre, '*') then 100
             else length(rtrim(cost_centre, '*')) end as cost_centre_rank,
        case when not ends_with(cost_element, '*') then 100
             else length(rtrim(cost_element, '*')) end as cost_element_rank
    from source
)

select * from renamed
