-- One row per activity type whose price changes next year: the seed `price_list_next_year`
-- first, else the newest price proposal saved from the pricing what-if with "use in budget".
with seeded as (
    select activity_type, unit_price_eur, 'price_list_next_year.csv' as price_source, 1 as rank
    from {{ ref('price_list_next_year') }}
    where unit_price_eur is not null
),

proposed as (
    select
        json_extract_string(fields_json, '$.activity_type') as activity_type,
        try_cast(json_extract_string(fields_json, '$.unit_price_eur') as decimal(18, 2))
            as unit_price_eur,
        'ehdotus "' || coalesce(json_extract_string(fields_json, '$.name'), entry_id) || '" ('
            || updated_by || ')' as price_source,
        2 as rank
    from {{ ref('stg_careplan__entries') }}
    where section = 'price_proposal' and not is_deleted
      and coalesce(try_cast(json_extract_string(fields_json, '$.use_for_budget') as boolean), false)
    qualify row_number() over (partition by activity_type order by updated_at desc) = 1
)

select activity_type, unit_price_eur, price_source
from (select * from seeded union all select * from proposed)
where unit_price_eur is not null
qualify row_number() over (partition by activity_type order by rank) = 1
