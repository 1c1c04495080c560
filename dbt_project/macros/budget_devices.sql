{#- Devices (TYOAS): the workstation service is a monthly fee per device (docs/definitions.md: its driver is
    the active devices), so next year's charge follows the device count's trend. Replacements due
    (first seen + lifecycle_months) swap a device for a new one at the same monthly fee: the
    purchase is the IT centre's cost, not a charge to the customer. The replacements line shows
    them for the meeting at 0 € unless `budget_replacements_charged` says the IT centre bills
    replacements as purchases. -#}

{% macro budget_device_ctes() %}
sccm as (
    select points.customer_id, d.active_devices, d.month as devices_month
    from points
    asof left join {{ ref('int_devices_active_by_customer') }} as d
        on d.customer_id = points.customer_id and d.month <= points.now_end
)
{% endmacro %}

{% macro budget_replacement_ctes() %}
sccm_snapshot as (
    -- SCCM counts only when its snapshot was taken by the as-of month (no leakage).
    select d.*
    from {{ ref('int_devices_deduplicated') }} as d, params
    where d.snapshot_date <= last_day(params.as_of_month)
        + to_days({{ var('snapshot_month_end_grace_days') }})
    qualify d.snapshot_date = max(d.snapshot_date) over (partition by d.domain)
),

replacements as (
    select customer_id,
           date_trunc('month', first_seen_date + to_months({{ var('lifecycle_months') }}))::date as month,
           count(*) as devices
    from sccm_snapshot, params
    where customer_id is not null and is_active and not is_decommissioned
      and year(first_seen_date + to_months({{ var('lifecycle_months') }})) = year(params.budget_start)
    group by all
)
{% endmacro %}

{% macro budget_devices_explanation(lang='fi') -%}
    {%- if lang == 'fi' -%}
    'Työasemat: laskutus nyt ' || {{ fi_number('level_quantity', 1) }}
        || ' yks./kk, 12 kk trendi ' || {{ fi_pct('raw_growth') }} || '/v'
        || case when round(growth, 3) <> round(raw_growth, 3)
            then ' (näytön mukaan vaimennettuna ' || {{ fi_pct('growth') }} || '/v)' else '' end
        || coalesce('; SCCM:ssä aktiivisia ' || {{ fi_number('active_devices') }}, '')
    {%- else -%}
    'Workstations: billed now ' || {{ budget_number('level_quantity', 1, 'en') }}
        || ' units/month, 12-month trend ' || {{ budget_pct('raw_growth', 'en') }} || '/year'
        || case when round(growth, 3) <> round(raw_growth, 3)
            then ' (damped by the evidence to ' || {{ budget_pct('growth', 'en') }} || '/year)'
            else '' end
        || coalesce('; active in SCCM ' || {{ budget_number('active_devices', 0, 'en') }}, '')
    {%- endif -%}
{%- endmacro %}

{% macro budget_replacement_lines() %}
    select customer_id, '{{ var("budget_replacement_activity_type") }}', 'replacements',
           'replacements', null, month,
           {% if var('budget_replacements_charged') -%}
           devices * {{ var('workstation_replacement_eur') }},
           {%- else -%}
           0,
           {%- endif %}
           {{ budget_replacement_explanation('fi') }},
           {{ budget_replacement_explanation('en') }}
    from replacements, params
{% endmacro %}

{% macro budget_replacement_explanation(lang) -%}
    {%- set due = 'sum(devices) over (partition by customer_id)' -%}
    {%- if lang == 'fi' -%}
    'Elinkaaren ({{ var("lifecycle_months") }} kk) mukaan vaihdettavia työasemia '
        || {{ due }} || ' (SCCM ' || strftime(params.as_of_month, '%m/%Y') || ')'
        {% if var('budget_replacements_charged') -%}
        || ' × ' || {{ budget_eur(var('workstation_replacement_eur')) }}
        {%- else -%}
        || ': vaihto sisältyy työasemapalvelun kuukausihintaan, ei lisäveloitusta (IT-palveluiden hankinta n. '
        || {{ budget_eur(due ~ ' * ' ~ var('workstation_replacement_eur')) }} || ')'
        {%- endif %}
    {%- else -%}
    'Workstations due for replacement by their life cycle ({{ var("lifecycle_months") }} months): '
        || {{ due }} || ' (SCCM ' || strftime(params.as_of_month, '%m/%Y') || ')'
        {% if var('budget_replacements_charged') -%}
        || ' × ' || {{ budget_eur(var('workstation_replacement_eur'), 0, 'en') }}
        {%- else -%}
        || ': the replacement is included in the workstation service''s monthly fee, no extra charge (IT services'' purchase about '
        || {{ budget_eur(due ~ ' * ' ~ var('workstation_replacement_eur'), 0, 'en') }} || ')'
        {%- endif %}
    {%- endif -%}
{%- endmacro %}
