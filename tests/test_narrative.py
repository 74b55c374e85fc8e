"""A press release's text outside its statements (narrative.py), and how the inline page shows it."""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from converter.api import convert
from converter.narrative import FIXED, LINES, TEXT

from .test_inline import arelle_facts, xml_facts

CIK = "0000123456"
XHTML = "{http://www.w3.org/1999/xhtml}"
IX = "{http://www.xbrl.org/2013/inlineXBRL}"

TEXT_RELEASE = """Exhibit 99.1

     Lakeview Gadgets Reports \u201cRecord\u201d Fourth Quarter

    SPRINGFIELD -- Lakeview Gadgets, Inc. today reported results
for its fourth quarter & full year 2008 <unaudited>.

    Highlights         Q4 2008     Q4 2007
    Stores open             12          10
    Employees              340         310

                    LAKEVIEW GADGETS, INC.
                CONSOLIDATED BALANCE SHEETS
                      (in thousands)
                                    December 31,
                                  2008        2007
Cash                            $  100      $   90
Inventories                         50          40
Total assets                    $  150      $  130
                                ======      ======

    Lakeview opened two stores in the quarter, its first
outside the state.

                    LAKEVIEW GADGETS, INC.
           CONSOLIDATED STATEMENTS OF OPERATIONS
                      (in thousands)
                                  Year Ended December 31,
                                  2008        2007
Revenues                        $  500      $  450
Cost of revenues                   300         280
Net income                      $  200      $  170

Safe harbor: this release contains forward-looking
statements.
"""

HTML_RELEASE = """<html><body>
<p>Exhibit 99.1</p>
<p><b>Lakeview Gadgets Reports Fourth Quarter</b></p>
<p>SPRINGFIELD -- Lakeview Gadgets, Inc. today reported
results for its fourth quarter.</p>
<p>CONSOLIDATED BALANCE SHEETS</p>
<p>(in thousands)</p>
<table>
<tr><td></td><td>December 31, 2008</td><td>December 31, 2007</td></tr>
<tr><td>Cash</td><td>$ 100</td><td>$ 90</td></tr>
<tr><td>Inventories</td><td>50</td><td>40</td></tr>
<tr><td>Total assets</td><td>$ 150</td><td>$ 130</td></tr>
</table>
<p>Contact:<br/>Jane Doe, 555-0100</p>
<table><tr><td>Store count</td><td>12</td></tr><tr><td>Employees</td><td>340</td></tr></table>
<p>Safe harbor: this release contains forward-looking statements.</p>
</body></html>
"""

EXPECTED = {
    "text": [
        (TEXT, "Exhibit 99.1"),
        (TEXT, "Lakeview Gadgets Reports \u201cRecord\u201d Fourth Quarter"),
        (TEXT, "SPRINGFIELD -- Lakeview Gadgets, Inc. today reported results for its fourth quarter & full year 2008 <unaudited>."),
        (FIXED, "Highlights         Q4 2008     Q4 2007\nStores open             12          10\nEmployees              340         310"),
        (TEXT, "Lakeview opened two stores in the quarter, its first outside the state."),
        (TEXT, "Safe harbor: this release contains forward-looking statements."),
    ],
    "html": [
        (TEXT, "Exhibit 99.1"),
        (TEXT, "Lakeview Gadgets Reports Fourth Quarter"),
        (TEXT, "SPRINGFIELD -- Lakeview Gadgets, Inc. today reported results for its fourth quarter."),
        (LINES, "Contact:\nJane Doe, 555-0100"),
        (LINES, "Store count  12\nEmployees  340"),
        (TEXT, "Safe harbor: this release contains forward-looking statements."),
    ],
}
INPUTS = {"text": (TEXT_RELEASE, "release.txt"), "html": (HTML_RELEASE, "release.htm")}


def converted(kind: str):
    text, name = INPUTS[kind]
    return convert(text.encode("utf-8"), path=name, cik=CIK)


@pytest.mark.parametrize("kind", ["text", "html"])
def test_paragraphs_outside_the_statements_in_reading_order(kind):
    narrative = converted(kind).conversion.narrative()
    assert [(p.kind, p.text) for p in narrative.paragraphs] == EXPECTED[kind]


@pytest.mark.parametrize("kind, lines", [("text", [1, 3, 5, 8, 22, 34]), ("html", [2, 3, 4, 14, 15, 16])])
def test_paragraphs_keep_their_source_line(kind, lines):
    paragraphs = converted(kind).conversion.narrative().paragraphs
    assert [p.source.line for p in paragraphs] == lines
    assert {p.source.file for p in paragraphs} == {INPUTS[kind][1]}


def test_periodic_report_has_no_narrative():
    text = "FORM 10-Q\n\n" + TEXT_RELEASE
    assert converted_text(text).conversion.document.filer.form == "10-Q"
    assert converted_text(text).conversion.narrative().paragraphs == ()


def converted_text(text: str):
    return convert(text.encode("utf-8"), path="report.txt", cik=CIK)


def page_order(data: bytes) -> list[str]:
    """The page's statement titles and the first words of its paragraphs, in document order."""
    order = []
    for element in etree.fromstring(data).iter(f"{XHTML}h2", f"{XHTML}p", f"{XHTML}pre"):
        words = " ".join(" ".join(element.itertext()).split()).split()
        if element.tag == f"{XHTML}h2":
            order.append(f"## {' '.join(words)}")
        elif element.get("style", "").startswith(("margin:0.7em", "font-family")):
            order.append(" ".join(words[:3]))
    return order


@pytest.mark.parametrize("kind, order", [
    ("text", ["Exhibit 99.1", "Lakeview Gadgets Reports", "SPRINGFIELD -- Lakeview", "Highlights Q4 2008",
              "## CONSOLIDATED BALANCE SHEETS", "Lakeview opened two", "## CONSOLIDATED STATEMENTS OF OPERATIONS",
              "Safe harbor: this"]),
    ("html", ["Exhibit 99.1", "Lakeview Gadgets Reports", "SPRINGFIELD -- Lakeview", "## CONSOLIDATED BALANCE SHEETS",
              "Contact: Jane Doe,", "Store count 12", "Safe harbor: this"]),
])
def test_inline_page_shows_the_narrative_around_the_statements(kind, order):
    files = converted(kind).files("ixbrl")
    assert page_order(files["lakeviewgadg-20081231.htm"]) == order


@pytest.mark.parametrize("kind", ["text", "html"])
def test_narrative_is_untagged_ascii_xhtml(kind):
    files = converted(kind).files("ixbrl")
    data = next(v for k, v in files.items() if k.endswith(".htm"))
    assert max(data) < 128
    page = etree.fromstring(data)  # well-formed XML
    for paragraph in page.iter(f"{XHTML}p", f"{XHTML}pre"):
        if paragraph.get("style", "").startswith(("margin:0.7em", "font-family")):
            assert paragraph.find(f".//{IX}nonFraction") is None and paragraph.find(f".//{IX}nonNumeric") is None
    if kind == "text":
        assert b"&#8220;Record&#8221;" in data and b"&amp; full year 2008 &lt;unaudited&gt;." in data


@pytest.mark.parametrize("kind", ["text", "html"])
def test_inline_page_with_narrative_validates_and_gives_the_xml_facts(kind, tmp_path):
    from converter.validation import validate_instance

    files = converted(kind).write(tmp_path / "out", formats="xml,ixbrl")
    report = validate_instance(files.inline)
    assert [m for m in report.messages if m.level != "warning"] == [] and report.ok
    assert arelle_facts(files.inline, tmp_path) == xml_facts(files.instance.read_bytes())
