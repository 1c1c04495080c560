-- One row per customer and month: charges, cost to serve from measured drivers, margin.
with spine as (
    select * from {{ ref('int_months_spined') }}
),

charges as (
    select customer_id, month, sum(amount_eur) as charges_eur
    from {{ ref('customer_charges_monthly') }}
    group by all
),

costs as (
    select customer_id, month, sum(cost_to_serve_eur) as cost_to_serve_eur
    from {{ ref('int_cost_drivers_monthly') }}
    group by all
)

select
    spine.customer_id,
    spine.month,
    coalesce(charges.charges_eur, 0)::decimal(18, 2) as charges_eur,
    coalesce(costs.cost_to_serve_eur, 0)::decimal(18, 2) as cost_to_serve_eur,
    (coalesce(charges.charges_eur, 0) - coalesce(costs.cost_to_serve_eur, 0))::decimal(18, 2)
        as margin_eur
from spine
left join charges using (customer_id, month)
left join costs using (customer_id, month)
where charges.charges_eur is not null or costs.cost_to_serve_eur is not null
