-- One row per partnership manager and customer type, zero where the manager has none:
-- the gaps that make standing in for each other hard.
with customers as (
    select * from {{ ref('int_register_customers_latest') }}
),

managers as (
    select distinct partnership_manager from customers where partnership_manager is not null
),

types as (
    select customer_type, name_fi as customer_type_fi, name_en as customer_type_en, sort_order
    from {{ ref('customer_types') }}
)

select
    managers.partnership_manager,
    types.customer_type,
    types.customer_type_fi,
    types.customer_type_en,
    types.sort_order,
    count(customers.customer_id) as customers,
    count(customers.customer_id) = 0 as is_gap
from managers
cross join types
left join customers
    on customers.partnership_manager = managers.partnership_manager
    and customers.customer_type = types.customer_type
group by all
