"""Malformed numbers and rows cut off are reported, never half-read, glued to the label or lost
(issue 11). Every input here is made up."""
import re
from decimal import Decimal

import pytest

from converter.pipeline import convert

HEAD = """CONSOLIDATED BALANCE SHEETS
(in thousands)
                     December 31,
                         2008      2007
Cash                      100        90
"""
TAIL = """Total assets              150       130
"""


def _statement(label: str, printed: str) -> str:
    """A balance sheet whose third line prints `printed` right-aligned in the first value column."""
    return f"{HEAD}{label}{printed:>{29 - len(label)}}        40\n{TAIL}"


def _line(conversion, label):
    (line,) = [ln for s in conversion.statements for ln in s.lines if ln.label == label]
    return line


@pytest.mark.parametrize("printed", ["(5", "5)", "1,23,4", "12..5", "1.2.3", "(1,234", "1,234)", "$(5", "12.5.%"])
def test_a_malformed_number_is_reported_and_read_as_nothing(printed):
    conversion = convert(_statement("Receivables", printed).encode(), "m.txt")
    source = f"m.txt:6:{29 - len(printed) + 1}"
    line = _line(conversion, "Receivables")
    assert [v.printed if v else None for v in line.values] == [None, "40"]
    assert not [f for f in conversion.instance.facts if f.source and str(f.source) == source]
    reason = f"malformed number {printed!r}"
    assert {"source": source, "label": "Receivables", "printed": printed, "reason": reason} in conversion.report()["not_converted"]
    assert [(str(d.source), d.message) for d in conversion.diagnostics if d.code == "XC202"] == [(source, f"{reason}: not read as a value")]


@pytest.mark.parametrize("printed, amount, percent", [
    ("(1,234)", Decimal("-1234000"), False),
    ("$(1,234)", Decimal("-1234000"), False),
    ("$ (1,234)", Decimal("-1234000"), False),
    ("($1,234)", Decimal("-1234000"), False),
    ("(1,234 )", Decimal("-1234000"), False),  # the closing parenthesis printed apart
    ("(1,234)%", Decimal("-1234"), True),
    ("12.5%", Decimal("12.5"), True),
    ("(12.5%)", Decimal("-12.5"), True),
    ("1,234*", Decimal("1234000"), False),
    ("1,234**", Decimal("1234000"), False),
    ("3,000(1)", Decimal("3000000"), False),  # a footnote mark glued to the number
    ("(12,329)(6)", Decimal("-12329000"), False),
    ("-0-", Decimal("0"), False),
    ("--", Decimal("0"), False),
    ("-", Decimal("0"), False),
    ("$  1,234", Decimal("1234000"), False),
    ("-1,234", Decimal("-1234000"), False),
    ("1,234.56", Decimal("1234560"), False),
    ("1,234,567", Decimal("1234567000"), False),
    (".57", Decimal("570"), False),
])
def test_a_printed_number_keeps_its_exact_value(printed, amount, percent):
    conversion = convert(_statement("Receivables", printed).encode(), "m.txt")
    value = _line(conversion, "Receivables").values[0]
    assert (value.amount, value.is_percent, value.printed) == (amount, percent, printed.replace("$  ", "$ "))
    assert not [d for d in conversion.diagnostics if d.code in ("XC202", "XC203")]


@pytest.mark.parametrize("label", [
    "Receivables (1)", "Receivables, net (a)", "Loans (Note 3)", "Note 3", "Balance at June 30, 2007",
    "Receivables 1,23,4",  # a number glued to the label by one space is label text, malformed or not
])
def test_numbers_in_a_label_stay_label_text(label):
    conversion = convert(_statement(label, "75").encode(), "m.txt")
    assert [v.printed if v else None for v in _line(conversion, label).values] == ["75", "40"]
    assert not [d for d in conversion.diagnostics if d.code == "XC202"]


def test_a_malformed_number_left_of_the_value_columns_is_label_text():
    text = f"{HEAD}Receivables  1,23,4          75        40\n{TAIL}"
    conversion = convert(text.encode(), "m.txt")
    assert [v.printed if v else None for v in _line(conversion, "Receivables  1,23,4").values] == ["75", "40"]
    assert not [d for d in conversion.diagnostics if d.code == "XC202"]


def test_a_number_printed_with_a_stray_space_is_one_number():
    conversion = convert(_statement("Receivables", "4,180 ,000").encode(), "m.txt")
    assert [v.amount for v in _line(conversion, "Receivables").values] == [Decimal("4180000000"), Decimal("40000")]


def test_html_malformed_numbers_are_reported():
    rows = [("Cash", "100", "90"), ("Receivables", "(5", "(40</td><td>)"), ("Inventories", "12..5", "1,23,4"), ("Total assets", "150", "130")]
    body = "\n".join(f"<tr><td>{a}</td><td>{b}</td><td>{c}</td></tr>" for a, b, c in rows)
    page = (f"<html><body><p>CONSOLIDATED BALANCE SHEETS</p><p>(in thousands)</p><table>\n"
            f"<tr><td></td><td>December 31, 2008</td><td>December 31, 2007</td></tr>\n{body}\n</table></body></html>")
    conversion = convert(page.encode(), "m.htm")
    assert [v.printed if v else None for v in _line(conversion, "Receivables").values] == [None, "(40)"]
    assert [v for v in _line(conversion, "Inventories").values] == [None, None]
    entries = [(e["label"], e["printed"], e["reason"]) for e in conversion.report()["not_converted"]]
    assert entries == [("Receivables", "(5", "malformed number '(5'"), ("Inventories", "12..5", "malformed number '12..5'"),
                       ("Inventories", "1,23,4", "malformed number '1,23,4'")]


STATEMENT = HEAD + """Receivables             $ (45)     $ 40
Inventories             1,234      1,100
Total assets          $ 1,289    $ 1,230
"""


def _printed_numbers(line: str) -> list[tuple[int, str]]:
    return [(m.start() + 1, m.group(0)) for m in re.finditer(r"\(?\d[\d,]*\)?", line) if m.start() >= 12]


@pytest.mark.parametrize("offset", range(STATEMENT.index("Receivables"), len(STATEMENT) + 1))
def test_a_statement_cut_anywhere_loses_no_number_silently(offset):
    """Each number printed in the cut text is a fact, a report entry or named by a warning, and a
    row cut short is a warning with its line."""
    text = STATEMENT[:offset]
    conversion = convert(text.encode(), "cut.txt")
    facts = {str(f.source) for f in conversion.instance.facts if f.source}
    entries = {e["source"]: e for e in conversion.report()["not_converted"]}
    cut = [d for d in conversion.diagnostics if d.code == "XC203"]
    lines = text.split("\n")
    for number, line in enumerate(lines[5:], 6):
        for column, printed in _printed_numbers(line):
            dollar = line.rfind("$", 0, column - 1)
            starts = {column} | ({dollar + 1} if dollar >= 0 and not line[dollar + 1 : column - 1].strip() else set())
            where = {f"cut.txt:{number}:{c}" for c in starts}
            assert where & facts or where & set(entries) or any(str(d.source) in where for d in cut), (offset, line, printed)
    last = lines[-1]
    complete = not last or any(last == ln for ln in STATEMENT.split("\n"))
    assert bool(cut) == (not complete), (offset, last, cut)
    if cut:
        assert str(cut[0].source).startswith(f"cut.txt:{len(lines)}")


@pytest.mark.parametrize("cut, entry, message, values", [
    ("Total assets          $ 1,28", ("cut.txt:8:23", "$ 1,28"), "its last number '$ 1,28' may be cut short, not read", [None, None]),
    ("Total assets          $ 1,289    $ 1", ("cut.txt:8:34", "$ 1"), "its last number '$ 1' may be cut short, not read", ["$ 1,289", None]),
    ("Total assets          $ 1,289", None, "the values of its last columns are missing", ["$ 1,289", None]),
])
def test_a_row_cut_off_is_a_warning_and_a_report_entry(cut, entry, message, values):
    text = STATEMENT[: STATEMENT.index(cut) + len(cut)]
    conversion = convert(text.encode(), "cut.txt")
    (warning,) = [d for d in conversion.diagnostics if d.code == "XC203"]
    assert warning.message == f"the input ends in the middle of this row ('Total assets'): {message}"
    rows = [(e["source"], e["printed"]) for e in conversion.report()["not_converted"] if "input ends" in e["reason"]]
    assert rows == ([entry] if entry else [])
    assert [v.printed if v else None for v in _line(conversion, "Total assets").values] == values


def test_a_label_cut_off_below_a_table_is_a_warning():
    text = STATEMENT[: STATEMENT.index("Total assets") + len("Total a")]
    conversion = convert(text.encode(), "cut.txt")
    assert [(str(d.source), d.message) for d in conversion.diagnostics if d.code == "XC203"] == [
        ("cut.txt:8", "the input ends in the middle of this line ('Total a'): a row of the table may be cut off")]


def test_a_file_ending_without_a_line_break_after_a_whole_row_is_whole():
    conversion = convert(STATEMENT.rstrip("\n").encode(), "whole.txt")
    assert not [d for d in conversion.diagnostics if d.code == "XC203"]
    assert [v.printed for v in _line(conversion, "Total assets").values] == ["$ 1,289", "$ 1,230"]


@pytest.mark.parametrize("text, name, source", [
    # the first row of a table cut off: no table is built of it, the input's end is still named
    (HEAD.replace("Cash                      100        90\n", "Cash                      1"), "first.txt", "first.txt:5"),
    # an HTML page cut in the middle of a cell
    ("<html><body><p>CONSOLIDATED BALANCE SHEETS</p><table>\n<tr><td></td><td>December 31, 2008</td></tr>\n"
     "<tr><td>Cash</td><td>100</td></tr>\n<tr><td>Total assets</td><td>13", "cut.htm", "cut.htm:4"),
])
def test_an_input_cut_off_elsewhere_is_a_warning(text, name, source):
    from converter.diagnostics import ConversionError

    try:
        diagnostics = convert(text.encode(), name).diagnostics
    except ConversionError as failure:
        diagnostics = failure.diagnostics
    assert [str(d.source) for d in diagnostics if d.code == "XC203"] == [source]


def test_a_whole_page_ending_without_a_line_break_is_whole():
    page = ("<html><body><p>CONSOLIDATED BALANCE SHEETS</p><table>\n<tr><td></td><td>December 31, 2008</td></tr>\n"
            "<tr><td>Cash</td><td>100</td></tr>\n<tr><td>Total assets</td><td>130</td></tr></table></body></html>")
    from converter.diagnostics import ConversionError

    try:
        diagnostics = convert(page.encode(), "whole.htm").diagnostics
    except ConversionError as failure:
        diagnostics = failure.diagnostics
    assert not [d for d in diagnostics if d.code == "XC203"]
