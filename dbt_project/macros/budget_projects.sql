{#- Projects (PROJPP): the care plan records each customer's development projects with a budget
    and dates (thesis: "asiakkaan kehittämishankkeet"). Their hours are known, not a trend: the
    budget spread evenly over the project's months, the part in the budget year, minus what the
    run-rate already holds of it (it would not repeat). A backtest sees only projects recorded by
    its as-of month. -#}

{% macro budget_project_ctes(is_current) %}
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
)
{% endmacro %}

{% macro budget_project_lines() %}
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
                       || ' € (ei toistu)' else '' end,
           'Development project "' || coalesce(project_name, '–') || '" '
               || strftime(start_month, '%m/%Y') || '–' || strftime(end_month, '%m/%Y')
               || ', budget ' || {{ budget_eur('budget_eur', 0, 'en') }} || ': '
               || {{ budget_eur('budget_part_eur', 0, 'en') }} || ' for next year'
               || case when window_part_eur * project_rolloff.factor > 0
                   then '; already ' || {{ budget_eur('window_part_eur * project_rolloff.factor', 0, 'en') }}
                       || ' in the last 12 months (will not repeat)' else '' end
    from project_parts
    join project_rolloff using (customer_id)
    cross join budget_months
    where budget_part_eur > 0 or window_part_eur * project_rolloff.factor > 0
{% endmacro %}
