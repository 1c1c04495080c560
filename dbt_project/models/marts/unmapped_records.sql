-- One row per source record that resolves to no customer (and is not the IT centre's own):
-- the worklist of the data steward, with the most similar customer and its score.
with rules as (
    select * from {{ ref('int_register_rules_unnested') }}
),

cost_centre_names as (
    select cost_centre, any_value(cost_centre_name) as cost_centre_name
    from {{ ref('int_charges_joined_to_customers') }}
    where customer_id is null and not is_sender_line
    group by all
),

charges as (
    select 'sap_charges' as source, u.file_name, u.source_row_number, u.record_key,
           u.source_key as raw_value, u.amount_eur,
           coalesce(n.cost_centre_name, u.source_key) as name_hint
    from {{ ref('int_charge_lines_unioned') }} as u
    left join cost_centre_names as n on n.cost_centre = u.source_key
    where u.source = 'sap_charges' and u.customer_id is null
),

invoices as (
    select 'sap_invoices' as source, file_name, source_row_number,
           fiscal_year || '/' || document_number as record_key,
           coalesce(sap_customer_number, '') || ' ' || coalesce(customer_name, '') as raw_value,
           amount_eur, customer_name as name_hint
    from {{ ref('int_invoices_joined_to_customers') }}
    where customer_id is null
),

devices as (
    select 'sccm' as source, file_name, source_row_number, device_id as record_key,
           ou_path as raw_value, null::decimal(18, 2) as amount_eur, ou_path as name_hint
    from {{ ref('device_replacements') }}
    where customer_id is null
),

applications as (
    select 'applications' as source, file_name, source_row_number,
           application || ' / ' || customer_name_text as record_key,
           customer_name_text as raw_value, null::decimal(18, 2) as amount_eur,
           customer_name_text as name_hint
    from {{ ref('int_applications_joined_to_customers') }}
    where customer_id is null
),

records as (
    select * from charges
    union all select * from invoices
    union all select * from devices
    union all select * from applications
),

hints as (
    select distinct source, name_hint from records where name_hint is not null
),

scored as (
    select hints.source, hints.name_hint, rules.customer_id,
           case when hints.source = 'sccm' and rules.rule_kind = 'ou_path'
                    then jaro_winkler_similarity(upper(hints.name_hint), rules.rule_value)
                when hints.source <> 'sccm' and rules.rule_kind = 'name'
                    then jaro_winkler_similarity({{ name_key('hints.name_hint') }}, rules.rule_value)
           end as score
    from hints cross join rules
    qualify row_number() over (partition by hints.source, hints.name_hint order by score desc nulls last) = 1
)

select
    records.source,
    records.record_key,
    records.raw_value,
    scored.customer_id as candidate_customer_id,
    round(scored.score, 3) as candidate_score,
    records.amount_eur,
    records.file_name,
    records.source_row_number,
    records.name_hint
from records
left join scored
    on scored.source = records.source and scored.name_hint = records.name_hint
