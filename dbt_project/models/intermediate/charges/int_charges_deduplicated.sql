-- One row per posting (fiscal year + document number + posting row): a posting seen in two
-- overlapping extracts counts once, in the version of the newest load.
-- Incremental: a build types only the loads that arrived since the last one; a newer load's
-- version of a posting replaces the stored one (delete+insert on the natural key).
{{ config(
    materialized='incremental',
    unique_key=['fiscal_year', 'document_number', 'posting_row'],
    incremental_strategy='delete+insert',
    on_schema_change='fail'
) }}

with loads as (
    select load_id, loaded_at from {{ ref('stg_ingest__load_audit') }}
    where source = 'sap_charges' and status = 'loaded'
    {% if is_incremental() %}
        and loaded_at > (select coalesce(max(loaded_at), timestamp '1900-01-01') from {{ this }})
    {% endif %}
),

charges as (
    select * from {{ ref('stg_sap__charges') }}
    where load_id in (select load_id from loads)
)

select charges.*, loads.loaded_at
from charges
join loads using (load_id)
qualify row_number() over (
    partition by fiscal_year, document_number, posting_row
    order by loads.loaded_at desc, charges.load_id desc, charges.source_row_number desc
) = 1
