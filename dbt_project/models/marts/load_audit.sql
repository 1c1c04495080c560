-- One row per file offered to ingest, as recorded in the raw store.
select * from {{ source('raw', 'load_audit') }}
