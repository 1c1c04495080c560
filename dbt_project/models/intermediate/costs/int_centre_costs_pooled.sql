-- One row per deduplicated actual cost line with its cost pool: the most specific rule of
-- the site's cost_pools whose cost centre and cost element both match wins (the cost element
-- first, then the cost centre; a code beats a prefix, a longer prefix a shorter one, `*`
-- matches anything). No matching rule: pool null (unallocated, reason no_pool).
with lines as (
    select * from {{ ref('int_centre_costs_deduplicated') }}
),

rules as (
    select * from {{ ref('cost_pools') }}
),

matched as (
    select
        lines.fiscal_year,
        lines.document_number,
        lines.posting_row,
        rules.pool,
        rules.is_excluded,
        rules.cost_centre_rule,
        rules.cost_element_rule
    from lines
    join rules
        on (case when rules.cost_element_is_prefix
                 then starts_with(lines.cost_element, rules.cost_element_pattern)
                 else lines.cost_element = rules.cost_element_pattern end)
        and (case when rules.cost_centre_is_prefix
                  then starts_with(lines.cost_centre, rules.cost_centre_pattern)
                  else lines.cost_centre = rules.cost_centre_pattern end)
    qualify row_number() over (
        partition by lines.fiscal_year, lines.document_number, lines.posting_row
        order by rules.cost_element_rank desc, rules.cost_centre_rank desc, rules.pool
    ) = 1
)

select
    lines.*,
    matched.pool,
    coalesce(matched.is_excluded, false) as is_excluded,
    matched.cost_centre_rule,
    matched.cost_element_rule
from lines
left join matched using (fiscal_year, document_number, posting_row)
