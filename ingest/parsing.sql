-- The one place for parsing rules of extract text (Finnish SAP, Excel, SSRS, SSMS).
-- Run on any connection with ingest.parsing.load_macros(conn); ingest validates with these
-- macros and dbt staging types the raw store with the same ones.
--
-- Numbers: spaces (also U+00A0, U+202F) are thousands separators and are dropped; a sign may
-- lead or trail (SAP writes `345,10-`). A number with a single separator (`,` or `.`) reads it
-- as the decimal separator: `1234.56` = 1234.56 and `1.234` = `1,234` = 1.234 (Finnish SAP
-- quantities `1,000` mean one). A separator repeated in groups of three digits is a thousands
-- separator (`1.234.567` = 1234567) and then the other one is the decimal separator
-- (`1.234.567,89`, `1,234.56`). Anything else, and scientific notation, is NULL.

CREATE OR REPLACE TEMP MACRO fi__compact(t) AS
    replace(replace(replace(trim(CAST(t AS VARCHAR)), ' ', ''), chr(160), ''), chr(8239), '');

-- A trailing minus moves to the front, so that every pattern below sees an optional leading sign.
CREATE OR REPLACE TEMP MACRO fi__signed(s) AS
    CASE WHEN s LIKE '%-' AND s NOT LIKE '-%' THEN '-' || substr(s, 1, length(s) - 1) ELSE s END;

CREATE OR REPLACE TEMP MACRO fi__number_text(u) AS
    CASE
        WHEN regexp_full_match(u, '[+-]?\d*[.,]?\d+') THEN replace(u, ',', '.')
        WHEN regexp_full_match(u, '[+-]?\d{1,3}(\.\d{3})+(,\d+)?')
            THEN replace(replace(u, '.', ''), ',', '.')
        WHEN regexp_full_match(u, '[+-]?\d{1,3}(,\d{3})+(\.\d+)?') THEN replace(u, ',', '')
    END;

-- Fast paths for the bulk of SAP values (`-1234,56`, `5.337,31-`, `12`) with the same meaning
-- as the general rules below; anything else (spaces, dots as decimals, `+`) takes the general way.
CREATE OR REPLACE TEMP MACRO fi__number(t) AS
    CASE
        WHEN regexp_full_match(t, '-?\d+(,\d+)?') THEN replace(t, ',', '.')
        WHEN regexp_full_match(t, '-?\d{1,3}(\.\d{3})+,\d+')
            THEN replace(replace(t, '.', ''), ',', '.')
        WHEN regexp_full_match(t, '\d+(,\d+)?-') THEN '-' || replace(rtrim(t, '-'), ',', '.')
        WHEN regexp_full_match(t, '\d{1,3}(\.\d{3})+,\d+-')
            THEN '-' || replace(replace(rtrim(t, '-'), '.', ''), ',', '.')
        ELSE fi__number_text(fi__signed(fi__compact(t)))
    END;

CREATE OR REPLACE TEMP MACRO fi_amount(t) AS
    TRY_CAST(fi__number(CAST(t AS VARCHAR)) AS DECIMAL(18, 2));

CREATE OR REPLACE TEMP MACRO fi_quantity(t) AS
    TRY_CAST(fi__number(CAST(t AS VARCHAR)) AS DECIMAL(18, 3));

-- Dates: day first with dots (`31.03.2024`, `1.3.2024`, time part ignored), ISO with optional
-- time (`2024-03-31 08:21:44.000`), SAP's year first with dots (`2024.03.31`), compact
-- `20240331` (SAP's empty `00000000` is NULL), day first with a two-digit year (`31.03.24`:
-- 00-69 are 2000-2069, 70-99 are 1970-1999) and Excel serial day numbers of exactly five
-- digits (`45382` = 2024-03-31, 1900 date system).
CREATE OR REPLACE TEMP MACRO fi__date_yy(d) AS
    CAST(try_strptime(split_part(d, '.', 1) || '.' || split_part(d, '.', 2) || '.' || CAST(
        CASE WHEN CAST(split_part(d, '.', 3) AS INTEGER) < 70 THEN 2000 ELSE 1900 END
        + CAST(split_part(d, '.', 3) AS INTEGER) AS VARCHAR), '%d.%m.%Y') AS DATE);

CREATE OR REPLACE TEMP MACRO fi__date(s) AS
    CASE
        WHEN s LIKE '__.__.____' THEN CAST(try_strptime(s, '%d.%m.%Y') AS DATE)
        WHEN regexp_full_match(s, '\d{1,2}\.\d{1,2}\.\d{4}(\s.*)?')
            THEN CAST(try_strptime(regexp_extract(s, '^\S+'), '%d.%m.%Y') AS DATE)
        WHEN regexp_full_match(s, '\d{4}-\d{2}-\d{2}([ T].*)?')
            THEN TRY_CAST(substr(s, 1, 10) AS DATE)
        WHEN regexp_full_match(s, '\d{4}\.\d{1,2}\.\d{1,2}(\s.*)?')
            THEN CAST(try_strptime(regexp_extract(s, '^\S+'), '%Y.%m.%d') AS DATE)
        WHEN regexp_full_match(s, '\d{8}')
            THEN CAST(try_strptime(s, '%Y%m%d') AS DATE)
        WHEN regexp_full_match(s, '\d{1,2}\.\d{1,2}\.\d{2}(\s.*)?')
            THEN fi__date_yy(regexp_extract(s, '^\S+'))
        WHEN regexp_full_match(s, '\d{5}')
            THEN CAST(DATE '1899-12-30' + CAST(s AS INTEGER) AS DATE)
    END;

CREATE OR REPLACE TEMP MACRO fi_date(t) AS fi__date(trim(CAST(t AS VARCHAR)));

-- Codes (cost centres, customer and document numbers) are text: trimmed, an Excel `.0` suffix
-- and leading zeros removed (`0002101010` = `2101010.0` = `2101010`, all zeros = `0`).
-- Scientific notation (`1,23457E+11`) means Excel lost digits: NULL, never a guess.
CREATE OR REPLACE TEMP MACRO norm_code__digits(d) AS coalesce(nullif(ltrim(d, '0'), ''), '0');

CREATE OR REPLACE TEMP MACRO norm_code__s(s) AS
    CASE
        WHEN s IS NULL OR s = '' THEN NULL
        WHEN regexp_full_match(s, '\d+') THEN norm_code__digits(s)
        WHEN regexp_full_match(s, '\d+\.0+') THEN norm_code__digits(split_part(s, '.', 1))
        WHEN regexp_full_match(s, '[+-]?\d*[.,]?\d+[eE][+-]?\d+') THEN NULL
        ELSE coalesce(nullif(ltrim(s, '0'), ''), '0')
    END;

CREATE OR REPLACE TEMP MACRO norm_code(t) AS norm_code__s(trim(CAST(t AS VARCHAR)));
