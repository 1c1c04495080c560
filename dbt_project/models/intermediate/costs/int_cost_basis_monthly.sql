-- One row per month from the first charged month to the as-of month: whether its cost to
-- serve is the centre's actual cost (`actual`: the month has actual cost lines that the
-- site's cost model puts in a pool) or the catalogue's unit cost × driver (`catalogue`: a
-- centre without the sap_costs extract, or months it does not cover).
with months as (
    select distinct month from {{ ref('int_months_spined') }}
),

actual as (
    select distinct month
    from {{ ref('int_centre_costs_pooled') }}
    where pool is not null and not is_excluded
)

select
    months.month,
    case when actual.month is not null then 'actual' else 'catalogue' end as cost_basis
from months
left join actual using (month)
