-- One row per file offered to ingest, as recorded in the raw store.
select * from {{ ref('stg_ingest__load_audit') }}
