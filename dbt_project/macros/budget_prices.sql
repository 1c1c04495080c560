{#- Prices: next year's quantities are priced at next year's list. The proposal takes
    price_list_next_year.csv, else a price proposal saved for the budget, else the list decided
    for the budget year in price_list_history.csv, else the current catalogue. A backtest may only
    use a list that existed at its as-of month: the history row for its budget year when its
    `decided_on` is by the end of the as-of month (the IT centre decides next year's list before
    the autumn budget meetings), else the prices billed in the as-of month. Next year's list
    and the saved proposals are joined by the proposal alone (budget_method), so that saving a
    proposal rebuilds the proposal and not the backtests. -#}

{% macro budget_price_component_ctes() %}
decided_list as (
    select history.activity_type, history.unit_price_eur,
           'päätetty ' || strftime(history.decided_on, '%-d.%-m.%Y') as price_source
    from {{ ref('price_list_history') }} as history, params
    where history.price_year = year(params.budget_start)
      and history.decided_on <= last_day(params.as_of_month)
      and history.unit_price_eur is not null
),

price_components as (
    -- Every candidate price of an activity type, so that proposal and backtests share columns.
    select
        catalogue.activity_type,
        catalogue.unit_price_eur as catalogue_price,
        decided_list.unit_price_eur as decided_price,
        decided_list.price_source as decided_price_source,
        observed.price as observed_price
    from {{ ref('service_catalogue') }} as catalogue
    left join decided_list using (activity_type)
    left join (
        -- The price list in force at the as-of month, as billed then.
        select lines.activity_type, round(median(lines.amount_eur / lines.quantity), 2) as price
        from {{ ref('int_charge_lines_unioned') }} as lines, params
        where lines.month = params.as_of_month and lines.customer_id is not null
          and lines.quantity > 0 and lines.amount_eur > 0
        group by all
    ) as observed using (activity_type)
)
{% endmacro %}

{% macro budget_price_columns(is_current) -%}
    {%- if is_current -%}
        catalogue_price as current_price,
        coalesce(next_list.unit_price_eur, decided_price, catalogue_price) as next_price,
        coalesce(next_list.price_source, decided_price_source, 'catalogue') as price_source
    {%- else -%}
        coalesce(observed_price, catalogue_price) as current_price,
        coalesce(decided_price, observed_price, catalogue_price) as next_price,
        coalesce(decided_price_source, 'as_of') as price_source
    {%- endif -%}
{%- endmacro %}

{% macro budget_price_lines() %}
    select customer_id, activity_type, 'price_change', 'price_change', null, month,
           (quantity * next_price - run_rate_eur) / 12,
           {{ budget_price_explanation('fi') }},
           {{ budget_price_explanation('en') }}
    from monthly, params
    where quantity <> 0 and round(quantity * next_price - run_rate_eur, 2) <> 0
{% endmacro %}

{% macro budget_price_explanation(lang) -%}
    {%- if lang == 'fi' -%}
    {{ fi_number('quantity', 1) }} || ' yks. hintaan ' || {{ budget_eur('next_price', 2) }}
        || ' (' || case when price_source = 'catalogue' then 'voimassa oleva hinnasto'
            when price_source = 'as_of' then 'hinnasto ' || strftime(params.as_of_month, '%m/%Y')
            when price_source like 'päätetty %' then year(params.budget_start) || ' hinnasto, ' || price_source
            else 'ensi vuoden hinnasto: ' || price_source end
        || ') = ' || {{ budget_eur('quantity * next_price') }} || '; maksettu keskimäärin '
        || {{ fi_number('run_rate_eur / quantity', 2) }} || ' €/yks.'
    {%- else -%}
    {{ budget_number('quantity', 1, 'en') }} || ' units at ' || {{ budget_eur('next_price', 2, 'en') }}
        || ' (' || case when price_source = 'catalogue' then 'current price list'
            when price_source = 'as_of' then 'price list ' || strftime(params.as_of_month, '%m/%Y')
            when price_source like 'päätetty %' then year(params.budget_start) || ' price list, '
                || replace(price_source, 'päätetty ', 'decided ')
            else 'next year''s price list: ' || replace(price_source, 'ehdotus "', 'proposal "') end
        || ') = ' || {{ budget_eur('quantity * next_price', 0, 'en') }} || '; paid on average '
        || {{ budget_eur('run_rate_eur / quantity', 2, 'en') }} || '/unit'
    {%- endif -%}
{%- endmacro %}
