-- One row per landed allocation line (duplicates of overlapping extracts still present).
with source as (
    select * from {{ source('raw', 'raw_sap_charges') }}
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
        norm_code(partner_cost_centre) as partner_cost_centre,
        upper(trim(activity_type)) as activity_type,
        norm_code(cost_element) as cost_element,
        trim(reference_document) as reference_document,
        ---------- text
        trim(unit) as unit,
        trim(text) as posting_text,
        trim(cost_centre_name) as cost_centre_name,
        ---------- numerics
        fi_amount(amount) as amount_eur,
        fi_quantity(quantity) as quantity,
        ---------- dates
        fi_date(posting_date) as posting_date,
        -- Special periods 13-16 are year-end postings: they count in December.
        make_date(try_cast(trim(fiscal_year) as integer),
                  least(try_cast(trim(period) as integer), 12), 1) as month,
        try_cast(trim(period) as integer) > 12 as is_special_period
    from source
)

select * from renamed
