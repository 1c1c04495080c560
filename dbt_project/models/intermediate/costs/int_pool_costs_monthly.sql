-- One row per month, cost pool and service (code of the catalogue) the pool shares to, plus
-- one row per month and pool for the share it leaves unassigned (activity_type null) and one
-- per month for the lines no rule puts in a pool (pool null): the centre's actual cost of the
-- month, split to the cent (largest remainder) so the rows add up to the lines exactly.
-- Lines of the `excluded` pool are no cost and are left out.
with lines as (
    select * from {{ ref('int_centre_costs_pooled') }}
    where not is_excluded
),

pooled as (
    select month, pool, sum(amount_eur) as pool_cost_eur, count(*) as lines
    from lines
    where pool is not null
    group by all
),

shares as (
    select * from {{ ref('pool_services') }}
),

targets as (
    select pooled.month, pooled.pool, shares.activity_type, shares.share_pct,
           pooled.pool_cost_eur, pooled.lines
    from pooled
    join shares using (pool)

    union all

    select pooled.month, pooled.pool, null, 100 - coalesce(sum(shares.share_pct), 0),
           pooled.pool_cost_eur, pooled.lines
    from pooled
    left join shares using (pool)
    group by all
    having 100 - coalesce(sum(shares.share_pct), 0) > 0
),

split as (
    select * from {{ largest_remainder('targets', 'month, pool', 'share_pct', 'pool_cost_eur',
                                       'activity_type asc nulls last') }}
)

select
    month,
    pool,
    activity_type,
    share_pct,
    pool_cost_eur,
    lines,
    allocated_eur as amount_eur,
    case when activity_type is null then 'share_not_assigned' end as unallocated_reason
from split

union all

select
    month,
    null as pool,
    null as activity_type,
    null as share_pct,
    sum(amount_eur) as pool_cost_eur,
    count(*) as lines,
    sum(amount_eur)::decimal(18, 2) as amount_eur,
    'no_pool' as unallocated_reason
from lines
where pool is null
group by month
