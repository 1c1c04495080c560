{#- Rows for which the expression is false fail the test (dbt_utils' test, which needs the
    package hub; dbt deps cannot reach it offline). -#}
{% test expression_is_true(model, expression, column_name=none) %}
select * from {{ model }} where not coalesce(({{ expression }}), false)
{% endtest %}
