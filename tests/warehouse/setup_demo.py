"""The demo city's extracts with an incomplete site: TYOAS and VERKKO left out of the service
catalogue (and of every table and setting naming them), and no sender cost centres; and
`asiakastieto setup` run on them (the session fixture `incomplete_setup` of tests/conftest.py,
shared by tests/warehouse/test_setup.py and tests/dashboard/test_setup_page.py)."""

from __future__ import annotations

from pathlib import Path

from ingest.demo import generate

MISSING = ("TYOAS", "VERKKO")


def incomplete_demo(base: Path) -> tuple[Path, Path]:
    """(landing, site) under `base`; the site validates but lacks what setup should find."""
    landing, site = base / "landing", base / "site"
    generate(landing, scale=0.1, site=site)
    for name in ("service_catalogue", "budget_drivers", "price_list_next_year",
                 "price_list_history", "pool_services"):
        path = site / f"{name}.csv"
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(line for line in lines if not any(
            f"{code}," in line or f",{code}" in line for code in MISSING)), encoding="utf-8")
    (site / "sender_cost_centres.csv").write_text("cost_centre,name\n", encoding="utf-8")
    toml = site / "site.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        'replacement_activity_type = "TYOAS"', 'replacement_activity_type = ""'),
        encoding="utf-8")
    return landing, site


def set_up(base: Path) -> dict:
    """`asiakastieto setup` on an incomplete demo under `base`: its paths and printed report."""
    from typer.testing import CliRunner

    from warehouse.cli import app

    landing, site = incomplete_demo(base)
    warehouse = base / "warehouse.duckdb"
    result = CliRunner().invoke(app, ["setup", "--landing", str(landing), "--warehouse",
                                      str(warehouse), "--site", str(site)],
                                env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    return {"base": base, "landing": landing, "site": site, "warehouse": warehouse,
            "raw": base / "warehouse.raw.duckdb", "output": result.output}
