-- One row per as-of and register customer: what moves next year's quantities besides the
-- billed trend: the HR headcount trend of the last year, the SCCM active devices and the
-- register's IT-maintained applications (starting, ending), each as known at the as-of month
-- (macros/budget_staff.sql, budget_devices.sql, budget_applications.sql).
{{ config(materialized='ephemeral') }}

{% for offset in budget_offsets() %}
select {{ offset }} as backtest_offset_months, drivers.*
from (
    with {{ budget_params_ctes(offset) }},

    -- Every customer of the register (the method's customers are among them).
    base as (
        select customer_id from {{ ref('int_register_customers_latest') }}
    ),

    {{ budget_staff_ctes() }},

    {{ budget_device_ctes() }},

    {{ budget_application_ctes() }}

    select
        base.customer_id,
        staff.staff_extracts,
        staff.staff_first,
        staff.staff_last,
        staff.staff_growth,
        staff.staff_growth_se,
        sccm.active_devices,
        register_apps.register_apps,
        register_apps.starting_apps,
        register_apps.ending_apps,
        register_apps.starting_names,
        register_apps.ending_names
    from base
    left join staff using (customer_id)
    left join sccm using (customer_id)
    left join register_apps using (customer_id)
) as drivers
{% if not loop.last %}union all{% endif %}
{% endfor %}
