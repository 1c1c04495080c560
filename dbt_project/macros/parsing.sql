{#- Small typing helpers on top of the shared parsing macros of ingest/parsing.sql. -#}

{% macro sccm_flag(column) -%}
    {#- SCCM writes 1/0, True/False or the literal NULL (SSMS exports). -#}
    case when upper(trim({{ column }})) in ('1', 'TRUE', 'YES', 'KYLLÄ', 'X') then true
         when upper(trim({{ column }})) in ('0', 'FALSE', 'NO', 'EI') then false
    end
{%- endmacro %}

{% macro null_text(column) -%}
    nullif(nullif(trim({{ column }}), ''), 'NULL')
{%- endmacro %}

{% macro name_key(column) -%}
    {#- Names compared across systems: case, accents, punctuation and spacing ignored. -#}
    trim(regexp_replace(strip_accents(lower({{ column }})), '[^a-z0-9]+', ' ', 'g'))
{%- endmacro %}

{% macro ou_key(column) -%}
    {#- OU paths: case-insensitive, `\` or `/` separated, no trailing separator. -#}
    rtrim(upper(replace(trim({{ column }}), '\\', '/')), '/')
{%- endmacro %}
