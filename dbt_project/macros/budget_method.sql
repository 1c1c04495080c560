{#- Next year's charges as of a month, one row per customer, activity type, named
    adjustment line and month of the budget year. The same SQL runs for the proposal
    (offset 0) and for the backtests (offset 12, 24 months): every input is cut at the as-of
    month, so a backtest sees only what was known then. Saved price proposals, the next-year
    price list file and overrides are today's decisions and apply to the proposal only.
    Each line kind lives in its own macro file (budget_run_rate, budget_prices, budget_staff,
    budget_devices, budget_applications, budget_hours, budget_projects, budget_overrides); this
    one joins their inputs, turns the driver of budget_drivers.csv into next year's monthly
    quantity and adds the lines up, with cents that add up. -#}

{% macro budget_method(offset_months) %}
{%- set is_current = offset_months == 0 -%}
with {{ budget_run_rate_ctes(offset_months) }},

{{ budget_application_ctes() }},

base as (
    select customer_id, activity_type from run
    union
    select customer_id, 'SOVELL' from register_apps where starting_apps > 0
),

{{ budget_price_ctes(is_current) }},

{{ budget_staff_ctes() }},

{{ budget_device_ctes() }},

{{ budget_hours_ctes() }},

inputs as (
    select
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
        prices.current_price,
        prices.next_price,
        prices.price_source,
        staff.staff_extracts,
        staff.staff_first,
        staff.staff_last,
        staff.staff_growth,
        staff.staff_growth_se,
        sccm.active_devices,
        coalesce(register_apps.register_apps, 0) as register_apps,
        coalesce(register_apps.starting_apps, 0) as starting_apps,
        coalesce(register_apps.ending_apps, 0) as ending_apps,
        register_apps.starting_names,
        register_apps.ending_names,
        case
            when drivers.adjustment = 'staff_trend' and staff.staff_extracts >= 3
                 and staff.staff_growth is not null then 'headcount'
            when run.billed_months = 12 and run.quantity > 0 then 'billed'
        end as trend_source
    from base
    join prices using (activity_type)
    join points using (customer_id)
    left join run using (customer_id, activity_type)
    left join hours_level using (customer_id, activity_type)
    left join {{ ref('budget_drivers') }} as drivers using (activity_type)
    left join staff using (customer_id)
    left join sccm using (customer_id)
    left join register_apps using (customer_id)
),

trended as (
    select
        *,
        greatest(-{{ var('budget_max_trend_per_year') }}, least({{ var('budget_max_trend_per_year') }},
            coalesce(case trend_source when 'headcount' then staff_growth
                                       when 'billed' then billed_growth end, 0))) as raw_growth,
        case trend_source
            when 'headcount' then {{ budget_damped_growth('staff_growth', 'staff_growth_se') }}
            when 'billed' then {{ budget_damped_growth('billed_growth', 'billed_growth_se') }}
            else 0
        end as growth,
        least(starting_apps, greatest(0, register_apps - app_level)) as added_apps
    from inputs
),

monthly as (
    select
        trended.*,
        budget_months.month,
        budget_months.month_number,
        case driver
            -- A service not billed in the last months has ended; otherwise the fitted level at
            -- the as-of month grows with the (damped) trend.
            when 'staff_trend' then case when late_quantity = 0 then 0 else level_quantity
                * power(1 + growth, date_diff('month', params.as_of_month, budget_months.month) / 12) end
            when 'devices' then case when late_quantity = 0 then 0 else level_quantity
                * power(1 + growth, date_diff('month', params.as_of_month, budget_months.month) / 12) end
            when 'hours_average' then {{ budget_hours_quantity() }}
            when 'applications' then {{ budget_application_quantity() }}
            else quantity / 12
        end as expected_quantity
    from trended, budget_months, params
),

{{ budget_project_ctes(is_current) }},

lines as (
    {{ budget_run_rate_lines() }}

    union all
    {{ budget_price_lines() }}

    union all
    -- The driver lines: next year's quantity minus the run-rate's, at next year's price.
    select customer_id, activity_type, driver, driver, null, month,
           (expected_quantity - quantity / 12) * next_price,
           case driver
               when 'staff_trend' then {{ budget_staff_explanation() }}
               when 'devices' then {{ budget_devices_explanation() }}
               when 'hours_average' then {{ budget_hours_explanation() }}
               when 'applications' then {{ budget_application_explanation() }}
           end
               || '; ensi vuonna keskimäärin ' || {{ fi_number('avg(expected_quantity) over (partition by customer_id, activity_type)', 1) }}
               || ' yks./kk vs. ' || {{ fi_number('quantity / 12', 1) }} || ' × ' || {{ fi_number('next_price', 2) }} || ' €'
    from monthly
    where driver in ('staff_trend', 'devices', 'applications')
       or (driver = 'hours_average' and hours_months is not null
           -- The care plan's projects explain their own hours (the projects line).
           and not (activity_type = '{{ var("budget_project_activity_type") }}'
                    and customer_id in (select customer_id from project_parts)))

    union all
    {{ budget_replacement_lines() }}

    union all
    {{ budget_project_lines() }}
),

{%- if is_current %}

{{ budget_override_ctes() }}
{%- else %}

all_lines as (
    select * from lines
)
{%- endif %}

select
    all_lines.customer_id,
    all_lines.activity_type,
    all_lines.adjustment,
    all_lines.line_key,
    all_lines.detail,
    all_lines.month,
    -- Cents: each month rounded, the line's last month takes the remainder so that the
    -- months add up to the line's rounded total.
    (round(all_lines.amount_eur, 2) + case
        when all_lines.month = max(all_lines.month) over line
        then round(sum(all_lines.amount_eur) over line, 2)
            - sum(round(all_lines.amount_eur, 2)) over line
        else 0 end)::decimal(18, 2) as amount_eur,
    all_lines.explanation,
    params.as_of_month,
    year(params.budget_start) as budget_year,
    {{ offset_months }} as backtest_offset_months
from all_lines, params
window line as (partition by all_lines.customer_id, all_lines.activity_type, all_lines.line_key)
{% endmacro %}
