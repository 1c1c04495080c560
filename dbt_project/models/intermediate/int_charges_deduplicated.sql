-- One row per posting (fiscal year + document number + posting row): a posting seen in two
-- overlapping extracts counts once, in the version of the newest load.
with charges as (
    select * from {{ ref('stg_sap__charges') }}
),

loads as (
    select load_id, loaded_at from {{ source('raw', 'load_audit') }}
)

select charges.*
from charges
left join loads using (load_id)
qualify row_number() over (
    partition by fiscal_year, document_number, posting_row
    order by loads.loaded_at desc nulls last, charges.load_id desc, charges.source_row_number desc
) = 1
