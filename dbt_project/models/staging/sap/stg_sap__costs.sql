-- One row per landed line of the IT centre's own actual costs (KSB1 on its cost centres),
-- typed; duplicates of overlapping extracts are still present.
with source as (
    select * from {{ source('raw', 'raw_sap_costs') }}
),

renamed as (
    select
        ---------- ids
        load_id,
        file_name,
        cast(row_number as integer) as source_row_number,
        try_cast(trim(fiscal_year) as integer) as fiscal_year,
        try_cast(trim(period) as integer) as period,
        norm_code(document_number) as document_number,
        norm_code(posting_row) as posting_row,
        norm_code(cost_centre) as cost_centre,
        norm_code(cost_element) as cost_element,
        trim(reference_document) as reference_document,
        ---------- text
        {{ null_text('cost_element_name') }} as cost_element_name,
        {{ null_text('cost_centre_name') }} as cost_centre_name,
        trim(text) as posting_text,
        ---------- numerics
        fi_amount(amount) as amount_eur,
        ---------- dates
        fi_date(posting_date) as posting_date,
        -- Special periods 13-16 are year-end postings: they count in December.
        make_date(try_cast(trim(fiscal_year) as integer),
                  least(try_cast(trim(period) as integer), 12), 1) as month,
        try_cast(trim(period) as integer) > 12 as is_special_period
    from source
)

select * from renamed
