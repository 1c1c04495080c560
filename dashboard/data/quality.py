"""The data page's selects and the quality banner's: loads, quarantine, unmapped records,
unclassified codes, the site's history and the latest data-quality checks."""

from __future__ import annotations

import pandas as pd

from dashboard.data.reader import Reader


def load_summary(reader: Reader) -> pd.DataFrame:
    """One row per source: files, rejected files, rows and the newest load."""
    return reader.read(
        """
        SELECT source,
               count(*) AS files,
               count(*) FILTER (WHERE status = 'rejected') AS rejected_files,
               sum(rows_read) AS rows_read,
               sum(rows_loaded) AS rows_loaded,
               sum(rows_quarantined) AS rows_quarantined,
               max(loaded_at) AS newest_load
        FROM load_audit
        GROUP BY source
        ORDER BY source
        """,
        "load_audit",
    )


def quarantine_rows(reader: Reader, limit: int = 200) -> pd.DataFrame:
    return reader.read(
        """
        SELECT load_id, source, file_name, row_number, column_name, raw_value, reason
        FROM quarantine
        ORDER BY source, file_name, row_number
        LIMIT $limit
        """,
        "quarantine",
        limit=limit,
    )


def unmapped_records(reader: Reader, limit: int = 1000) -> pd.DataFrame:
    """The worklist, the largest amounts first."""
    return reader.read(
        """
        SELECT source, record_key, raw_value, candidate_customer_id, candidate_score, amount_eur
        FROM unmapped_records
        ORDER BY amount_eur DESC NULLS LAST, source, record_key
        LIMIT $limit
        """,
        "unmapped_records",
        limit=limit,
    )


def unclassified_codes(reader: Reader) -> pd.DataFrame | None:
    """One row per source and code the service catalogue lacks, the largest euros first:
    lines, customers, a sample text and the first file:row (None before the mart exists)."""
    return reader.read_optional(
        """
        SELECT source, code, sum(amount_eur) AS amount_eur, sum(lines) AS lines,
               count(DISTINCT customer_id) AS customers, min(sample_text) AS sample_text,
               min(first_row) AS first_row
        FROM unclassified_charges
        GROUP BY source, code
        ORDER BY amount_eur DESC NULLS LAST, source, code
        """,
        "unclassified_charges",
    )


def site_info(reader: Reader) -> pd.DataFrame | None:
    """One row: the site configuration's name, folder and version (None before the mart)."""
    return reader.read_optional("SELECT site_name, site_folder, site_version FROM site_info",
                          "site_info")


def site_changes(reader: Reader, limit: int = 500) -> pd.DataFrame | None:
    """The site configuration's change history, newest first (None before the mart)."""
    return reader.read_optional(
        """
        SELECT noticed_at, changed_by, changed_via, site_file, changed_key, change_kind,
               detail, note
        FROM site_changes
        ORDER BY noticed_at DESC, site_file, changed_key
        LIMIT $limit
        """,
        "site_changes",
        limit=limit,
    )


def quality_summary(reader: Reader) -> pd.DataFrame | None:
    """One row for the latest check run (None when checks never ran into this warehouse)."""
    return reader.read_optional(
        """
        SELECT count(*) AS checks,
               count(*) FILTER (WHERE NOT success) AS failed,
               count(*) FILTER (WHERE NOT success AND severity = 'critical') AS critical_failed,
               max(run_at) AS run_at
        FROM data_quality_results
        WHERE run_id = (
            SELECT run_id FROM data_quality_results ORDER BY run_at DESC LIMIT 1
        )
        """,
        "data_quality_results",
    )


def quality_results(reader: Reader) -> pd.DataFrame | None:
    """The latest run's checks, failures first: every column the warehouse has (`load_id` and
    `column_name` find each one's Data Docs page; one published before the checks had Finnish
    texts lacks `description_fi`)."""
    return reader.read_optional(
        """
        SELECT *
        FROM data_quality_results
        WHERE run_id = (
            SELECT run_id FROM data_quality_results ORDER BY run_at DESC LIMIT 1
        )
        ORDER BY success, severity, source, expectation
        """,
        "data_quality_results",
    )


def sources(reader: Reader) -> pd.DataFrame:
    """One row per source: files, newest load, rows, and the mapped share (source_coverage,
    fractions; NULL for sources that are not mapped to customers)."""
    return reader.read(
        """
        WITH loads AS (
            SELECT source, count(*) AS files,
                   count(*) FILTER (WHERE status = 'rejected') AS rejected_files,
                   sum(rows_loaded) AS rows_loaded, sum(rows_quarantined) AS rows_quarantined,
                   max(loaded_at) FILTER (WHERE status = 'loaded') AS newest_load
            FROM load_audit
            GROUP BY source
        )
        SELECT coalesce(l.source, c.source) AS source, l.files, l.rejected_files,
               l.rows_loaded, l.rows_quarantined, l.newest_load, c.records,
               c.mapped_records_pct / 100 AS mapped_records_share,
               c.mapped_amount_pct / 100 AS mapped_amount_share
        FROM loads AS l
        FULL JOIN source_coverage AS c USING (source)
        ORDER BY source
        """,
        "source_coverage",
    )


def quality_by_source(reader: Reader) -> pd.DataFrame | None:
    """One row per source for the latest check run: checks, failed, and the passed share."""
    return reader.read_optional(
        """
        SELECT source, count(*) AS checks, count(*) FILTER (WHERE NOT success) AS failed,
               count(*) FILTER (WHERE NOT success AND severity = 'critical')
                   AS critical_failed,
               avg(success::INTEGER) AS quality_score
        FROM data_quality_results
        WHERE run_id = (
            SELECT run_id FROM data_quality_results ORDER BY run_at DESC LIMIT 1
        )
        GROUP BY source
        ORDER BY source
        """,
        "data_quality_results",
    )
