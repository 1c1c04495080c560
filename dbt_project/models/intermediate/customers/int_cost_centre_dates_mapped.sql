-- One row per cost centre and date on which a charge or a headcount refers to it, with the
-- customer it belonged to that day. Precedence: the register's exact code, then its longest
-- code prefix, then the hierarchy node valid that day; a cost centre closed that day falls
-- to its successor (as the master's successor field says), resolved the same way.
with dates as (
    select distinct cost_centre, coalesce(posting_date, last_day(month)) as on_date
    from {{ ref('stg_sap__charges') }}
    where cost_centre is not null
    union
    select distinct cost_centre, extract_date as on_date
    from {{ ref('stg_sap__headcounts') }}
    where cost_centre is not null and extract_date is not null
),

rules as (
    select * from {{ ref('int_register_rules_unnested') }}
),

validity as (
    select * from {{ ref('int_cost_centres_deduplicated') }}
),

last_validity as (
    select * from validity
    qualify row_number() over (partition by cost_centre order by valid_to desc) = 1
),

-- The cost centre itself, or its successor when it was closed on that day.
effective as (
    select
        d.cost_centre,
        d.on_date,
        case when open_row.cost_centre is null and last_row.valid_to < d.on_date
                  and last_row.successor_cost_centre is not null
             then last_row.successor_cost_centre else d.cost_centre end as effective_cost_centre,
        open_row.cost_centre is null and last_row.valid_to < d.on_date as is_closed_on_date
    from dates as d
    left join validity as open_row
        on open_row.cost_centre = d.cost_centre
        and d.on_date between open_row.valid_from and open_row.valid_to
    left join last_validity as last_row
        on last_row.cost_centre = d.cost_centre
),

candidates as (
    select e.cost_centre, e.on_date, r.customer_id, 1 as precedence, length(r.rule_value) as depth
    from effective as e
    join rules as r
        on r.rule_kind = 'cost_centre_code' and r.rule_value = e.effective_cost_centre
    union all
    -- Code prefixes by an equality join on every leading part of the code (no nested loop).
    select e.cost_centre, e.on_date, r.customer_id, 2, length(r.rule_value)
    from effective as e,
        unnest(generate_series(1, length(e.effective_cost_centre))) as p(n)
    join rules as r
        on r.rule_kind = 'cost_centre_prefix' and r.rule_value = left(e.effective_cost_centre, p.n)
    union all
    select e.cost_centre, e.on_date, r.customer_id, 3, 0
    from effective as e
    join validity as v
        on v.cost_centre = e.effective_cost_centre
        and e.on_date between v.valid_from and v.valid_to
    join rules as r
        on r.rule_kind = 'hierarchy_node' and r.rule_value = v.hierarchy_node
),

best as (
    select * from candidates
    qualify row_number() over (
        partition by cost_centre, on_date order by precedence, depth desc, customer_id
    ) = 1
)

select
    e.cost_centre,
    e.on_date,
    e.effective_cost_centre,
    e.is_closed_on_date,
    best.customer_id,
    case best.precedence when 1 then 'cost_centre_code' when 2 then 'cost_centre_prefix'
         when 3 then 'hierarchy_node' end as matched_by
from effective as e
left join best
    on best.cost_centre = e.cost_centre and best.on_date = e.on_date
