-- One row per cost centre and validity start: the newest master snapshot wins,
-- the Finnish text row before the Swedish one.
with cost_centres as (
    select * from {{ ref('stg_sap__cost_centres') }}
)

select
    cost_centre,
    valid_from,
    coalesce(valid_to, date '9999-12-31') as valid_to,
    hierarchy_node,
    successor_cost_centre,
    cost_centre_name,
    department,
    responsible,
    is_locked
from cost_centres
where cost_centre is not null and valid_from is not null
qualify row_number() over (
    partition by cost_centre, valid_from
    order by extract_date desc nulls last, load_id desc, (language = 'FI') desc, source_row_number
) = 1
