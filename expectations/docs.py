"""GX Data Docs (static HTML) for one run, published to `Settings.data_docs`."""

from __future__ import annotations

import contextlib
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

SITE = "asiakastieto"


class DocsWriter:
    """Keeps each batch's validation result in the context's store; builds the site at the end.

    The context is ephemeral (nothing else is configured on disk): a site builder with a
    filesystem backend renders the stored results into `<warehouse stem>_data_docs/`.
    """

    def __init__(self, context, run_id: str, run_at: datetime) -> None:
        self.context = context
        self.run = RunIdentifier(run_name=run_id, run_time=run_at.astimezone(UTC))
        self.suites: set[str] = set()

    def serialize(self, validation) -> str:
        """The validation result as JSON, to store and show again in a later run."""
        return self.context.validation_results_store.serialize(validation)

    def store(self, suite, validation, batch_label: str) -> None:
        """Keep a validation result (or its JSON from `serialize`) for the site."""
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
        old = target.with_name(f"{target.name}.old-{os.getpid()}")
        with contextlib.suppress(FileNotFoundError):
            os.replace(target, old)
        os.replace(building, target)
        shutil.rmtree(old, ignore_errors=True)
        return target / "index.html"
