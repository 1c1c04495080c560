{#- Hours (ASIANT, PROJPP) come in lumps: one customer's next year is poorly predicted by its last
    12 months alone. The level is a credibility-weighted average (Bühlmann): the customer's own
    monthly mean over its history (up to budget_hours_history_months, from its first charged
    month) weighted Z = n / (n + v / a) against the mean of customers of the same type; v = the
    average month-to-month variance within a customer, a = the variance between customers' means
    that v does not explain, n = the customer's months. Z comes from the data, not a chosen
    constant: a customer whose hours are steady, or a type whose customers really differ, keeps
    its own level. Fewer than budget_hours_min_customers of a type: the own mean (Z = 1). -#}

{% macro budget_hours_ctes() %}
hours_window as (
    select (params.as_of_month - to_months({{ var('budget_hours_history_months') - 1 }}))::date
        as history_start
    from params
),

customer_first_month as (
    select customer_id, min(month) as first_month
    from {{ ref('int_cost_drivers_monthly') }}
    where charges_eur <> 0
    group by all
),

history as (
    select
        d.customer_id,
        d.activity_type,
        any_value(register.customer_type) as customer_type,
        sum(coalesce(d.billed_quantity, 0)) as history_quantity,
        sum(power(coalesce(d.billed_quantity, 0), 2)) as history_square,
        any_value(date_diff('month', greatest(hours_window.history_start, first.first_month),
            params.as_of_month) + 1) as history_months
    from {{ ref('int_cost_drivers_monthly') }} as d
    join {{ ref('budget_drivers') }} as drivers
        on drivers.activity_type = d.activity_type and drivers.adjustment = 'hours_average'
    join customer_first_month as first using (customer_id)
    left join {{ ref('int_register_customers_latest') }} as register using (customer_id)
    cross join params
    cross join hours_window
    where d.month between hours_window.history_start and params.as_of_month
    group by all
),

history_moments as (
    select
        *,
        history_quantity / history_months as own_mean,
        -- Months without hours count as zeros: Σq² and Σq over all the customer's months.
        case when history_months > 1 then greatest(0, history_square
            - power(history_quantity, 2) / history_months) / (history_months - 1) end as own_variance
    from history
),

hours_prior as (
    select
        customer_type,
        activity_type,
        count(*) as type_customers,
        avg(own_mean) as type_mean,
        avg(own_variance) as within_variance,
        var_samp(own_mean) - avg(own_variance) / avg(history_months) as between_variance
    from history_moments
    group by all
),

hours_level as (
    select
        m.customer_id,
        m.activity_type,
        m.history_quantity,
        m.history_months,
        m.own_mean,
        p.type_mean,
        p.type_customers,
        case
            when coalesce(p.type_customers, 0) < {{ var('budget_hours_min_customers') }} then 1
            -- One month each, or one customer: nothing to weigh with, the own mean.
            when p.between_variance is null or p.within_variance is null then 1
            -- The customers' means differ no more than their months do: the type's mean.
            when p.between_variance <= 0 then 0
            else m.history_months / (m.history_months + p.within_variance / p.between_variance)
        end as credibility
    from history_moments as m
    left join hours_prior as p using (customer_type, activity_type)
)
{% endmacro %}

{% macro budget_hours_quantity() -%}
    coalesce(hours_credibility * hours_own_mean + (1 - hours_credibility) * hours_type_mean,
             quantity / 12)
{%- endmacro %}

{% macro budget_hours_explanation(lang='fi') -%}
    {%- if lang == 'fi' -%}
    'Tuntimäärä vaihtelee: ' || hours_months || ' kk keskiarvo '
        || {{ fi_number('hours_own_mean * 12') }} || ' h/v'
        || case when hours_credibility < 1
            then ', saman asiakastyypin keskiarvo ' || {{ fi_number('hours_type_mean * 12') }}
                || ' h/v, oman historian paino ' || {{ fi_number('100 * hours_credibility') }} || ' %'
            else '' end
        || ' → ' || {{ fi_number('expected_quantity * 12') }} || ' h/v vs. 12 kk ' || {{ fi_number('quantity') }} || ' h'
    {%- else -%}
    'Hours vary: ' || hours_months || '-month average '
        || {{ budget_number('hours_own_mean * 12', 0, 'en') }} || ' h/year'
        || case when hours_credibility < 1
            then ', average of the same customer type ' || {{ budget_number('hours_type_mean * 12', 0, 'en') }}
                || ' h/year, weight of its own history ' || {{ budget_number('100 * hours_credibility', 0, 'en') }} || '%'
            else '' end
        || ' → ' || {{ budget_number('expected_quantity * 12', 0, 'en') }} || ' h/year vs. '
        || {{ budget_number('quantity', 0, 'en') }} || ' h in 12 months'
    {%- endif -%}
{%- endmacro %}
