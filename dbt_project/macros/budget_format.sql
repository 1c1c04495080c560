{#- Finnish number formatting for the budget lines' explanations (the budget-meeting pack and the
    finance office read Finnish: space as thousands separator, comma as decimal point). -#}

{% macro fi_number(x, decimals=0) -%}
    {%- if decimals == 0 -%}
    replace(format('{:,}', round({{ x }})::bigint), ',', ' ')
    {%- else -%}
    replace(format('{:.{{ decimals }}f}', ({{ x }})::double), '.', ',')
    {%- endif -%}
{%- endmacro %}

{% macro fi_signed(x, decimals=0) -%}
    (case when {{ x }} >= 0 then '+' else '' end || {{ fi_number(x, decimals) }})
{%- endmacro %}

{% macro fi_pct(x) -%}
    ({{ fi_signed('100 * (' ~ x ~ ')', 1) }} || ' %')
{%- endmacro %}
