-- One row: which of the care plans' saves this warehouse shows. `store_change` is the care-plan
-- store's last change number in the copy the build read; a save with a number up to it shows
-- in every figure (`asiakastieto apply-edits` rebuilds from a newer copy when there is one).
select
    cast(store_change as bigint) as store_change,
    cast(entries as integer) as entries,
    cast(exported_at as timestamptz) as exported_at
from {{ source('careplan', 'raw_careplan_export') }}
