-- One row per customer, activity type and month of next year: the proposed charge (run-rate
-- plus every adjustment line) beside the naive baseline (the last 12 months' average).
-- A customer with charges of the last 12 months whose code is not in the service catalogue
-- has `needs_classification`: those charges are in no line, so its proposal is incomplete.
with lines as (
    select * from {{ ref('int_budget_lines_monthly') }}
    where backtest_offset_months = 0
)

select
    lines.customer_id,
    lines.activity_type,
    catalogue.service,
    catalogue.service_name_fi,
    lines.month,
    any_value(lines.budget_year) as budget_year,
    any_value(lines.as_of_month) as as_of_month,
    sum(lines.amount_eur)::decimal(18, 2) as amount_eur,
    coalesce(sum(lines.amount_eur) filter (where lines.adjustment = 'run_rate'), 0)::decimal(18, 2)
        as run_rate_eur,
    coalesce(sum(lines.amount_eur) filter (where lines.adjustment <> 'run_rate'), 0)::decimal(18, 2)
        as change_eur,
    coalesce(any_value(customers.needs_classification), false) as needs_classification
from lines
left join {{ ref('service_catalogue') }} as catalogue using (activity_type)
left join {{ ref('customers') }} as customers using (customer_id)
group by lines.customer_id, lines.activity_type, catalogue.service, catalogue.service_name_fi,
    lines.month
