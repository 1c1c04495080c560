-- One row per customer and service: next year's budget in the layout the city's finance office
-- pastes from (customer, cost centre or SAP customer number, service, € per month and year).
with proposals as (
    select * from {{ ref('budget_proposals') }}
),

window_lines as (
    select charges.customer_id,
           coalesce(charges.effective_cost_centre, charges.cost_centre) as cost_centre,
           sum(charges.amount_eur) as amount_eur
    from {{ ref('int_charges_joined_to_customers') }} as charges, {{ ref('int_as_of_month') }} as a
    where not charges.is_sender_line and charges.customer_id is not null
      and charges.month between (a.as_of_month - to_months(11))::date and a.as_of_month
    group by all
),

main_cost_centre as (
    -- The customer's main cost centre: the one billed most over the run-rate window.
    select customer_id, cost_centre
    from window_lines
    qualify row_number() over (partition by customer_id order by amount_eur desc, cost_centre) = 1
),

customers as (
    select customers.customer_id, customers.customer_name, customers.partnership_manager,
           register.sap_customer_number
    from {{ ref('customers') }} as customers
    left join {{ ref('int_register_customers_latest') }} as register using (customer_id)
)

select
    proposals.customer_id,
    customers.customer_name,
    customers.partnership_manager,
    coalesce(main_cost_centre.cost_centre, customers.sap_customer_number) as finance_account,
    case when main_cost_centre.cost_centre is not null then 'cost_centre'
         when customers.sap_customer_number is not null then 'sap_customer' end
        as finance_account_kind,
    proposals.activity_type,
    proposals.service_name_fi,
    any_value(proposals.budget_year) as budget_year,
    {% for m in range(1, 13) -%}
    coalesce(sum(proposals.amount_eur) filter (where month(proposals.month) = {{ m }}), 0)
        ::decimal(18, 2) as month_{{ '%02d' % m }}_eur,
    {% endfor -%}
    sum(proposals.amount_eur)::decimal(18, 2) as year_eur
from proposals
left join customers using (customer_id)
left join main_cost_centre using (customer_id)
group by all
