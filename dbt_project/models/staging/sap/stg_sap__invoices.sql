-- One row per landed invoice or credit note document.
with source as (
    select * from {{ source('raw', 'raw_sap_invoices') }}
),

renamed as (
    select
        ---------- ids
        load_id,
        file_name,
        cast(row_number as integer) as source_row_number,
        norm_code(customer_number) as sap_customer_number,
        norm_code(document_number) as document_number,
        upper(trim(document_type)) as document_type,
        upper(replace(replace(trim(vat_number), '-', ''), ' ', '')) as vat_number,
        ---------- text
        trim(name) as customer_name,
        trim(text) as invoice_text,
        upper(coalesce(nullif(trim(currency), ''), 'EUR')) as currency,
        ---------- numerics
        -- Credit notes (DG) are negative whatever sign the export printed.
        case when upper(trim(document_type)) = 'DG' then -abs(fi_amount(amount))
             else fi_amount(amount) end as amount_eur,
        -- The quantity is often only in the text ("Työasemapalvelu 03/2024, 83 kpl"); a credit
        -- note takes units back.
        case when upper(trim(document_type)) = 'DG' then -1 else 1 end
            * fi_quantity(nullif(regexp_extract(text, '(?:^|\s)(\d[\d\s]*(?:,\d+)?)\s*(?:kpl|hlö|h)', 1), ''))
            as text_quantity,
        ---------- dates
        fi_date(posting_date) as posting_date,
        date_trunc('month', fi_date(posting_date))::date as month,
        year(fi_date(posting_date)) as fiscal_year
    from source
)

select * from renamed
