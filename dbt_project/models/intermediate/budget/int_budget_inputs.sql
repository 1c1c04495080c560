-- One row per as-of, customer and activity type the budget method plans: those billed in the
-- run-rate window, and application service (SOVELL) for customers with applications starting
-- in the register. Everything the method needs per row, joined: the run-rate and its trend,
-- the candidate prices, the customer's headcount trend, devices and applications, the hours
-- level and the activity type's driver (budget_drivers). Which price counts is the method's
-- choice (proposal or backtest), so the candidates stay separate here.
{{ config(materialized='table') }}

with run as (
    select * from {{ ref('int_budget_run_rates') }}
),

prices as (
    select * from {{ ref('int_budget_prices') }}
),

customer as (
    select * from {{ ref('int_budget_customer_drivers') }}
),

hours_level as (
    select * from {{ ref('int_budget_hours_levels') }}
),

base as (
    select backtest_offset_months, customer_id, activity_type from run
    union
    select backtest_offset_months, customer_id, 'SOVELL' from customer where starting_apps > 0
)

select
    base.backtest_offset_months,
    base.customer_id,
    base.activity_type,
    coalesce(drivers.adjustment, 'none') as driver,
    coalesce(run.run_rate_eur, 0) as run_rate_eur,
    coalesce(run.quantity, 0) as quantity,
    coalesce(run.late_quantity, 0) as late_quantity,
    coalesce(run.billed_months, 0) as billed_months,
    case when run.billed_months = 12 then greatest(0, run.intercept + 11 * run.slope)
         else coalesce(run.late_quantity, 0) end as level_quantity,
    case when run.billed_months = 12 and run.quantity > 0
         then 12 * run.slope / (run.quantity / 12) end as billed_growth,
    case when run.billed_months = 12 and run.quantity > 0
         then 12 * run.slope_se / (run.quantity / 12) end as billed_growth_se,
    coalesce(run.as_of_quantity, 0) as as_of_quantity,
    coalesce(run.late_median_quantity, 0) as app_level,
    hours_level.history_months as hours_months,
    hours_level.own_mean as hours_own_mean,
    hours_level.type_mean as hours_type_mean,
    hours_level.credibility as hours_credibility,
    prices.catalogue_price,
    prices.decided_price,
    prices.decided_price_source,
    prices.observed_price,
    customer.staff_extracts,
    customer.staff_first,
    customer.staff_last,
    customer.staff_growth,
    customer.staff_growth_se,
    customer.active_devices,
    coalesce(customer.register_apps, 0) as register_apps,
    coalesce(customer.starting_apps, 0) as starting_apps,
    coalesce(customer.ending_apps, 0) as ending_apps,
    customer.starting_names,
    customer.ending_names,
    case
        when drivers.adjustment = 'staff_trend' and customer.staff_extracts >= 3
             and customer.staff_growth is not null then 'headcount'
        when run.billed_months = 12 and run.quantity > 0 then 'billed'
    end as trend_source
from base
join prices using (backtest_offset_months, activity_type)
left join run using (backtest_offset_months, customer_id, activity_type)
left join hours_level using (backtest_offset_months, customer_id, activity_type)
left join {{ ref('budget_drivers') }} as drivers using (activity_type)
left join customer using (backtest_offset_months, customer_id)
