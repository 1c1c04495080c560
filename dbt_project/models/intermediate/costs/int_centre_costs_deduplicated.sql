-- One row per line of the IT centre's actual costs (fiscal year + document number + posting
-- row): a line seen in two overlapping extracts counts once, in the version of the newest
-- load. Small (the centre's own postings), so rebuilt every time.
with loads as (
    select load_id, loaded_at from {{ ref('stg_ingest__load_audit') }}
    where source = 'sap_costs' and status = 'loaded'
),

costs as (
    select * from {{ ref('stg_sap__costs') }}
    where load_id in (select load_id from loads)
)

select costs.*, loads.loaded_at
from costs
join loads using (load_id)
qualify row_number() over (
    partition by fiscal_year, document_number, posting_row
    order by loads.loaded_at desc, costs.load_id desc, costs.source_row_number desc
) = 1
