-- One row per deduplicated posting with its service and customer. The IT centre's own
-- (sender) lines are flagged, not dropped, so the allocation can be shown to net to zero.
-- Incremental: only postings of new loads are mapped, unless the register or the cost-centre
-- master changed since the last build; then every posting is mapped again.
{{ config(
    materialized='incremental',
    unique_key=['fiscal_year', 'document_number', 'posting_row'],
    incremental_strategy='delete+insert',
    on_schema_change='fail'
) }}

{% set remap_all = not mapping_unchanged() %}

with charges as (
    select * from {{ ref('int_charges_deduplicated') }}
    {% if is_incremental() and not remap_all %}
    where loaded_at > (select max(loaded_at) from {{ this }})
    {% endif %}
),

mapping_version as (
    {{ mapping_version_sql() }}
),

mapped as (
    select * from {{ ref('int_cost_centre_dates_mapped') }}
),

catalogue as (
    select * from {{ ref('service_catalogue') }}
),

senders as (
    select * from {{ ref('stg_site__sender_cost_centres') }}
)

select
    charges.load_id,
    charges.file_name,
    charges.source_row_number,
    charges.fiscal_year,
    charges.period,
    charges.document_number,
    charges.posting_row,
    charges.cost_centre,
    mapped.effective_cost_centre,
    charges.partner_cost_centre,
    charges.activity_type,
    coalesce(catalogue.service, 'unclassified') as service,
    charges.month,
    charges.posting_date,
    charges.is_special_period,
    charges.amount_eur,
    charges.quantity,
    charges.posting_text,
    charges.cost_centre_name,
    exists (
        select 1 from senders
        where (senders.is_prefix and starts_with(charges.cost_centre, senders.cost_centre_pattern))
           or (not senders.is_prefix and charges.cost_centre = senders.cost_centre_pattern)
    ) as is_sender_line,
    mapped.customer_id,
    mapped.matched_by,
    coalesce(mapped.is_closed_on_date, false) as is_closed_cost_centre,
    charges.loaded_at,
    (select mapping_version from mapping_version) as mapping_version
from charges
left join mapped
    on mapped.cost_centre = charges.cost_centre
    and mapped.on_date = coalesce(charges.posting_date, last_day(charges.month))
left join catalogue
    on catalogue.activity_type = charges.activity_type
