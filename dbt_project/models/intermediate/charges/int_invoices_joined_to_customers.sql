-- One row per invoice or credit note (document number + fiscal year, newest load wins),
-- with its customer (SAP customer number, else business id, else exact name) and service.
with invoices as (
    select invoices.*
    from {{ ref('stg_sap__invoices') }} as invoices
    left join {{ ref('stg_ingest__load_audit') }} as loads using (load_id)
    qualify row_number() over (
        partition by invoices.document_number, invoices.fiscal_year
        order by loads.loaded_at desc nulls last, invoices.load_id desc
    ) = 1
),

-- Lookups keep only keys that name exactly one customer, so no invoice is counted twice.
by_number as (
    select sap_customer_number, min(customer_id) as customer_id
    from {{ ref('int_register_customers_latest') }}
    where sap_customer_number is not null
    group by all
    having count(*) = 1
),

by_business_id as (
    select 'FI' || replace(business_id, '-', '') as vat_number, min(customer_id) as customer_id
    from {{ ref('int_register_customers_latest') }}
    where business_id is not null
    group by all
    having count(*) = 1
),

names as (
    select rule_value, min(customer_id) as customer_id
    from {{ ref('int_register_rules_unnested') }}
    where rule_kind = 'name'
    group by rule_value
    having count(distinct customer_id) = 1
),

catalogue as (
    select * from {{ ref('service_catalogue') }}
)

select
    invoices.load_id,
    invoices.file_name,
    invoices.source_row_number,
    invoices.document_number,
    invoices.document_type,
    invoices.fiscal_year,
    invoices.sap_customer_number,
    invoices.customer_name,
    invoices.invoice_text,
    invoices.month,
    invoices.posting_date,
    invoices.amount_eur,
    invoices.text_quantity as quantity,
    catalogue.activity_type,
    coalesce(catalogue.service, 'unclassified') as service,
    coalesce(by_number.customer_id, by_business_id.customer_id, names.customer_id) as customer_id,
    case when by_number.customer_id is not null then 'sap_customer_number'
         when by_business_id.customer_id is not null then 'business_id'
         when names.customer_id is not null then 'name' end as matched_by
from invoices
left join by_number
    on by_number.sap_customer_number = invoices.sap_customer_number
left join by_business_id
    on by_business_id.vat_number = invoices.vat_number
left join names
    on names.rule_value = {{ name_key('invoices.customer_name') }}
left join catalogue
    on starts_with(lower(invoices.invoice_text), lower(catalogue.invoice_text_prefix))
