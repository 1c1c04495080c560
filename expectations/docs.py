"""GX Data Docs (static HTML) for one run, published to `Settings.data_docs`."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

from great_expectations.core.run_identifier import RunIdentifier
from great_expectations.data_context.types.resource_identifiers import (
    ExpectationSuiteIdentifier,
    ValidationResultIdentifier,
)

from expectations.results import column_of

SITE = "asiakastieto"
# Which page shows which checks: one entry per stored validation (its page relative to the
# site, the source and load it validated, the [expectation type, column] of each check on it),
# read by the data page to link each check to its page.
PAGES = "checks.json"


class DocsWriter:
    """Keeps each batch's validation result in the context's store; builds the site at the end.

    The context is ephemeral (nothing else is configured on disk): a site builder with a
    filesystem backend renders the stored results into `<warehouse stem>_data_docs/`.
    """

    def __init__(self, context, run_id: str, run_at: datetime) -> None:
        self.context = context
        self.run = RunIdentifier(run_name=run_id, run_time=run_at.astimezone(UTC))
        self.suites: set[str] = set()
        self.pages: list[tuple[ValidationResultIdentifier, dict]] = []

    def serialize(self, validation) -> str:
        """The validation result as JSON, to store and show again in a later run."""
        return self.context.validation_results_store.serialize(validation)

    def store(self, suite, validation, batch_label: str, *, source: str | None = None,
              load_id: str | None = None) -> None:
        """Keep a validation result (or its JSON from `serialize`) for the site; `source` and
        `load_id` are what it validated, for the data page's links."""
        if isinstance(validation, str):
            validation = self.context.validation_results_store.deserialize(validation)
        if suite.name not in self.suites:
            self.context.suites.add(suite)
            self.suites.add(suite.name)
        suite_id = ExpectationSuiteIdentifier(name=suite.name)
        key = ValidationResultIdentifier(
            expectation_suite_identifier=suite_id, run_id=self.run,
            batch_identifier=re.sub(r"[^\w.-]+", "_", batch_label))
        self.context.validation_results_store.store_validation_results(
            suite_validation_result=validation, suite_validation_result_identifier=key,
            expectation_suite_identifier=suite_id)
        checks = sorted({(r.expectation_config.type, column_of(r.expectation_config.kwargs) or "")
                         for r in validation.results})
        self.pages.append((key, {"source": source, "load_id": load_id,
                                 "checks": [list(c) for c in checks]}))

    def _write_pages(self, site: Path) -> None:
        """The manifest of validation pages (PAGES) that the build wrote into `site`."""
        pages = []
        for key, about in self.pages:
            page = "/".join(("validations", *key.to_tuple())) + ".html"
            if (site / page).is_file():
                pages.append({"page": page, **about})
        (site / PAGES).write_text(json.dumps(pages, ensure_ascii=False, indent=1),
                                  encoding="utf-8")

    def build(self, target: Path) -> Path:
        """Render into a sibling folder, then swap it in: the dashboard's link never breaks."""
        building = target.with_name(f"{target.name}.building-{os.getpid()}")
        shutil.rmtree(building, ignore_errors=True)
        self.context.add_data_docs_site(SITE, {
            "class_name": "SiteBuilder",
            "store_backend": {"class_name": "TupleFilesystemStoreBackend",
                              "base_directory": str(building)},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        })
        self.context.build_data_docs(site_names=[SITE])
        self._write_pages(building)
        old = target.with_name(f"{target.name}.old-{os.getpid()}")
        with contextlib.suppress(FileNotFoundError):
            os.replace(target, old)
        os.replace(building, target)
        shutil.rmtree(old, ignore_errors=True)
        return target / "index.html"
