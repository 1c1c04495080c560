-- One row per as-of, customer and activity type billed in the 12 months ending at the as-of
-- month: the run-rate and the quantity trend fitted to those months (macros/budget_run_rate.sql).
{{ config(materialized='table') }}

{% for offset in budget_offsets() %}
select {{ offset }} as backtest_offset_months, run.*
from (
    with {{ budget_params_ctes(offset) }},

    {{ budget_run_rate_ctes() }}

    select * from run
) as run
{% if not loop.last %}union all{% endif %}
{% endfor %}
