{#- Issue 9: next year's charges as of a month, one row per customer, activity type, named
    adjustment line and month of the budget year. The same SQL runs for the proposal
    (offset 0) and for the backtests (offset 12, 24 months): every input is cut at the as-of
    month, so a backtest sees only what was known then. The price list, saved price proposals
    and overrides are today's decisions and apply to the proposal only. -#}

{% macro fi_number(x, decimals=0) -%}
    {%- if decimals == 0 -%}
    replace(format('{:,}', round({{ x }})::bigint), ',', ' ')
    {%- else -%}
    replace(format('{:.{{ decimals }}f}', ({{ x }})::double), '.', ',')
    {%- endif -%}
{%- endmacro %}

{% macro fi_signed(x, decimals=0) -%}
    (case when {{ x }} >= 0 then '+' else '' end || {{ fi_number(x, decimals) }})
{%- endmacro %}

{% macro fi_pct(x) -%}
    ({{ fi_signed('100 * (' ~ x ~ ')', 1) }} || ' %')
{%- endmacro %}

{% macro budget_method(offset_months) %}
{%- set is_current = offset_months == 0 -%}
{%- set k = var('budget_trend_months') -%}
{%- set cap = var('budget_max_trend_per_year') -%}
with params as (
    select
        (as_of_month - to_months({{ offset_months }}))::date as as_of_month,
        (as_of_month - to_months({{ offset_months + 11 }}))::date as window_start,
        make_date(year(as_of_month - to_months({{ offset_months }})) + 1, 1, 1) as budget_start
    from {{ ref('int_as_of_month') }}
),

budget_months as (
    select (params.budget_start + to_months(i))::date as month, i + 1 as month_number
    from params, range(12) as t(i)
),

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
            where billed.month > params.as_of_month - to_months({{ k }})) / {{ k }} as late_quantity,
        count(*) filter (where billed.quantity <> 0) as billed_months,
        -- Least-squares line through the window's monthly quantities (month 0 = window start).
        regr_slope(billed.quantity, date_diff('month', params.window_start, billed.month)) as slope,
        regr_intercept(billed.quantity, date_diff('month', params.window_start, billed.month))
            as intercept,
        coalesce(sum(billed.quantity) filter (where billed.month = params.as_of_month), 0)
            as as_of_quantity
    from billed, params
    group by all
),

history as (
    -- Hours vary a lot month to month: their level is the average over the longest history
    -- available at the as-of month, up to budget_hours_history_months.
    select d.customer_id, d.activity_type, sum(coalesce(d.billed_quantity, 0)) as history_quantity,
           any_value(date_diff('month', greatest(
               (params.as_of_month - to_months({{ var('budget_hours_history_months') - 1 }}))::date,
               (select min(month) from {{ ref('int_cost_drivers_monthly') }} where charges_eur <> 0)),
               params.as_of_month) + 1) as history_months
    from {{ ref('int_cost_drivers_monthly') }} as d, params
    where d.month between (params.as_of_month - to_months({{ var('budget_hours_history_months') - 1 }}))::date
                      and params.as_of_month
    group by all
),

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
),

base as (
    select customer_id, activity_type from run
    union
    select customer_id, 'SOVELL' from register_apps where starting_apps > 0
),

prices as (
    select
        catalogue.activity_type,
        {% if is_current -%}
        catalogue.unit_price_eur as current_price,
        coalesce(next_list.unit_price_eur, catalogue.unit_price_eur) as next_price,
        coalesce(next_list.price_source, 'catalogue') as price_source
        {%- else -%}
        coalesce(observed.price, catalogue.unit_price_eur) as current_price,
        coalesce(observed.price, catalogue.unit_price_eur) as next_price,
        'as_of' as price_source
        {%- endif %}
    from {{ ref('service_catalogue') }} as catalogue
    {% if is_current -%}
    left join {{ ref('int_budget_price_list_next_year') }} as next_list using (activity_type)
    {%- else -%}
    left join (
        -- The price list in force at the as-of month, as billed then.
        select lines.activity_type, round(median(lines.amount_eur / lines.quantity), 2) as price
        from {{ ref('int_charge_lines_unioned') }} as lines, params
        where lines.month = params.as_of_month and lines.customer_id is not null
          and lines.quantity > 0 and lines.amount_eur > 0
        group by all
    ) as observed using (activity_type)
    {%- endif %}
),

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
            / nullif(avg(h.staff_count), 0) as staff_growth
    from points
    join {{ ref('int_headcounts_by_customer') }} as h
        on h.customer_id = points.customer_id and h.extract_date <= points.now_end
        and h.extract_date > points.year_ago_end - to_days({{ var('budget_headcount_lookback_days') }})
    group by all
),

sccm as (
    select points.customer_id, d.active_devices, d.month as devices_month
    from points
    asof left join {{ ref('int_devices_active_by_customer') }} as d
        on d.customer_id = points.customer_id and d.month <= points.now_end
),

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
        coalesce(run.as_of_quantity, 0) as as_of_quantity,
        coalesce(history.history_quantity, 0) as history_quantity,
        coalesce(history.history_months, 0) as history_months,
        prices.current_price,
        prices.next_price,
        prices.price_source,
        staff.staff_extracts,
        staff.staff_first,
        staff.staff_last,
        staff.staff_growth,
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
    left join history using (customer_id, activity_type)
    left join {{ ref('budget_drivers') }} as drivers using (activity_type)
    left join staff using (customer_id)
    left join sccm using (customer_id)
    left join register_apps using (customer_id)
),

trended as (
    select
        *,
        greatest(-{{ cap }}, least({{ cap }}, coalesce(case trend_source
            when 'headcount' then staff_growth
            when 'billed' then billed_growth
        end, 0))) as growth,
        least(starting_apps, greatest(0, register_apps - as_of_quantity)) as added_apps
    from inputs
),

monthly as (
    select
        trended.*,
        budget_months.month,
        budget_months.month_number,
        case driver
            -- A service not billed in the last months has ended; otherwise the fitted level at
            -- the as-of month grows with the trend.
            when 'staff_trend' then case when late_quantity = 0 then 0 else level_quantity
                * power(1 + growth, date_diff('month', params.as_of_month, budget_months.month) / 12) end
            when 'devices' then case when late_quantity = 0 then 0 else level_quantity
                * power(1 + growth, date_diff('month', params.as_of_month, budget_months.month) / 12) end
            when 'hours_average' then case when history_months > 12
                then history_quantity / history_months else quantity / 12 end
            when 'applications' then as_of_quantity + added_apps - case
                when budget_months.month_number > {{ var('budget_application_end_month') }}
                then least(ending_apps, as_of_quantity + added_apps) else 0 end
            else quantity / 12
        end as expected_quantity
    from trended, budget_months, params
),

sccm_snapshot as (
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
),

projects as (
    select
        e.entry_id,
        e.customer_id,
        json_extract_string(e.fields_json, '$.name') as project_name,
        date_trunc('month', try_cast(json_extract_string(e.fields_json, '$.start_date') as date))::date
            as start_month,
        try_cast(json_extract_string(e.fields_json, '$.end_date') as date) as end_date,
        try_cast(json_extract_string(e.fields_json, '$.budget_eur') as decimal(18, 2)) as budget_eur
    from {{ ref('stg_careplan__entries') }} as e, params
    where e.section = 'projects' and not e.is_deleted
    {%- if not is_current %}
      -- A backtest knows only the projects recorded by the end of its as-of month.
      and e.updated_at < (last_day(params.as_of_month) + 1)::timestamptz
    {%- endif %}
),

project_spans as (
    select
        *,
        date_trunc('month', coalesce(end_date, start_month + to_months(11)))::date as end_month,
        budget_eur / (date_diff('month', start_month,
            date_trunc('month', coalesce(end_date, start_month + to_months(11)))) + 1) as per_month_eur
    from projects
    where budget_eur > 0 and start_month is not null
      and coalesce(end_date, start_month) >= start_month
),

project_parts as (
    select
        project_spans.*,
        per_month_eur * greatest(0, date_diff('month',
            greatest(start_month, params.window_start), least(end_month, params.as_of_month)) + 1)
            as window_part_eur,
        per_month_eur * greatest(0, date_diff('month',
            greatest(start_month, params.budget_start),
            least(end_month, (params.budget_start + to_months(11))::date)) + 1) as budget_part_eur
    from project_spans, params
),

project_rolloff as (
    -- What the run-rate already holds of the recorded projects, at most what was billed.
    select project_parts.customer_id,
           least(1, greatest(0, coalesce(any_value(run.run_rate_eur), 0))
               / nullif(sum(project_parts.window_part_eur), 0)) as factor
    from project_parts
    left join run on run.customer_id = project_parts.customer_id
        and run.activity_type = '{{ var("budget_project_activity_type") }}'
    group by all
),

lines as (
    select customer_id, activity_type, 'run_rate' as adjustment, 'run_rate' as line_key,
           null as detail, month, run_rate_eur / 12 as amount_eur,
           'Toteutuneet veloitukset ' || strftime(params.window_start, '%m/%Y') || '–'
               || strftime(params.as_of_month, '%m/%Y') || ': ' || {{ fi_number('run_rate_eur') }}
               || ' € (' || {{ fi_number('quantity', 1) }} || ' yks.)' as explanation
    from monthly, params
    where run_rate_eur <> 0 or quantity <> 0

    union all
    select customer_id, activity_type, 'price_change', 'price_change', null, month,
           (quantity * next_price - run_rate_eur) / 12,
           {{ fi_number('quantity', 1) }} || ' yks. hintaan ' || {{ fi_number('next_price', 2) }}
               || ' € (' || case price_source when 'catalogue' then 'voimassa oleva hinnasto'
                   when 'as_of' then 'hinnasto ' || strftime(params.as_of_month, '%m/%Y')
                   else 'ensi vuoden hinnasto: ' || price_source end
               || ') = ' || {{ fi_number('quantity * next_price') }} || ' €; maksettu keskimäärin '
               || {{ fi_number('run_rate_eur / quantity', 2) }} || ' €/yks.'
    from monthly, params
    where quantity <> 0 and round(quantity * next_price - run_rate_eur, 2) <> 0

    union all
    select customer_id, activity_type, driver, driver, null, month,
           (expected_quantity - quantity / 12) * next_price,
           case driver
               when 'staff_trend' then 'Henkilöstötrendi '
                   || case trend_source when 'headcount' then '(HR, ' || staff_extracts || ' poimintaa: '
                       || {{ fi_number('staff_first') }} || ' → ' || {{ fi_number('staff_last') }} || ' hlö)'
                       when 'billed' then '(laskutetun määrän 12 kk trendi)' else '(ei tiedossa)' end
                   || ' ' || {{ fi_pct('growth') }} || '/v; laskutus nyt ' || {{ fi_number('level_quantity', 1) }} || ' yks./kk'
               when 'devices' then 'Työasemat: laskutus nyt ' || {{ fi_number('level_quantity', 1) }}
                   || ' yks./kk, 12 kk trendi ' || {{ fi_pct('growth') }} || '/v'
                   || coalesce('; SCCM:ssä aktiivisia ' || {{ fi_number('active_devices') }}, '')
               when 'hours_average' then 'Tuntimäärä vaihtelee: ' || history_months
                   || ' kk keskiarvo ' || {{ fi_number('history_quantity / history_months * 12') }}
                   || ' h/v vs. 12 kk ' || {{ fi_number('quantity') }} || ' h'
               when 'applications' then 'Sovelluksia laskutettu ' || {{ fi_number('as_of_quantity') }}
                   || ' (12 kk ka. ' || {{ fi_number('quantity / 12', 1) }} || ')'
                   || case when added_apps > 0 then '; käyttöönotossa ' || added_apps::integer || ': ' || starting_names else '' end
                   || case when ending_apps > 0 then '; poistumassa ' || ending_apps
                       || ' (laskutus päättyy ' || {{ var('budget_application_end_month') }} || '/' || year(month) || '): '
                       || ending_names else '' end
           end
               || '; ensi vuonna keskimäärin ' || {{ fi_number('avg(expected_quantity) over (partition by customer_id, activity_type)', 1) }}
               || ' yks./kk vs. ' || {{ fi_number('quantity / 12', 1) }} || ' × ' || {{ fi_number('next_price', 2) }} || ' €'
    from monthly
    where driver in ('staff_trend', 'devices', 'applications')
       or (driver = 'hours_average' and history_months > 12 and history_quantity <> quantity
           -- The care plan's projects explain their own hours (the projects line).
           and not (activity_type = '{{ var("budget_project_activity_type") }}'
                    and customer_id in (select customer_id from project_parts)))


    union all
    select customer_id, '{{ var("budget_replacement_activity_type") }}', 'replacements',
           'replacements', null, month, devices * {{ var('workstation_replacement_eur') }},
           'Elinkaaren ({{ var("lifecycle_months") }} kk) mukaan vaihdettavia työasemia '
               || sum(devices) over (partition by customer_id) || ' × '
               || {{ fi_number(var('workstation_replacement_eur')) }} || ' € (SCCM '
               || strftime(params.as_of_month, '%m/%Y') || ')'
    from replacements, params

    union all
    select project_parts.customer_id, '{{ var("budget_project_activity_type") }}', 'projects',
           'projects:' || entry_id, project_name, budget_months.month,
           case when budget_months.month between start_month and end_month
                then per_month_eur else 0 end
               - coalesce(window_part_eur * project_rolloff.factor, 0) / 12,
           'Kehittämishanke "' || coalesce(project_name, '–') || '" '
               || strftime(start_month, '%m/%Y') || '–' || strftime(end_month, '%m/%Y')
               || ', budjetti ' || {{ fi_number('budget_eur') }} || ' €: ensi vuodelle '
               || {{ fi_number('budget_part_eur') }} || ' €'
               || case when window_part_eur * project_rolloff.factor > 0
                   then '; 12 kk toteumassa jo ' || {{ fi_number('window_part_eur * project_rolloff.factor') }}
                       || ' € (ei toistu)' else '' end
    from project_parts
    join project_rolloff using (customer_id)
    cross join budget_months
    where budget_part_eur > 0 or window_part_eur * project_rolloff.factor > 0
),

{%- if is_current %}

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
),

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
               || {{ fi_number('overrides.amount_eur') }} || ' €'
    from overrides
    left join line_totals using (customer_id, activity_type, line_key)
    cross join budget_months
)
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

{% macro _lifecycle_is(column, var_name) -%}
    list_bool_or(list_transform(['{{ var(var_name) | join("', '") }}']::varchar[],
        lambda p: starts_with(lower(trim(coalesce({{ column }}, ''))), p)))
{%- endmacro %}
