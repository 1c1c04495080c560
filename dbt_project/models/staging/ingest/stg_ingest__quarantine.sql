-- One row per value ingest rejected in a loaded file, as the raw store recorded it. Every
-- column is passed through as ingest writes it.
with source as (
    select * from {{ source('raw', 'quarantine') }}
)

select * from source
