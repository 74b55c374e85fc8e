"""Nothing is dropped silently (issue 11): every numeric cell of every recognised statement is a fact or
a report entry, and a statement, a column or a value set aside as a whole is a warning. The made-up
documents first, then every document of ../shared/corpus (skipped without it)."""
import json
import os

import pytest

from converter.coverage import Fate, cell_coverage, coverage_counts
from converter.pipeline import convert

from .conftest import EXAMPLE, SHARED

OPERATIONS = """\
CONSOLIDATED STATEMENTS OF OPERATIONS
                                   Three Months Ended
                                       June 30,
                                   2008        2007
Revenues                          1,000         900
Cost of revenues                    600         500
Net income                          400         400
"""
BALANCE_DATED = """
CONSOLIDATED BALANCE SHEETS
                                       June 30,
                                   2008        2007
Cash                                100          90
Inventories                          50          40
Total assets                        150         130
"""
# headers that date nothing: the values have no period
BALANCE_UNREADABLE = """
CONSOLIDATED BALANCE SHEETS
                                  6/30/8X     12/31/8X
Cash                                100          90
Inventories                          50          40
Total assets                        150         130
"""
# one date in the title over two columns it cannot tell apart: both claim June 30, 2008
BALANCE_ONE_DATE = """
CONSOLIDATED BALANCE SHEETS
June 30, 2008
                                 Current      Prior
                                  period      period
Cash                                100          90
Inventories                          50          40
Total assets                        150         130
"""
# the cash flow's closing cash claims the balance sheet's date with another value
CASH_FLOWS = """
CONSOLIDATED STATEMENTS OF CASH FLOWS
                                   Three Months Ended
                                       June 30,
                                   2008        2007
Net income                          400         400
Net increase in cash                 10          20
Cash, beginning of period            95          75
Cash, end of period                 105          95
"""
# the same figures printed again under other captions: a fact of each printed cell
OPERATIONS_AGAIN = OPERATIONS.replace("OPERATIONS", "INCOME").replace("Cost of revenues", "Costs           ")

NEW_CODES = {"XC120", "XC121", "XC416"}

# (name, document, (facts, report entries, lost), the new warnings by code and line)
CASES = [
    ("dated", OPERATIONS + BALANCE_DATED, (12, 0, 0), []),
    ("unreadable headers", OPERATIONS + BALANCE_UNREADABLE, (6, 6, 0), [("XC120", 11)]),
    ("one date for two columns", OPERATIONS + BALANCE_ONE_DATE, (6, 6, 0), [("XC121", 12), ("XC120", 13)]),
    ("conflicting periods", BALANCE_DATED + CASH_FLOWS, (14, 0, 0), [("XC416", 13)]),
    ("repeated values", OPERATIONS + BALANCE_DATED + OPERATIONS_AGAIN, (18, 0, 0), []),
    ("printed twice", OPERATIONS + BALANCE_DATED + "\n" + OPERATIONS, (12, 6, 0), []),
]


@pytest.mark.parametrize("name, text, counts, warnings", CASES, ids=[c[0] for c in CASES])
def test_every_cell_is_a_fact_or_a_report_entry(name, text, counts, warnings):
    conversion = convert(text.encode(), "t.txt")
    found = coverage_counts(cell_coverage(conversion))
    assert (found["fact"], found["report entry"], found["lost"]) == counts
    new = [(d.code, d.source.line) for d in conversion.diagnostics if d.code in NEW_CODES]
    assert new == warnings
    assert all(d.severity.value == "warning" for d in conversion.diagnostics if d.code in NEW_CODES)


@pytest.mark.parametrize("text, reason", [
    (OPERATIONS + BALANCE_UNREADABLE, "no period known for column 1 ('6/30/8X')"),
    (OPERATIONS + BALANCE_ONE_DATE, "column 1 ('period') repeats the period 2008-06-30 of other columns: a sector or segment, not a consolidated amount"),
])
def test_a_balance_sheet_set_aside_lists_each_value(text, reason):
    report = convert(text.encode(), "t.txt").report()
    rows = [(r["label"], r["printed"]) for r in report["not_converted"] if r["reason"] == reason]
    assert rows == [("Cash", "100"), ("Inventories", "50"), ("Total assets", "150")]


def test_a_statement_printed_twice_is_a_report_entry_per_value():
    report = convert((OPERATIONS + BALANCE_DATED + "\n" + OPERATIONS).encode(), "t.txt").report()
    rows = [(r["source"], r["printed"]) for r in report["not_converted"]]
    assert rows == [("t.txt:20:35", "1,000"), ("t.txt:20:49", "900"), ("t.txt:21:37", "600"), ("t.txt:21:49", "500"),
                    ("t.txt:22:37", "400"), ("t.txt:22:49", "400")]
    assert report["not_converted"][0]["reason"] == ("the statement repeats the one at t.txt:5: the same line at t.txt:5:1 "
                                                    "with the same figures, whose values are the facts")


def test_conflicting_values_are_report_entries():
    conversion = convert((BALANCE_DATED + CASH_FLOWS).encode(), "t.txt")
    rows = [(r["source"], r["printed"], r["concept"], r["period"], r["converted_as"]) for r in conversion.report()["conflicts"]]
    assert rows == [
        ("t.txt:16:37", "105", "us-gaap:CashAndCashEquivalentsAtCarryingValue", "2008-06-30", "unknown:CashEndOfPeriod"),
        ("t.txt:16:50", "95", "us-gaap:CashAndCashEquivalentsAtCarryingValue", "2007-06-30", "unknown:CashEndOfPeriod"),
    ]
    assert conversion.report()["conflicts"][0]["reason"].startswith("conflicts with the value 100 printed at t.txt:5:37")
    json.dumps(conversion.report())


def test_repeated_values_are_consistent_duplicate_facts():
    conversion = convert((OPERATIONS + BALANCE_DATED + OPERATIONS_AGAIN).encode(), "t.txt")
    revenues = [(f.context_id, f.value, f.source.line) for f in conversion.instance.facts if f.concept.name == "Revenues"]
    assert revenues == [("d20080401-20080630", 1000, 5), ("d20070401-20070630", 900, 5),
                        ("d20080401-20080630", 1000, 19), ("d20070401-20070630", 900, 19)]


def test_the_warnings_reach_standard_error(tmp_path):
    from click.testing import CliRunner

    from converter.cli import main

    source = tmp_path / "t.txt"
    source.write_text(OPERATIONS + BALANCE_ONE_DATE + CASH_FLOWS)
    result = CliRunner().invoke(main, ["convert", str(source), "-o", str(tmp_path / "out"), "--no-validate"])
    assert result.exit_code == 0
    assert [code for code in sorted(NEW_CODES) if f"warning {code}" in result.stderr] == ["XC120", "XC121"]


# ----------------------------------------------------------------------------- the corpus

def _documents() -> list:
    if not (SHARED / "corpus").is_dir():
        return []
    from bench.coverage import corpus_paths

    folders = ["text", "html", "pairs", "ixbrl"] + (["more"] if os.environ.get("XC_COVERAGE_MORE") else [])
    return corpus_paths(folders) + [p for p in (SHARED / "seed" / "biosphere-medical-2007q2-ex99-1.txt", EXAMPLE) if p.exists()]


DOCUMENTS = _documents()


@pytest.fixture(scope="module")
def corpus_coverage():
    from bench.coverage import coverage_rows, totals

    rows = coverage_rows(DOCUMENTS, jobs=os.cpu_count() or 1)
    print(f"\ncorpus cells ({len(rows)} documents): {totals(rows)}")
    return {path: row for path, row in zip(DOCUMENTS, rows)}


@pytest.mark.skipif(not DOCUMENTS, reason="../shared/corpus is not available")
@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.name for p in DOCUMENTS])
def test_no_cell_of_the_corpus_is_lost(path, corpus_coverage):
    row = corpus_coverage[path]
    print(row.name, row.counts)
    assert (row.error, row.lost) == ("", ())
