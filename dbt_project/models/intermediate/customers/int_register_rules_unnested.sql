-- One row per identity rule of the register: cost-centre code, code prefix, hierarchy node,
-- OU path prefix, or name (customer name and aliases) that belongs to a customer.
with customers as (
    select * from {{ ref('int_register_customers_latest') }}
),

cost_centre_tokens as (
    select customer_id, trim(token) as token
    from customers, unnest(string_split(cost_centre_nodes, ';')) as t(token)
    where trim(token) <> ''
),

cost_centre_rules as (
    select
        customer_id,
        case when token like '%*' then 'cost_centre_prefix'
             when regexp_full_match(token, '\d+(\.0)?') then 'cost_centre_code'
             else 'hierarchy_node' end as rule_kind,
        case when token like '%*' then norm_code(rtrim(token, '*'))
             when regexp_full_match(token, '\d+(\.0)?') then norm_code(token)
             else upper(token) end as rule_value
    from cost_centre_tokens
),

ou_rules as (
    select customer_id, 'ou_path' as rule_kind, {{ ou_key('token') }} as rule_value
    from customers, unnest(string_split(ou_paths, ';')) as t(token)
    where trim(token) <> ''
),

name_rules as (
    select customer_id, 'name' as rule_kind, {{ name_key('customer_name') }} as rule_value
    from customers
    union all
    select customer_id, 'name' as rule_kind, {{ name_key('token') }} as rule_value
    from customers, unnest(string_split(aliases, ';')) as t(token)
    where trim(token) <> ''
)

select distinct * from cost_centre_rules
union all
select distinct * from ou_rules
union all
select distinct * from name_rules
