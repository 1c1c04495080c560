-- One row per as-of and activity type of the catalogue: every candidate price for next year
-- (catalogue, decided list, next year's list or saved proposal, price billed at the as-of
-- month). The method picks among them (macros/budget_prices.sql).
{{ config(materialized='ephemeral') }}

{% for offset in budget_offsets() %}
select {{ offset }} as backtest_offset_months, prices.*
from (
    with {{ budget_params_ctes(offset) }},

    {{ budget_price_component_ctes() }}

    select * from price_components
) as prices
{% if not loop.last %}union all{% endif %}
{% endfor %}
