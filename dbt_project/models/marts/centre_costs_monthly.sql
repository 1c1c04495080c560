-- One row per month, cost centre, cost element and cost pool of the IT centre's actual
-- costs (sap_costs, each posting once, special periods in December): what the centre spent
-- and which pool the site's cost model puts it in (null: no rule; `excluded`: not a cost).
select
    month,
    cost_centre,
    any_value(cost_centre_name) as cost_centre_name,
    cost_element,
    any_value(cost_element_name) as cost_element_name,
    pool,
    is_excluded,
    sum(amount_eur)::decimal(18, 2) as amount_eur,
    count(*) as lines
from {{ ref('int_centre_costs_pooled') }}
group by month, cost_centre, cost_element, pool, is_excluded
