"""Which tables are face statements, their titles and scale, and statements printed twice or across pages.

Every table here is made up.
"""
from decimal import Decimal

import pytest

from converter.face import is_heading
from converter.assembly import drop_repeats, infer_scale, merge_continued
from converter.statements import StatementKind, build_statements, parse_scale
from converter.tables.text import read_text_tables

INCOME_LINES = """\
                                      2008          2007
  Net sales                          1,200         1,000
  Cost of sales                        700           600
  Income taxes                         100            90
  Net income                           400           310
"""

BALANCE_LINES = """\
                                      2008          2007
  Cash                                 120           100
  Receivables                          300           250
  Total assets                         420           350
  Total liabilities and equity         420           350
"""


def _kinds(text):
    return [(s.kind, s.title) for s in build_statements(read_text_tables(text, "t.txt"))]


@pytest.mark.parametrize("heading, lines, expected", [
    # titles as printed across decades
    ("CONSOLIDATED STATEMENTS OF INCOME", INCOME_LINES, [(StatementKind.INCOME, "CONSOLIDATED STATEMENTS OF INCOME")]),
    ("CONSOLIDATED EARNINGS", INCOME_LINES, [(StatementKind.INCOME, "CONSOLIDATED EARNINGS")]),
    ("Condensed consolidated statements of operations", INCOME_LINES,
     [(StatementKind.INCOME, "Condensed consolidated statements of operations")]),
    ("STATEMENT OF OPERATIONS AND ACCUMULATED DEFICIT", INCOME_LINES,
     [(StatementKind.INCOME, "STATEMENT OF OPERATIONS AND ACCUMULATED DEFICIT")]),
    ("CONSOLIDATED BALANCED SHEETS", BALANCE_LINES, [(StatementKind.BALANCE_SHEET, "CONSOLIDATED BALANCED SHEETS")]),
    ("CONSOLIDATED STATEMENTS\n         OF FINANCIAL CONDITION", BALANCE_LINES,
     [(StatementKind.BALANCE_SHEET, "CONSOLIDATED STATEMENTS OF FINANCIAL CONDITION")]),
    # a title sharing its line with the company name or column headers: the run of words alone
    ("CONSOLIDATED BALANCE SHEETS            SAMPLE WIDGET COMPANY", BALANCE_LINES,
     [(StatementKind.BALANCE_SHEET, "CONSOLIDATED BALANCE SHEETS")]),
    # a sentence naming a statement is no title; the lines still tell the kind
    ("which is not reflected in our results of operations or financial position, it represents a",
     BALANCE_LINES, [(StatementKind.BALANCE_SHEET, "")]),
    ('see "Factors That May Affect Future Results and Financial Condition."', BALANCE_LINES,
     [(StatementKind.BALANCE_SHEET, "")]),
    # headings of tables that are not face statements
    ("SELECTED QUARTERLY FINANCIAL DATA (UNAUDITED)", INCOME_LINES, []),
    ("Item 6. SELECTED FINANCIAL DATA", INCOME_LINES, []),
    ("FIVE-YEAR FINANCIAL SUMMARY", INCOME_LINES, []),
    ("COMPUTATION OF EARNINGS PER COMMON SHARE", INCOME_LINES, []),
    ("CONDENSED CONSOLIDATING STATEMENTS OF OPERATIONS", INCOME_LINES, []),
    ("CONDENSED FINANCIAL INFORMATION OF REGISTRANT\n  (PARENT COMPANY ONLY)\n  CONDENSED STATEMENTS OF INCOME", INCOME_LINES, []),
])
def test_titles_and_headings(heading, lines, expected):
    text = "\n".join("         " + line.strip() for line in heading.split("\n")) + "\n\n" + lines
    assert _kinds(text) == expected


@pytest.mark.parametrize("name, text", [
    ("a five-year summary: a column per year", """\
                    FINANCIAL HIGHLIGHTS AND OPERATIONS
                           2008     2007     2006     2005     2004
  Net sales               1,200    1,000      900      800      700
  Cost of sales             700      600      500      450      400
  Income taxes              100       90       80       70       60
  Net income                400      310      320      280      240
"""),
    ("selected data: income lines beside balance sheet lines", """\
                    CONSOLIDATED STATEMENT OF FINANCIAL POSITION DATA
                                      2008          2007
  Net sales                          1,200         1,000
  Net income                           400           310
  Total assets                       5,000         4,400
  Long-term debt                       900           950
"""),
    ("quarterly results: a column per quarter", """\
                    CONSOLIDATED STATEMENTS OF INCOME
                      First      Second       Third      Fourth
                     Quarter     Quarter     Quarter     Quarter
  Net sales            300         310         320         330
  Cost of sales        170         180         190         200
  Income taxes          25          25          25          25
  Net income           100         102         104         106
"""),
    ("consolidating columns", """\
                    CONSOLIDATED STATEMENTS OF INCOME
                          Parent   Guarantor    Eliminations   Consolidated
  Net sales                  100         200            (50)            250
  Cost of sales               60         120            (50)            130
  Income taxes                10          20              --             30
  Net income                  30          60              --             90
"""),
    ("a table of contents: page numbers", """\
                    INDEX TO FINANCIAL STATEMENTS                        Page
  Consolidated Balance Sheets at June 30, 2008 and 2007                   21
  Consolidated Statements of Income for the three years                   22
  Consolidated Statements of Cash Flows for the three years               23
"""),
    ("an entry of a table of contents", """\
  Consolidated Statements of Cash Flows for the six
    months ended June 30, 2008 and 2007                                     5
"""),
    ("averages of a balance sheet's lines, not balances at a date", """\
                 CONDENSED AVERAGE BALANCE SHEETS AND ANNUALIZED YIELDS
                                      2008          2007
  Cash                                 120           100
  Receivables                          300           250
  Total assets                         420           350
  Total liabilities and equity         420           350
"""),
    ("selected items of a balance sheet", """\
                 CAPITAL AND OTHER SELECTED BALANCE SHEET ITEMS
                                      2008          2007
  Cash                                 120           100
  Receivables                          300           250
  Total assets                         420           350
  Total liabilities and equity         420           350
"""),
    ("selected data of an income statement", """\
                    SELECTED INCOME STATEMENT DATA
""" + INCOME_LINES),
    ("an earnings-per-share note: net income without expenses", """\
                                      2008          2007
  Net income                           400           310
  Weighted average shares              100           100
  Dilutive options                       4             3
  Earnings per share                  3.85          3.01
"""),
])
def test_tables_that_are_not_face_statements(name, text):
    assert _kinds(text) == [], name


def test_a_section_of_a_rejected_summary_is_rejected_with_it():
    text = """\
                    SELECTED FINANCIAL DATA
                                      2008          2007
  Net sales                          1,200         1,000
  Net income                           400           310
  Income taxes                         100            90
  Cost of sales                        700           600
  BALANCE SHEET DATA
  Cash                                 120           100
  Receivables                          300           250
  Total assets                         420           350
  Total liabilities and equity         420           350
"""
    assert _kinds(text) == []


@pytest.mark.parametrize("text, name, heading", [
    ("CONSOLIDATED STATEMENTS OF CASH FLOWS", "STATEMENTS OF", True),
    ("Condensed consolidated balance sheets", "balance", True),
    ("Consolidated Balance Sheets at June 30, 2008 and", "Balance", True),
    ("THE SAMPLE COMPANY, INC.", "SAMPLE", True),
    ("The consolidated statements of our cash flows are summarized", "cash flows", False),
    ("financial position resulting from its involvement in these", "financial", False),
    ("results, liquidity or consolidated financial position.", "financial", False),
    ("Financial Position as follows:", "Financial", False),
    ('Financial Condition," which information is incorporated by reference', "Financial", False),
])
def test_headings_are_not_sentences(text, name, heading):
    assert is_heading(text, text.index(name)) is heading


@pytest.mark.parametrize("note, scale", [
    ("(millions, except per share amounts)", 6),
    ("(Thousands of dollars)", 3),
    ("($000)", 3),
    ("(Dollars in millions)", 6),
    ("Millions of dollars, except per share data", 6),
    ("(000's omitted)", 3),
    ("Unaudited", 0),
])
def test_printed_scale_notes(note, scale):
    assert parse_scale(note) == scale


def test_a_scale_note_under_the_header_rule_is_read():
    text = """\
                    CONSOLIDATED BALANCE SHEETS
                                      2008          2007
- ----------------------------------------------------------
(In millions except share data)

  Cash                                 120           100
  Receivables                          300           250
  Total assets                         420           350
"""
    (statement,) = build_statements(read_text_tables(text, "t.txt"))
    assert statement.scale == 6
    assert statement.lines[0].values[0].amount == Decimal(120_000_000)


WHOLE_DOLLARS = """\
                    STATEMENTS OF OPERATIONS
                                      2008          2007
  Revenues                       4,012,000     3,500,000
  Operating expenses             3,000,000     2,700,000
  Income taxes                     400,000       300,000
  Net income                       612,000       500,000
"""


@pytest.mark.parametrize("prose, scale", [
    # one amount named again and again is one piece of evidence
    ("Revenues were $4.0 million. Revenues of $4.0 million grew. Again $4.0 million.", 0),
    # two different amounts that agree with the figures read as thousands
    ("Revenues were $4.0 billion and net income $612 million.", 3),
    # amounts that agree with the whole-dollar figures as well as with thousands: whole dollars
    ("Revenues were $4.0 million and net income $0.6 million, up from $3.5 million.", 0),
    ("No amounts here.", 0),
])
def test_an_unprinted_scale_needs_two_different_amounts_and_a_majority(prose, scale):
    statements = build_statements(read_text_tables(WHOLE_DOLLARS, "t.txt"))
    assert infer_scale(statements, prose) == scale


PAGE_ONE = """\
                    CONSOLIDATED BALANCE SHEET
                                  December 31,   December 31,
                                      2008          2007
  Cash                                 120           100
  Receivables                          300           250
  Total assets                         420           350
"""
PAGE_TWO = """\
                    CONSOLIDATED BALANCE SHEET
                                  December 31,   December 31,
                                      2008          2007
  Total assets                         420           350
  Payables                             220           200
  Equity                               200           150
  Total liabilities and equity         420           350
"""


@pytest.mark.parametrize("pages, labels", [
    # continued on the next page under the same title, a line carried forward: one statement
    ((PAGE_ONE, PAGE_TWO), ["Cash", "Receivables", "Total assets", "Payables", "Equity", "Total liabilities and equity"]),
    # the same statement printed twice: its lines once
    ((PAGE_ONE, PAGE_ONE), ["Cash", "Receivables", "Total assets"]),
])
def test_a_statement_across_pages_or_printed_twice_is_one_set_of_lines(pages, labels):
    statements = merge_continued(build_statements(read_text_tables("\n\n\n".join(pages), "t.txt")))
    assert [[line.label for line in s.lines] for s in statements] == [labels]


def test_a_statement_printed_again_in_another_part_is_left_out():
    first = build_statements(read_text_tables(PAGE_ONE, "body.txt"))
    again = build_statements(read_text_tables(PAGE_ONE, "exhibit.txt"))
    kept = drop_repeats(first + again)
    assert len(kept) == 1 and kept[0].diagnostics[-1].code == "XC305"


def test_an_html_scale_note_wrapped_over_two_lines_keeps_the_title_above_it():
    from converter.tables.html import read_html_tables

    html = """<p>CONSOLIDATED STATEMENTS OF OPERATIONS</p>
<p>(Dollars in thousands, except share and per share amounts, which are shown in whole dollars, and</p>
<p>ratios)</p>
<table><tr><td></td><td>2009</td><td>2008</td></tr>
<tr><td>Revenues</td><td>500</td><td>400</td></tr>
<tr><td>Operating expenses</td><td>300</td><td>250</td></tr>
<tr><td>Income taxes</td><td>50</td><td>40</td></tr>
<tr><td>Net income</td><td>150</td><td>110</td></tr></table>"""
    (statement,) = build_statements(read_html_tables(html, "t.htm"))
    assert (statement.kind, statement.title, statement.scale) == (StatementKind.INCOME, "CONSOLIDATED STATEMENTS OF OPERATIONS", 3)


DOUBLE_SPACED_BALANCE_SHEET = """\
                             CONSOLIDATED BALANCE SHEETS

                                      2008          2007

  Cash                                 120           100

  Receivables                          300           250

          Total assets                 420           350





                      Liabilities and Equity



  Current liabilities:



  Accounts payable                     100            90

  Accrued liabilities                   20            20

          Total liabilities            120           110

  Equity                               300           240

          Total liabilities and

           equity                      420           350
"""


def test_a_double_spaced_statement_split_at_its_side_heading_is_one_statement():
    """The liabilities half, untitled, is known by its wrapped total even with blank lines inside it."""
    statements = merge_continued(build_statements(read_text_tables(DOUBLE_SPACED_BALANCE_SHEET, "t.txt")))
    assert [(s.kind, len(s.lines)) for s in statements] == [(StatementKind.BALANCE_SHEET, 8)]
    assert statements[0].lines[-1].label == "Total liabilities and equity"



def _html_table(prose: str, rows: list[tuple[str, str, str]]) -> str:
    body = "".join(f"<tr><td>{label}</td><td>{a}</td><td>{b}</td></tr>" for label, a, b in rows)
    return f"<p>{prose}</p><table><tr><td></td><td>2008</td><td>2007</td></tr>{body}</table>"


CASH_FLOWS = _html_table("CONSOLIDATED STATEMENTS OF CASH FLOWS", [
    ("Net income", "400", "310"), ("Depreciation", "50", "40"), ("Net cash provided by operating activities", "450", "350"),
    ("Purchases of equipment", "(80)", "(70)")])
CASH_FLOWS_GO_ON = _html_table("", [
    ("Proceeds from sales of equipment", "10", "5"), ("Net cash used in investing activities", "(70)", "(65)"),
    ("Dividends paid", "(100)", "(90)"), ("Net cash used in financing activities", "(100)", "(90)"),
    ("Net increase in cash", "280", "195")])
SEGMENTS = _html_table("The following table shows sales by segment.", [("Products", "900", "800"), ("Services", "300", "200")])
CASH_SUMMARY = _html_table("Cash flows were as follows.", [
    ("Net cash provided by operating activities", "450", "350"), ("Net cash used in investing activities", "(70)", "(65)"),
    ("Net cash used in financing activities", "(100)", "(90)"), ("Net increase in cash", "280", "195")])


@pytest.mark.parametrize("tables, last", [
    # an untitled table right after the statement goes on with it (the next page)
    ((CASH_FLOWS, CASH_FLOWS_GO_ON), "Net increase in cash"),
    # one after other tables of figures is not its next page: a summary in the discussion
    ((CASH_FLOWS, SEGMENTS, CASH_SUMMARY), "Purchases of equipment"),
])
def test_only_the_table_right_after_a_statement_continues_it(tables, last):
    from converter.tables.html import read_html_tables

    html = "<html><body>" + "".join(tables) + "</body></html>"
    statements = merge_continued(build_statements(tuple(read_html_tables(html, "t.htm", 1))))
    assert [(s.kind, s.lines[-1].label) for s in statements] == [(StatementKind.CASH_FLOW, last)]
