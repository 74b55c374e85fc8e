"""xBRL-JSON and xBRL-CSV outputs (Arelle's saves of the instance) and facts.csv, the fact table."""
from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from converter import ConversionError, convert
from converter.cli import main
from converter.validation import OimFiles, Validator, save_oim
from converter.writers import parse_formats

from .conftest import EXAMPLE, QUARTER

CIK = "0001234567"
OUTPUT_SET = ["facts.csv", "nwnd-20080930-facts.csv", "nwnd-20080930-metadata.json", "nwnd-20080930.htm",
              "nwnd-20080930.json", "nwnd-20080930.xml", "nwnd-20080930.xsd", "nwnd-20080930_cal.xml",
              "nwnd-20080930_lab.xml", "nwnd-20080930_pre.xml", "report.json", "validation.json"]


@pytest.fixture(scope="module")
def arelle():
    with Validator() as validator:
        yield validator


@pytest.fixture(scope="module")
def quarter(tmp_path_factory):
    source = tmp_path_factory.mktemp("quarter") / "acme-2009q1.txt"
    source.write_text(QUARTER, encoding="utf-8")
    return convert(source, cik=CIK)


@pytest.mark.parametrize("text, formats", [
    ("json", ("json",)), ("csv", ("csv",)), ("xml,ixbrl,json,csv", ("xml", "ixbrl", "json", "csv")),
    (" CSV, json ,csv", ("csv", "json")),
])
def test_parse_oim_formats(text, formats):
    assert parse_formats(text) == formats


def test_cli_writes_every_format_from_one_model_and_validates_them(tmp_path):
    run = CliRunner().invoke(main, ["convert", str(EXAMPLE), "-o", str(tmp_path), "--format", "xml,ixbrl,json,csv", "--cik", CIK])
    assert run.exit_code == 0, run.output
    assert run.stdout.split() == [str(tmp_path / n) for n in ("nwnd-20080930.xml", "nwnd-20080930.htm", "nwnd-20080930.json",
                                                              "nwnd-20080930-metadata.json")]
    assert sorted(p.name for p in tmp_path.iterdir()) == OUTPUT_SET
    validation = json.loads((tmp_path / "validation.json").read_text())["validation"]
    assert validation["ok"] and [d["file"] for d in validation["documents"]] == [
        "nwnd-20080930.xml", "nwnd-20080930.htm", "nwnd-20080930.json", "nwnd-20080930-metadata.json"]


def test_json_and_csv_are_arelles_oim_documents(arelle):
    files = convert(EXAMPLE, cik=CIK).files("json,csv", validator=arelle)
    assert list(files) == ["nwnd-20080930.json", "nwnd-20080930-metadata.json", "nwnd-20080930.xsd", "nwnd-20080930_lab.xml",
                           "nwnd-20080930_pre.xml", "nwnd-20080930_cal.xml", "nwnd-20080930-facts.csv", "report.json", "facts.csv"]
    report = json.loads(files["nwnd-20080930.json"])
    assert report["documentInfo"]["documentType"] == "https://xbrl.org/2021/xbrl-json"
    assert report["documentInfo"]["taxonomy"] == ["nwnd-20080930.xsd"]  # beside it, as the instance names it
    revenue = [f for f in report["facts"].values() if f["dimensions"]["concept"] == "us-gaap:Revenues"
               and f["dimensions"]["period"] == "2008-07-01T00:00:00/2008-10-01T00:00:00"]
    assert [(f["value"], f["decimals"], f["dimensions"]["unit"]) for f in revenue] == [("10450000.0", -3, "iso4217:USD")]
    metadata = json.loads(files["nwnd-20080930-metadata.json"])
    assert metadata["documentInfo"]["documentType"] == "https://xbrl.org/2021/xbrl-csv"
    assert metadata["tables"]["facts"]["url"] == "nwnd-20080930-facts.csv"
    table = list(csv.DictReader(io.StringIO(files["nwnd-20080930-facts.csv"].decode("utf-8-sig"))))
    assert len(table) == len(report["facts"])


def test_oim_output_is_the_same_from_run_to_run(arelle):
    first, second = (convert(EXAMPLE, cik=CIK).files("json,csv", validator=arelle) for _ in range(2))
    assert first == second


def test_oim_output_validates(arelle, tmp_path):
    files = convert(EXAMPLE, cik=CIK).write(tmp_path, formats="json,csv", validator=arelle)
    assert (files.instance, files.json, files.csv) == (tmp_path / "nwnd-20080930.json", tmp_path / "nwnd-20080930.json",
                                                       tmp_path / "nwnd-20080930-metadata.json")
    assert tmp_path / "nwnd-20080930-facts.csv" in files.extra
    for document in files.documents:
        report = arelle.validate(document)
        assert (report.ok, report.errors) == (True, ()), document.name


def test_validate_command_takes_oim_reports(tmp_path):
    convert(EXAMPLE, cik=CIK).write(tmp_path, formats="json,csv")
    for name in ("nwnd-20080930.json", "nwnd-20080930-metadata.json"):
        run = CliRunner().invoke(main, ["validate", str(tmp_path / name)])
        assert run.exit_code == 0, run.output
        assert f"{tmp_path / name}: valid (0 errors, 0 calculation inconsistencies)" in run.output
    (tmp_path / "other.json").write_text('{"documentInfo": {"documentType": "https://example.com/report"}}')
    run = CliRunner().invoke(main, ["validate", str(tmp_path / "other.json")])
    assert run.exit_code == 2
    assert "error XC902: is not an xBRL-JSON report or xBRL-CSV metadata (its documentType is 'https://example.com/report')" in run.stderr


def test_arelle_failing_to_save_is_xc904_and_writes_nothing(monkeypatch, tmp_path):
    import converter.validation

    monkeypatch.setattr(converter.validation, "save_oim", lambda *a, **k: OimFiles(problem="no luck"))
    result = convert(EXAMPLE, cik=CIK)
    with pytest.raises(ConversionError) as failure:
        result.write(tmp_path / "out", formats="xml,json")
    assert [(d.code, d.message) for d in failure.value.diagnostics] == [("XC904", "Arelle could not save xBRL-JSON: no luck")]
    assert failure.value.exit_code == 3
    assert not (tmp_path / "out").exists()
    run = CliRunner().invoke(main, ["convert", str(EXAMPLE), "-o", str(tmp_path / "cli"), "--format", "csv", "--cik", CIK])
    assert run.exit_code == 3
    assert "nwnd-20080930.xml: error XC904: Arelle could not save xBRL-CSV: no luck" in run.stderr
    assert "Traceback" not in run.output and not (tmp_path / "cli").exists()


def test_an_instance_arelle_cannot_load_is_a_problem_not_an_exception(arelle):
    made = save_oim({"broken-20080930.xml": b"<xbrl>not an instance"}, "broken-20080930.xml", ["json"], validator=arelle)
    assert made.files == () and made.problem.startswith("Arelle could not load broken-20080930.xml: ")


# --- facts.csv ---------------------------------------------------------------------------------------------------


def test_facts_csv_has_a_row_per_fact_with_where_it_is_printed(quarter):
    rows = list(csv.reader(io.StringIO(quarter.files()["facts.csv"].decode("utf-8"))))
    assert rows[0] == ["concept", "label", "statement", "period_start", "period_end", "unit", "decimals", "value", "text",
                       "extension", "score", "file", "line", "column"]
    assert len(rows) == 1 + len(quarter.facts)
    by_concept = {(r[0], r[4]): r[1:] for r in rows[1:]}
    file = quarter.conversion.document.path
    assert by_concept["us-gaap:Revenues", "2009-03-31"] == [
        "Revenues", "income", "2009-01-01", "2009-03-31", "USD", "-3", "1200000", "", "False", "1.0", file, "8", "38"]
    assert by_concept["us-gaap:EarningsPerShareBasic", "2008-03-31"][:8] == [
        "Net income per share - basic", "income", "2008-01-01", "2008-03-31", "USD_per_share", "2", "0.15", ""]
    assert by_concept["us-gaap:Assets", "2008-12-31"][:7] == ["Total assets", "balance_sheet", "", "2008-12-31", "USD", "-3", "650000"]
    # amounts printed in a caption: the caption, the statement, no mapping score
    assert by_concept["us-gaap:CommonStockParOrStatedValuePerShare", "2009-03-31"] == [
        "Common stock, $0.01 par value; 10,000 shares authorized", "balance_sheet", "", "2009-03-31", "USD_per_share",
        "INF", "0.01", "", "False", "", file, "27", "15"]
    assert by_concept["dei:EntityRegistrantName", "2009-03-31"][:9] == [
        "", "cover", "2009-01-01", "2009-03-31", "", "", "", "ACME WIDGETS, INC.", "False"]


def test_facts_csv_marks_extension_concepts(tmp_path):
    source = tmp_path / "widgets.txt"
    source.write_text(QUARTER.replace("Operating expenses   ", "Widget polishing fees"), encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(convert(source, cik=CIK).files()["facts.csv"].decode("utf-8"))))
    extension = {(r["concept"], r["extension"]) for r in rows if r["label"] == "Widget polishing fees"}
    assert extension == {("acmewidgets:WidgetPolishingFees", "True")}
    assert {r["extension"] for r in rows if r["label"] != "Widget polishing fees"} == {"False"}


def test_pandas_reads_facts_csv_with_its_types(quarter, tmp_path):
    pandas = pytest.importorskip("pandas")
    quarter.write(tmp_path)
    table = pandas.read_csv(tmp_path / "facts.csv", parse_dates=["period_start", "period_end"])
    kinds = {name: kind.kind for name, kind in table.dtypes.items() if not pandas.api.types.is_string_dtype(kind)}
    assert kinds == {"period_start": "M", "period_end": "M", "decimals": "f", "value": "f", "extension": "b", "score": "f",
                     "line": "i", "column": "i"}  # datetimes, floats (INF as inf), booleans, integers
    assert all(pandas.api.types.is_string_dtype(table[name]) for name in ("concept", "label", "statement", "unit", "text", "file"))
    assert table["value"].dropna().tolist() == [float(f.value) for f in quarter.facts if f.unit is not None]
    exact = pandas.read_csv(tmp_path / "facts.csv", dtype={"value": str}, keep_default_na=False)["value"]
    assert [Decimal(v) for v in exact if v] == [f.value for f in quarter.facts if f.unit is not None]
    assert table.loc[table["concept"] == "us-gaap:CommonStockParOrStatedValuePerShare", "decimals"].tolist() == [float("inf")] * 2
    assert table["line"].min() > 0
