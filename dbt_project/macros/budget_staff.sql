{#- Staff trend (TUKI, PUHEL, VERKKO are charged per person or follow the staff): the HR
    headcount extracts of the last year are the customer's own plan made visible, so their trend
    moves next year's quantity; without enough extracts the billed quantity's trend does. The
    standard error comes along so that a trend within the extracts' noise is damped. -#}

{% macro budget_staff_ctes() %}
points as (
    select distinct base.customer_id, last_day(params.as_of_month) as now_end,
           last_day(params.as_of_month - to_months(12)) as year_ago_end
    from base, params
),

staff as (
    -- HR headcount extracts of the last year (and one before it): a least-squares trend.
    select
        points.customer_id,
        count(*) as staff_extracts,
        min_by(h.staff_count, h.extract_date) as staff_first,
        max_by(h.staff_count, h.extract_date) as staff_last,
        regr_slope(h.staff_count, date_diff('day', points.year_ago_end, h.extract_date)) * 365.25
            / nullif(avg(h.staff_count), 0) as staff_growth,
        sqrt(greatest(0, regr_syy(h.staff_count, date_diff('day', points.year_ago_end, h.extract_date))
            * (1 - coalesce(regr_r2(h.staff_count, date_diff('day', points.year_ago_end, h.extract_date)), 1)))
            / greatest(1, count(*) - 2)
            / nullif(regr_sxx(h.staff_count, date_diff('day', points.year_ago_end, h.extract_date)), 0))
            * 365.25 / nullif(avg(h.staff_count), 0) as staff_growth_se
    from points
    join {{ ref('int_headcounts_by_customer') }} as h
        on h.customer_id = points.customer_id and h.extract_date <= points.now_end
        and h.extract_date > points.year_ago_end - to_days({{ var('budget_headcount_lookback_days') }})
    group by all
)
{% endmacro %}

{% macro budget_staff_explanation(lang='fi') -%}
    {%- if lang == 'fi' -%}
    'Henkilöstötrendi '
        || case trend_source when 'headcount' then '(HR, ' || staff_extracts || ' poimintaa: '
            || {{ fi_number('staff_first') }} || ' → ' || {{ fi_number('staff_last') }} || ' hlö)'
            when 'billed' then '(laskutetun määrän 12 kk trendi)' else '(ei tiedossa)' end
        || ' ' || {{ fi_pct('raw_growth') }} || '/v'
        || case when round(growth, 3) <> round(raw_growth, 3)
            then ', näytön mukaan vaimennettuna ' || {{ fi_pct('growth') }} || '/v' else '' end
        || '; laskutus nyt ' || {{ fi_number('level_quantity', 1) }} || ' yks./kk'
    {%- else -%}
    'Staff trend '
        || case trend_source when 'headcount' then '(HR, ' || staff_extracts || ' extracts: '
            || {{ budget_number('staff_first', 0, 'en') }} || ' → '
            || {{ budget_number('staff_last', 0, 'en') }} || ' people)'
            when 'billed' then '(12-month trend of the billed quantity)' else '(unknown)' end
        || ' ' || {{ budget_pct('raw_growth', 'en') }} || '/year'
        || case when round(growth, 3) <> round(raw_growth, 3)
            then ', damped by the evidence to ' || {{ budget_pct('growth', 'en') }} || '/year'
            else '' end
        || '; billed now ' || {{ budget_number('level_quantity', 1, 'en') }} || ' units/month'
    {%- endif -%}
{%- endmacro %}
