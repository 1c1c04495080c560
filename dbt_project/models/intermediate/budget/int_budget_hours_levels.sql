-- One row per as-of, customer and hours-charged activity type (budget_drivers:
-- hours_average): the credibility-weighted monthly level of hours (macros/budget_hours.sql).
{{ config(materialized='ephemeral') }}

{% for offset in budget_offsets() %}
select {{ offset }} as backtest_offset_months, hours_level.*
from (
    with {{ budget_params_ctes(offset) }},

    {{ budget_hours_ctes() }}

    select * from hours_level
) as hours_level
{% if not loop.last %}union all{% endif %}
{% endfor %}
