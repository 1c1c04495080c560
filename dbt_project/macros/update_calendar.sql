{#- The application register's free-text update dates (`toukokuussa 2027`, `vko 21`, `Q2/2027`,
    `15.5.2027`, `kevät 2027`) as a month. Without a year, the next such month after as-of. -#}

{% macro update_month_number(text) -%}
    {%- set t = "strip_accents(lower(" ~ text ~ "))" -%}
    coalesce(
        month(fi_date(regexp_extract({{ t }}, '\d{1,2}\.\d{1,2}\.\d{4}'))),
        list_position(
            ['tammi', 'helmi', 'maalis', 'huhti', 'touko', 'kesa',
             'heina', 'elo', 'syys', 'loka', 'marras', 'joulu'],
            nullif(regexp_extract({{ t }}, '(tammi|helmi|maalis|huhti|touko|kesa|heina|elo|syys|loka|marras|joulu)kuu', 1), '')),
        month(date_trunc('week', make_date(coalesce(try_cast(nullif(regexp_extract({{ t }}, '(20\d\d)', 1), '') as integer), 2001), 1, 4))
              + to_days(7 * (try_cast(nullif(regexp_extract({{ t }}, '(vko|viikko|week|wk)\.?\s*(\d{1,2})', 2), '') as integer) - 1))),
        3 * try_cast(nullif(coalesce(nullif(regexp_extract({{ t }}, 'q\s*([1-4])', 1), ''),
                                     regexp_extract({{ t }}, '([1-4])\s*[./]?\s*(q|kvartaali|neljannes)', 1)), '') as integer) - 2,
        case
            when regexp_matches({{ t }}, 'talv') then 1
            when regexp_matches({{ t }}, 'kevat|kevaa') then 4
            when regexp_matches({{ t }}, 'kesa|kesalla') then 7
            when regexp_matches({{ t }}, 'syks') then 10
        end
    )
{%- endmacro %}

{% macro update_month(text, as_of) -%}
    {%- set t = "strip_accents(lower(" ~ text ~ "))" -%}
    {%- set m = update_month_number(text) -%}
    {%- set y = "try_cast(nullif(regexp_extract(" ~ t ~ ", '(20\\d\\d)', 1), '') as integer)" -%}
    case when ({{ m }}) is not null then
        case when {{ y }} is not null then make_date({{ y }}, {{ m }}, 1)
             when ({{ m }}) > month({{ as_of }}) then make_date(year({{ as_of }}), {{ m }}, 1)
             else make_date(year({{ as_of }}) + 1, {{ m }}, 1) end
    end
{%- endmacro %}

{% macro updates_per_year(text) -%}
    {%- set t = "strip_accents(lower(" ~ text ~ "))" -%}
    coalesce(
        try_cast(nullif(regexp_extract({{ t }}, '^\s*(\d+)', 1), '') as integer),
        case
            when regexp_matches({{ t }}, 'viiko') then 52
            when regexp_matches({{ t }}, 'kuukau') then 12
            when regexp_matches({{ t }}, 'neljann|kvartaal') then 4
            when regexp_matches({{ t }}, 'puolivuo') then 2
            when regexp_matches({{ t }}, 'vuosittain|kerran vuodessa') then 1
        end
    )
{%- endmacro %}
