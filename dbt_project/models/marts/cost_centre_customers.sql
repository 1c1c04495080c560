-- One row per cost centre that a charge or a headcount refers to: the customer it belongs to
-- on the newest such date (null when no register rule maps it), and by which rule. The setup
-- worklist's exact counterpart of its raw-store approximation.
select
    cost_centre,
    on_date as last_referred_date,
    effective_cost_centre,
    is_closed_on_date,
    customer_id,
    matched_by
from {{ ref('int_cost_centre_dates_mapped') }}
qualify row_number() over (partition by cost_centre order by on_date desc) = 1
