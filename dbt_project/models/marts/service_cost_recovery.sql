-- One row per code of the catalogue and month from the first charged month to the as-of
-- month: what the centre charged for it (every charge line of the code, mapped to a customer
-- or not) against what it cost on the month's cost basis, the cost recovery (an internal
-- centre aims at 100 %) and the break-even unit price. On actual costs the cost is the
-- code's share of the centre's cost pools, of which `unallocated_eur` found no driver.
with months as (
    select * from {{ ref('int_cost_basis_monthly') }}
),

catalogue as (
    select * from {{ ref('service_catalogue') }}
),

charged as (
    select month, activity_type, sum(amount_eur) as charges_eur,
           sum(quantity) as billed_quantity
    from {{ ref('int_charge_lines_unioned') }}
    where activity_type is not null
    group by all
),

actual as (
    select month, activity_type,
           sum(amount_eur) as service_cost_eur,
           coalesce(sum(amount_eur) filter (where customer_id is null), 0) as unallocated_eur
    from {{ ref('int_service_costs_allocated') }}
    group by all
),

customers as (
    select month, activity_type, sum(cost_to_serve_eur) as allocated_eur,
           sum(catalogue_cost_eur) as catalogue_cost_eur
    from {{ ref('customer_service_costs_monthly') }}
    group by all
),

grid as (
    select months.month, months.cost_basis, catalogue.activity_type, catalogue.service,
           catalogue.service_name_fi, catalogue.service_name_en, catalogue.unit,
           catalogue.unit_price_eur, catalogue.allocation_driver
    from months cross join catalogue
),

measured as (
    select
        grid.*,
        coalesce(charged.charges_eur, 0)::decimal(18, 2) as charges_eur,
        coalesce(charged.billed_quantity, 0) as billed_quantity,
        (case when grid.cost_basis = 'actual' then coalesce(actual.service_cost_eur, 0)
              else coalesce(customers.catalogue_cost_eur, 0) end)::decimal(18, 2) as cost_eur,
        coalesce(customers.allocated_eur, 0)::decimal(18, 2) as allocated_eur,
        (case when grid.cost_basis = 'actual' then coalesce(actual.unallocated_eur, 0)
              else 0 end)::decimal(18, 2) as unallocated_eur
    from grid
    left join charged using (month, activity_type)
    left join actual using (month, activity_type)
    left join customers using (month, activity_type)
)

select
    month,
    activity_type,
    service,
    service_name_fi,
    service_name_en,
    unit,
    cost_basis,
    allocation_driver,
    charges_eur,
    billed_quantity,
    cost_eur,
    allocated_eur,
    unallocated_eur,
    (charges_eur - cost_eur)::decimal(18, 2) as surplus_eur,
    round(100.0 * charges_eur / nullif(cost_eur, 0), 1) as recovery_pct,
    unit_price_eur,
    (cost_eur / nullif(billed_quantity, 0))::decimal(18, 2) as break_even_price_eur
from measured
where charges_eur <> 0 or cost_eur <> 0
