-- One row per source: records and € that resolve to a customer (the mapped share).
with lines as (
    select source, customer_id is not null as is_mapped, amount_eur
    from {{ ref('int_charge_lines_unioned') }}
    union all
    select 'sccm', customer_id is not null, null
    from {{ ref('device_replacements') }}
    union all
    select 'applications', customer_id is not null, null
    from {{ ref('int_applications_joined_to_customers') }}
)

select
    source,
    count(*) as records,
    count(*) filter (where is_mapped) as mapped_records,
    round(100.0 * count(*) filter (where is_mapped) / count(*), 2) as mapped_records_pct,
    sum(abs(amount_eur))::decimal(18, 2) as amount_eur,
    sum(abs(amount_eur)) filter (where is_mapped)::decimal(18, 2) as mapped_amount_eur,
    round(100.0 * sum(abs(amount_eur)) filter (where is_mapped) / nullif(sum(abs(amount_eur)), 0), 2)
        as mapped_amount_pct
from lines
group by all
