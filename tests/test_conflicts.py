"""Facts two statements would report differently: the later line moves to an extension (conflicts.py)."""
from converter.mapping.conflicts import resolve_conflicts
from converter.mapping.mapper import ExtensionNaming, map_statements
from converter.mapping.taxonomy import load_taxonomy
from converter.statements import build_statements
from converter.tables.text import read_text_tables

NAMING = ExtensionNaming("acme", "http://example.com/acme")

# The cash flow's cash (with restricted cash) differs from the balance sheet's cash at the same date.
DOCUMENT = """\
               BALANCE SHEETS
               (in thousands)
                                             December 31,  December 31,
                                                2008          2007
  Cash and cash equivalents                     1,000           800
  Other assets                                  2,000         1,800
                                              -------       -------
  Total assets                                  3,000         2,600

               STATEMENTS OF CASH FLOWS
                  (in thousands)
                                             Year Ended December 31,
                                                2008          2007
  Net income                                      250           100
  Net increase in cash and cash equivalents       250           100
  Cash and cash equivalents, beginning of year    850           750
                                              -------       -------
  Cash and cash equivalents, end of year        1,100           850
"""


def _resolved(text: str):
    statements = build_statements(read_text_tables(text, "t.txt"))
    mapped = map_statements(statements, load_taxonomy(), NAMING)
    return resolve_conflicts(mapped, NAMING)


def test_a_conflicting_balance_moves_to_an_instant_extension():
    (balance_sheet, cash_flow), diagnostics = _resolved(DOCUMENT)
    assert balance_sheet.lines[0].concepts[0].qname == "us-gaap:CashAndCashEquivalentsAtCarryingValue"
    moved = {line.line.label: line.concepts[0] for line in cash_flow.lines if line.is_extension}
    assert {label: (c.qname, c.period_type) for label, c in moved.items()} == {
        "Cash and cash equivalents, beginning of year": ("acme:CashAndCashEquivalentsBeginningOfYear", "instant"),
        "Cash and cash equivalents, end of year": ("acme:CashAndCashEquivalentsEndOfYear", "instant"),
    }
    assert [(d.code, d.severity.value) for d in diagnostics] == [("XC402", "info"), ("XC402", "info"), ("XC416", "warning")]


def test_beginning_and_ending_under_a_cash_header_are_balances_at_the_period_ends():
    text = DOCUMENT.replace("  Cash and cash equivalents, beginning of year    850           750\n",
                            "  Cash and cash equivalents:\n    Beginning                                     800           700\n")
    text = text.replace("  Cash and cash equivalents, end of year        1,100           850",
                        "    Ending                                      1,000           800")
    text = text.replace("Net increase in cash and cash equivalents       250           100",
                        "Net increase in cash and cash equivalents       200           100")
    (balance_sheet, cash_flow), diagnostics = _resolved(text)
    opening, closing = cash_flow.lines[-2:]
    assert (opening.line.full_label, opening.line.is_opening_balance) == ("Cash and cash equivalents, beginning", True)
    assert (closing.line.full_label, closing.line.is_opening_balance) == ("Cash and cash equivalents, ending", False)
    assert [line.concepts[0].qname for line in (opening, closing)] == ["us-gaap:CashAndCashEquivalentsAtCarryingValue"] * 2
    assert diagnostics == []
