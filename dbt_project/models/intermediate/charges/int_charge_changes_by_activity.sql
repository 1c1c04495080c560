-- One row per customer and activity type: the current and previous 12 months' charges and
-- quantities, and the change split into volume, price, new and ended effects.
-- Volume = (Q1 - Q0) x P0 and price = (P1 - P0) x Q1, so they add up to A1 - A0 exactly.
with lines as (
    select * from {{ ref('int_charge_lines_unioned') }}
    where customer_id is not null
),

as_of as (
    select as_of_month from {{ ref('int_as_of_month') }}
),

windows as (
    select
        lines.customer_id,
        coalesce(lines.activity_type, 'OTHER') as activity_type,
        lines.service,
        sum(lines.amount_eur) filter (where lines.month > as_of.as_of_month - interval 12 month
                                        and lines.month <= as_of.as_of_month) as current_eur,
        sum(lines.quantity) filter (where lines.month > as_of.as_of_month - interval 12 month
                                      and lines.month <= as_of.as_of_month) as current_quantity,
        sum(lines.amount_eur) filter (where lines.month <= as_of.as_of_month - interval 12 month
                                        and lines.month > as_of.as_of_month - interval 24 month)
            as previous_eur,
        sum(lines.quantity) filter (where lines.month <= as_of.as_of_month - interval 12 month
                                      and lines.month > as_of.as_of_month - interval 24 month)
            as previous_quantity
    from lines
    cross join as_of
    group by all
),

classified as (
    select
        *,
        coalesce(current_eur, 0) as a1,
        coalesce(previous_eur, 0) as a0,
        case
            when coalesce(previous_eur, 0) = 0 and coalesce(current_eur, 0) <> 0 then 'new'
            when coalesce(current_eur, 0) = 0 and coalesce(previous_eur, 0) <> 0 then 'ended'
            when coalesce(previous_quantity, 0) <> 0 and coalesce(current_quantity, 0) <> 0
                then 'continuing'
            else 'unpriced'
        end as change_type
    from windows
    where coalesce(current_eur, 0) <> 0 or coalesce(previous_eur, 0) <> 0
)

select
    customer_id,
    activity_type,
    service,
    change_type,
    a0::decimal(18, 2) as previous_value_eur,
    a1::decimal(18, 2) as current_value_eur,
    previous_quantity,
    current_quantity,
    (a1 - a0)::decimal(18, 2) as change_eur,
    case when change_type = 'continuing'
         then round(a0 / previous_quantity, 4) end as previous_unit_price_eur,
    case when change_type = 'continuing'
         then round(a1 / current_quantity, 4) end as current_unit_price_eur,
    case when change_type = 'continuing'
         then (current_quantity - previous_quantity) * a0 / previous_quantity else 0 end
        as volume_effect_raw,
    case when change_type = 'new' then a1 else 0 end::decimal(18, 2) as new_service_eur,
    case when change_type = 'ended' then -a0 else 0 end::decimal(18, 2) as ended_service_eur,
    case when change_type = 'unpriced' then a1 - a0 else 0 end::decimal(18, 2) as other_effect_eur
from classified
