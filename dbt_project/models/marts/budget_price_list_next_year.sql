-- One row per activity type whose price changes next year, and where that price comes from.
select
    activity_type,
    unit_price_eur,
    price_source
from {{ ref('int_budget_price_list_next_year') }}
