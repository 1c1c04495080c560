-- One row per rejected value of a loaded file, as recorded in the raw store.
select * from {{ ref('stg_ingest__quarantine') }}
