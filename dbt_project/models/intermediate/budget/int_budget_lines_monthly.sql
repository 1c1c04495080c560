-- One row per as-of (the proposal and each backtest), customer, activity type, adjustment line
-- and month of the following budget year: the method of macros/budget_method.sql, fed by the
-- ephemeral input models of this folder.
{% for offset in budget_offsets() %}
select * from ({{ budget_method(offset) }})
{% if not loop.last %}union all{% endif %}
{% endfor %}
