-- One row per customer, activity type and adjustment line of next year's budget proposal:
-- the run-rate and each named adjustment with its € and the explanation of how it was computed,
-- in Finnish and in English.
with lines as (
    select * from {{ ref('int_budget_lines_monthly') }}
    where backtest_offset_months = 0
),

catalogue as (
    select * from {{ ref('service_catalogue') }}
),

customers as (
    select customer_id, customer_name, partnership_manager from {{ ref('customers') }}
)

select
    lines.customer_id,
    customers.customer_name,
    customers.partnership_manager,
    lines.activity_type,
    catalogue.service,
    catalogue.service_name_fi,
    catalogue.service_name_en,
    lines.adjustment,
    lines.line_key,
    any_value(lines.detail) as detail,
    list_position(['run_rate', 'price_change', 'staff_trend', 'devices', 'replacements',
                   'applications', 'hours_average', 'projects', 'override'], lines.adjustment)
        as line_order,
    sum(lines.amount_eur)::decimal(18, 2) as amount_eur,
    any_value(lines.explanation) as explanation,
    any_value(lines.explanation_en) as explanation_en,
    any_value(lines.as_of_month) as as_of_month,
    any_value(lines.budget_year) as budget_year
from lines
left join catalogue using (activity_type)
left join customers using (customer_id)
group by lines.customer_id, customers.customer_name, customers.partnership_manager,
    lines.activity_type, catalogue.service, catalogue.service_name_fi, catalogue.service_name_en,
    lines.adjustment, lines.line_key
