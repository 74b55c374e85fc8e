"""The Inline XBRL writer (writers/inline.py, `convert --format ixbrl`).

Numbers are shown as printed and tagged so that the value read back is the fact's; the facts Arelle
reads from the inline document are exactly those of the XML instance; the document validates as
Inline XBRL 1.1 and, with the EDGAR plugin of ../shared, under the EDGAR Filer Manual.
"""
from __future__ import annotations

import csv
import os
import subprocess
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from converter.api import convert
from converter.cli import main
from converter.diagnostics import SourceRef
from converter.statements import Value
from converter.writers import parse_formats
from converter.writers.inline import FIXED_ZERO, NUM_DOT_DECIMAL, Printed, _printed

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "northwind-2008q3-ex99-1.txt"
SEED = ROOT.parent / "shared" / "seed" / "biosphere-medical-2007q2-ex99-1.txt"
EDGAR_PLUGIN = ROOT.parent / "shared" / "arelle-plugins" / "EDGAR" / "validate"
XBRLI = "{http://www.xbrl.org/2003/instance}"
CIK = "0000123456"


def value(printed: str, amount: str, decimals: int = -3) -> Value:
    return Value(Decimal(amount), printed, decimals, SourceRef("t.txt", 1, 1))


@pytest.mark.parametrize("printed, amount, scale, expected", [
    ("$ 12,340", "12340000", 3, Printed("$ ", "12,340", "", NUM_DOT_DECIMAL, 3)),
    ("6,210", "6210000", 3, Printed("", "6,210", "", NUM_DOT_DECIMAL, 3)),
    ("(35)", "-35000", 3, Printed("(", "35", ")", NUM_DOT_DECIMAL, 3)),
    ("$ (1,205)", "-1205000", 3, Printed("$ (", "1,205", ")", NUM_DOT_DECIMAL, 3)),
    ("-499", "-499", 0, Printed("-", "499", "", NUM_DOT_DECIMAL, 0)),
    ("--", "0", 3, Printed("", "--", "", FIXED_ZERO, 3)),
    ("$ \u2014", "0", 3, Printed("$ ", "\u2014", "", FIXED_ZERO, 3)),
    ("0", "0", 3, Printed("", "0", "", NUM_DOT_DECIMAL, 3)),
    ("$ 0.13", "0.13", 3, Printed("$ ", "0.13", "", NUM_DOT_DECIMAL, 0)),  # per share: not scaled
    ("944,033,056", "944033056", 6, Printed("", "944,033,056", "", NUM_DOT_DECIMAL, 0)),  # every digit printed
    ("1,2345", "12345000", 3, Printed("", "12,345,000", "", NUM_DOT_DECIMAL, 0)),  # not a plain number: the amount
])
def test_numbers_as_printed(printed, amount, scale, expected):
    assert _printed(value(printed, amount), scale) == expected


@pytest.mark.parametrize("text, formats", [
    ("xml", ("xml",)), ("ixbrl", ("ixbrl",)), ("xml,ixbrl", ("xml", "ixbrl")), (" IXBRL , xml ", ("ixbrl", "xml")),
])
def test_parse_formats(text, formats):
    assert parse_formats(text) == formats


@pytest.mark.parametrize("text", ["", "pdf", "xml,html"])
def test_parse_formats_refuses(text):
    with pytest.raises(ValueError, match="unknown output format"):
        parse_formats(text)


def test_files_by_format():
    result = convert(EXAMPLE, cik=CIK)
    both = result.files("xml,ixbrl")
    assert list(both)[:2] == ["nwnd-20080930.xml", "nwnd-20080930.htm"]
    inline_only = result.files(("ixbrl",))
    assert "nwnd-20080930.xml" not in inline_only and "nwnd-20080930.xsd" in inline_only
    assert list(result.files()) == list(result.files("xml"))
    assert inline_only["nwnd-20080930.htm"] == both["nwnd-20080930.htm"]


def test_page_shows_the_statements_as_printed():
    page = etree.fromstring(convert(EXAMPLE, cik=CIK).files("ixbrl")["nwnd-20080930.htm"])
    ns = {"h": "http://www.w3.org/1999/xhtml", "ix": "http://www.xbrl.org/2013/inlineXBRL"}
    assert [t.text for t in page.findall(".//h:h2", ns)][:2] == ["CONDENSED CONSOLIDATED BALANCE SHEETS",
                                                                  "CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS"]
    assert not page.findall(".//h:style", ns)  # EDGAR refuses a <style> element
    rows = {r.find("h:td", ns).text: r for r in page.iterfind(".//h:tbody/h:tr", ns)}
    other = rows["Other income (expense), net"]
    assert ["".join(td.itertext()) for td in other.findall("h:td", ns)][1:] == ["(35)", "12", "(60)", "48"]
    tag = other.find(".//ix:nonFraction", ns)
    assert (tag.get("scale"), tag.get("decimals"), tag.get("sign"), tag.get("format")) == ("3", "-3", "-", NUM_DOT_DECIMAL)
    dash = rows["Restructuring charges"].find(".//ix:nonFraction", ns)
    assert (dash.text, dash.get("format")) == ("--", FIXED_ZERO)
    assert page.find(".//h:h1/ix:nonNumeric", ns).get("name") == "dei:EntityRegistrantName"


def test_cli_format_ixbrl(tmp_path):
    run = CliRunner().invoke(main, ["convert", str(EXAMPLE), "-o", str(tmp_path), "--format", "ixbrl", "--no-validate", "--cik", CIK])
    assert run.exit_code == 0, run.output
    assert run.stdout.strip() == str(tmp_path / "nwnd-20080930.htm")  # the checks' table goes to stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "facts.csv", "nwnd-20080930.htm", "nwnd-20080930.xsd", "nwnd-20080930_cal.xml", "nwnd-20080930_lab.xml",
        "nwnd-20080930_pre.xml", "report.json", "validation.json"]
    bad = CliRunner().invoke(main, ["convert", str(EXAMPLE), "-o", str(tmp_path), "--format", "pdf"])
    assert bad.exit_code == 2 and "unknown output format pdf" in bad.output


# --- the facts read back, and validation ---------------------------------------------------------------------


def xml_facts(data: bytes) -> Counter:
    root = etree.fromstring(data)
    periods = {}
    for context in root.iter(f"{XBRLI}context"):
        instant = context.findtext(f".//{XBRLI}instant")
        periods[context.get("id")] = (instant,) if instant else (context.findtext(f".//{XBRLI}startDate"),
                                                                 context.findtext(f".//{XBRLI}endDate"))
    facts = Counter()
    for element in root:
        if element.get("contextRef") is None:
            continue
        prefix = next(p for p, ns in element.nsmap.items() if ns == etree.QName(element).namespace)
        unit, decimals = element.get("unitRef"), element.get("decimals")
        text = Decimal(element.text) if unit else element.text
        facts[(f"{prefix}:{etree.QName(element).localname}", periods[element.get("contextRef")], unit or "", decimals or "", text)] += 1
    return facts


def arelle_facts(document: Path, work: Path) -> Counter:
    """The facts Arelle loads from a document, offline with the project's taxonomy package."""
    from converter.validation import _package_dir, _zip_package

    package = _zip_package(_package_dir(), work / "package.zip")
    out = work / "facts.csv"
    env = {**os.environ, "XDG_CONFIG_HOME": str(work / "config"), "XDG_CACHE_HOME": str(work / "cache")}
    command = [sys.executable, "-c", "from arelle.CntlrCmdLine import main; main()", "--file", str(document),
               "--packages", str(package), "--internetConnectivity", "offline", "--facts", str(out),
               "--factListCols", "Name,contextRef,unitRef,Dec,Value,Period"]
    subprocess.run(command, cwd=work, env=env, capture_output=True, check=True, timeout=300)
    facts = Counter()
    with out.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            start, end = row["Start"], row["End/Instant"]
            period = (end,) if not start or start == end else (start, end)
            text = Decimal(row["Value"]) if row["unitRef"] else row["Value"]
            facts[(row["Name"], period, row["unitRef"], row["Dec"], text)] += 1
    return facts


DOCUMENTS = [pytest.param(EXAMPLE, id="example"),
             pytest.param(SEED, id="seed", marks=pytest.mark.skipif(not SEED.is_file(), reason="no ../shared seed"))]


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("inline")
    found = {}
    for path in (EXAMPLE, SEED):
        if path.is_file():
            files = convert(path, cik=CIK).write(out / path.stem, formats="xml,ixbrl")
            found[path] = files
    return out, found


@pytest.mark.parametrize("path", DOCUMENTS)
def test_inline_facts_are_the_instance_facts(path, written, tmp_path):
    files = written[1][path]
    expected = xml_facts(files.instance.read_bytes())
    assert expected
    assert arelle_facts(files.inline, tmp_path) == expected


def test_inline_documents_validate(written):
    from converter.validation import efm_problem, validate_instances

    documents = [files.inline for files in written[1].values()]
    plugin = EDGAR_PLUGIN if EDGAR_PLUGIN.is_dir() and efm_problem(EDGAR_PLUGIN) is None else None
    for document, report in zip(documents, validate_instances(documents, efm_plugin=plugin)):
        assert [m for m in report.messages if m.level != "warning"] == [], document
        assert report.ok
