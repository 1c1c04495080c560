-- One row per as-of of the budget method: the proposal (offset 0) and each backtest.
-- Ephemeral, like every input model of the budget: compiled into int_budget_lines_monthly,
-- so a run of that model alone sees today's vars and tables.
{{ config(materialized='ephemeral') }}

{% for offset in budget_offsets() %}
select
    {{ offset }} as backtest_offset_months,
    (as_of_month - to_months({{ offset }}))::date as as_of_month,
    (as_of_month - to_months({{ offset + 11 }}))::date as window_start,
    make_date(year(as_of_month - to_months({{ offset }})) + 1, 1, 1) as budget_start
from {{ ref('int_as_of_month') }}
{% if not loop.last %}union all{% endif %}
{% endfor %}
