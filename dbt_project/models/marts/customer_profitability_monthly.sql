-- One row per customer and month: charges, cost to serve on the month's cost basis (the
-- centre's actual costs allocated, or the catalogue's unit costs), margin.
-- A month with charges whose code is not in the service catalogue has no cost to serve and
-- no margin (null, `needs_classification`): their cost cannot be known until classified.
with spine as (
    select * from {{ ref('int_months_spined') }}
),

charges as (
    select customer_id, month, sum(amount_eur) as charges_eur,
           sum(amount_eur) filter (where service = 'unclassified') as unclassified_eur,
           count(*) filter (where service = 'unclassified') > 0 as needs_classification
    from {{ ref('customer_charges_monthly') }}
    group by all
),

costs as (
    select customer_id, month, sum(cost_to_serve_eur) as cost_to_serve_eur,
           sum(catalogue_cost_eur) as catalogue_cost_eur
    from {{ ref('customer_service_costs_monthly') }}
    group by all
),

basis as (
    select * from {{ ref('int_cost_basis_monthly') }}
)

select
    spine.customer_id,
    spine.month,
    coalesce(charges.charges_eur, 0)::decimal(18, 2) as charges_eur,
    case when not coalesce(charges.needs_classification, false)
        then coalesce(costs.cost_to_serve_eur, 0)::decimal(18, 2) end as cost_to_serve_eur,
    case when not coalesce(charges.needs_classification, false)
        then (coalesce(charges.charges_eur, 0) - coalesce(costs.cost_to_serve_eur, 0))::decimal(18, 2)
        end as margin_eur,
    coalesce(charges.unclassified_eur, 0)::decimal(18, 2) as unclassified_eur,
    coalesce(charges.needs_classification, false) as needs_classification,
    coalesce(basis.cost_basis, 'catalogue') as cost_basis,
    case when not coalesce(charges.needs_classification, false)
        then coalesce(costs.catalogue_cost_eur, 0)::decimal(18, 2) end as catalogue_cost_eur
from spine
left join charges using (customer_id, month)
left join costs using (customer_id, month)
left join basis using (month)
where charges.charges_eur is not null or costs.cost_to_serve_eur is not null
