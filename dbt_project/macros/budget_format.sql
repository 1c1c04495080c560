{#- Number formatting for the budget lines' explanations, built in Finnish (`explanation`: the
    budget-meeting pack and the finance office read Finnish: space as thousands separator,
    comma as decimal point) and in English (`explanation_en`: comma thousands, decimal point,
    `€` before the amount). Each explanation macro takes `lang` ('fi' or 'en'). -#}

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

{% macro budget_number(x, decimals=0, lang='fi') -%}
    {%- if lang == 'fi' -%}
    {{ fi_number(x, decimals) }}
    {%- elif decimals == 0 -%}
    format('{:,}', round({{ x }})::bigint)
    {%- else -%}
    format('{:.{{ decimals }}f}', ({{ x }})::double)
    {%- endif -%}
{%- endmacro %}

{% macro budget_eur(x, decimals=0, lang='fi') -%}
    {#- An amount with its euro sign where the language puts it: `1 234 €`, `€1,234`. -#}
    {%- if lang == 'fi' -%}
    ({{ fi_number(x, decimals) }} || ' €')
    {%- else -%}
    (case when {{ x }} < 0 then '-€' else '€' end || {{ budget_number('abs(' ~ x ~ ')', decimals, 'en') }})
    {%- endif -%}
{%- endmacro %}

{% macro budget_pct(x, lang='fi') -%}
    {%- if lang == 'fi' -%}
    {{ fi_pct(x) }}
    {%- else -%}
    (case when {{ x }} >= 0 then '+' else '' end || {{ budget_number('100 * (' ~ x ~ ')', 1, 'en') }} || '%')
    {%- endif -%}
{%- endmacro %}

{% macro budget_text(fi, en, lang='fi') -%}
    {#- One SQL string literal of the explanation in `lang`. -#}
    '{{ (fi if lang == 'fi' else en) | replace("'", "''") }}'
{%- endmacro %}
