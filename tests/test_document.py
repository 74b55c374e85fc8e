"""First stage: decoding, EDGAR submission splitting, header metadata, part ranking."""
import re
from datetime import date
from pathlib import Path

import pytest

from converter.diagnostics import Severity, SourceRef
from converter.document import DocumentPart, SourceDocument, SubmissionHeader, read_document, statement_parts
from converter.edgar import decode, split_submission

PATH = "f.txt"


def lines_of(*lines: str) -> str:
    return "\n".join(lines)


def codes(diagnostics) -> list[str]:
    return [d.code for d in diagnostics]


# ----------------------------------------------------------------------------- decoding


@pytest.mark.parametrize(
    "data, text, encoding",
    [
        (b"plain ascii", "plain ascii", "utf-8"),
        ("caf\u00e9 \u2014 ok".encode("utf-8"), "caf\u00e9 \u2014 ok", "utf-8"),
        (b"\xef\xbb\xbfwith BOM", "with BOM", "utf-8"),
        (b"\x93quoted\x94 \x96 dash", "\u201cquoted\u201d \u2013 dash", "cp1252"),
        (b"caf\xe9 na\xefve", "caf\u00e9 na\u00efve", "latin-1"),
        (b"\x93x\x94 \x81", "\u201cx\u201d \x81", "cp1252"),  # 0x81 is undefined in cp1252
        ("caf\u00e9\n".encode("utf-8") + b"\x93q\x94", "caf\u00e9\n\u201cq\u201d", "utf-8+cp1252"),
        ("caf\u00e9\n".encode("utf-8") + b"caf\xe9", "caf\u00e9\ncaf\u00e9", "utf-8+latin-1"),
        ("wide".encode("utf-16"), "wide", "utf-16"),
        (b"a\r\nb\rc\r\r\nd\n", "a\nb\nc\nd\n", "utf-8"),
        (b"\x0cpage\x0c", "\x0cpage\x0c", "utf-8"),
    ],
)
def test_decode(data, text, encoding):
    assert decode(data) == (text, encoding)


def test_part_lines_split_on_newline_only():
    part = DocumentPart("TEXT", "a\x0cb\nc\x85d", 10)
    assert part.lines == ["a\x0cb", "c\x85d"]
    assert part.source("x", 1, 3) == SourceRef("x", 11, 3)


# ----------------------------------------------------------------------------- header

MODERN_HEADER = lines_of(
    "<SEC-DOCUMENT>0000950123-05-000001.txt : 20050210",
    "<SEC-HEADER>0000950123-05-000001.hdr.sgml : 20050210",
    "<ACCEPTANCE-DATETIME>20050210163000",
    "ACCESSION NUMBER:\t\t0000950123-05-000001",
    "CONFORMED SUBMISSION TYPE:\t8-K",
    "PUBLIC DOCUMENT COUNT:\t\t2",
    "CONFORMED PERIOD OF REPORT:\t20050209",
    "ITEM INFORMATION:\t\tResults of Operations and Financial Condition",
    "FILED AS OF DATE:\t\t20050210",
    "",
    "FILER:",
    "",
    "\tCOMPANY DATA:\t",
    "\t\tCOMPANY CONFORMED NAME:\t\t\tWIDGETCO HOLDINGS INC",
    "\t\tCENTRAL INDEX KEY:\t\t\t0000123456",
    "\t\tSTANDARD INDUSTRIAL CLASSIFICATION:\tMISC [3990]",
    "\t\tFISCAL YEAR END:\t\t\t0630",
    "",
    "\tFILING VALUES:",
    "\t\tFORM TYPE:\t\t8-K",
    "",
    "\tFORMER COMPANY:\t",
    "\t\tFORMER CONFORMED NAME:\tWIDGET CORP",
    "</SEC-HEADER>",
)

IMS_HEADER = lines_of(  # 1993-1996 dissemination: IMS tags, values aligned with spaces
    "<IMS-DOCUMENT>0000950144-94-000001.txt : 19940125",
    "<IMS-HEADER>0000950144-94-000001.hdr.sgml : 19940125",
    "ACCESSION NUMBER:      0000950144-94-000001",
    "CONFORMED SUBMISSION TYPE:  10-Q",
    "CONFORMED PERIOD OF REPORT:  19931231",
    "FILED AS OF DATE:   19940124",
    "FILER:",
    "    COMPANY DATA:",
    "        COMPANY CONFORMED NAME:    OLD   MILL  CO",
    "        CENTRAL INDEX KEY:         0000000042",
    "        FISCAL YEAR END:           1231",
    "</IMS-HEADER>",
)

TAG_HEADER = lines_of(  # the <TAG>value form of the EDGAR dissemination feed
    "<SUBMISSION>",
    "<ACCESSION-NUMBER>0000320193-10-000002",
    "<TYPE>10-K",
    "<PERIOD>20100925",
    "<FILING-DATE>20101027",
    "<FILER>",
    "<COMPANY-DATA>",
    "<CONFORMED-NAME>FRUIT &amp; CO",
    "<CIK>320193",
    "<FISCAL-YEAR-END>0925",
    "</COMPANY-DATA>",
    "</FILER>",
)

BAD_HEADER = lines_of(
    "<SEC-HEADER>",
    "CONFORMED SUBMISSION TYPE:\t10-K",
    "CONFORMED PERIOD OF REPORT:\t20051340",
    "FILED AS OF DATE:\t\t2005-12-31",
    "COMPANY CONFORMED NAME:\t\tBROKEN INC",
    "CENTRAL INDEX KEY:\t\tC000123",
    "FISCAL YEAR END:\t\t1399",
    "</SEC-HEADER>",
)

ONE_DOCUMENT = lines_of("<DOCUMENT>", "<TYPE>10-K", "<SEQUENCE>1", "<TEXT>", "Body", "</TEXT>", "</DOCUMENT>")


@pytest.mark.parametrize(
    "header_text, expected",
    [
        (
            MODERN_HEADER,
            SubmissionHeader("WIDGETCO HOLDINGS INC", "0000123456", "8-K", date(2005, 2, 9), date(2005, 2, 10), "0630", None, "0000950123-05-000001"),
        ),
        (
            IMS_HEADER,
            SubmissionHeader("OLD MILL CO", "0000000042", "10-Q", date(1993, 12, 31), date(1994, 1, 24), "1231", None, "0000950144-94-000001"),
        ),
        (
            TAG_HEADER,
            SubmissionHeader("FRUIT & CO", "0000320193", "10-K", date(2010, 9, 25), date(2010, 10, 27), "0925", None, "0000320193-10-000002"),
        ),
        ("", SubmissionHeader(form_type="10-K")),  # no header: the form is the main document's type
    ],
)
def test_header_fields(header_text, expected):
    header, parts, diagnostics = split_submission(lines_of(header_text, ONE_DOCUMENT), PATH)
    assert header == expected
    assert [p.doc_type for p in parts] == ["10-K"]
    assert diagnostics == []


def test_unreadable_header_values_warn_and_stay_empty():
    header, _, diagnostics = split_submission(lines_of(BAD_HEADER, ONE_DOCUMENT), PATH)
    assert header == SubmissionHeader(company_name="BROKEN INC", form_type="10-K")
    assert [(d.code, d.severity, d.source.line) for d in diagnostics] == [
        ("XC113", Severity.WARNING, 6),  # CIK
        ("XC113", Severity.WARNING, 3),  # period
        ("XC113", Severity.WARNING, 4),  # filed
        ("XC113", Severity.WARNING, 7),  # fiscal year end
    ]


# ----------------------------------------------------------------------------- parts

UUENCODED = lines_of("begin 644 logo.gif", "M1TE&.#EA`0`!`(```/___P```", "`", "end")

SUBMISSION = lines_of(
    "-----BEGIN PRIVACY-ENHANCED MESSAGE-----",  # 1
    "Proc-Type: 2001,MIC-CLEAR",
    "",
    "<SEC-DOCUMENT>0000950123-05-000001.txt : 20050210",
    "<SEC-HEADER>0000950123-05-000001.hdr.sgml : 20050210",  # 5
    "CONFORMED SUBMISSION TYPE:\t8-K",
    "COMPANY CONFORMED NAME:\t\tWIDGETCO HOLDINGS INC",
    "</SEC-HEADER>",
    "<DOCUMENT>",
    "<TYPE>8-K",  # 10
    "<SEQUENCE>1",
    "<FILENAME>form8k.txt",
    "<DESCRIPTION>CURRENT REPORT",
    "<TEXT>",
    "                        FORM 8-K",  # 15
    "Item 12. Results of Operations",
    "</TEXT>",
    "</DOCUMENT>",
    "<DOCUMENT>",
    "<TYPE>EX-99.1",  # 20
    "<SEQUENCE>2",
    "<FILENAME>ex99.txt",
    "<DESCRIPTION>PRESS RELEASE",
    "<TEXT>",
    "<PAGE>",  # 25
    "WidgetCo Reports Results",
    "<TABLE>",
    "<S>                                  <C>         <C>",
    "Net income                           $ 42        $ 40",
    "</TABLE>",  # 30
    "</TEXT>",
    "</DOCUMENT>",
    "<DOCUMENT>",
    "<TYPE>GRAPHIC",
    "<SEQUENCE>3",  # 35
    "<FILENAME>logo.gif",
    "<TEXT>",
    UUENCODED,  # 38-41
    "</TEXT>",
    "</DOCUMENT>",
    "<DOCUMENT>",
    "<TYPE>EX-27",
    "<SEQUENCE>4",
    "<DESCRIPTION>ART. 5 FDS FOR Q4",
    "<TEXT>",
    "<ARTICLE> 5",
    "<TOTAL-ASSETS> 1,000",  # 50
    "</TEXT>",
    "</DOCUMENT>",
    "</SEC-DOCUMENT>",
    "-----END PRIVACY-ENHANCED MESSAGE-----",
)


def test_submission_parts():
    header, parts, diagnostics = split_submission(SUBMISSION, PATH)
    assert (header.company_name, header.form_type) == ("WIDGETCO HOLDINGS INC", "8-K")
    assert [(p.doc_type, p.first_line, p.filename, p.description, p.is_html) for p in parts] == [
        ("8-K", 15, "form8k.txt", "CURRENT REPORT", False),
        ("EX-99.1", 25, "ex99.txt", "PRESS RELEASE", False),
        ("EX-27", 49, "", "ART. 5 FDS FOR Q4", False),
    ]
    assert parts[0].text == "                        FORM 8-K\nItem 12. Results of Operations"
    assert [p.is_financial_data_schedule for p in parts] == [False, False, True]
    assert [(d.code, d.severity) for d in diagnostics] == [("XC114", Severity.INFO)]
    assert "GRAPHIC logo.gif" in diagnostics[0].message


@pytest.mark.parametrize(
    "part_index, needle, line",
    [
        (0, "FORM 8-K", 15),
        (0, "Item 12.", 16),
        (1, "<PAGE>", 25),
        (1, "Net income", 29),
        (1, "</TABLE>", 30),
        (2, "<TOTAL-ASSETS>", 50),
    ],
)
def test_source_refs_cite_original_lines(part_index, needle, line):
    part = split_submission(SUBMISSION, PATH)[1][part_index]
    index = next(i for i, text in enumerate(part.lines) if needle in text)
    column = part.lines[index].index(needle) + 1
    assert part.source(PATH, index, column) == SourceRef(PATH, line, column)
    assert SUBMISSION.split("\n")[line - 1].startswith(part.lines[index])


@pytest.mark.parametrize(
    "text, expected_parts, expected_codes",
    [
        # A bare text file is one part.
        (lines_of("Exhibit 99.1", "", "Net sales   100"), [("TEXT", 1, False, "Exhibit 99.1\n\nNet sales   100")], []),
        # A bare HTML page.
        ("<html><body><table><tr><td>1</td></tr></table></body></html>", [("TEXT", 1, True, None)], []),
        # Documents without the SEC header (one document saved from a submission).
        (lines_of("", "<DOCUMENT>", "<TYPE>EX-99.1", "<TEXT>", "x", "</TEXT>", "</DOCUMENT>"), [("EX-99.1", 5, False, "x")], []),
        # Text starting on the <TEXT> line and ending on the </TEXT> line.
        (lines_of("<DOCUMENT>", "<TYPE>10-Q", "<TEXT>first", "last</TEXT>", "</DOCUMENT>"), [("10-Q", 3, False, "first\nlast")], []),
        (lines_of("<DOCUMENT>", "<TYPE>10-Q", "<TEXT>only</TEXT>", "</DOCUMENT>"), [("10-Q", 3, False, "only")], []),
        # A DESCRIPTION continued on a second line and a <FLAWED> flag before <TEXT>.
        (
            lines_of("<DOCUMENT>", "<TYPE>EX-27", "<DESCRIPTION>ART. 5 FDS", "FORM 10-K", "<FLAWED>", "<TEXT>", "<CASH> 1", "</TEXT>", "</DOCUMENT>"),
            [("EX-27", 7, False, "<CASH> 1")],
            [],
        ),
        # Missing </TEXT>: the text ends at </DOCUMENT>.
        (
            lines_of("<DOCUMENT>", "<TYPE>8-K", "<TEXT>", "a", "</DOCUMENT>", "<DOCUMENT>", "<TYPE>EX-99", "<TEXT>", "b", "</TEXT>", "</DOCUMENT>"),
            [("8-K", 4, False, "a"), ("EX-99", 9, False, "b")],
            ["XC115"],
        ),
        # No <TEXT> at all: the text is what follows the tags.
        (lines_of("<DOCUMENT>", "<TYPE>EX-13", "<SEQUENCE>2", "Annual report", "</DOCUMENT>"), [("EX-13", 4, False, "Annual report")], ["XC118"]),
        # Inline XBRL inside an <XBRL> wrapper, lowercase type.
        (
            lines_of("<DOCUMENT>", "<TYPE>10-q", "<FILENAME>q.htm", "<TEXT>", "<XBRL>", "<html><body>ix</body></html>", "</XBRL>", "</TEXT>", "</DOCUMENT>"),
            [("10-Q", 6, True, "<html><body>ix</body></html>")],
            [],
        ),
        # A PDF copy filed under the main form's type is still binary.
        (
            lines_of("<DOCUMENT>", "<TYPE>10-K", "<TEXT>", "t", "</TEXT>", "</DOCUMENT>", "<DOCUMENT>", "<TYPE>10-K", "<TEXT>", "<PDF>", UUENCODED, "</PDF>", "</TEXT>", "</DOCUMENT>"),
            [("10-K", 4, False, "t")],
            ["XC114"],
        ),
        # Only binary parts.
        (lines_of("<DOCUMENT>", "<TYPE>GRAPHIC", "<TEXT>", UUENCODED, "</TEXT>", "</DOCUMENT>"), [], ["XC114", "XC112"]),
        ("", [], ["XC111"]),
        (" \n\n", [], ["XC111"]),
    ],
)
def test_part_boundaries(text, expected_parts, expected_codes):
    _, parts, diagnostics = split_submission(text, PATH)
    got = [(p.doc_type, p.first_line, p.is_html, p.text if expected[3] is not None else None) for p, expected in zip(parts, expected_parts)]
    assert len(parts) == len(expected_parts)
    assert got == expected_parts
    assert codes(diagnostics) == expected_codes


def test_repeated_submission_is_read_once():
    text = lines_of(SUBMISSION, SUBMISSION)
    header, parts, diagnostics = split_submission(text, PATH)
    assert [p.doc_type for p in parts] == ["8-K", "EX-99.1", "EX-27"]
    assert codes(diagnostics) == ["XC114", "XC116"]
    assert diagnostics[1].source == SourceRef(PATH, 55)  # the second BEGIN PRIVACY-ENHANCED MESSAGE line


def test_trailing_content_warns():
    _, parts, diagnostics = split_submission(lines_of(ONE_DOCUMENT, "</SEC-DOCUMENT>", "stray text"), PATH)
    assert len(parts) == 1
    assert [(d.code, d.source.line) for d in diagnostics] == [("XC117", 9)]


# ----------------------------------------------------------------------------- HTML and <PRE> pages

PRE_PAGE = lines_of(
    "<HTML>",  # 6 in the submission below
    "<HEAD>",
    "<TITLE>FORM 10-K</TITLE>",
    "</HEAD>",
    "<BODY>",  # 10
    "<PRE>",
    "                     <b>BALANCE SHEETS</b>",
    "                                          2008        2007",
    "Cash &amp; equivalents               $  1,234    $  1,000",
    "Total&nbsp;assets                       5,678       5,000",  # 15
    "<a",
    "href=\"#top\">Top</a> &lt;back&gt;",
    "</PRE>",
    "<HR>",
    "<PRE>",  # 20
    "Net loss                                (12)        (10)",
    "</PRE>",
    "</BODY>",
    "</HTML>",
)

PRE_TEXT = lines_of(
    "",
    "",
    "",
    "",
    "",
    "",
    "                     BALANCE SHEETS",
    "                                          2008        2007",
    "Cash & equivalents               $  1,234    $  1,000",
    "Total assets                       5,678       5,000",
    "",
    "Top <back>",
    "",
    "",
    "",
    "Net loss                                (12)        (10)",
    "",
    "",
    "",
)


def test_pre_page_becomes_plain_text_with_same_lines():
    text = lines_of("<DOCUMENT>", "<TYPE>10-K", "<FILENAME>k.htm", "<TEXT>", "", PRE_PAGE, "</TEXT>", "</DOCUMENT>")
    _, [part], _ = split_submission(text, PATH)
    assert (part.is_html, part.first_line) == (False, 5)
    assert part.text == "\n" + PRE_TEXT
    index = part.lines.index("Total assets                       5,678       5,000")
    assert part.source(PATH, index) == SourceRef(PATH, 15)


@pytest.mark.parametrize(
    "html_text, is_html",
    [
        (PRE_PAGE, False),
        # Much visible text outside the <PRE>: an HTML page that happens to hold a <PRE>.
        (lines_of("<html><body>", "<p>" + "Discussion of results. " * 20 + "</p>", "<pre>", "Cash   1,234", "</pre>", "</body></html>"), True),
        # EDGAR's plain-text markup is not HTML.
        (lines_of("<PAGE>", "<TABLE>", "<CAPTION>", "<S>     <C>", "<PREFERRED>  0", "</TABLE>"), False),
        # HTML fragments without <html> or <body>.
        ("".join(f"<div><span>row {i}</span></div>" for i in range(6)), True),
    ],
)
def test_html_detection(html_text, is_html):
    _, [part], _ = split_submission(html_text, PATH)
    assert part.is_html is is_html


# ----------------------------------------------------------------------------- ranking


def part(doc_type: str, text: str = "t") -> DocumentPart:
    return DocumentPart(doc_type, text, 1)


@pytest.mark.parametrize(
    "form, types, expected",
    [
        ("8-K", ["8-K", "EX-99.2", "EX-99.1", "GRAPHIC", "EX-23.1"], ["EX-99.2", "EX-99.1", "8-K"]),
        ("8-K", ["8-K", "EX-12", "EX-99.(A)", "EX-27", "EX-10.1"], ["EX-99.(A)", "8-K", "EX-12", "EX-27"]),
        ("10-K", ["10-K", "EX-13", "EX-21", "EX-23", "EX-27", "EX-31.1", "EX-32", "EX-99"], ["10-K", "EX-13", "EX-99", "EX-27"]),
        ("10-K405", ["10-K405", "EX-13", "EX-3(I)", "EX-4.1"], ["10-K405", "EX-13"]),
        ("10-QSB", ["10-QSB", "EX-27", "EX-101.INS", "XML", "ZIP", "JSON"], ["10-QSB", "EX-27"]),
        (None, ["10-Q", "EX-99"], ["10-Q", "EX-99"]),
        (None, ["TEXT"], ["TEXT"]),
    ],
)
def test_statement_parts_order(form, types, expected):
    doc = SourceDocument(PATH, "utf-8", SubmissionHeader(form_type=form), tuple(part(t) for t in types))
    assert [p.doc_type for p in statement_parts(doc)] == expected


def test_statement_parts_drop_empty_parts():
    doc = SourceDocument(PATH, "utf-8", SubmissionHeader(form_type="8-K"), (part("8-K", " \n"), part("EX-99.1")))
    assert [p.doc_type for p in statement_parts(doc)] == ["EX-99.1"]


def test_read_document_end_to_end():
    doc = read_document(SUBMISSION.replace("WidgetCo Reports", "WidgetCo \u201cReports\u201d").encode("cp1252"), PATH)
    assert doc.encoding == "cp1252"
    assert doc.header.company_name == "WIDGETCO HOLDINGS INC"
    assert [p.doc_type for p in statement_parts(doc)] == ["EX-99.1", "8-K", "EX-27"]
    assert "\u201cReports\u201d" in doc.parts[1].text


# ----------------------------------------------------------------------------- real documents

PRE_TAG = re.compile(r"<pre[\s>]", re.I)
SHARED = Path(__file__).parents[1].parent / "shared"
CORPUS_FILES = sorted(
    p
    for folder in ("corpus/text", "corpus/html", "corpus/pairs", "corpus/ixbrl", "seed")
    for p in (SHARED / folder).glob("*")
    if p.suffix in (".txt", ".htm", ".html")
)


@pytest.mark.skipif(not CORPUS_FILES, reason="shared corpus not present")
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_corpus_file_reads(path):
    data = path.read_bytes()
    doc = read_document(data, str(path))
    assert doc.parts, doc.diagnostics
    assert statement_parts(doc)
    assert not [d for d in doc.diagnostics if d.severity is Severity.ERROR]
    original = decode(data)[0].split("\n")
    for p in doc.parts:
        segment = original[p.first_line - 1 : p.first_line - 1 + len(p.lines)]
        if p.is_html or not any(PRE_TAG.search(line) for line in segment):  # <PRE> pages are rewritten
            assert p.lines == segment
        else:
            assert len(segment) == len(p.lines)


CORPUS_FACTS = [
    ("corpus/text/Apple_1997-03_10Q.txt", "APPLE COMPUTER INC", "0000320193", "10-Q", date(1997, 3, 28), date(1997, 5, 12), "0930", ["10-Q", "EX-3", "EX-10", "EX-10", "EX-10", "EX-27"]),
    ("corpus/text/TurnerBroadcasting_1994-01_8K.txt", "TURNER BROADCASTING SYSTEM INC", "0000100240", "8-K", date(1994, 1, 24), date(1994, 1, 24), "1231", ["8-K", "EX-12.(C)", "EX-12.(D)", "EX-23.(D)", "EX-23.(E)", "EX-99.(A)", "EX-99.(B)"]),
    ("corpus/html/Oracle_2014-06_8K_EX99.1.txt", "ORACLE CORP", "0001341439", "8-K", date(2014, 6, 19), date(2014, 6, 19), "0531", ["8-K", "EX-99.1"]),
    ("corpus/text/Ford_2001-12_10K.txt", None, None, "10-K", None, None, None, ["10-K"]),
]


@pytest.mark.parametrize("name, company, cik, form, period, filed, fye, types", CORPUS_FACTS, ids=[f[0] for f in CORPUS_FACTS])
def test_corpus_header_facts(name, company, cik, form, period, filed, fye, types):
    path = SHARED / name
    if not path.exists():
        pytest.skip("shared corpus not present")
    doc = read_document(path.read_bytes(), str(path))
    h = doc.header
    assert (h.company_name, h.cik, h.form_type, h.period_of_report, h.filed, h.fiscal_year_end) == (company, cik, form, period, filed, fye)
    assert [p.doc_type for p in doc.parts] == types


def test_corpus_repeated_submission_and_pre_page():
    repeated = SHARED / "corpus/text/Apple_2000-04_10Q.txt"
    pre = SHARED / "corpus/text/SouthwestIowaRenewableEnergy_2008-09_10K_pre.htm"
    if not (repeated.exists() and pre.exists()):
        pytest.skip("shared corpus not present")
    doc = read_document(repeated.read_bytes(), str(repeated))
    assert [p.doc_type for p in doc.parts] == ["10-Q", "EX-3.2", "EX-10.A49", "EX-10.A51", "EX-27"]
    assert "XC116" in codes(doc.diagnostics)
    [page] = read_document(pre.read_bytes(), str(pre)).parts
    assert not page.is_html and not PRE_TAG.search(page.text) and "&nbsp;" not in page.text
    index = next(i for i, line in enumerate(page.lines) if "Total current assets" in line)
    assert page.source(str(pre), index) == SourceRef(str(pre), 3323)
    assert page.lines[index].split() == ["Total", "current", "assets", "9,890,604", "1,867,892"]
