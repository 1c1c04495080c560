-- One row per backtest (`budget_backtest_offsets`), customer, activity type, adjustment line and
-- month of its budget year: the proposal's method (macros/budget_method.sql) as of 12, 24, …
-- months earlier, each input cut at that as-of month. Empty when no backtest is configured.
{% set offsets = var('budget_backtest_offsets') %}
{% if offsets %}
{% for offset in offsets %}
select * from ({{ budget_method(offset) }})
{% if not loop.last %}union all{% endif %}
{% endfor %}
{% else %}
select * from ({{ budget_method(12) }}) where false
{% endif %}
