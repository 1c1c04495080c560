-- One row per as-of, customer and month of the budget year: the active devices of the SCCM
-- snapshot at the as-of month that reach the end of their lifecycle then
-- (macros/budget_devices.sql).
{{ config(materialized='ephemeral') }}

{% for offset in budget_offsets() %}
select {{ offset }} as backtest_offset_months, replacements.*
from (
    with {{ budget_params_ctes(offset) }},

    {{ budget_replacement_ctes() }}

    select * from replacements
) as replacements
{% if not loop.last %}union all{% endif %}
{% endfor %}
