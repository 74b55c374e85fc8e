"""`convert --viewer`: the inline document wrapped by the ixbrl-viewer, offline; and the warning that
EDGAR takes a Form 8-K only as Inline XBRL (XC907)."""
from __future__ import annotations

import importlib.util
import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from converter import validation
from converter.api import convert
from converter.cli import main
from converter.writers import format_warnings

from .headless import CHROMIUM, open_page

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "northwind-2008q3-ex99-1.txt"
CIK = "0000123456"
XHTML = "{http://www.w3.org/1999/xhtml}"
VIEWER_JSON = "application/x.ixbrl-viewer+json"

needs_viewer = pytest.mark.skipif(importlib.util.find_spec("iXBRLViewerPlugin") is None,
                                  reason="the ixbrl-viewer package is not installed")


@pytest.fixture(scope="module")
def viewer_folder(tmp_path_factory):
    if importlib.util.find_spec("iXBRLViewerPlugin") is None:
        pytest.skip("the ixbrl-viewer package is not installed")
    out = tmp_path_factory.mktemp("viewer")
    run = CliRunner().invoke(main, ["convert", str(EXAMPLE), "-o", str(out), "--viewer", "--no-validate", "--cik", CIK])
    assert run.exit_code == 0, run.output
    assert run.stdout.split() == [str(out / "nwnd-20080930.htm"), str(out / "nwnd-20080930-viewer.htm")]
    return out


def viewer_facts(page: Path) -> dict[str, dict]:
    root = etree.parse(str(page)).getroot()
    data = json.loads(root.find(f".//{XHTML}script[@type='{VIEWER_JSON}']").text)
    return data["sourceReports"][0]["targetReports"][0]["facts"]


def test_viewer_page_and_its_script_are_written(viewer_folder):
    assert sorted(p.name for p in viewer_folder.iterdir()) == [
        "facts.csv", "ixbrlviewer.js", "nwnd-20080930-viewer.htm", "nwnd-20080930.htm", "nwnd-20080930.xsd",
        "nwnd-20080930_cal.xml", "nwnd-20080930_lab.xml", "nwnd-20080930_pre.xml", "report.json", "validation.json"]


def test_viewer_page_references_only_local_files(viewer_folder):
    root = etree.parse(str(viewer_folder / "nwnd-20080930-viewer.htm")).getroot()
    sources = [s.get("src") for s in root.iter(f"{XHTML}script") if s.get("src") is not None]
    assert sources == ["ixbrlviewer.js"]
    links = [e.get("href") for e in root.iter(f"{XHTML}link", f"{XHTML}a", f"{XHTML}img") if e.get("href")]
    assert not [link for link in links if link.startswith(("http:", "https:", "//"))]
    assert (viewer_folder / "ixbrlviewer.js").stat().st_size > 100_000


@pytest.mark.parametrize("concept, period, value", [
    ("dei:EntityRegistrantName", "2008-01-01/2008-10-01", "Northwind Instruments, Inc."),
    ("dei:EntityCentralIndexKey", "2008-01-01/2008-10-01", CIK),
    ("us-gaap:CashAndCashEquivalentsAtCarryingValue", "2008-10-01", "12340000"),
    ("us-gaap:CashAndCashEquivalentsAtCarryingValue", "2008-01-01", "9875000"),
    ("us-gaap:NonoperatingIncomeExpense", "2008-07-01/2008-10-01", "-35000"),
])
def test_viewer_carries_the_facts(viewer_folder, concept, period, value):
    facts = viewer_facts(viewer_folder / "nwnd-20080930-viewer.htm")
    found = {(f["a"]["c"], f["a"]["p"]): f["v"] for f in facts.values()}
    assert found[(concept, period)] == value


def test_viewer_has_every_fact_of_the_instance(viewer_folder):
    instance = convert(EXAMPLE, cik=CIK).conversion.instance
    assert len(viewer_facts(viewer_folder / "nwnd-20080930-viewer.htm")) == len(instance.facts)


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium (apt-get install chromium)")
def test_viewer_opens_offline(viewer_folder):
    frame = "document.querySelector('#iframe-container iframe')"
    opened = open_page((viewer_folder / "nwnd-20080930-viewer.htm").as_uri(),
                       ready="!!document.querySelector('#ixv') && !document.querySelector('#ixv .loader')",
                       expressions=(f"{frame}.contentDocument.querySelectorAll('.ixbrl-element').length",
                                    f"{frame}.contentDocument.body.innerText",
                                    "!!document.querySelector('#inspector')"))
    assert opened.ready, "the viewer did not finish loading"
    assert opened.exceptions == ()
    assert [url for url in opened.requests if not url.startswith(("file:", "data:", "blob:", "about:"))] == []
    tagged, text, inspector = opened.values
    assert tagged > 50 and inspector
    assert "CONDENSED CONSOLIDATED BALANCE SHEETS" in text and "12,340" in text


@needs_viewer
def test_viewer_needs_the_inline_format(tmp_path):
    run = CliRunner().invoke(main, ["convert", str(EXAMPLE), "-o", str(tmp_path / "out"), "--viewer", "--format", "xml"])
    assert run.exit_code == 2
    assert "error XC905: --viewer shows the inline document" in run.output
    assert not (tmp_path / "out").exists()


def test_viewer_without_its_package_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(validation, "_VIEWER_MODULE", "no_such_viewer_package")
    run = CliRunner().invoke(main, ["convert", str(EXAMPLE), "-o", str(tmp_path / "out"), "--viewer"])
    assert run.exit_code == 2 and isinstance(run.exception, SystemExit)  # no traceback
    assert run.output.strip() == (f"{EXAMPLE}: error XC905: --viewer needs the ixbrl-viewer package: "
                                  "pip install 'xbrl-converter[viewer]'")
    assert not (tmp_path / "out").exists()


@needs_viewer
def test_api_writes_the_viewer(tmp_path):
    files = convert(EXAMPLE, cik=CIK).write(tmp_path, formats="ixbrl", viewer=True)
    assert files.viewer == tmp_path / "nwnd-20080930-viewer.htm"
    assert files.documents == (tmp_path / "nwnd-20080930.htm",)
    assert (tmp_path / "ixbrlviewer.js").is_file()


# --- EXG.12.08: a Form 8-K is filed as Inline XBRL only -------------------------------------------------------


@pytest.mark.parametrize("form, formats, codes", [
    ("8-K", ("xml",), ["XC907"]),
    ("8-K", ("ixbrl",), []),
    ("8-K", ("xml", "ixbrl"), []),
    ("8-K/A", ("xml",), ["XC907"]),
    ("10-Q", ("xml",), []),
    ("10-K", ("xml",), []),
    ("Other", ("xml",), []),
])
def test_inline_only_forms_warn_without_ixbrl(form, formats, codes):
    instance = convert(EXAMPLE, cik=CIK).conversion.instance
    facts = tuple(replace(f, value=form) if f.concept.qname == "dei:DocumentType" else f for f in instance.facts)
    warnings = format_warnings(replace(instance, facts=facts), formats)
    assert [w.code for w in warnings] == codes
    assert all(w.severity.value == "warning" and w.source is not None for w in warnings)


@pytest.mark.parametrize("args, warned", [([], True), (["--format", "ixbrl"], False), (["--format", "xml,ixbrl"], False)])
def test_cli_warns_an_8k_written_as_xml_only(tmp_path, args, warned):
    run = CliRunner().invoke(main, ["convert", str(EXAMPLE), "-o", str(tmp_path), "--no-validate", "--cik", CIK, *args])
    assert run.exit_code == 0, run.output
    assert ("warning XC907: EDGAR accepts a Form 8-K only as Inline XBRL (EXG.12.08)" in run.output) is warned


def test_a_viewer_that_makes_no_page_is_xc906_and_writes_nothing(tmp_path):
    from converter.diagnostics import EXIT_OUTPUT, ConversionError
    from converter.validation import ViewerPage
    from converter.writers import write_output

    conversion = convert(EXAMPLE, cik=CIK).conversion
    seen = []

    def failing(files, document):
        seen.append((sorted(files), document))
        return ViewerPage(b"", problem="Arelle failed (exit status 1)")

    with pytest.raises(ConversionError) as raised:
        write_output(conversion.instance, tmp_path / "out", formats=("ixbrl",), mapped=conversion.mapped, viewer=failing)
    assert [d.code for d in raised.value.diagnostics] == ["XC906"] and raised.value.exit_code == EXIT_OUTPUT
    assert seen == [(["nwnd-20080930.htm", "nwnd-20080930.xsd", "nwnd-20080930_cal.xml", "nwnd-20080930_lab.xml",
                      "nwnd-20080930_pre.xml"], "nwnd-20080930.htm")]
    assert not (tmp_path / "out").exists()
