-- One row per customer and backtest: the method run as of 12 and 24 months earlier against what
-- was then charged in the budget year's months that have happened, beside the naive baseline
-- (the last 12 months' average). Backtests whose run-rate window predates the data are left out.
with lines as (
    select * from {{ ref('int_budget_backtest_lines_monthly') }}
),

charges as (
    select customer_id, month, sum(amount_eur) as actual_eur
    from {{ ref('int_charge_lines_unioned') }}
    where customer_id is not null
    group by all
),

backtests as (
    select distinct lines.backtest_offset_months, lines.as_of_month, lines.budget_year
    from lines
    where (lines.as_of_month - to_months(11))::date >= (select min(month) from charges)
),

compared_months as (
    select backtests.*, (make_date(backtests.budget_year, 1, 1) + to_months(i))::date as month
    from backtests, range(12) as t(i), {{ ref('int_as_of_month') }} as latest
    where (make_date(backtests.budget_year, 1, 1) + to_months(i))::date <= latest.as_of_month
),

predicted as (
    select backtest_offset_months, customer_id, month, sum(amount_eur) as predicted_eur,
           coalesce(sum(amount_eur) filter (where adjustment = 'run_rate'), 0) as baseline_eur
    from lines
    group by all
),

customer_months as (
    select compared_months.*, predicted.customer_id from compared_months
    join predicted using (backtest_offset_months, month)
    union
    select compared_months.*, charges.customer_id from compared_months
    join charges using (month)
),

compared as (
    select
        customer_months.backtest_offset_months,
        customer_months.as_of_month,
        customer_months.budget_year,
        customer_months.customer_id,
        count(distinct customer_months.month) as months_compared,
        coalesce(sum(predicted.predicted_eur), 0) as predicted_eur,
        coalesce(sum(predicted.baseline_eur), 0) as baseline_eur,
        coalesce(sum(charges.actual_eur), 0) as actual_eur
    from customer_months
    left join predicted using (backtest_offset_months, customer_id, month)
    left join charges using (customer_id, month)
    group by all
)

select
    backtest_offset_months,
    as_of_month,
    budget_year,
    customer_id,
    months_compared,
    predicted_eur::decimal(18, 2) as predicted_eur,
    baseline_eur::decimal(18, 2) as baseline_eur,
    actual_eur::decimal(18, 2) as actual_eur,
    (predicted_eur - actual_eur)::decimal(18, 2) as error_eur,
    abs(predicted_eur - actual_eur)::decimal(18, 2) as abs_error_eur,
    abs(predicted_eur - actual_eur) / nullif(abs(actual_eur), 0) as ape,
    (baseline_eur - actual_eur)::decimal(18, 2) as baseline_error_eur,
    abs(baseline_eur - actual_eur)::decimal(18, 2) as baseline_abs_error_eur,
    abs(baseline_eur - actual_eur) / nullif(abs(actual_eur), 0) as baseline_ape
from compared
