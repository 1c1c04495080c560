-- Money invariant: the marts' charges equal the mapped customer-side lines to the cent, and
-- mapped plus unmapped equals every deduplicated non-sender line.
with lines as (
    select
        sum(amount_eur) filter (where customer_id is not null) as mapped_eur,
        sum(amount_eur) as all_eur
    from {{ ref('int_charge_lines_unioned') }}
),

mart as (
    select sum(amount_eur) as mart_eur from {{ ref('customer_charges_monthly') }}
),

unmapped as (
    select coalesce(sum(amount_eur), 0) as unmapped_eur
    from {{ ref('unmapped_records') }}
    where source in ('sap_charges', 'sap_invoices')
)

select *
from lines, mart, unmapped
where mart.mart_eur <> lines.mapped_eur
   or mart.mart_eur + unmapped.unmapped_eur <> lines.all_eur
