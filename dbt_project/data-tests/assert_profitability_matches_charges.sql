-- The profitability mart carries every charged € of customer_charges_monthly up to as-of.
select p.customer_id, p.month, p.charges_eur, c.amount_eur
from {{ ref('customer_profitability_monthly') }} as p
full outer join (
    select customer_id, month, sum(amount_eur) as amount_eur
    from {{ ref('customer_charges_monthly') }}
    where month <= (select as_of_month from {{ ref('int_as_of_month') }})
    group by all
) as c using (customer_id, month)
where coalesce(p.charges_eur, 0) <> coalesce(c.amount_eur, 0)
