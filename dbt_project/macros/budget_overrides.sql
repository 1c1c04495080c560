{#- Overrides: a partnership manager's yearly amount for a line, a care-plan entry (versioned,
    never rebuilt), so it survives every refresh. It is a decision for the proposal only, never
    applied to a backtest. The override line is the difference to the computed line. -#}

{% macro budget_override_ctes() %}
overrides as (
    select
        e.customer_id,
        json_extract_string(e.fields_json, '$.activity_type') as activity_type,
        json_extract_string(e.fields_json, '$.line_key') as line_key,
        try_cast(json_extract_string(e.fields_json, '$.amount_eur') as decimal(18, 2)) as amount_eur,
        json_extract_string(e.fields_json, '$.justification') as justification,
        e.updated_by,
        e.updated_at
    from {{ ref('stg_careplan__entries') }} as e, params
    where e.section = 'budget_override' and not e.is_deleted
      and try_cast(json_extract_string(e.fields_json, '$.budget_year') as integer)
          = year(params.budget_start)
      and try_cast(json_extract_string(e.fields_json, '$.amount_eur') as decimal(18, 2)) is not null
    qualify row_number() over (
        partition by e.customer_id, activity_type, line_key order by e.updated_at desc) = 1
)
{% endmacro %}

{% macro budget_override_line_ctes() %}
line_totals as (
    select customer_id, activity_type, line_key, sum(amount_eur) as computed_eur
    from lines
    group by all
),

all_lines as (
    select * from lines
    union all
    select overrides.customer_id, overrides.activity_type, 'override',
           'override:' || overrides.line_key, overrides.line_key, budget_months.month,
           (overrides.amount_eur - coalesce(line_totals.computed_eur, 0)) / 12,
           'Ohitus (' || overrides.updated_by || ' '
               || strftime(timezone('Europe/Helsinki', overrides.updated_at), '%-d.%-m.%Y') || '): '
               || coalesce(overrides.justification, '–') || ' — laskettu '
               || {{ fi_number('coalesce(line_totals.computed_eur, 0)') }} || ' € → '
               || {{ fi_number('overrides.amount_eur') }} || ' €',
           'Override (' || overrides.updated_by || ' '
               || strftime(timezone('Europe/Helsinki', overrides.updated_at), '%Y-%m-%d') || '): '
               || coalesce(overrides.justification, '–') || ' — computed '
               || {{ budget_eur('coalesce(line_totals.computed_eur, 0)', 0, 'en') }} || ' → '
               || {{ budget_eur('overrides.amount_eur', 0, 'en') }}
    from overrides
    left join line_totals using (customer_id, activity_type, line_key)
    cross join budget_months
)
{% endmacro %}
