-- One row per as-of and activity type of the catalogue: the candidate prices for next year
-- that a backtest may know too (catalogue, decided list, price billed at the as-of month).
-- The method picks among them, the proposal also among next year's list and the saved
-- proposals (int_budget_price_list_next_year; macros/budget_prices.sql).
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
