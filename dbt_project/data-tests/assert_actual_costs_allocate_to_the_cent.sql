-- Money invariant of the cost model, every month: what the customers were allocated plus
-- what stayed unallocated equals the centre's actual cost (every line that is not excluded),
-- to the cent. (A month outside the charged months has no driver: all of it is unallocated.)
with actual as (
    select month, sum(amount_eur) as actual_eur
    from {{ ref('centre_costs_monthly') }}
    where not is_excluded
    group by month
),

allocated as (
    select month, sum(actual_cost_eur) as allocated_eur
    from {{ ref('customer_service_costs_monthly') }}
    where cost_basis = 'actual'
    group by month
),

unallocated as (
    select month, sum(amount_eur) as unallocated_eur
    from {{ ref('unallocated_costs') }}
    group by month
)

select actual.month, actual.actual_eur, allocated.allocated_eur, unallocated.unallocated_eur
from actual
left join allocated using (month)
left join unallocated using (month)
where actual.actual_eur
      <> coalesce(allocated.allocated_eur, 0) + coalesce(unallocated.unallocated_eur, 0)
