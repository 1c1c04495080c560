{#- Applications (SOVELL, a monthly fee per application): next year's count is today's billed count
    plus the register's IT-maintained applications being taken into use and not yet billed, minus
    those being retired (billed to budget_application_end_month). Today's count is the median of
    the last budget_trend_months months: one month's credit note is not a change of the count. -#}

{% macro budget_application_ctes() %}
register_apps as (
    -- The register counts only when its snapshot was taken by the as-of month (no leakage).
    select
        a.customer_id,
        count(distinct a.application_key) as register_apps,
        count(distinct a.application_key) filter (where {{ _lifecycle_is('a.lifecycle', 'budget_lifecycle_starting') }})
            as starting_apps,
        count(distinct a.application_key) filter (where {{ _lifecycle_is('a.lifecycle', 'budget_lifecycle_ending') }})
            as ending_apps,
        string_agg(distinct a.application, ', ' order by a.application) filter (
            where {{ _lifecycle_is('a.lifecycle', 'budget_lifecycle_starting') }}) as starting_names,
        string_agg(distinct a.application, ', ' order by a.application) filter (
            where {{ _lifecycle_is('a.lifecycle', 'budget_lifecycle_ending') }}) as ending_names
    from {{ ref('int_applications_joined_to_customers') }} as a, params
    where a.customer_id is not null and a.maintenance_code in ('it', 'shared')
      and a.extract_date <= last_day(params.as_of_month)
          + to_days({{ var('snapshot_month_end_grace_days') }})
    group by all
)
{% endmacro %}

{% macro budget_application_quantity() -%}
    app_level + added_apps - case
        when budget_months.month_number > {{ var('budget_application_end_month') }}
        then least(ending_apps, app_level + added_apps) else 0 end
{%- endmacro %}

{% macro budget_application_explanation(lang='fi') -%}
    {%- if lang == 'fi' -%}
    'Sovelluksia laskutettu ' || {{ fi_number('app_level') }}
        || ' (viim. ' || {{ var('budget_trend_months') }} || ' kk mediaani; 12 kk ka. ' || {{ fi_number('quantity / 12', 1) }} || ')'
        || case when added_apps > 0 then '; käyttöönotossa ' || added_apps::integer || ': ' || starting_names else '' end
        || case when ending_apps > 0 then '; poistumassa ' || ending_apps
            || ' (laskutus päättyy ' || {{ var('budget_application_end_month') }} || '/' || year(month) || '): '
            || ending_names else '' end
    {%- else -%}
    'Applications billed ' || {{ budget_number('app_level', 0, 'en') }}
        || ' (median of the last ' || {{ var('budget_trend_months') }} || ' months; 12-month average '
        || {{ budget_number('quantity / 12', 1, 'en') }} || ')'
        || case when added_apps > 0 then '; being taken into use ' || added_apps::integer || ': ' || starting_names else '' end
        || case when ending_apps > 0 then '; being retired ' || ending_apps
            || ' (billing ends ' || {{ var('budget_application_end_month') }} || '/' || year(month) || '): '
            || ending_names else '' end
    {%- endif -%}
{%- endmacro %}

{% macro _lifecycle_is(column, var_name) -%}
    list_bool_or(list_transform(['{{ var(var_name) | join("', '") }}']::varchar[],
        lambda p: starts_with(lower(trim(coalesce({{ column }}, ''))), p)))
{%- endmacro %}
