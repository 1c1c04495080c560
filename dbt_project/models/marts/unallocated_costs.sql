-- One row per month and reason the centre's actual cost stayed unallocated, never dropped:
-- `no_pool` (no rule of cost_pools matches the line's cost centre and cost element; per cost
-- centre and cost element), `share_not_assigned` (the part of a pool its pool_services
-- shares leave; per pool), `no_driver_quantity` (a service's cost in a month no customer has
-- any of its allocation driver; per code).
with lines as (
    select * from {{ ref('int_centre_costs_pooled') }}
    where pool is null and not is_excluded
)

select
    month,
    'no_pool' as reason,
    null as pool,
    null as activity_type,
    cost_centre,
    cost_element,
    sum(amount_eur)::decimal(18, 2) as amount_eur,
    count(*) as lines
from lines
group by all

union all

select month, 'share_not_assigned', pool, null, null, null, amount_eur, lines
from {{ ref('int_pool_costs_monthly') }}
where unallocated_reason = 'share_not_assigned'

union all

select month, 'no_driver_quantity', null, activity_type, null, null, amount_eur, null
from {{ ref('int_service_costs_allocated') }}
where unallocated_reason = 'no_driver_quantity'
