"""The mapping layer: printed lines to concepts, signs, and the calculations the arithmetic shows."""
from decimal import Decimal

import pytest

from converter.mapping.labels import normalize
from converter.mapping.mapper import ExtensionNaming, map_statements
from converter.mapping.taxonomy import load_taxonomy
from converter.statements import build_statements
from converter.tables.text import read_text_tables

NAMING = ExtensionNaming("acme", "http://example.com/acme")


def _map(text: str):
    statements = build_statements(read_text_tables(text, "t.txt"))
    return map_statements(statements, load_taxonomy(), NAMING)


@pytest.mark.parametrize("label, normalized", [
    ("Total liabilities and stockholders' equity", "total liabilities and stockholders equity"),
    ("Additional paid-in capital", "additional paidin capital"),
    ("Property, plant & equipment, net", "property plant and equipment net"),
    ("Net income (loss) (1)", "net income loss"),
    ("Income before taxes*", "income before taxes"),
    ("Cost of sales:", "cost of sales"),
])
def test_normalize(label, normalized):
    assert normalize(label) == normalized


INCOME = """\
               STATEMENTS OF OPERATIONS
         (in thousands, except per share data)
                                             Year Ended December 31,
                                                2008          2007
{line:<44}{a:>8}      {b:>8}
  Other                                            1             2
"""

BALANCE = """\
               BALANCE SHEETS
               (in thousands)
                                             December 31,  December 31,
                                                2008          2007
{line:<44}{a:>8}      {b:>8}
  Other                                            1             2
"""


@pytest.mark.parametrize("template, line, a, b, concepts, values", [
    (INCOME, "Net sales", "1,000", "900", ["Revenues"], ["1000000", "900000"]),
    (INCOME, "Loss from operations", "(499)", "(1,214)", ["OperatingIncomeLoss"], ["-499000", "-1214000"]),
    (INCOME, "Income from operations", "499", "(12)", ["OperatingIncomeLoss"], ["499000", "-12000"]),
    (INCOME, "Preferred stock dividends", "(138)", "(130)", ["PreferredStockDividendsIncomeStatementImpact"], ["138000", "130000"]),
    (INCOME, "Provision for income taxes", "583", "235", ["IncomeTaxExpenseBenefit"], ["583000", "235000"]),
    (INCOME, "Income tax benefit (expense)", "(50)", "20", ["IncomeTaxExpenseBenefit"], ["50000", "-20000"]),
    (INCOME, "Other income (expense), net", "(35)", "12", ["NonoperatingIncomeExpense"], ["-35000", "12000"]),
    (INCOME, "Net loss", "(267)", "(985)", ["NetIncomeLoss"], ["-267000", "-985000"]),
    (INCOME, "Research and development", "564", "691", ["ResearchAndDevelopmentExpense"], ["564000", "691000"]),
    (INCOME, "Net loss per share, basic and diluted", "(0.02)", "(0.06)", ["EarningsPerShareBasic", "EarningsPerShareDiluted"], ["-0.02", "-0.06"]),
    (INCOME, "Weighted average shares, basic", "17,571", "17,318", ["WeightedAverageNumberOfSharesOutstandingBasic"], ["17571000", "17318000"]),
    (BALANCE, "Cash and cash equivalents", "12,340", "9,875", ["CashAndCashEquivalentsAtCarryingValue"], ["12340000", "9875000"]),
    (BALANCE, "Accounts payable", "2,480", "2,115", ["AccountsPayableCurrent"], ["2480000", "2115000"]),
    (BALANCE, "Total stockholders' equity", "21,195", "18,300", ["StockholdersEquity"], ["21195000", "18300000"]),
    (BALANCE, "Accumulated deficit", "(5,100)", "(4,000)", ["RetainedEarningsAccumulatedDeficit"], ["-5100000", "-4000000"]),
])
def test_lines_map_to_concepts_with_xbrl_signs(template, line, a, b, concepts, values):
    (mapped,) = _map(template.format(line=f"  {line}", a=a, b=b))
    first = mapped.lines[0]
    assert [c.name for c in first.concepts] == concepts
    assert [v.amount * first.sign for v in first.line.values] == [Decimal(v) for v in values]


def test_unknown_line_becomes_an_extension_concept():
    (mapped,) = _map(INCOME.format(line="  Flux capacitor royalties", a="10", b="20"))
    line = mapped.lines[0]
    assert line.is_extension
    (concept,) = line.concepts
    assert (concept.qname, concept.data_type, concept.period_type, concept.balance) == (
        "acme:FluxCapacitorRoyalties", "xbrli:monetaryItemType", "duration", "credit")


def test_a_concept_is_used_once_per_statement():
    text = INCOME.format(line="  Revenues", a="10", b="20").replace("  Other    ", "  Sales    ")
    (mapped,) = _map(text)
    assert [line.concepts[0].qname for line in mapped.lines] == ["us-gaap:Revenues", "acme:Sales"]


OPERATIONS = """\
               STATEMENTS OF OPERATIONS
                  (in thousands)
                                   Year Ended December 31,
                                      2008          2007
  Revenues                          10,450         9,120
  Cost of revenues                   4,180         3,740
                                   -------       -------
  Gross profit                       6,270         5,380
  Operating expenses                 4,570         4,720
                                   -------       -------
  Income from operations             1,700           660
  Preferred stock dividends           (100)         (100)
                                   -------       -------
  Net income applicable to common
    stockholders                     1,600           560
"""


def test_totals_get_their_components_from_the_arithmetic():
    (mapped,) = _map(OPERATIONS)
    relations = [(mapped.lines[r.total].concepts[0].name, mapped.lines[r.component].concepts[0].name, r.weight)
                 for r in mapped.calculations]
    assert relations == [
        ("GrossProfit", "Revenues", 1), ("GrossProfit", "CostOfRevenue", -1),
        ("OperatingIncomeLoss", "GrossProfit", 1), ("OperatingIncomeLoss", "OperatingExpenses", -1),
        ("NetIncomeLossAvailableToCommonStockholdersBasic", "OperatingIncomeLoss", 1),
        ("NetIncomeLossAvailableToCommonStockholdersBasic", "PreferredStockDividendsIncomeStatementImpact", -1),
    ]
    assert mapped.diagnostics == ()


def test_a_total_that_does_not_foot_is_reported():
    (mapped,) = _map(OPERATIONS.replace("6,270", "6,271"))
    codes = [(d.code, d.source.line) for d in mapped.diagnostics]
    assert ("XC501", 8) in codes
