-- One row per customer: the newest register snapshot that lists it, with the partnership
-- manager's potential score from the care plan preferred over the register's.
with customers as (
    select * from {{ ref('stg_register__customers') }}
),

careplan_scores as (
    select customer_id, potential_score, potential_justification, updated_at
    from {{ ref('stg_careplan__entries') }}
    where section = 'potential' and not is_deleted and potential_score is not null
    qualify row_number() over (partition by customer_id order by updated_at desc) = 1
),

latest as (
    select *
    from customers
    where customer_id is not null
    qualify row_number() over (
        partition by customer_id order by extract_date desc nulls last, load_id desc, source_row_number
    ) = 1
)

select
    latest.* replace (
        coalesce(careplan_scores.potential_score, latest.potential_score) as potential_score
    ),
    careplan_scores.potential_justification,
    case when careplan_scores.potential_score is not null then 'careplan'
         when latest.potential_score is not null then 'register' end as potential_score_source,
    careplan_scores.updated_at as potential_score_updated_at
from latest
left join careplan_scores using (customer_id)
