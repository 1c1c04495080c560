"""Demo data generator: determinism, scale, faults visible in the files, format variants."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import openpyxl
import pytest

from ingest.demo import SOURCES, generate, write_broken_variants
from ingest.demo.faults import FAULT_CLASSES
from ingest.demo.world import ytunnus_ok


def _digest(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("landing")
    summary = generate(out, scale=0.1, seed=7)
    return out, summary


def test_layout_and_summary(demo):
    out, summary = demo
    assert set(summary) == set(SOURCES)
    for s in SOURCES:
        files = [p.name for p in (out / s).iterdir()]
        assert len(files) >= 2, s
        assert sorted(files) == summary[s]["files"]
        assert summary[s]["rows"] > 0
    assert (out / "_faults.json").exists() and (out / "_manifest.json").exists()


def test_determinism(tmp_path, demo):
    out, _ = demo
    generate(tmp_path / "a", scale=0.1, seed=7)
    assert _digest(tmp_path / "a") == _digest(out)
    generate(tmp_path / "b", scale=0.1, seed=8)
    assert _digest(tmp_path / "b")["sap_charges/export.xls"] != _digest(out)[
        "sap_charges/export.xls"]


def test_scale_proportional(tmp_path, demo):
    _, s1 = demo
    s2 = generate(tmp_path / "x", scale=0.2, seed=7)
    for src in ("sap_charges", "sccm", "sap_headcount"):
        ratio = s2[src]["rows"] / s1[src]["rows"]
        assert 1.6 < ratio < 2.4, (src, ratio)
    assert 30_000 < s1["sap_charges"]["rows"] < 120_000


def test_manifest_totals(demo):
    out, _ = demo
    m = json.loads((out / "_manifest.json").read_text(encoding="utf-8"))
    e = m["expected"]
    assert len(e["monthly_charges"]) == 36 and e["monthly_charges"][-1]["month"] == "2026-10"
    for month in e["monthly_charges"]:
        assert month["total_eur"] == pytest.approx(
            month["allocation_eur"] + month["invoice_eur"], abs=0.011), month
        assert 0 < month["total_mapped_eur"] <= month["total_eur"], month
    # Two aggregations of the same charges (per customer and per month) must agree: the
    # customers' last-12-month charges are the last 12 months' mapped totals.
    assert sum(c["charges_last_12m_eur"] for c in e["customers"].values()) == pytest.approx(
        sum(m["total_mapped_eur"] for m in e["monthly_charges"][-12:]), abs=1.0)
    assert 0 < e["unmapped_allocation_eur"] < 0.005 * e["total_eur"]
    assert e["customer_count"] == 100
    assert sum(c["active_devices"] for c in e["customers"].values()) + e[
        "active_devices_unmapped"] == e["active_devices_total"]
    for s in SOURCES:
        files = m["sources"][s]["files"]
        assert set(files) == {p.name for p in (out / s).iterdir()}


def test_every_fault_class_recorded(demo):
    out, _ = demo
    faults = json.loads((out / "_faults.json").read_text(encoding="utf-8"))
    assert {f["fault"] for f in faults} == set(FAULT_CLASSES)
    for f in faults:
        assert f["file"] and f["source"] in SOURCES
        assert (out / f["source"] / f["file"]).exists(), f
        assert "row_number" in f or "key" in f


def _text(p: Path) -> str:
    raw = p.read_bytes()
    if raw.startswith(b"\xff\xfe"):
        return raw.decode("utf-16")
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw.decode("utf-8-sig")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def test_faults_visible_in_files(demo):
    out, _ = demo
    faults = json.loads((out / "_faults.json").read_text(encoding="utf-8"))
    sccm = "\n".join(_text(p) for p in (out / "sccm").iterdir())
    for f in faults:
        if f["fault"] in ("stale_device", "duplicate_device", "unmapped_ou", "placeholder_serial"):
            assert f["key"] in sccm
    assert "To be filled by O.E.M." in sccm and ",NULL," in sccm
    assert "VANHAT KONEET" in sccm
    charges = {p.name: _text(p) for p in (out / "sap_charges").iterdir()}
    allc = "\n".join(charges.values())
    assert "Storno" in allc and "Tilinpäätösoikaisu" in allc
    costs = {p.name: _text(p) for p in (out / "sap_costs").iterdir()}
    assert "Storno" in "\n".join(costs.values()) and "Jaksotus" in "\n".join(costs.values())
    files = {"sap_charges": charges, "sap_costs": costs}
    for f in faults:
        if f["fault"] in ("special_period", "closed_cost_centre_posted", "unmapped_cost_centre",
                          "reversal") and "/" in str(f["key"]):
            fy, doc, row = f["key"].split("/")
            assert doc in files[f["source"]][f["file"]], f
    hc = _text(out / "sap_headcount" / "henkilostomaara.csv").splitlines()
    for f in faults:
        if f["fault"] == "excel_mangled_code" and f["source"] == "sap_headcount":
            assert ".0;" in hc[f["row_number"] - 1]
    reg = _text(out / "register" / "asiakasrekisteri_vanha.csv")
    assert "E+07" in reg


def test_cost_truth_adds_up_to_the_cent(demo):
    """The generator's cost truth: every month allocated plus unallocated is the actual cost,
    each customer's cost is the sum of its codes' and its margin its charges minus its cost;
    the customers' margins spread, some lose money, and the whale curve rises above 100 %."""
    out, _ = demo
    manifest = json.loads((out / "_manifest.json").read_text(encoding="utf-8"))
    truth = manifest["expected"]["costs"]
    for m in truth["monthly"]:
        assert round(m["allocated_eur"] + m["unallocated_eur"], 2) == m["actual_eur"], m
        assert m["actual_eur"] > 0 and m["unallocated_eur"] > 0
    margins = []
    for cid, t in truth["customers"].items():
        assert round(sum(t["cost_by_code_last_12m_eur"].values()), 2) == t["cost_last_12m_eur"]
        charges = manifest["expected"]["customers"][cid]["charges_last_12m_eur"]
        assert round(charges - t["cost_last_12m_eur"], 2) == t["margin_last_12m_eur"]
        margins.append(t["margin_last_12m_eur"])
    margins.sort(reverse=True)
    running = [sum(margins[:i + 1]) for i in range(len(margins))]
    assert max(running) / sum(margins) > 1.5 and sum(m < 0 for m in margins) >= 10
    assert len(manifest["old_fleet_customers"]) == 8


def test_sap_list_format(demo):
    out, _ = demo
    raw = (out / "sap_charges" / "KSB1_vanhat.txt").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("cp1252")
    lines = text.split("\r\n")
    header = next(x for x in lines if x.startswith("|Tilikausi"))
    assert lines.count(header) > 10  # header repeats after page breaks
    assert any(x.startswith("|*") for x in lines)
    assert lines[-2].startswith("---") and set(lines[-2]) == {"-"}
    assert re.search(r"\d\.\d{3},\d{2}", text)  # thousands separators: 4.234,56
    data = [x for x in lines if x.startswith("|20")]
    assert any(re.search(r"\d,\d{2}-\s*\|", x) for x in data)  # trailing minus: 4.234,56-


def test_format_variants(demo):
    out, _ = demo
    xls = (out / "sap_charges" / "export.xls").read_bytes()
    assert xls.startswith(b"\xff\xfe")
    assert (out / "sap_headcount" / "HR_headcount.xls").read_bytes().startswith(b"\xff\xfe")
    semi = (out / "sap_charges").glob("kp_toteutuneet_*.csv")
    body = next(semi).read_bytes().decode("cp1252")
    assert "\u00a0" in body and ";" in body.splitlines()[0]
    ssrs = next((out / "sccm").glob("ADAURA_tyoasemat_*.csv")).read_bytes()
    assert ssrs.startswith(b"\xef\xbb\xbf") and b"Details_Table0_Name0" in ssrs
    ksb = (out / "sap_charges" / "KSB1 (2).txt").read_bytes().decode("cp1252")
    assert "|GJAHR" in ksb and "WKGBTR" in ksb
    wb = openpyxl.load_workbook(out / "sap_invoices" / "laskut.xlsx", read_only=True)
    rows = list(wb.worksheets[0].iter_rows(max_row=3, values_only=True))
    assert rows[0][0] == "Document Number"
    assert hasattr(rows[1][2], "year")  # a real Excel date


def test_register_business_ids(demo):
    out, _ = demo
    faults = json.loads((out / "_faults.json").read_text(encoding="utf-8"))
    bad = {f["key"] for f in faults if f["fault"] == "invalid_business_id"}
    wb = openpyxl.load_workbook(out / "register" / "Asiakasrekisteri.xlsx", read_only=True)
    ws = wb["Asiakkaat"]
    assert wb.sheetnames[0] == "Asiakkaat"
    rows = list(ws.iter_rows(values_only=True))
    hdr = rows[0]
    bi, ci = hdr.index("Y-tunnus"), hdr.index("Asiakastunnus")
    with_id = [r for r in rows[1:] if r[bi]]
    assert len(with_id) > 50
    for r in with_id:
        assert ytunnus_ok(r[bi]) == (r[ci] not in bad), r
    assert len(bad) >= 2
    assert not any(str(r[hdr.index("Kustannuspaikat")] or "").startswith("1310") for r in rows)


def test_invoice_text_encodes_quantity(demo):
    out, _ = demo
    wb = openpyxl.load_workbook(out / "sap_invoices" / "laskut.xlsx", read_only=True)
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    hdr = rows[0]
    t, a, k = hdr.index("Text"), hdr.index("Amount in doc. curr."), hdr.index("Document Type")
    assert {r[k] for r in rows[1:]} == {"DR", "DG"}
    for r in rows[1:200]:
        assert r[t].split(",")[0].split()[-1].count("/") == 1
        assert (r[a] < 0) == (r[k] == "DG")


def test_broken_variants(tmp_path):
    info = write_broken_variants(tmp_path)
    assert set(info) == {p.name for p in tmp_path.iterdir()}
    assert (tmp_path / "zero_bytes.txt").stat().st_size == 0
    assert "TyÃ¶" in (tmp_path / "mojibake.csv").read_text(encoding="utf-8")
    trunc = (tmp_path / "truncated_no_end_rule.txt").read_text(encoding="cp1252")
    assert not trunc.rstrip().splitlines()[-1].startswith("---")
    full = (tmp_path / "exactly_5000_rows.txt").read_text(encoding="cp1252").splitlines()
    assert sum(1 for x in full if x.startswith("|2026")) == 5000
