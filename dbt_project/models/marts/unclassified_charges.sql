-- One row per source, code, customer and month of charges whose code (activity type, or the
-- start of an invoice text) is not in the site's service catalogue: the euros that no service,
-- cost or reconciliation can account for until someone classifies the code.
with lines as (
    select * from {{ ref('int_charge_lines_unioned') }}
    where service = 'unclassified'
),

texts as (
    select 'sap_charges' as source, file_name, source_row_number, posting_text as sample_text
    from {{ ref('int_charges_joined_to_customers') }}
    where service = 'unclassified'
    union all
    select 'sap_invoices', file_name, source_row_number, invoice_text
    from {{ ref('int_invoices_joined_to_customers') }}
    where service = 'unclassified'
)

select
    lines.source,
    coalesce(lines.activity_type, '') as code,
    lines.customer_id,
    lines.month,
    sum(lines.amount_eur)::decimal(18, 2) as amount_eur,
    sum(lines.quantity) as quantity,
    count(*) as lines,
    min(texts.sample_text) as sample_text,
    min(lines.file_name || ':' || lines.source_row_number) as first_row
from lines
left join texts using (source, file_name, source_row_number)
group by all
