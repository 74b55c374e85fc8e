"""Parenthetical facts: the numbers printed inside balance-sheet captions (converter/mapping/parenthetical.py)."""
from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal

import pytest

from converter.diagnostics import SourceRef
from converter.mapping.parenthetical import load_caption_table, parenthetical_facts
from converter.mapping.taxonomy import load_taxonomy
from converter.periods import Period
from converter.pipeline import convert
from converter.resources import taxonomy_dir
from converter.statements import Column, Statement, StatementKind, StatementLine, UnitKind, Value

Y24, Y23 = "2024-12-31", "2023-12-31"
COLUMNS = (Column(0, "2024", Period(date(2024, 12, 31))), Column(1, "2023", Period(date(2023, 12, 31))))


def _balance_sheet(*labels: str, scale: int = 3, share_scale: int = 0) -> Statement:
    lines = tuple(StatementLine(label, (), 1, (None, None), UnitKind.MONEY, False, SourceRef("bs.txt", 10 + i, 3))
                  for i, label in enumerate(labels))
    return Statement(StatementKind.BALANCE_SHEET, "Balance Sheets", COLUMNS, lines, scale, share_scale, SourceRef("bs.txt", 1))


def _facts(statement: Statement) -> list[tuple[str, str, str, object]]:
    facts, _ = parenthetical_facts((statement,))
    return sorted((f.concept, str(f.period), str(f.value), f.decimals) for f in facts)


def _both(concept: str, value: str, decimals: object = "INF") -> list[tuple[str, str, str, object]]:
    return [(concept, Y23, value, decimals), (concept, Y24, value, decimals)]


CASES = [
    ("Common stock, $0.01 par value; 500,000,000 shares authorized; 120,000,000 and 118,500,000 shares issued", 3, 0,
     _both("CommonStockParOrStatedValuePerShare", "0.01") + _both("CommonStockSharesAuthorized", "500000000")
     + [("CommonStockSharesIssued", Y23, "118500000", "INF"), ("CommonStockSharesIssued", Y24, "120000000", "INF")]),
    ("Accounts receivable, net of allowance of $1,234 and $1,100", 3, 0,
     [("AllowanceForDoubtfulAccountsReceivableCurrent", Y23, "1.100E+6", -3),
      ("AllowanceForDoubtfulAccountsReceivableCurrent", Y24, "1.234E+6", -3)]),
    ("Accounts receivable, less allowances of $2.1 million and $1.9 million, respectively", 3, 0,
     [("AllowanceForDoubtfulAccountsReceivableCurrent", Y23, "1.9E+6", -5),
      ("AllowanceForDoubtfulAccountsReceivableCurrent", Y24, "2.1E+6", -5)]),
    ("Preferred stock, no par value; 1,000,000 shares authorized; none issued", 3, 0,
     _both("PreferredStockSharesAuthorized", "1000000") + _both("PreferredStockSharesIssued", "0")),
    ("Treasury stock, at cost, 2,000,000 and 1,500,000 shares", 3, 0,
     [("TreasuryStockCommonShares", Y23, "1500000", "INF"), ("TreasuryStockCommonShares", Y24, "2000000", "INF")]),
    ("Receivables, net of allowance for doubtful accounts of $52 in 2024 and $48 in 2023", 3, 0,
     [("AllowanceForDoubtfulAccountsReceivableCurrent", Y23, "4.8E+4", -3),
      ("AllowanceForDoubtfulAccountsReceivableCurrent", Y24, "5.2E+4", -3)]),
    ("Treasury stock, at cost; 1,500 shares at December 31, 2023 and 2,000 shares at December 31, 2024", 3, 0,
     [("TreasuryStockCommonShares", Y23, "1500", "INF"), ("TreasuryStockCommonShares", Y24, "2000", "INF")]),
    ("Trade receivables, less allowance: 2024 - $424; 2023 - $457", 6, 6,
     [("AllowanceForDoubtfulAccountsReceivableCurrent", Y23, "4.57E+8", -6),
      ("AllowanceForDoubtfulAccountsReceivableCurrent", Y24, "4.24E+8", -6)]),
    ("Ordinary shares, par value $0.0001, 2.6 billion shares authorized, 1,330,498,304 and 1,330,809,036 shares issued and outstanding, respectively", 6, 6,
     _both("CommonStockParOrStatedValuePerShare", "0.0001") + _both("CommonStockSharesAuthorized", "2.6E+9", -8)
     + [("CommonStockSharesIssued", Y23, "1330809036", "INF"), ("CommonStockSharesIssued", Y24, "1330498304", "INF"),
        ("CommonStockSharesOutstanding", Y23, "1330809036", "INF"), ("CommonStockSharesOutstanding", Y24, "1330498304", "INF")]),
    ("Class A common stock, par value $0.05; authorized: 10,000 shares; issued: 1,796 shares", 6, 6,
     _both("CommonStockParOrStatedValuePerShare", "0.05") + _both("CommonStockSharesAuthorized", "1.0000E+10", -6)
     + _both("CommonStockSharesIssued", "1.796E+9", -6)),
    ("Preferred stock ($0.01 par value; 500 shares authorized; no shares issued or outstanding)", 6, 6,
     _both("PreferredStockParOrStatedValuePerShare", "0.01") + _both("PreferredStockSharesAuthorized", "5.00E+8", -6)
     + _both("PreferredStockSharesIssued", "0") + _both("PreferredStockSharesOutstanding", "0")),
    ("Property, plant and equipment, less accumulated depreciation of $9,527 and $9,234, respectively", 6, 6,
     [("AccumulatedDepreciationDepletionAndAmortizationPropertyPlantAndEquipment", Y23, "9.234E+9", -6),
      ("AccumulatedDepreciationDepletionAndAmortizationPropertyPlantAndEquipment", Y24, "9.527E+9", -6)]),
    ("Common stock, $1 par value (authorized 6,000,000,000 shares; 2,442,676,580 shares issued at December 31, 2024 and 2023)", 6, 6,
     _both("CommonStockParOrStatedValuePerShare", "1") + _both("CommonStockSharesAuthorized", "6000000000")
     + _both("CommonStockSharesIssued", "2442676580")),
    ("Treasury stock: (12/31/24 - 304,751,527 shares; 12/31/23 - 298,549,134 shares) at cost", 6, 6,
     [("TreasuryStockCommonShares", Y23, "298549134", "INF"), ("TreasuryStockCommonShares", Y24, "304751527", "INF")]),
    ("Treasury stock, $0.001 par value, 1,497 and 900 shares held", 3, 0,
     [("TreasuryStockCommonShares", Y23, "900", "INF"), ("TreasuryStockCommonShares", Y24, "1497", "INF")]),
    ("Preferred shares, $1.66 2/3 par value, authorized 20 million shares", 6, 0, _both("PreferredStockSharesAuthorized", "2.0E+7", -6)),
    ("Commitments and contingencies (Note 14)", 3, 0, []),
    ("Retained earnings, including $1,863 and $1,055 of other comprehensive income", 3, 0, []),
    ("Short-term investments (including securities loaned of $1,181 and $62)", 3, 0, []),
]


@pytest.mark.parametrize("caption, scale, share_scale, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_caption_numbers_become_facts_of_their_columns(caption, scale, share_scale, expected):
    assert _facts(_balance_sheet(caption, scale=scale, share_scale=share_scale)) == sorted(expected)


def test_a_count_in_the_share_scale_follows_the_par_value_arithmetic():
    """45,123,456 shares in a statement "in thousands": $0.01 par times the shares is the line's 451."""
    amounts = tuple(Value(Decimal(n), str(n), -3, SourceRef("bs.txt", 10, 60)) for n in (451000, 440000))
    line = StatementLine("Common stock, $0.01 par value; 45,123,456 shares issued", (), 1, amounts, UnitKind.MONEY, False, SourceRef("bs.txt", 10, 3))
    statement = Statement(StatementKind.BALANCE_SHEET, "Balance Sheets", COLUMNS, (line,), 3, 3, SourceRef("bs.txt", 1))
    assert _facts(statement) == sorted(_both("CommonStockParOrStatedValuePerShare", "0.01") + _both("CommonStockSharesIssued", "45123456"))


def test_values_that_fit_no_column_are_reported_not_converted():
    facts, diagnostics = parenthetical_facts((_balance_sheet("Common stock, 10, 20 and 30 shares issued"),))
    assert facts == ()
    assert [(d.code, d.source) for d in diagnostics] == [("XC411", SourceRef("bs.txt", 10, 17))]


def test_two_classes_with_their_own_counts_give_no_fact_of_the_undimensioned_concept():
    statement = _balance_sheet("Class A common stock, $0.01 par value; 7,500 shares authorized",
                               "Class B common stock, $0.01 par value; 75 shares authorized")
    facts, diagnostics = parenthetical_facts((statement,))
    assert sorted((f.concept, str(f.value)) for f in facts) == [("CommonStockParOrStatedValuePerShare", "0.01")] * 2
    assert [d.code for d in diagnostics] == ["XC412", "XC412"]


def test_every_concept_of_the_table_is_current_and_fits_its_unit():
    taxonomy = load_taxonomy()
    types = {UnitKind.PER_SHARE: "dtr-types:perShareItemType", UnitKind.SHARES: "xbrli:sharesItemType", UnitKind.MONEY: "xbrli:monetaryItemType"}
    rows = [row for row in load_caption_table().concepts if row.concept]
    assert rows
    for row in rows:
        concept = taxonomy.concept(row.concept)
        assert concept is not None and not taxonomy.is_deprecated(row.concept), row.concept
        assert (concept.data_type, concept.period_type) == (types[row.unit], "instant"), row.concept


def test_every_quantity_of_the_table_has_a_cue():
    with open(taxonomy_dir() / "caption-quantities.csv", newline="", encoding="utf-8") as handle:
        quantities = {row["quantity"] for row in csv.DictReader(line for line in handle if not line.startswith("#"))}
    assert quantities - set(load_caption_table().cues) == {"bare"}


BALANCE_SHEET = """\
                      EXAMPLE CORP
               CONSOLIDATED BALANCE SHEETS
                     (in thousands)

                                          December 31, December 31,
                                              2024        2023
                                          --------    --------
Cash                                      $  1,200    $  1,000
Accounts receivable, net of allowance
  of $40 and $35                             2,300       2,100
                                          --------    --------
Total assets                              $  3,500    $  3,100
                                          ========    ========
Accounts payable                          $    900    $    800
Common stock, $0.01 par value;
  10,000,000 shares authorized;
  5,000,000 and 4,800,000 shares issued         50          48
    Shares outstanding - December 31, 2024: 4,900,000
    Shares outstanding - December 31, 2023: 4,750,000
Retained earnings                            2,550       2,252
                                          --------    --------
Total liabilities and equity              $  3,500    $  3,100
                                          ========    ========
"""


def test_a_converted_balance_sheet_carries_its_caption_facts_in_its_own_contexts():
    conversion = convert(BALANCE_SHEET.encode(), "bs.txt")
    instance = conversion.instance
    periods = {c.id: str(c.period) for c in instance.contexts}
    line_contexts = {f.context_id for f in instance.facts if f.concept.name == "CashAndCashEquivalentsAtCarryingValue"}
    caption = {"CommonStockParOrStatedValuePerShare", "CommonStockSharesAuthorized", "CommonStockSharesIssued",
               "CommonStockSharesOutstanding", "AllowanceForDoubtfulAccountsReceivableCurrent"}
    got = sorted((f.concept.name, periods[f.context_id], str(f.value), f.unit_id, f.decimals, f"{f.source.line}:{f.source.column}")
                 for f in instance.facts if f.concept.name in caption)
    assert got == [
        ("AllowanceForDoubtfulAccountsReceivableCurrent", Y23, "3.5E+4", "USD", -3, "10:14"),
        ("AllowanceForDoubtfulAccountsReceivableCurrent", Y24, "4.0E+4", "USD", -3, "10:6"),
        ("CommonStockParOrStatedValuePerShare", Y23, "0.01", "USD_per_share", "INF", "15:15"),
        ("CommonStockParOrStatedValuePerShare", Y24, "0.01", "USD_per_share", "INF", "15:15"),
        ("CommonStockSharesAuthorized", Y23, "10000000", "shares", "INF", "16:3"),
        ("CommonStockSharesAuthorized", Y24, "10000000", "shares", "INF", "16:3"),
        ("CommonStockSharesIssued", Y23, "4800000", "shares", "INF", "17:17"),
        ("CommonStockSharesIssued", Y24, "5000000", "shares", "INF", "17:3"),
        ("CommonStockSharesOutstanding", Y23, "4750000", "shares", "INF", "19:45"),
        ("CommonStockSharesOutstanding", Y24, "4900000", "shares", "INF", "18:45"),
    ]
    assert {f.context_id for f in instance.facts if f.concept.name in caption} == line_contexts


def test_the_instance_with_caption_facts_is_valid(tmp_path):
    from converter.validation import validate_instance
    from converter.writers import write_output

    conversion = convert(BALANCE_SHEET.encode(), "bs.txt")
    files = write_output(conversion.instance, tmp_path)
    report = validate_instance(files.instance)
    assert [f"{m.code}: {m.text}" for m in report.messages if m.level not in ("warning", "info")] == []
    assert report.ok
