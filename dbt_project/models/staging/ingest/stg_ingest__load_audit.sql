-- One row per file offered to ingest, as the raw store recorded it. Every column is passed
-- through as ingest writes it (a column ingest adds reaches the load_audit mart unchanged).
with source as (
    select * from {{ source('raw', 'load_audit') }}
)

select * from source
