-- Who subsidises whom over the 12 months ending in the as-of month: one row per code of the
-- catalogue (kind `service`) and per customer whose margin is known (kind `customer`), its
-- charges against its cost on the window's cost basis. `pays_more` pays more than it costs
-- and carries the `pays_less` ones; `share_pct` is its part of all surpluses (or of all
-- deficits) of its kind.
with as_of as (
    select as_of_month from {{ ref('int_as_of_month') }}
),

services as (
    select
        'service' as kind,
        r.activity_type as subject_id,
        any_value(r.service_name_fi) as name_fi,
        any_value(r.service_name_en) as name_en,
        sum(r.charges_eur) as charges_eur,
        sum(r.cost_eur) as cost_eur
    from {{ ref('service_cost_recovery') }} as r
    cross join as_of
    where r.month > as_of.as_of_month - interval 12 month and r.month <= as_of.as_of_month
    group by r.activity_type
),

customers as (
    select 'customer' as kind, customer_id, customer_name, customer_name,
           current_value_eur, cost_to_serve_eur
    from {{ ref('customers') }}
    where not needs_classification
),

both_kinds as (
    select * from services
    union all
    select * from customers
),

roled as (
    select
        *,
        (charges_eur - cost_eur)::decimal(18, 2) as surplus_eur,
        case when charges_eur > cost_eur then 'pays_more'
             when charges_eur < cost_eur then 'pays_less'
             else 'even' end as role
    from both_kinds
)

select
    (select as_of_month from as_of) as as_of_month,
    (select any_value(cost_basis) from {{ ref('customers') }}) as cost_basis,
    kind,
    subject_id,
    name_fi,
    name_en,
    charges_eur::decimal(18, 2) as charges_eur,
    cost_eur::decimal(18, 2) as cost_eur,
    surplus_eur,
    round(100.0 * charges_eur / nullif(cost_eur, 0), 1) as recovery_pct,
    role,
    round(100.0 * surplus_eur / nullif(sum(surplus_eur) over (partition by kind, role), 0), 2)
        as share_pct
from roled
