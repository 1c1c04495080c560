-- One row per customer of the register: the potential score the figures use, the partnership
-- manager's from the care plan preferred over the register's, and where it came from.
with register as (
    select customer_id, potential_score from {{ ref('int_register_customers_latest') }}
),

careplan_scores as (
    select customer_id, potential_score, potential_justification, updated_by, updated_at
    from {{ ref('stg_careplan__entries') }}
    where section = 'potential' and not is_deleted and potential_score is not null
    qualify row_number() over (partition by customer_id order by updated_at desc) = 1
)

select
    register.customer_id,
    coalesce(careplan_scores.potential_score, register.potential_score) as potential_score,
    careplan_scores.potential_justification,
    case when careplan_scores.potential_score is not null then 'careplan'
         when register.potential_score is not null then 'register' end as potential_score_source,
    careplan_scores.updated_by as potential_score_updated_by,
    careplan_scores.updated_at as potential_score_updated_at
from register
left join careplan_scores using (customer_id)
