-- One row per as-of and care-plan project: its budget spread over its months, the part in
-- the budget year, the part in the run-rate window, and the customer's share of that part
-- the run-rate already holds (rolloff_factor) (macros/budget_projects.sql). A backtest sees
-- only the projects recorded by its as-of month.
{{ config(materialized='ephemeral') }}

{% for offset in budget_offsets() %}
select {{ offset }} as backtest_offset_months, projects.*
from (
    with {{ budget_params_ctes(offset) }},

    run as (
        select * exclude (backtest_offset_months)
        from {{ ref('int_budget_run_rates') }}
        where backtest_offset_months = {{ offset }}
    ),

    {{ budget_project_ctes(offset == 0) }}

    select project_parts.*, project_rolloff.factor as rolloff_factor
    from project_parts
    join project_rolloff using (customer_id)
) as projects
{% if not loop.last %}union all{% endif %}
{% endfor %}
