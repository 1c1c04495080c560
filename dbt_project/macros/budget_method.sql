{#- Next year's charges as of a month, one row per customer, activity type, named
    adjustment line and month of the budget year. The same SQL runs for the proposal
    (offset 0) and for the backtests (offset 12, 24 months): every input is cut at the as-of
    month, so a backtest sees only what was known then. Saved price proposals, the next-year
    price list file and overrides are today's decisions and apply to the proposal only.
    Each line kind lives in its own macro file (budget_run_rate, budget_prices, budget_staff,
    budget_devices, budget_applications, budget_hours, budget_projects, budget_overrides); the
    models of models/intermediate/budget/ compute their inputs for every as-of at once (joined
    in int_budget_inputs), and this one turns the driver of budget_drivers.csv into next year's
    monthly quantity and adds the lines up, with cents that add up. -#}

{% macro budget_method(offset_months) %}
{%- set is_current = offset_months == 0 -%}
with {{ budget_params_ctes(offset_months) }},

inputs as (
    select
        inputs.* exclude (backtest_offset_months, catalogue_price, decided_price,
                          decided_price_source, observed_price),
        {{ budget_price_columns(is_current) }}
    from {{ ref('int_budget_inputs') }} as inputs
    {%- if is_current %}
    -- Next year's list and the saved proposals are today's decisions: the proposal's alone.
    left join {{ ref('int_budget_price_list_next_year') }} as next_list using (activity_type)
    {%- endif %}
    where inputs.backtest_offset_months = {{ offset_months }}
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

project_parts as (
    select * exclude (backtest_offset_months, rolloff_factor)
    from {{ ref('int_budget_projects') }}
    where backtest_offset_months = {{ offset_months }}
),

project_rolloff as (
    select distinct customer_id, rolloff_factor as factor
    from {{ ref('int_budget_projects') }}
    where backtest_offset_months = {{ offset_months }}
),

replacements as (
    select customer_id, month, devices
    from {{ ref('int_budget_replacements') }}
    where backtest_offset_months = {{ offset_months }}
),

lines as (
    {{ budget_run_rate_lines() }}

    union all
    {{ budget_price_lines() }}

    union all
    -- The driver lines: next year's quantity minus the run-rate's, at next year's price.
    select customer_id, activity_type, driver, driver, null, month,
           (expected_quantity - quantity / 12) * next_price,
           {{ budget_driver_explanation('fi') }},
           {{ budget_driver_explanation('en') }}
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

overrides as (
    select * from {{ ref('int_budget_overrides') }}
),

{{ budget_override_line_ctes() }}
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
    all_lines.explanation_en,
    params.as_of_month,
    year(params.budget_start) as budget_year,
    {{ offset_months }} as backtest_offset_months
from all_lines, params
window line as (partition by all_lines.customer_id, all_lines.activity_type, all_lines.line_key)
{% endmacro %}

{% macro budget_driver_explanation(lang) -%}
    {#- A driver line: what moved next year's quantity, then the quantity against the
        run-rate's at next year's price. -#}
    {%- set average = 'avg(expected_quantity) over (partition by customer_id, activity_type)' -%}
    case driver
        when 'staff_trend' then {{ budget_staff_explanation(lang) }}
        when 'devices' then {{ budget_devices_explanation(lang) }}
        when 'hours_average' then {{ budget_hours_explanation(lang) }}
        when 'applications' then {{ budget_application_explanation(lang) }}
    end
    {%- if lang == 'fi' %}
        || '; ensi vuonna keskimäärin ' || {{ fi_number(average, 1) }}
        || ' yks./kk vs. ' || {{ fi_number('quantity / 12', 1) }} || ' × ' || {{ fi_number('next_price', 2) }} || ' €'
    {%- else %}
        || '; next year on average ' || {{ budget_number(average, 1, 'en') }}
        || ' units/month vs. ' || {{ budget_number('quantity / 12', 1, 'en') }} || ' × '
        || {{ budget_eur('next_price', 2, 'en') }}
    {%- endif %}
{%- endmacro %}
