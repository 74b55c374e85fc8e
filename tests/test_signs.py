"""Signs as XBRL wants them: concept, label and the statement's own arithmetic (signs.py, arithmetic.py)."""
from decimal import Decimal

import pytest

from converter.mapping.mapper import ExtensionNaming, map_statements
from converter.mapping.signs import cash_direction, sign_prior
from converter.mapping.taxonomy import load_taxonomy
from converter.statements import build_statements
from converter.tables.text import read_text_tables

NAMING = ExtensionNaming("acme", "http://example.com/acme")


def _map(text: str):
    statements = build_statements(read_text_tables(text, "t.txt"))
    return map_statements(statements, load_taxonomy(), NAMING)


def _values(mapped, label: str) -> list[Decimal]:
    (line,) = [m for m in mapped.lines if m.line.label.startswith(label)]
    return [v.amount * line.sign for v in line.line.values if v is not None]


def _relations(mapped) -> list[tuple[str, str, int]]:
    return [(mapped.lines[r.total].concepts[0].name, mapped.lines[r.component].concepts[0].name, r.weight)
            for r in mapped.calculations]


# Costs printed in parentheses and added: the arithmetic keeps them positive, the benefit negative.
SIGNED_OPERATIONS = """\
               STATEMENTS OF OPERATIONS
                  (in thousands)
                                   Year Ended December 31,
                                      2008          2007
  Revenues                          10,450         9,120
  Cost of revenues                  (4,180)       (3,740)
                                   -------       -------
  Gross profit                       6,270         5,380
  Research and development          (7,570)       (4,720)
                                   -------       -------
  Loss from operations              (1,300)          660
  Benefit from income taxes            300          (100)
                                   -------       -------
  Net income (loss)                 (1,000)          560
"""

# The same printed positive under a caption that is subtracted.
COST_SECTION = """\
               STATEMENTS OF OPERATIONS
                  (in thousands)
                                   Year Ended December 31,
                                      2008          2007
  Revenues                          10,450         9,120
  Costs and expenses:
    Cost of revenues                 4,180         3,740
    Flux capacitor royalties         7,570         4,720
                                   -------       -------
  Total costs and expenses          11,750         8,460
                                   -------       -------
  Loss from operations              (1,300)          660
  Income tax expense (benefit)        (300)          100
                                   -------       -------
  Net income (loss)                 (1,000)          560
"""


@pytest.mark.parametrize("text, label, values", [
    (SIGNED_OPERATIONS, "Cost of revenues", ["4180000", "3740000"]),
    (SIGNED_OPERATIONS, "Research and development", ["7570000", "4720000"]),
    (SIGNED_OPERATIONS, "Loss from operations", ["-1300000", "660000"]),
    (SIGNED_OPERATIONS, "Benefit from income taxes", ["-300000", "100000"]),
    (SIGNED_OPERATIONS, "Net income (loss)", ["-1000000", "560000"]),
    (COST_SECTION, "Cost of revenues", ["4180000", "3740000"]),
    (COST_SECTION, "Flux capacitor royalties", ["7570000", "4720000"]),
    (COST_SECTION, "Income tax expense (benefit)", ["-300000", "100000"]),
    (COST_SECTION, "Net income (loss)", ["-1000000", "560000"]),
])
def test_income_statement_signs_follow_the_arithmetic(text, label, values):
    (mapped,) = _map(text)
    assert _values(mapped, label) == [Decimal(v) for v in values]


def test_signed_contribution_statement_gets_consistent_calculations():
    (mapped,) = _map(SIGNED_OPERATIONS)
    assert _relations(mapped) == [
        ("GrossProfit", "Revenues", 1), ("GrossProfit", "CostOfRevenue", -1),
        ("OperatingIncomeLoss", "GrossProfit", 1), ("OperatingIncomeLoss", "ResearchAndDevelopmentExpense", -1),
        ("NetIncomeLoss", "OperatingIncomeLoss", 1), ("NetIncomeLoss", "IncomeTaxExpenseBenefit", -1),
    ]
    assert [d for d in mapped.diagnostics if d.code == "XC501"] == []  # every total foots


def test_an_extension_in_a_cost_section_takes_the_debit_side():
    (mapped,) = _map(COST_SECTION)
    (royalties,) = [m for m in mapped.lines if m.is_extension]
    assert royalties.concepts[0].balance == "debit"
    assert ("CostsAndExpenses", royalties.concepts[0].name, 1) in _relations(mapped)


# Minority interest added to reach net income: the holders absorbed a loss, whatever the caption says.
MINORITY = """\
               STATEMENTS OF OPERATIONS
                  (in thousands)
                                       Year Ended December 31,
                                   2008       2007       2006       2005
  Income before income taxes      1,025        246        850        513
  Income tax expense                120         95         27         78
  Minority income in subsidiary      26         22         58          0
                                  -----      -----      -----      -----
  Net income                        931        173        881        435
"""


def test_arithmetic_overrides_a_caption_when_enough_columns_agree():
    (mapped,) = _map(MINORITY)
    assert _values(mapped, "Minority income") == [Decimal(v) for v in ("-26000", "-22000", "-58000", "0")]


CASH_FLOWS = """\
               STATEMENTS OF CASH FLOWS
                  (in thousands)
                                             Year Ended December 31,
                                                2008          2007
  Net income (loss)                           (1,000)          560
  Depreciation and amortization                  400           350
  Gain on sale of equipment                      (50)            -
  (Increase) decrease in accounts receivable    (200)          100
  Increase (decrease) in accounts payable         150          (80)
                                              -------       -------
  Net cash provided by (used in) operating
    activities                                  (700)          930
  Purchases of property and equipment          (1,200)         (900)
  Proceeds from sale of equipment                 300             -
                                              -------       -------
  Net cash used in investing activities          (900)         (900)
  Cash paid for income taxes                      120            80
"""


@pytest.mark.parametrize("label, values", [
    ("Net income (loss)", ["-1000000", "560000"]),
    ("Depreciation and amortization", ["400000", "350000"]),
    ("Gain on sale of equipment", ["50000", "0"]),
    ("(Increase) decrease in accounts receivable", ["200000", "-100000"]),
    ("Increase (decrease) in accounts payable", ["150000", "-80000"]),
    ("Net cash provided by (used in) operating", ["-700000", "930000"]),
    ("Purchases of property and equipment", ["1200000", "900000"]),
    ("Proceeds from sale of equipment", ["300000", "0"]),
    ("Net cash used in investing activities", ["-900000", "-900000"]),
    ("Cash paid for income taxes", ["120000", "80000"]),
])
def test_cash_flow_signs(label, values):
    (mapped,) = _map(CASH_FLOWS)
    assert _values(mapped, label) == [Decimal(v) for v in values]


BALANCE = """\
               BALANCE SHEETS
               (in thousands)
                                             December 31,  December 31,
                                                2008          2007
  Cash                                          1,000           800
  Property and equipment                        2,000         1,800
  Less accumulated depreciation                  (500)         (400)
                                              -------       -------
  Property and equipment, net                   1,500         1,400
                                              -------       -------
  Total assets                                  2,500         2,200
                                              =======       =======
  Accounts payable                                700           600
  Common stock                                  3,000         2,500
  Accumulated deficit                            (900)         (700)
  Treasury stock, at cost                        (300)         (200)
                                              -------       -------
  Total stockholders' equity                    1,800         1,600
                                              -------       -------
  Total liabilities and stockholders' equity    2,500         2,200
"""


@pytest.mark.parametrize("label, values", [
    ("Less accumulated depreciation", ["500000", "400000"]),
    ("Property and equipment, net", ["1500000", "1400000"]),
    ("Accumulated deficit", ["-900000", "-700000"]),
    ("Treasury stock", ["300000", "200000"]),
    ("Total stockholders' equity", ["1800000", "1600000"]),
])
def test_balance_sheet_contra_lines_are_positive_and_a_deficit_negative(label, values):
    (mapped,) = _map(BALANCE)
    assert _values(mapped, label) == [Decimal(v) for v in values]


def test_balance_sheet_calculations_weigh_contra_lines_by_balance():
    (mapped,) = _map(BALANCE)
    relations = _relations(mapped)
    assert ("PropertyPlantAndEquipmentNet", "AccumulatedDepreciationDepletionAndAmortizationPropertyPlantAndEquipment", -1) in relations
    assert ("StockholdersEquity", "TreasuryStockValue", -1) in relations
    assert ("StockholdersEquity", "RetainedEarningsAccumulatedDeficit", 1) in relations
    assert not any(total == "StockholdersEquity" and part == "Assets" for total, part, _ in relations)


# A line equal to assets less liabilities is not their total: a grand total is no component.
EQUITY_AFTER_LIABILITIES = """\
               BALANCE SHEETS
               (in thousands)
                                             December 31,  December 31,
                                                2008          2007
  Cash                                         29,180        26,250
                                              -------       -------
  Total assets                                 29,180        26,250
                                              =======       =======
  Accounts payable                              7,985         7,950
  Stockholders' equity                         21,195        18,300
                                              -------       -------
  Total liabilities and stockholders' equity   29,180        26,250
"""


def test_a_line_is_not_taken_for_assets_less_liabilities():
    (mapped,) = _map(EQUITY_AFTER_LIABILITIES)
    assert _values(mapped, "Stockholders' equity") == [Decimal("21195000"), Decimal("18300000")]


def test_relations_another_statement_contradicts_are_dropped():
    earlier = SIGNED_OPERATIONS.replace("2008          2007", "2006          2005")
    first, _ = _map(SIGNED_OPERATIONS + "\n\n" + earlier)
    assert ("OperatingIncomeLoss", "ResearchAndDevelopmentExpense", -1) in _relations(first)
    # the other statement's operating loss adds up from royalties, which the first one's relation lacks
    other = earlier.replace("Research and development", "Flux capacitor royalties")
    first, second = _map(SIGNED_OPERATIONS + "\n\n" + other)
    assert not any(total == "OperatingIncomeLoss" for total, _, _ in _relations(first) + _relations(second))
    assert ("NetIncomeLoss", "IncomeTaxExpenseBenefit", -1) in _relations(first)


@pytest.mark.parametrize("name, direction", [
    ("NetIncomeLoss", 1), ("DepreciationDepletionAndAmortization", 1), ("IncreaseDecreaseInAccountsReceivable", -1),
    ("IncreaseDecreaseInAccountsPayable", 1), ("GainLossOnSaleOfPropertyPlantEquipment", -1),
    ("PaymentsToAcquirePropertyPlantAndEquipment", -1), ("ProceedsFromRepaymentsOfShortTermDebt", 1),
    ("GainLossOnSaleOfStockInSubsidiaryOrEquityMethodInvestee", -1),
])
def test_cash_direction_from_the_cash_flow_calculations(name, direction):
    taxonomy = load_taxonomy()
    assert cash_direction(taxonomy.concept(name), taxonomy) == direction


@pytest.mark.parametrize("label, name, printed, sign", [
    ("Cost of revenues", "CostOfRevenue", "(4,180)", -1),  # DQC_0014: never negative
    ("Net loss", "NetIncomeLoss", "708", -1),
    ("Net loss", "NetIncomeLoss", "(708)", 1),
    ("Income tax benefit (expense)", "IncomeTaxExpenseBenefit", "50", -1),
    ("Other income (expense), net", "NonoperatingIncomeExpense", "(35)", 1),
    ("Other expense (income), net", "NonoperatingIncomeExpense", "35", -1),
    ("Minority interest in (income) loss", "NetIncomeLossAttributableToNoncontrollingInterest", "(21)", -1),
    ("Accumulated other comprehensive income", "AccumulatedOtherComprehensiveIncomeLossNetOfTax", "(5,913)", 1),
    ("Interest expense", "InterestExpense", "(998)", -1),
    ("Income tax expense", "IncomeTaxExpenseBenefit", "(50)", -1),  # the side the label names, deducted
    ("Income tax expense", "IncomeTaxExpenseBenefit", "50", 1),  # a one-way expense printed in parentheses stays positive
    ("Interest expense", "InterestExpense", "998", 1),
    ("Interest income (expense), net", "InterestIncomeExpenseNonoperatingNet", "(998)", 1),  # two-way: as printed
])
def test_priors_from_concept_and_label(label, name, printed, sign):
    text = SIGNED_OPERATIONS.splitlines()
    row = f"  {label:<33}{printed:>8}      {printed:>8}"
    (statement,) = build_statements(read_text_tables("\n".join(text[:4] + [row]) + "\n", "t.txt"))
    taxonomy = load_taxonomy()
    assert sign_prior(statement.lines[0], taxonomy.concept(name), taxonomy, statement.kind).sign == sign


NET_AMOUNTS = """\
              STATEMENTS OF CASH FLOWS
                                          Year Ended December 31,
                                        2011        2010        2009
  Net income                            100          90          80
  Excess tax benefits from stock-based
    compensation                        (17)        (45)        (52)
  Changes in assets and liabilities:
    Deposits, net                        54          27        (355)
  Net cash from operating activities    137          72        (327)
  Financing:
  Securities lending payable          1,026      (1,502)       (930)
  Excess tax benefits from stock-based
    compensation                         17          45          52
  Net cash from financing activities  1,043      (1,457)       (878)
"""


@pytest.mark.parametrize("label, values", [
    # an ASC 718 excess tax benefit is an amount, not the benefit side of a tax expense
    ("Excess tax benefits from stock-based compensation", [17, 45, 52]),
    # a change in an asset is reported as an increase: the opposite of its effect on cash
    ("Deposits, net", [-54, -27, 355]),
    # a company line printed with both signs is a net amount, reported as printed
    ("Securities lending payable", [1026, -1502, -930]),
])
def test_company_lines_in_a_cash_flow(label, values):
    (mapped,) = _map(NET_AMOUNTS)
    line = next(l for l in mapped.lines if l.line.label == label or l.line.full_label == label)
    assert [v.amount * line.sign for v in line.line.values] == [Decimal(v) for v in values]


def test_gains_and_other_noncash_items_in_operating_activities_are_income():
    text = """\
              STATEMENTS OF CASH FLOWS
                                                Six Months Ended
                                              June 27,    June 28,
                                                2025        2024
  Operating activities:
  Net income                                    7,000       6,000
  Foreign currency adjustments                    111         (87)
  Other items                                     238         (66)
  Net cash provided by operating activities     7,349       5,847
"""
    (mapped,) = _map(text)
    got = {l.line.label: (l.concepts[0].name, [v.amount * l.sign for v in l.line.values]) for l in mapped.lines}
    assert got["Foreign currency adjustments"] == ("ForeignCurrencyTransactionGainLossBeforeTax", [Decimal(-111), Decimal(87)])
    assert got["Other items"] == ("OtherNoncashIncomeExpense", [Decimal(-238), Decimal(66)])


def test_one_activity_total_is_never_a_component_of_another():
    text = """\
              STATEMENTS OF CASH FLOWS
                                                Year Ended December 31,
                                                2023        2022        2021
  Net cash used in operating activities          (500)       (400)       (300)
  Purchases of equipment                           --          --        (297)
  Net cash used in investing activities            --          --        (297)
  Proceeds from issuance of common stock         1,000         800         --
  Net cash provided by financing activities      1,000         800         297
"""
    (mapped,) = _map(text)
    investing = next(l for l in mapped.lines if "investing" in l.line.label)
    assert [v.amount * investing.sign for v in investing.line.values] == [Decimal(0), Decimal(0), Decimal(-297)]
    assert investing.concepts[0].name == "NetCashProvidedByUsedInInvestingActivities"


@pytest.mark.parametrize("component, total, siblings", [
    ("NetCashProvidedByUsedInInvestingActivities", "NetCashProvidedByUsedInFinancingActivities", True),
    ("Liabilities", "StockholdersEquityIncludingPortionAttributableToNoncontrollingInterest", True),
    ("GrossProfit", "OperatingIncomeLoss", False),
    # both add to Assets, but in different networks (broker-dealer, classified balance sheets)
    ("OtherReceivables", "AssetsCurrent", False),
    ("NetCashProvidedByUsedInFinancingActivities",
     "CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalentsPeriodIncreaseDecreaseIncludingExchangeRateEffect", False),
])
def test_sibling_concepts_are_not_components_of_each_other(component, total, siblings):
    from types import SimpleNamespace

    from converter.mapping.arithmetic import _siblings

    taxonomy = load_taxonomy()
    line = lambda name: SimpleNamespace(is_extension=False, concepts=(taxonomy.concept(name),))  # noqa: E731
    assert _siblings(line(component), line(total), taxonomy) is siblings


# Fair-value remeasurements are debit (expense) concepts: a gain is negative wherever it is printed.
REMEASUREMENTS = """\
               STATEMENTS OF OPERATIONS
                  (in thousands)
                                             Year Ended December 31,
                                                2008          2007
  Operating expenses:
    Research and development                    5,000         4,000
    Change in fair value of contingent
      consideration                            (7,000)          500
                                              -------       -------
  Total operating expenses                     (2,000)        4,500
                                              -------       -------
  Income (loss) from operations                 2,000        (4,500)
  Other income (expense):
    Change in fair value of warrant liability     300          (200)
    Interest income                                50            40
                                              -------       -------
  Total other income (expense)                    350          (160)
                                              -------       -------
  Net income (loss)                             2,350        (4,660)

               STATEMENTS OF CASH FLOWS
                  (in thousands)
                                             Year Ended December 31,
                                                2008          2007
  Net income (loss)                             2,350        (4,660)
  Adjustments to reconcile net income (loss) to net cash used in operating activities:
    Change in fair value of warrant liability    (300)          200
    Change in fair value of contingent
      consideration                            (7,000)          500
    Changes in operating assets and liabilities:
      Accounts payable                            150           (40)
      Other                                       (20)           10
                                              -------       -------
  Net cash provided by (used in) operating
    activities                                 (4,820)       (3,990)
  Collateral (paid) received on hedging
    activities, net                               206           (76)
                                              -------       -------
  Net cash provided by (used in) investing
    activities                                    206           (76)
"""


@pytest.mark.parametrize("statement, label, concept, values", [
    (0, "Change in fair value of contingent", "BusinessCombinationContingentConsiderationArrangementsChangeInAmountOfContingentConsiderationLiability1", [-7000000, 500000]),
    (0, "Change in fair value of warrant liability", "FairValueAdjustmentOfWarrants", [-300000, 200000]),
    (1, "Change in fair value of warrant liability", "FairValueAdjustmentOfWarrants", [-300000, 200000]),
    (1, "Change in fair value of contingent", "BusinessCombinationContingentConsiderationArrangementsChangeInAmountOfContingentConsiderationLiability1", [-7000000, 500000]),
    # "Other" among the changes in working capital is another operating flow, not a non-cash item
    (1, "Other", "OtherOperatingActivitiesCashFlowStatement", [-20000, 10000]),
    # collateral for hedges: a net payment is positive
    (1, "Collateral (paid) received", "PaymentsForProceedsFromHedgeInvestingActivities", [-206000, 76000]),
])
def test_remeasurements_and_collateral_take_the_standard_concept_and_its_sign(statement, label, concept, values):
    mapped = _map(REMEASUREMENTS)[statement]
    (line,) = [m for m in mapped.lines if m.line.label.startswith(label)]
    assert [c.name for c in line.concepts] == [concept]
    assert [v.amount * line.sign for v in line.line.values] == [Decimal(v) for v in values]


def test_a_subscription_receivable_in_equity_is_a_positive_contra_equity_amount():
    text = BALANCE.replace("  Treasury stock, at cost                        (300)         (200)",
                           "  Stock subscriptions receivable                 (300)         (200)")
    (mapped,) = _map(text)
    (line,) = [m for m in mapped.lines if m.line.label.startswith("Stock subscriptions")]
    assert line.concepts[0].name == "StockholdersEquityNoteSubscriptionsReceivable"
    assert _values(mapped, "Stock subscriptions") == [Decimal(300000), Decimal(200000)]
    assert ("StockholdersEquity", "StockholdersEquityNoteSubscriptionsReceivable", -1) in _relations(mapped)


# A company subtotal (the fuel swaps) and a debit-balance US GAAP item (pension adjustments,
# losses positive) under one total: the company concepts change side, the pension gain goes negative.
OCI = """\
               STATEMENTS OF COMPREHENSIVE INCOME
                  (in millions)
                                             Three Months Ended December 31,
                                                2023          2022
  Net income                                     85.1          91.0
  Other comprehensive loss, before tax:
    Fuel swaps:
      Fuel swap valuation changes               (15.4)         (3.0)
      Fuel swap settlements                      (9.0)         (0.3)
                                              -------       -------
      Fuel swap adjustments                     (24.4)         (3.3)
    Net gain on defined benefit pension and
      other postretirement plans                  0.1           0.1
    Net unrealized gain on available for sale
      securities                                  0.1            -
                                              -------       -------
  Other comprehensive loss, before tax          (24.2)         (3.2)
  Income tax benefit related to items of other
    comprehensive loss                           (5.7)         (0.8)
                                              -------       -------
  Other comprehensive loss, net of tax          (18.5)         (2.4)
                                              -------       -------
  Comprehensive income                           66.6          88.6
"""


def test_company_subtotals_change_side_so_a_debit_item_keeps_the_statement_footing():
    (mapped,) = _map(OCI)
    pension = next(l for l in mapped.lines if l.line.label.startswith("Net gain on defined benefit"))
    assert pension.concepts[0].name == "OtherComprehensiveIncomeLossPensionAndOtherPostretirementBenefitPlansAdjustmentBeforeTax"
    assert _values(mapped, "Net gain on defined benefit") == [Decimal("-100000"), Decimal("-100000")]
    assert _values(mapped, "Fuel swap adjustments") == [Decimal("-24400000"), Decimal("-3300000")]
    relations = _relations(mapped)
    assert ("OtherComprehensiveIncomeLossBeforeTax",
            "OtherComprehensiveIncomeLossPensionAndOtherPostretirementBenefitPlansAdjustmentBeforeTax", -1) in relations
    assert ("OtherComprehensiveIncomeLossBeforeTax", "FuelSwapAdjustments", 1) in relations
    assert ("ComprehensiveIncomeNetOfTax", "OtherComprehensiveIncomeLossNetOfTax", 1) in relations
    assert [d for d in mapped.diagnostics if d.code == "XC501"] == []  # every total foots


_TAXES_AMONG_EXPENSES = """\
               STATEMENT OF EARNINGS
                  (In millions)
                                   Year Ended December 31,
                                      2008          2007
Revenues                             3,020         2,980
{body}
                                   -------       -------
Net earnings                           430           474
"""


@pytest.mark.parametrize("body", [
    # expenses, taxes and minority interest all printed in parentheses, no subtotal to check them by
    "Cost of sales                       (2,000)       (1,900)\nSelling and administrative            (360)         (400)\n"
    "Income taxes                          (215)         (196)\nMinority interest                      (15)          (10)",
    # the same inside a section printed positive, and taxes in parentheses below a subtotal
    "Cost of sales                        2,000         1,900\nSelling and administrative             360           400\n"
    "                                   -------       -------\nEarnings before income taxes           660           680\n"
    "Provision for income taxes            (215)         (196)\nMinority interest in earnings          (15)          (10)",
])
def test_taxes_and_minority_interest_printed_as_deductions_are_positive(body):
    (mapped,) = _map(_TAXES_AMONG_EXPENSES.format(body=body))
    for label in ("Income taxes", "Provision for income taxes", "Minority interest"):
        if any(m.line.label.startswith(label) for m in mapped.lines):
            assert all(v > 0 for v in _values(mapped, label)), label


# A cash flow with transactions named by company lines and disclosures below the closing balance.
TRANSACTIONS_AND_DISCLOSURES = """\
              STATEMENTS OF CASH FLOWS
                                          Year Ended December 31,
                                        2011        2010        2009
  Net income                            500         400         300
  Cumulative effect of accounting
    change                               40           -          75
  Net change in certain broker-dealer
    accounts                             12         (30)         25
  Net cash from operating activities    552         370         400
  Net repayment (borrowing) of loans
    by affiliates                        15          (8)          4
  Other investing                        (5)         (2)         (4)
  Net cash from investing activities     10         (10)          0
  Newly placed notes (maturities
    over one year)                      200         150         100
  Repayments and other reductions
    (maturities over one year)         (180)       (120)        (90)
  Repayment of other short-term
    borrowings                          (10)        (10)        (10)
  Net other financing                    10          10          10
  Purchase of own shares for treasury   (60)        (50)        (40)
  Net cash from financing activities    (40)        (20)        (30)
  Increase in cash                      522         340         370
  Cash at beginning of year             100          80          70
  Cash at end of year                   622         420         440
  Cash paid during the year for
    income taxes                        (71)        (62)        (53)
  Noncash transaction: tax benefit
    from stock options                    7           6           5
"""


@pytest.mark.parametrize("label, concept, unit, values", [
    # an effect either way, added back as printed
    ("Cumulative effect of accounting change", None, "USD", [40, 0, 75]),
    # a net change of broker-dealer receivables and payables is asset-oriented: opposite to its cash effect
    ("Net change in certain broker-dealer accounts", "IncreaseDecreaseInBrokerDealerRelatedReceivablesPayablesNet", "USD",
     [-12, 30, -25]),
    # a company line named for a repayment is a payment, not the decrease side of a change ("reductions")
    ("Repayments and other reductions (maturities over one year)", None, "USD", [180, 120, 90]),
    # ... and one naming both sides of a transaction is a net amount, as printed
    ("Net repayment (borrowing) of loans by affiliates", None, "USD", [15, -8, 4]),
    # ... and the borrowings a repayment is of are no second side
    ("Repayment of other short-term borrowings", None, "USD", [10, 10, 10]),
    # a cash flow line naming shares is what they cost, not a share count
    ("Purchase of own shares for treasury", None, "USD", [60, 50, 40]),
    # a payment disclosed below the statement, printed as its effect on cash, is positive
    ("Cash paid during the year for income taxes", "IncomeTaxesPaidNet", "USD", [71, 62, 53]),
    # a noncash disclosure is an amount as printed, not the benefit side of a tax expense
    ("Noncash transaction: tax benefit from stock options", None, "USD", [7, 6, 5]),
])
def test_transactions_and_disclosures_in_a_cash_flow(label, concept, unit, values):
    (mapped,) = _map(TRANSACTIONS_AND_DISCLOSURES)
    line = next(l for l in mapped.lines if l.line.full_label == label or l.line.label == label)
    if concept is not None:
        assert line.concepts[0].name == concept
    assert line.line.unit.value == unit
    assert [v.amount * line.sign for v in line.line.values] == [Decimal(v) for v in values]


# A charge for an accounting change printed in parentheses below income before it.
ACCOUNTING_CHANGE = """\
               STATEMENTS OF EARNINGS
                                   Year Ended December 31,
                                      2008          2007
  Revenues                          10,450         9,120
  Costs and expenses                 9,100         8,000
                                   -------       -------
  Earnings before accounting changes 1,350         1,120
  Cumulative effects of accounting
    changes                           (250)            -
                                   -------       -------
  Net earnings                       1,100         1,120
"""


def test_a_cumulative_effect_printed_in_parentheses_is_a_negative_amount():
    (mapped,) = _map(ACCOUNTING_CHANGE)
    assert _values(mapped, "Cumulative effects of accounting") == [Decimal(-250), Decimal(0)]
    assert _values(mapped, "Net earnings") == [Decimal(1100), Decimal(1120)]


INVESTING = """\
              STATEMENTS OF CASH FLOWS
                                          Year Ended December 31,
                                        2023        2022
  Net income                            500         400
  Net cash provided by operating
    activities                          500         400
  Cash flows from investing activities:
    Capital expenditures               (120)       (100)
    Increase in time deposits           (40)        (30)
    Decrease in time deposits            60          20
    Cash paid for acquisitions, net
      of cash acquired                 (200)        (10)
  Net cash used for investing
    activities                         (300)       (120)
"""


@pytest.mark.parametrize("label, values", [
    # "cash paid for" worded like a supplemental disclosure, but a payment of the investing activities
    ("Cash paid for acquisitions, net of cash acquired", [200, 10]),
    # a decrease in a holding among the investing activities is a sale: an inflow, positive as printed
    ("Decrease in time deposits", [60, 20]),
    ("Increase in time deposits", [40, 30]),
])
def test_changes_in_holdings_and_payments_among_the_investing_activities(label, values):
    (mapped,) = _map(INVESTING)
    line = next(l for l in mapped.lines if l.line.full_label == label)
    assert [v.amount * line.sign for v in line.line.values] == [Decimal(v) for v in values]
