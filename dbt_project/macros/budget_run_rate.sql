{#- Run-rate: the last 12 months' charges and quantities. Every other line is a change of this
    one, so it also fits the quantity trend the trend lines use, with the evidence for it (the
    slope's standard error), so that a noisy or short trend can be damped (budget_trend_damping). -#}

{% macro budget_offsets() -%}
    {#- The proposal (0) and each backtest's months before the as-of month. -#}
    {{ return([0] + var('budget_backtest_offsets')) }}
{%- endmacro %}

{% macro budget_params_ctes(offset_months) %}
params as (
    select as_of_month, window_start, budget_start
    from {{ ref('int_budget_as_of_months') }}
    where backtest_offset_months = {{ offset_months }}
),

budget_months as (
    select (params.budget_start + to_months(i))::date as month, i + 1 as month_number
    from params, range(12) as t(i)
)
{% endmacro %}

{% macro budget_run_rate_ctes() %}
billed as (
    select d.customer_id, d.activity_type, d.month, coalesce(d.charges_eur, 0) as charges_eur,
           coalesce(d.billed_quantity, 0) as quantity
    from {{ ref('int_cost_drivers_monthly') }} as d, params
    where d.month between params.window_start and params.as_of_month
),

run as (
    select
        billed.customer_id,
        billed.activity_type,
        sum(billed.charges_eur) as run_rate_eur,
        sum(billed.quantity) as quantity,
        sum(billed.quantity) filter (
            where billed.month > params.as_of_month - to_months({{ var('budget_trend_months') }}))
            / {{ var('budget_trend_months') }} as late_quantity,
        -- A count (applications) is read as the median of the last months, so that one month's
        -- credit note or late posting does not move next year's level.
        median(billed.quantity) filter (
            where billed.month > params.as_of_month - to_months({{ var('budget_trend_months') }}))
            as late_median_quantity,
        count(*) filter (where billed.quantity <> 0) as billed_months,
        -- Least-squares line through the window's monthly quantities (month 0 = window start).
        regr_slope(billed.quantity, date_diff('month', params.window_start, billed.month)) as slope,
        regr_intercept(billed.quantity, date_diff('month', params.window_start, billed.month))
            as intercept,
        -- The slope's standard error: residual variance / spread of the months.
        sqrt(greatest(0, regr_syy(billed.quantity, date_diff('month', params.window_start, billed.month))
            * (1 - coalesce(regr_r2(billed.quantity, date_diff('month', params.window_start, billed.month)), 1)))
            / greatest(1, regr_count(billed.quantity, date_diff('month', params.window_start, billed.month))::integer - 2)
            / nullif(regr_sxx(billed.quantity, date_diff('month', params.window_start, billed.month)), 0))
            as slope_se,
        coalesce(sum(billed.quantity) filter (where billed.month = params.as_of_month), 0)
            as as_of_quantity
    from billed, params
    group by all
)
{% endmacro %}

{% macro budget_run_rate_lines() %}
    select customer_id, activity_type, 'run_rate' as adjustment, 'run_rate' as line_key,
           null as detail, month, run_rate_eur / 12 as amount_eur,
           {{ budget_run_rate_explanation('fi') }} as explanation,
           {{ budget_run_rate_explanation('en') }} as explanation_en
    from monthly, params
    where run_rate_eur <> 0 or quantity <> 0
{% endmacro %}

{% macro budget_run_rate_explanation(lang) -%}
    {{ budget_text('Toteutuneet veloitukset ', 'Charged ', lang) }}
        || strftime(params.window_start, '%m/%Y') || '–' || strftime(params.as_of_month, '%m/%Y')
        || ': ' || {{ budget_eur('run_rate_eur', 0, lang) }} || ' ('
        || {{ budget_number('quantity', 1, lang) }} || {{ budget_text(' yks.)', ' units)', lang) }}
{%- endmacro %}

{% macro budget_damped_growth(growth, growth_se) -%}
    {#- A trend is used in proportion to its evidence: g × g² / (g² + se²) (a signal-to-noise
        shrinkage; a clear trend is kept, one within its own noise mostly dropped), then capped. -#}
    greatest(-{{ var('budget_max_trend_per_year') }}, least({{ var('budget_max_trend_per_year') }},
        coalesce({{ growth }}
        {%- if var('budget_trend_damping') %}
            * case when coalesce({{ growth_se }}, 0) = 0 then 1
                   else power({{ growth }}, 2) / (power({{ growth }}, 2) + power({{ growth_se }}, 2)) end
        {%- endif %}, 0)))
{%- endmacro %}
