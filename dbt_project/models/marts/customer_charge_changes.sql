-- One row per customer and service: why the charges of the last 12 months differ from the
-- 12 before ("why did we pay 24 000 € more?"). volume + price + new + ended + other = change.
with activities as (
    select
        *,
        volume_effect_raw::decimal(18, 2) as volume_effect_eur,
        -- Price takes the rounding remainder, so the parts add up to the change to the cent.
        case when change_type = 'continuing'
             then change_eur - volume_effect_raw::decimal(18, 2) else 0 end::decimal(18, 2)
            as price_effect_eur
    from {{ ref('int_charge_changes_by_activity') }}
),

as_of as (
    select as_of_month from {{ ref('int_as_of_month') }}
)

select
    activities.customer_id,
    activities.service,
    sum(activities.previous_value_eur)::decimal(18, 2) as previous_value_eur,
    sum(activities.current_value_eur)::decimal(18, 2) as current_value_eur,
    sum(activities.change_eur)::decimal(18, 2) as change_eur,
    sum(activities.volume_effect_eur)::decimal(18, 2) as volume_effect_eur,
    sum(activities.price_effect_eur)::decimal(18, 2) as price_effect_eur,
    sum(activities.new_service_eur)::decimal(18, 2) as new_service_eur,
    sum(activities.ended_service_eur)::decimal(18, 2) as ended_service_eur,
    sum(activities.other_effect_eur)::decimal(18, 2) as other_effect_eur,
    sum(activities.previous_quantity) as previous_quantity,
    sum(activities.current_quantity) as current_quantity,
    any_value(as_of.as_of_month) as as_of_month
from activities
cross join as_of
group by all
