"""HTML tables to grids: layout, value columns, headers, rules, indents, context, source positions."""
from pathlib import Path

import pytest

from converter.diagnostics import SourceRef
from converter.document import read_document, statement_parts
from converter.statements import build_statements
from converter.tables.grid import RowKind
from converter.tables.html import read_html_tables

PATH = "f.htm"
SHARED = Path(__file__).resolve().parents[2] / "shared"


def only_grid(html: str, first_line: int = 1):
    grids = read_html_tables(html, PATH, first_line)
    assert len(grids) == 1
    return grids[0]


def texts(row) -> list[str | None]:
    return [cell.text if cell else None for cell in row.cells]


def header_spans(grid) -> list[list[tuple[str, int, int]]]:
    return [[(h.text, h.first, h.last) for h in row] for row in grid.header]


def kinds(grid) -> list[str]:
    return [row.kind.value for row in grid.rows]


# A press-release table of the early 2000s: spacer columns, "$" and ")" in cells of their own,
# a header spanning two years, a rule row of bordered empty cells, a double underline.
OLD_STYLE = """<html><body>
<p align="center"><b>Northwind Corp.</b></p>
<p align="center"><b>CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS</b></p>
<p align="center">(In thousands, except per share amounts)</p>
<table width="100%">
<tr><td width="60%"></td><td></td><td></td><td></td><td></td><td></td><td></td></tr>
<tr>
<td>&nbsp;</td><td>&nbsp;</td>
<td colspan="5" align="center" style="border-bottom:1px solid #000">Three Months Ended</td>
</tr>
<tr>
<td>&nbsp;</td><td>&nbsp;</td>
<td colspan="2" align="center">June 30,<br>2009</td><td>&nbsp;</td>
<td colspan="2" align="center">June 30,<br>2008</td>
</tr>
<tr>
<td><p style="margin-left:1em; text-indent:-1em">Net sales</p></td><td>&nbsp;</td>
<td>$</td><td align="right">1,500</td><td>&nbsp;</td><td>$</td><td align="right">1,200</td>
</tr>
<tr>
<td><p style="margin-left:1em; text-indent:-1em">Cost of sales<sup>(1)</sup></p></td><td>&nbsp;</td>
<td>&nbsp;</td><td align="right">(900</td><td>)</td><td>&nbsp;</td><td align="right">800</td>
</tr>
<tr style="font-size:1px">
<td></td><td></td><td style="border-top:1px solid #000">&nbsp;</td><td style="border-top:1px solid #000">&nbsp;</td>
<td></td><td style="border-top:1px solid #000">&nbsp;</td><td style="border-top:1px solid #000">&nbsp;</td>
</tr>
<tr>
<td><p style="margin-left:3em; text-indent:-1em">Gross margin</p></td><td>&nbsp;</td>
<td>$</td><td align="right" style="border-bottom:3px double #000">600</td><td>&nbsp;</td><td>$</td>
<td align="right" style="border-bottom:3px double #000">400</td>
</tr>
</table>
</body></html>"""


def test_old_style_table_cells_headers_rules_and_context():
    grid = only_grid(OLD_STYLE, first_line=10)
    assert grid.source == SourceRef(PATH, 14, 1)
    assert [(c.text, c.source) for c in grid.context] == [
        ("Northwind Corp.", SourceRef(PATH, 11, 22)),
        ("CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS", SourceRef(PATH, 12, 22)),
        ("(In thousands, except per share amounts)", SourceRef(PATH, 13, 19)),
    ]
    assert grid.column_count == 2
    assert header_spans(grid) == [[("Three Months Ended", 0, 1)], [("June 30, 2009", 0, 0), ("June 30, 2008", 1, 1)]]
    assert grid.header[1][1].source == SourceRef(PATH, 23, 32)
    assert kinds(grid) == ["data", "data", "rule", "data", "rule"]
    net_sales, cost, rule, gross, double = grid.rows
    assert (net_sales.label, texts(net_sales)) == ("Net sales", ["$ 1,500", "$ 1,200"])
    assert (cost.label, texts(cost)) == ("Cost of sales", ["(900)", "800"])  # footnote <sup> dropped
    assert (gross.label, texts(gross)) == ("Gross margin", ["$ 600", "$ 400"])
    assert [net_sales.indent, cost.indent, gross.indent] == [0, 0, 20]  # margin-left plus text-indent
    assert not rule.double_rule and double.double_rule
    assert net_sales.source == SourceRef(PATH, 26, 50)
    assert net_sales.cells[0].source == SourceRef(PATH, 27, 29)
    assert rule.source == SourceRef(PATH, 33, 1)


def test_old_style_table_reads_as_a_statement():
    (statement,) = build_statements((only_grid(OLD_STYLE),))
    assert statement.kind.value == "income" and statement.scale == 3
    assert [str(c.period) for c in statement.columns] == ["2009-04-01/2009-06-30", "2008-04-01/2008-06-30"]
    assert [(line.label, line.is_total, [str(v.amount) for v in line.values]) for line in statement.lines] == [
        ("Net sales", False, ["1.500E+6", "1.200E+6"]),
        ("Cost of sales", False, ["-9.00E+5", "8.00E+5"]),
        ("Gross margin", True, ["6.00E+5", "4.00E+5"]),
    ]


# Inline XBRL as a Workiva-style filing prints it: the whole document on one line, hidden facts in
# ix:header, labels spanning three columns, padding shorthand for indents, borders on value cells.
INLINE_XBRL = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"><body>\n'
    '<div style="display:none"><ix:header><ix:hidden><ix:nonNumeric name="dei:DocumentType" contextRef="c1">'
    "10-Q</ix:nonNumeric></ix:hidden></ix:header></div>\n"
    '<div style="text-align:center"><span>CONDENSED CONSOLIDATED BALANCE SHEETS</span></div>'
    "<div><span>(In millions)</span></div>"
    '<table><tr><td colspan="3"></td><td colspan="3"><span>March 31, 2024</span></td>'
    '<td colspan="3"><span>December 31, 2023</span></td></tr>'
    '<tr><td colspan="3" style="padding:2px 1pt"><span>Current assets:</span></td>'
    '<td colspan="3" style="border-top:1pt solid #000"></td><td colspan="3" style="border-top:1pt solid #000"></td></tr>'
    '<tr><td colspan="3" style="padding:2px 1pt 2px 10pt"><span>Cash</span>'
    '<span style="font-size:6pt;position:relative;top:-3pt">1</span></td>'
    '<td><span>$</span></td><td><span><ix:nonFraction name="us-gaap:Cash" contextRef="c1" unitRef="usd" '
    'decimals="-6" scale="6">1,234</ix:nonFraction></span></td><td></td>'
    '<td><span>$</span></td><td><span><ix:nonFraction name="us-gaap:Cash" contextRef="c2" unitRef="usd" '
    'decimals="-6" scale="6">1,100</ix:nonFraction></span></td><td></td></tr>'
    '<tr><td colspan="3" style="padding:2px 1pt 2px 10pt"><span>Allowance</span></td>'
    '<td colspan="2"><span>(<ix:nonFraction name="us-gaap:Allowance" contextRef="c1" unitRef="usd" decimals="-6" '
    'scale="6" sign="-">56</ix:nonFraction></span></td><td><span>)</span></td>'
    '<td colspan="2"><span>&#8212;</span></td><td></td></tr>'
    '<tr><td colspan="3" style="padding:2px 1pt 2px 20pt"><span>Total current assets</span></td>'
    '<td colspan="2" style="border-top:1pt solid #000;border-bottom:2.5pt double #000"><span>1,178</span></td>'
    '<td style="border-top:1pt solid #000"></td>'
    '<td colspan="2" style="border-top:1pt solid #000"><span>1,100</span></td><td></td></tr></table>\n'
    "</body></html>"
)


def test_inline_xbrl_reads_as_printed():
    grid = only_grid(INLINE_XBRL)
    assert [c.text for c in grid.context] == ["CONDENSED CONSOLIDATED BALANCE SHEETS", "(In millions)"]
    assert header_spans(grid) == [[("March 31, 2024", 0, 0), ("December 31, 2023", 1, 1)]]
    # The rule under the headers marks no total; the one over "Total current assets" does.
    assert kinds(grid) == ["text", "data", "data", "rule", "data", "rule"]
    rows = grid.rows
    assert [(r.label, r.indent, texts(r)) for r in rows if r.kind is not RowKind.RULE] == [
        ("Current assets:", 1, [None, None]),
        ("Cash", 10, ["$ 1,234", "$ 1,100"]),  # the raised footnote "1" is not part of the label
        ("Allowance", 10, ["(56)", "\u2014"]),  # the displayed text, not the sign or scale attributes
        ("Total current assets", 20, ["1,178", "1,100"]),
    ]
    assert [r.double_rule for r in rows if r.kind is RowKind.RULE] == [False, True]
    line = INLINE_XBRL.split("\n")[3]
    cash = rows[1].cells[0].source
    assert cash.line == 4 and line[cash.column - 1 :].startswith("1,234</ix:nonFraction>")
    assert rows[1].source.line == 4 and line[rows[1].source.column - 1 :].startswith("Cash</span>")


# A page-layout table holding the title table and the statement; a caption; a note column; a
# label-area header cell; leading &nbsp; indents; a rule row of dashes.
LAYOUT = """<html><body>
<table><tr><td>
<table><tr><td align="center"><b>CONSOLIDATED STATEMENTS OF CASH FLOWS</b></td></tr>
<tr><td align="center">(Dollars in thousands)</td></tr></table>
<table>
<caption>Years ended December 31</caption>
<tr><td rowspan="2">Notes</td><td>Note</td><td>2009</td><td>2008</td></tr>
<tr><td></td><td>&nbsp;</td><td>&nbsp;</td></tr>
<tr><td>Net income</td><td>3</td><td>1,000</td><td>900</td></tr>
<tr><td>&nbsp;&nbsp;&nbsp;&nbsp;Depreciation</td><td></td><td>50</td><td>45</td></tr>
<tr><td>&nbsp;&nbsp;&nbsp;&nbsp;Other</td><td>4</td><td>-</td><td>(5)</td></tr>
<tr><td></td><td></td><td>--------</td><td>--------</td></tr>
<tr><td>Net cash provided by operating activities</td><td></td><td>1,050</td><td>940</td></tr>
</table>
</td></tr></table>
</body></html>"""


def test_layout_table_caption_note_column_and_nbsp_indent():
    grid = only_grid(LAYOUT)
    assert [(c.text, c.source.line) for c in grid.context] == [
        ("CONSOLIDATED STATEMENTS OF CASH FLOWS", 3),
        ("(Dollars in thousands)", 4),
        ("Years ended December 31", 6),
        ("Notes", 7),
    ]
    assert header_spans(grid) == [[("2009", 0, 0), ("2008", 1, 1)]]
    assert [(r.kind.value, r.label, r.indent, texts(r)) for r in grid.rows] == [
        ("data", "Net income", 0, ["1,000", "900"]),
        ("data", "Depreciation", 10, ["50", "45"]),
        ("data", "Other", 10, ["-", "(5)"]),
        ("rule", "", 0, [None, None]),
        ("data", "Net cash provided by operating activities", 0, ["1,050", "940"]),
    ]


def test_rowspan_keeps_columns_taken_in_the_rows_below():
    html = """<table>
<tr><td rowspan="3">Revenue<br>by segment</td><td>2010</td><td>2009</td></tr>
<tr><td>5</td><td>6</td></tr>
<tr><td>7</td><td>8</td></tr>
<tr><td>Total</td><td>12</td><td>14</td></tr>
</table>"""
    grid = only_grid(html)
    assert header_spans(grid) == [[("2010", 0, 0), ("2009", 1, 1)]]
    assert [(r.label, texts(r)) for r in grid.rows] == [("", ["5", "6"]), ("", ["7", "8"]), ("Total", ["12", "14"])]


@pytest.mark.parametrize(
    "cells, printed",
    [
        (["$", "1,234"], "$ 1,234"),
        (["$", "(1,234", ")"], "$ (1,234)"),
        (["(", "75", ")"], "(75)"),
        (["$(", "75", ")"], "$ (75)"),
        (["12.5", "%"], "12.5%"),
        (["(3.1", ")%"], "(3.1)%"),
        (["$ 1,234"], "$ 1,234"),
        (["\u2014"], "\u2014"),
        (["$", "\u2014"], "$ \u2014"),
        (["\u2212" + "42"], "-42"),
        (["1,234<sup>(a)</sup>"], "1,234"),
    ],
)
def test_affix_cells_merge_into_the_number(cells, printed):
    row = "".join(f"<td>{c}</td>" for c in cells)
    html = f"<table><tr><td>Label</td>{row}</tr><tr><td>Other</td><td colspan='{len(cells)}'>9</td></tr></table>"
    grid = only_grid(html)
    assert grid.column_count == 1
    assert texts(grid.rows[0]) == [printed]


@pytest.mark.parametrize(
    "style, weight",
    [
        ("border-top:1px solid #000", 1),
        ("border-top: #000000 1pt solid", 1),
        ("border-top-style:double;border-top-width:3px", 2),
        ("border-top:3px double black", 2),
        ("border-top:0px solid #000", 0),
        ("border-top:1px none", 0),
        ("border-top:1px #000", 0),  # no line style: no border
    ],
)
def test_border_styles_mark_rules(style, weight):
    html = f"""<table><tr><td>A</td><td>1</td></tr>
<tr><td>Total</td><td style="{style}">1</td></tr></table>"""
    rows = only_grid(html).rows
    if weight == 0:
        assert kinds(only_grid(html)) == ["data", "data"]
    else:
        assert [r.kind for r in rows] == [RowKind.DATA, RowKind.RULE, RowKind.DATA]
        assert rows[1].double_rule == (weight == 2)


def test_header_cells_on_other_column_boundaries_map_by_majority():
    # Word's HTML export: header cells cut the columns differently from the body rows.
    html = """<table>
<tr><td>&nbsp;</td><td colspan="2">2008</td><td colspan="3">2007</td></tr>
<tr><td>Cash</td><td>$</td><td colspan="2">618</td><td>$</td><td>206</td></tr>
</table>"""
    assert header_spans(only_grid(html)) == [[("2008", 0, 0), ("2007", 1, 1)]]


def test_context_stops_at_prose_and_at_the_previous_table():
    html = """<p>Revenue grew strongly in every region during the quarter, led by services and wearables.</p>
<p>SELECTED DATA</p>
<table><tr><td>Units</td><td>10</td></tr></table>
<p>BALANCE SHEETS</p>
<table><tr><td>Cash</td><td>5</td></tr></table>"""
    first, second = read_html_tables(html, PATH)
    assert [c.text for c in first.context] == ["SELECTED DATA"]
    assert [c.text for c in second.context] == ["BALANCE SHEETS"]


# Lines before a page break (the previous page's text, a footer, an audit report's date) are no
# context of the table on the next page; with nothing printed after the break, the lines before it are.
@pytest.mark.parametrize("between, context", [
    ('<p>Dallas, Texas</p><p>20 November 2018</p><p>58</p><div style="page-break-after:always"></div>'
     '<p>BALANCE SHEETS</p>', ["BALANCE SHEETS"]),
    ('<p>Dallas, Texas</p><p>58</p><hr style="page-break-after: always"/><p>Contents</p><p>BALANCE SHEETS</p>',
     ["Contents", "BALANCE SHEETS"]),
    ('<p>Dallas, Texas</p><div style="break-before:page"><p>BALANCE SHEETS</p></div>', ["BALANCE SHEETS"]),
    ('<p>BALANCE SHEETS</p><div style="page-break-after:always"></div>', ["BALANCE SHEETS"]),
    ('<p>Dallas, Texas</p><p>BALANCE SHEETS</p>', ["Dallas, Texas", "BALANCE SHEETS"]),
])
def test_context_starts_at_the_page_break(between, context):
    html = f"<html><body>{between}<table><tr><td></td><td>2009</td></tr><tr><td>Cash</td><td>5</td></tr></table></body></html>"
    assert [c.text for c in only_grid(html).context] == context


# A bracketed note printed in the label column under the column headers, above the first figures,
# is a note on the table (its scale), not a section header.
@pytest.mark.parametrize("rows, context, labels", [
    ("<tr><td>BALANCE SHEETS</td><td>2009</td></tr><tr><td>(In millions, except par value)</td><td></td></tr>"
     "<tr><td>Assets</td><td></td></tr><tr><td>Cash</td><td>5</td></tr>",
     ["BALANCE SHEETS", "(In millions, except par value)"], ["Assets", "Cash"]),
    ("<tr><td></td><td>2009</td></tr><tr><td>Current assets:</td><td></td></tr><tr><td>Cash</td><td>5</td></tr>"
     "<tr><td>(Deficit) of the year</td><td>(1)</td></tr>", [], ["Current assets:", "Cash", "(Deficit) of the year"]),
    ("<tr><td></td><td>2009</td></tr><tr><td>(Dollars in thousands)</td><td></td></tr><tr><td>Cash</td><td>5</td></tr>"
     "<tr><td>(Unaudited)</td><td></td></tr><tr><td>Debt</td><td>4</td></tr>",
     ["(Dollars in thousands)"], ["Cash", "(Unaudited)", "Debt"]),
])
def test_bracketed_note_under_the_headers_is_context(rows, context, labels):
    grid = only_grid(f"<table>{rows}</table>")
    assert [c.text for c in grid.context] == context
    assert [r.label for r in grid.rows if r.label] == labels


def test_tables_without_numbers_are_context_lines():
    html = """<table><tr><td>ACME CORP.</td></tr><tr><td>BALANCE SHEETS</td><td>(in millions)</td></tr></table>
<table><tr><td></td><td>2009</td></tr><tr><td>Cash</td><td>5</td></tr></table>"""
    grid = only_grid(html)
    assert [c.text for c in grid.context] == ["ACME CORP.", "BALANCE SHEETS (in millions)"]
    assert header_spans(grid) == [[("2009", 0, 0)]]


def test_courier_paragraphs_go_to_the_fixed_width_reader():
    pad = "&nbsp;"
    lines = [
        f"{pad * 10}BALANCE SHEETS",
        f"{pad * 24}2009{pad * 6}2008",
        f"Cash{pad * 18}${pad * 3}500{pad * 4}${pad * 3}400",
        f"Receivables{pad * 18}20{pad * 8}10",
        f"Total assets{pad * 13}${pad * 3}520{pad * 4}${pad * 3}410",
    ]
    html = "<html><body>\n" + "\n".join(f'<p style="font-family:Courier New">{line}</p>' for line in lines) + "\n</body></html>"
    grid = only_grid(html, first_line=100)
    assert [c.text for c in grid.context] == ["BALANCE SHEETS"]
    assert header_spans(grid) == [[("2009", 0, 0), ("2008", 1, 1)]]
    assert [(r.label, texts(r), r.source.line) for r in grid.rows] == [
        ("Cash", ["$ 500", "$ 400"], 103),
        ("Receivables", ["20", "10"], 104),
        ("Total assets", ["$ 520", "$ 410"], 105),
    ]


def test_pre_block_inside_html():
    html = "<html><body><p>Intro</p><pre>\n            2009      2008\nCash          50        40\nDebt          10         5\nTotal         60        45\n</pre></body></html>"
    grid = only_grid(html)
    assert [(r.label, texts(r)) for r in grid.rows if r.kind is RowKind.DATA] == [
        ("Cash", ["50", "40"]),
        ("Debt", ["10", "5"]),
        ("Total", ["60", "45"]),
    ]


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<p>no tables here",
        "<table></table>",
        "<table><tr><td>only text</td></tr></table>",
        "<table><tr><td>a<td>1<tr><td>b<td>2</table",  # unclosed cells and rows
        "<html><body><table><tr><td colspan='x' rowspan='999999'>Cash</td><td>5</td></tr></table>",
        '<?xml version="1.0" encoding="utf-8"?><html><body></body></html>',
        "<!DOCTYPE html SYSTEM \"http://example.invalid/x.dtd\"><html><body>&bogus;</body></html>",
    ],
)
def test_malformed_input_never_raises(html):
    read_html_tables(html, PATH)


def test_unclosed_cells_still_read():
    grid = only_grid("<table><tr><td>a<td>1<tr><td>b<td>2</table")
    assert [(r.label, texts(r)) for r in grid.rows] == [("a", ["1"]), ("b", ["2"])]


def test_line_numbers_beyond_libxml2s_limit():
    html = "<html><body>\n" + "<p>x</p>\n" * 70000 + "<table><tr><td>Cash</td><td>5</td></tr></table></body></html>"
    grid = only_grid(html)
    assert grid.source == SourceRef(PATH, 70002, 1)
    assert grid.rows[0].cells[0].source == SourceRef(PATH, 70002, 29)


# ----------------------------------------------------------------------------- corpus

CORPUS_FACTS = [
    # (file, statement title, header texts of the last header row, label, printed values)
    ("pairs/Microsoft_2011-06_10K.html", "INCOME STATEMENTS", ["2011", "2010", "2009"], "Revenue",
     ["$ 69,943", "$ 62,484", "$ 58,437"]),
    ("pairs/Apple_2023-07_10Q.htm", "CONDENSED CONSOLIDATED BALANCE SHEETS (Unaudited)",
     ["July 1, 2023", "September 24, 2022"], "Cash and cash equivalents", ["$ 28,408", "$ 23,646"]),
    ("pairs/Apple_2010-06_8K_EX99.1.txt", "UNAUDITED CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS",
     ["June 26, 2010", "June 27, 2009", "June 26, 2010", "June 27, 2009"], "Net sales",
     ["$ 15,700", "$ 9,734", "$ 44,882", "$ 30,698"]),
    ("html/Buckle_2024-11_8K_EX99.1.html", "CONSOLIDATED BALANCE SHEETS",
     ["November 2, 2024", "February 3, 2024 (1)", "October 28, 2023"], "Cash and cash equivalents",
     ["$ 301,958", "$ 268,213", "$ 311,657"]),
    ("html/TGFIN_2009-12_10K_courierhtml.txt", "CONSOLIDATED BALANCE SHEETS", ["2009", "2008"],
     "Cash and cash equivalents", ["$ 23,505", "$ 316,795"]),
    ("ixbrl/CocaCola_2025-06_10Q_ixbrl.htm", "CONSOLIDATED STATEMENTS OF INCOME",
     ["June 27, 2025", "June 28, 2024", "June 27, 2025", "June 28, 2024"], "Net Operating Revenues",
     ["$ 12,535", "$ 12,363", "$ 23,664", "$ 23,663"]),
]


def corpus_grids(relative: str):
    path = SHARED / "corpus" / relative
    if not path.exists():
        pytest.skip(f"{path} not available")
    document = read_document(path.read_bytes(), str(path))
    part = next(p for p in statement_parts(document) if p.is_html)
    return path, part, read_html_tables(part.text, str(path), part.first_line)


@pytest.mark.parametrize("relative, title, headers, label, values", CORPUS_FACTS)
def test_corpus_statement_facts(relative, title, headers, label, values):
    path, part, grids = corpus_grids(relative)
    grid = next(g for g in grids if g.context and any(c.text == title for c in g.context))
    assert [h.text for h in grid.header[-1]] == headers
    row = next(r for r in grid.rows if r.label == label)
    assert texts(row) == values
    # Every cell cites a line of the original file that holds its digits.
    lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
    cell = row.cells[-1]
    digits = cell.text.lstrip("$ (").rstrip(")")
    assert digits[:3] in lines[cell.source.line - 1]


def test_corpus_documents_read_without_errors():
    corpus = SHARED / "corpus"
    if not corpus.exists():
        pytest.skip(f"{corpus} not available")
    files = sorted(corpus.glob("html/*")) + sorted(corpus.glob("ixbrl/*")) + sorted(corpus.glob("pairs/*.htm*"))
    for path in files:
        document = read_document(path.read_bytes(), str(path))
        for part in document.parts:
            if part.is_html:
                grids = read_html_tables(part.text, str(path), part.first_line)
                assert all(g.column_count == len(r.cells) for g in grids for r in g.rows)



def _ruled_table(rows: list[tuple[str, str, str, str]]) -> str:
    """A balance sheet of (label, value, value, border style of the value cells) rows."""
    body = "".join(f'<tr><td>{label}</td><td style="{rule}">{a}</td><td style="{rule}">{b}</td></tr>' for label, a, b, rule in rows)
    return ("<html><body><p>CONSOLIDATED BALANCE SHEETS</p><p>(In millions)</p><table>"
            "<tr><td></td><td>June 30, 2024</td><td>December 31, 2023</td></tr>" + body + "</table></body></html>")


_LINE = "border-top:0.25pt solid #000"
_DOUBLE_UNDER = _LINE + ";border-bottom:3px double #000"


@pytest.mark.parametrize("last_but_one, totals", [
    # a line drawn above every row separates rows: only the wording marks a total
    (_LINE, ["Total current assets"]),
    # a double line keeps its meaning in such a table
    (_DOUBLE_UNDER, ["Total current assets", "Assets"]),
])
def test_a_rule_over_every_row_marks_no_total(last_but_one, totals):
    rows = [("Cash", "10", "9", _LINE), ("Receivables", "20", "18", _LINE), ("Inventories", "30", "27", _LINE),
            ("Total current assets", "60", "54", _LINE), ("Property, net", "40", "36", _LINE),
            ("Goodwill", "5", "5", last_but_one), ("Assets", "105", "95", _LINE)]
    (statement,) = build_statements((only_grid(_ruled_table(rows)),))
    assert [line.label for line in statement.lines if line.is_total] == totals
