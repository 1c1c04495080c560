-- One row per application of the newest register snapshot and customer named in its free-text
-- customer field (`;`/`,`-separated). Names resolve exactly (case, accents and punctuation
-- ignored), then as a truncated prefix, then by Jaro-Winkler similarity above the threshold.
with applications as (
    select * from {{ ref('stg_applications__applications') }}
    qualify extract_date = max(extract_date) over ()
),

named as (
    select applications.*, trim(name) as customer_name_text, {{ name_key('name') }} as name_key
    from applications,
        unnest(string_split(regexp_replace(coalesce(customer_text, ''), ',', ';', 'g'), ';')) as t(name)
    where trim(name) <> ''
),

rules as (
    select * from {{ ref('int_register_rules_unnested') }} where rule_kind = 'name'
),

scored as (
    select
        named.source_row_number,
        named.name_key,
        rules.customer_id,
        case when rules.rule_value = named.name_key then 1.0
             when length(named.name_key) >= 10 and starts_with(rules.rule_value, named.name_key)
                 then 0.99
             else jaro_winkler_similarity(named.name_key, rules.rule_value) end as score
    from named
    cross join rules
),

best as (
    select * from scored
    qualify row_number() over (
        partition by source_row_number, name_key order by score desc, customer_id
    ) = 1
)

select
    named.*,
    case when best.score >= {{ var('name_match_threshold') }} then best.customer_id end
        as customer_id,
    best.customer_id as candidate_customer_id,
    round(best.score, 3) as match_score
from named
left join best using (source_row_number, name_key)
