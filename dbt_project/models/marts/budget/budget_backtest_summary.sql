-- One row per backtest and forecast (`method` = the budget proposal's method, `baseline` = the
-- last 12 months again): MAPE over customers, € error (absolute and net) and WAPE.
with backtest as (
    select * from {{ ref('budget_backtest') }}
),

errors as (
    select backtest_offset_months, as_of_month, budget_year, months_compared, 'method' as forecast,
           ape, error_eur, abs_error_eur, actual_eur, predicted_eur
    from backtest
    union all
    select backtest_offset_months, as_of_month, budget_year, months_compared, 'baseline',
           baseline_ape, baseline_error_eur, baseline_abs_error_eur, actual_eur, baseline_eur
    from backtest
)

select
    backtest_offset_months,
    as_of_month,
    budget_year,
    max(months_compared) as months_compared,
    forecast,
    count(*) as customers,
    count(ape) as customers_in_mape,
    avg(ape) as mape,
    sum(abs_error_eur)::decimal(18, 2) as abs_error_eur,
    sum(error_eur)::decimal(18, 2) as error_eur,
    sum(predicted_eur)::decimal(18, 2) as predicted_eur,
    sum(actual_eur)::decimal(18, 2) as actual_eur,
    sum(abs_error_eur) / nullif(sum(abs(actual_eur)), 0) as wape
from errors
group by backtest_offset_months, as_of_month, budget_year, forecast
