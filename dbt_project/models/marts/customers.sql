-- One row per customer of the register: value, staff, devices, applications, profitability,
-- potential, ABC class and value-potential quadrant as of the as-of month (docs/definitions.md).
with register as (
    select * from {{ ref('int_register_customers_latest') }}
),

scores as (
    select * from {{ ref('int_customer_potential_scores') }}
),

as_of as (
    select as_of_month from {{ ref('int_as_of_month') }}
),

months as (
    select
        p.customer_id,
        sum(p.charges_eur) filter (where p.month > as_of.as_of_month - interval 12 month) as current_value_eur,
        sum(p.charges_eur) filter (where p.month <= as_of.as_of_month - interval 12 month
                                     and p.month > as_of.as_of_month - interval 24 month) as previous_value_eur,
        sum(p.cost_to_serve_eur) filter (where p.month > as_of.as_of_month - interval 12 month) as cost_to_serve_eur,
        sum(p.unclassified_eur) filter (where p.month > as_of.as_of_month - interval 12 month) as unclassified_eur,
        coalesce(bool_or(p.needs_classification) filter (
            where p.month > as_of.as_of_month - interval 12 month), false) as needs_classification
    from {{ ref('customer_profitability_monthly') }} as p
    cross join as_of
    where p.month <= as_of.as_of_month
    group by all
),

-- The cost basis of the 12 months: actual, catalogue, or mixed when only some months have
-- the centre's actual costs (int_cost_basis_monthly).
window_basis as (
    select case when bool_and(b.cost_basis = 'actual') then 'actual'
                when bool_or(b.cost_basis = 'actual') then 'mixed'
                else 'catalogue' end as cost_basis
    from {{ ref('int_cost_basis_monthly') }} as b
    cross join as_of
    where b.month > as_of.as_of_month - interval 12 month and b.month <= as_of.as_of_month
),

staff_latest as (
    select * from {{ ref('int_headcounts_by_customer') }}
    qualify row_number() over (partition by customer_id order by extract_date desc) = 1
),

staff_year_ago as (
    -- The extract nearest to one year before the latest one.
    select h.customer_id, h.staff_count
    from {{ ref('int_headcounts_by_customer') }} as h
    join staff_latest as l using (customer_id)
    where h.extract_date < l.extract_date
    qualify row_number() over (
        partition by h.customer_id
        order by abs(date_diff('day', h.extract_date, l.extract_date - interval 1 year)), h.extract_date
    ) = 1
),

devices as (
    select customer_id, count(*) filter (where is_active) as active_devices
    from {{ ref('device_replacements') }}
    group by all
),

applications as (
    select customer_id, count(*) as applications
    from {{ ref('application_updates') }}
    group by all
),

valued as (
    select
        register.customer_id,
        register.customer_name,
        register.customer_type,
        register.segment,
        register.partnership_manager,
        register.customer_contact,
        register.business_id,
        register.sap_customer_number,
        coalesce(scores.potential_score, {{ var('neutral_potential_score') }}) as potential_score,
        coalesce(months.current_value_eur, 0)::decimal(18, 2) as current_value_eur,
        coalesce(months.previous_value_eur, 0)::decimal(18, 2) as previous_value_eur,
        staff_latest.staff_count,
        staff_latest.staff_count - staff_year_ago.staff_count as staff_change,
        staff_latest.extract_date as staff_extract_date,
        coalesce(devices.active_devices, 0) as active_devices,
        coalesce(applications.applications, 0) as applications,
        -- Unknown until every charge of the window has a service (customer_profitability_monthly).
        case when not coalesce(months.needs_classification, false)
            then coalesce(months.cost_to_serve_eur, 0)::decimal(18, 2) end as cost_to_serve_eur,
        coalesce(months.unclassified_eur, 0)::decimal(18, 2) as unclassified_eur,
        coalesce(months.needs_classification, false) as needs_classification,
        coalesce(window_basis.cost_basis, 'catalogue') as cost_basis,
        as_of.as_of_month
    from register
    cross join as_of
    left join window_basis on true
    left join scores using (customer_id)
    left join months using (customer_id)
    left join staff_latest using (customer_id)
    left join staff_year_ago using (customer_id)
    left join devices using (customer_id)
    left join applications using (customer_id)
),

ranked as (
    select
        *,
        ({{ var('growth_per_score_point') }} * (potential_score - {{ var('neutral_potential_score') }}))
            as expected_growth,
        -- Lifetime value: sum over t = 1..H of current value x (1 + g)^t (docs/definitions.md).
        (
            {%- for t in range(1, var('horizon_years') + 1) %}
            current_value_eur * power(1 + {{ var('growth_per_score_point') }}
                * (potential_score - {{ var('neutral_potential_score') }}), {{ t }})
            {{- ' +' if not loop.last }}
            {%- endfor %}
        ) as lifetime_value,
        coalesce(sum(current_value_eur) over (
            order by current_value_eur desc, customer_id
            rows between unbounded preceding and 1 preceding), 0)
            / nullif(sum(current_value_eur) over (), 0) as value_share_before,
        median(current_value_eur) over () as median_value_eur,
        -- The whale curve ranks the customers whose margin is known.
        row_number() over (partition by needs_classification
                           order by current_value_eur - cost_to_serve_eur desc, customer_id) as margin_rank,
        sum(current_value_eur - cost_to_serve_eur) over (
            partition by needs_classification
            order by current_value_eur - cost_to_serve_eur desc, customer_id
            rows between unbounded preceding and current row) as cumulative_margin_eur,
        sum(current_value_eur - cost_to_serve_eur) over (partition by needs_classification) as total_margin_eur,
        count(*) over (partition by needs_classification) as customer_count
    from valued
)

select
    customer_id,
    customer_name,
    customer_type,
    segment,
    partnership_manager,
    customer_contact,
    business_id,
    sap_customer_number,
    potential_score,
    current_value_eur,
    previous_value_eur,
    (current_value_eur - previous_value_eur)::decimal(18, 2) as value_change_eur,
    round(100.0 * (current_value_eur - previous_value_eur) / nullif(previous_value_eur, 0), 1)
        as value_change_pct,
    staff_count,
    staff_change,
    staff_extract_date,
    round(current_value_eur / nullif(staff_count, 0), 2) as it_spend_per_staff_eur,
    active_devices,
    applications,
    cost_to_serve_eur,
    cost_basis,
    unclassified_eur,
    needs_classification,
    (current_value_eur - cost_to_serve_eur)::decimal(18, 2) as margin_eur,
    round(100.0 * (current_value_eur - cost_to_serve_eur) / nullif(current_value_eur, 0), 1)
        as margin_pct,
    expected_growth,
    lifetime_value::decimal(18, 2) as lifetime_value_eur,
    (lifetime_value - {{ var('horizon_years') }} * current_value_eur)::decimal(18, 2)
        as potential_value_eur,
    case when value_share_before < {{ var('abc_a_share') }} then 'A'
         when value_share_before < {{ var('abc_b_share') }} then 'B'
         else 'C' end as abc_class,
    case when current_value_eur > median_value_eur and potential_score >= {{ var('high_potential_score') }} then 'develop'
         when current_value_eur > median_value_eur then 'maintain'
         when potential_score >= {{ var('high_potential_score') }} then 'grow'
         else 'streamline' end as value_quadrant,
    case when not needs_classification then margin_rank end as margin_rank,
    case when not needs_classification then round(100.0 * margin_rank / customer_count, 2) end
        as cumulative_customer_pct,
    case when not needs_classification
        then round(100.0 * cumulative_margin_eur / nullif(total_margin_eur, 0), 2) end
        as cumulative_margin_pct,
    as_of_month
from ranked
