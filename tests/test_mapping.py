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
    (INCOME, "Net earnings", "75", "60", ["NetIncomeLoss"], ["75000", "60000"]),
    (INCOME, "Cost of products sold", "400", "380", ["CostOfGoodsAndServicesSold"], ["400000", "380000"]),
    (INCOME, "Costs relating to revenue", "400", "380", ["CostOfRevenue"], ["400000", "380000"]),
    (INCOME, "Marketing, selling, administrative and other", "90", "85", ["SellingGeneralAndAdministrativeExpense"], ["90000", "85000"]),
    (INCOME, "Advertising and product promotion", "30", "25", ["AdvertisingExpense"], ["30000", "25000"]),
    (INCOME, "Interest on loans", "900", "850", ["InterestAndFeeIncomeLoansAndLeases"], ["900000", "850000"]),
    (INCOME, "Interest on deposits", "300", "280", ["InterestExpenseDeposits"], ["300000", "280000"]),
    (INCOME, "Net interest income", "600", "570", ["InterestIncomeExpenseNet"], ["600000", "570000"]),
    (INCOME, "Provision for loan losses", "40", "35", ["ProvisionForLoanLeaseAndOtherLosses"], ["40000", "35000"]),
    (INCOME, "Total non-interest expense", "210", "200", ["NoninterestExpense"], ["210000", "200000"]),
    (INCOME, "Principal transactions", "120", "110", ["PrincipalTransactionsRevenue"], ["120000", "110000"]),
    (INCOME, "Floor brokerage and clearance", "12", "11", ["FloorBrokerageExchangeAndClearanceFees"], ["12000", "11000"]),
    (INCOME, "Equity in income of affiliated company (Note 2)", "70", "50", ["IncomeLossFromEquityMethodInvestments"], ["70000", "50000"]),
    (INCOME, "Earnings before income taxes", "583", "235", ["IncomeLossFromContinuingOperationsBeforeIncomeTaxesExtraordinaryItemsNoncontrollingInterest"], ["583000", "235000"]),
    (INCOME, "Earnings per common share", "1.10", "0.95", ["EarningsPerShareBasic"], ["1.10", "0.95"]),
    (INCOME, "Fully diluted net income per share", "1.05", "0.90", ["EarningsPerShareDiluted"], ["1.05", "0.90"]),
    (INCOME, "Average common shares outstanding", "996", "1,003", ["WeightedAverageNumberOfSharesOutstandingBasic"], ["996000", "1003000"]),
    (INCOME, "Dividends per common share", ".38", ".36", ["CommonStockDividendsPerShareCashPaid"], ["0.38", "0.36"]),
    (BALANCE, "Receivables, less allowances of $64", "1,149", "1,496", ["AccountsReceivableNetCurrent"], ["1149000", "1496000"]),
    (BALANCE, "Film inventories (Note 1)", "136", "147", ["FilmCosts"], ["136000", "147000"]),
    (BALANCE, "Office equipment, net of depreciation", "1,888", "1,247", ["PropertyPlantAndEquipmentNet"], ["1888000", "1247000"]),
    (BALANCE, "Excess of cost over net assets acquired", "500", "520", ["Goodwill"], ["500000", "520000"]),
    (BALANCE, "Other assets", "414", "351", ["OtherAssets"], ["414000", "351000"]),
    (BALANCE, "Long-term debt (Note 4)", "30,000", "30,000", ["LongTermDebt"], ["30000000", "30000000"]),
    (BALANCE, "Income taxes payable", "1,425", "802", ["AccruedIncomeTaxes"], ["1425000", "802000"]),
    (BALANCE, "Reserve for loan losses", "(9)", "(8)", ["LoansAndLeasesReceivableAllowance"], ["9000", "8000"]),
    (BALANCE, "Net loans receivable", "900", "850", ["LoansAndLeasesReceivableNetReportedAmount"], ["900000", "850000"]),
    (BALANCE, "Securities sold, not yet purchased, at market", "257", "844", ["FinancialInstrumentsSoldNotYetPurchasedAtFairValue"], ["257000", "844000"]),
    (BALANCE, "Common stock, $.01 par; 30,000 shares", "134", "132", ["CommonStockValue"], ["134000", "132000"]),
    (BALANCE, "Capital in excess of par value", "37,592", "37,825", ["AdditionalPaidInCapital"], ["37592000", "37825000"]),
    (BALANCE, "Earnings retained for use in business", "10,502", "9,800", ["RetainedEarningsAccumulatedDeficit"], ["10502000", "9800000"]),
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
    sales = mapped.lines[1]
    assert sales.reasons[0] == "no free US GAAP concept for 'Sales' (us-gaap:Revenues is taken by 'Revenues'): extension concept acme:Sales"
    (lost,) = sales.candidates
    assert (lost.concepts, round(lost.score, 2), lost.source, lost.features, lost.taken_by) == (
        ("us-gaap:Revenues",), 0.95, "synonym", (("synonym", 0.9), ("agree", 0.05)), "Revenues")
    assert sales.alternatives == ("us-gaap:Revenues",)


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


CLASSIFIED = """\
               BALANCE SHEETS
               (in thousands)
                                             December 31,  December 31,
                                                2008          2007
  Current assets:
    Cash                                           100            90
    Other                                           10             9
  Total current assets                             110            99
  Other assets                                       5             4
  Deferred income taxes                              7             6
  Total assets                                     122           109
  Current liabilities:
    Accounts payable                                20            18
    Other                                            3             2
  Total current liabilities                         23            20
  Deferred income taxes                              9             8
  Other liabilities                                  4             3
"""


def test_a_balance_sheet_line_is_read_by_its_side_and_class():
    (mapped,) = _map(CLASSIFIED)
    assert [line.concepts[0].name for line in mapped.lines] == [
        "CashAndCashEquivalentsAtCarryingValue", "OtherAssetsCurrent", "AssetsCurrent", "OtherAssetsNoncurrent",
        "DeferredIncomeTaxAssetsNet", "Assets", "AccountsPayableCurrent", "OtherLiabilitiesCurrent",
        "LiabilitiesCurrent", "DeferredIncomeTaxLiabilitiesNet", "OtherLiabilitiesNoncurrent"]


CASH_FLOWS = """\
               STATEMENTS OF CASH FLOWS
                  (in thousands)
                                             Year Ended December 31,
                                                2008          2007
  Net income                                       500           400
  Adjustments to reconcile net income to net cash
    provided by operating activities:
    Depreciation and amortization                  120           110
  Changes in assets and liabilities:
    Accounts receivable                            (30)          (20)
    Accounts payable                                15            10
  Net cash provided by operating activities        605           500
  Purchases of property and equipment             (200)         (150)
  Other                                             (5)           (4)
  Net cash used in investing activities           (205)         (154)
  Proceeds from issuance of common stock            50            40
  Other                                             (2)           (1)
  Net cash provided by financing activities         48            39
  Net increase in cash and cash equivalents        448           385
  Cash and cash equivalents at beginning of year   900           515
  Cash and cash equivalents at end of year       1,348           900
"""


def test_a_cash_flow_line_is_read_by_its_activity():
    (mapped,) = _map(CASH_FLOWS)
    assert [(line.line.label, line.concepts[0].name) for line in mapped.lines if not line.is_extension] == [
        ("Net income", "NetIncomeLoss"),
        ("Depreciation and amortization", "DepreciationDepletionAndAmortization"),
        ("Accounts receivable", "IncreaseDecreaseInAccountsReceivable"),
        ("Accounts payable", "IncreaseDecreaseInAccountsPayable"),
        ("Net cash provided by operating activities", "NetCashProvidedByUsedInOperatingActivities"),
        ("Purchases of property and equipment", "PaymentsToAcquirePropertyPlantAndEquipment"),
        ("Other", "PaymentsForProceedsFromOtherInvestingActivities"),
        ("Net cash used in investing activities", "NetCashProvidedByUsedInInvestingActivities"),
        ("Proceeds from issuance of common stock", "ProceedsFromIssuanceOfCommonStock"),
        ("Other", "ProceedsFromPaymentsForOtherFinancingActivities"),
        ("Net cash provided by financing activities", "NetCashProvidedByUsedInFinancingActivities"),
        ("Net increase in cash and cash equivalents",
         "CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalentsPeriodIncreaseDecreaseIncludingExchangeRateEffect"),
        ("Cash and cash equivalents at beginning of year", "CashAndCashEquivalentsAtCarryingValue"),
        ("Cash and cash equivalents at end of year", "CashAndCashEquivalentsAtCarryingValue"),
    ]


NCI_INCOME = """\
               STATEMENTS OF INCOME
                  (in millions)
                                             Year Ended December 31,
                                                2008          2007
  Revenues                                       1,000           900
  Operation and maintenance                        300           280
  Total other (loss) income, net                   (10)            5
  Equity income (loss) - net                        20            15
  Consolidated net income                          710           640
  Less: Net income attributable to
    noncontrolling interests                        10             8
  Net income attributable to shareowners of
    the Company                                    700           632
"""

COMPREHENSIVE = """\
          STATEMENTS OF COMPREHENSIVE INCOME
                  (in millions)
                                             Year Ended December 31,
                                                2008          2007
  Net income                                       710           640
  Net foreign currency translation adjustments     (40)           30
  Net gains (losses) on derivatives                 12            (6)
  Net change in pension and other postretirement
    benefit liabilities                             (5)            4
  Total comprehensive income                       677           668
  Less: Comprehensive income attributable to
    noncontrolling interests                         9             7
  Total comprehensive income attributable to
    shareowners of the Company                     668           661
"""

UTILITY_BALANCE = """\
               BALANCE SHEETS
                  (in millions)
                                             December 31,  December 31,
                                                2020          2019
  Current assets:
    Cash and cash equivalents                      10             8
    Accounts receivable:
      Utility                                     300           280
      Other                                        20            15
      Allowance for credit losses                 (12)          (10)
    Natural gas                                   150           140
    Regulatory assets                              60            55
    Prepayments                                    25            20
  Total current assets                            553           508
  Regulatory assets                               900           850
  Total assets                                  1,453         1,358
  Current liabilities:
    Taxes accrued                                  40            35
    Regulatory liabilities                         30            25
    Operating lease liability                      12            11
  Total current liabilities                        82            71
  Pension and postretirement benefit costs        150           140
  Asset retirement obligations                    200           190
  Operating lease liability                        80            75
  Total liabilities                               512           476
  Common stock                                    441           382
  Total shareholders' equity                      441           382
  Noncontrolling interests                        500           500
  Total equity                                    941           882
  Total liabilities and equity                  1,453         1,358
"""


HEDGES = """\
               STATEMENTS OF COMPREHENSIVE INCOME
                  (in millions)
                                             Three Months Ended December 31,
                                                2023          2022
  Net income                                     85.1          91.0
  Other comprehensive loss, before tax:
    Cash flow hedging derivative instruments:
      Net hedging loss arising during the
        period                                  (15.4)         (3.0)
      Amounts reclassified into net income       (9.0)         (0.3)
                                              -------       -------
      Net loss on cash flow hedging             (24.4)         (3.3)
                                              -------       -------
  Other comprehensive loss, before tax          (24.4)         (3.3)
  Income tax benefit                               5.7           0.8
                                              -------       -------
  Other comprehensive loss, net of tax          (18.7)         (2.5)
                                              -------       -------
  Comprehensive income                           66.4          88.5
"""


BELOW_OPERATIONS = """\
               STATEMENTS OF INCOME
         (in millions, except per share data)
                                             Six Months Ended June 30,
                                                2025          2024
  Net operating revenues                       24,000        23,000
  Operating expenses                           17,000        16,500
                                              -------       -------
  Operating income                              7,000         6,500
  Interest expense                                800           700
                                              -------       -------
  Income before income taxes                    6,200         5,800
  Income taxes                                  1,200         1,100
                                              -------       -------
  Net income                                    5,000         4,700
  Average shares outstanding - basic            4,304         4,309
  Effect of dilutive securities                    11            10
                                              -------       -------
  Average shares outstanding - diluted          4,315         4,319
"""


BIOSPHERE_LIKE = """\
               STATEMENTS OF OPERATIONS
                  (in thousands)
                                             Year Ended December 31,
                                                2023          2022
  Revenues                                     20,000        18,000
  Operating costs and expenses:
    Cost of sales                               8,000         7,000
    Research and development                    6,383         7,477
                                              -------       -------
  Total operating costs and expenses           14,383        14,477
                                              -------       -------
  Income from operations                        5,617         3,523
"""

NO_SALES = """\
               STATEMENTS OF OPERATIONS
                  (in thousands)
                                             Year Ended December 31,
                                                2023          2022
  Operating costs and expenses:
    Research and development                    6,383         7,477
    General and administrative                  5,460         2,436
                                              -------       -------
  Total operating costs and expenses           11,843         9,913
                                              -------       -------
  Loss from operations                        (11,843)       (9,913)
"""


@pytest.mark.parametrize("text, expected", [
    # a company without sales: its costs and expenses are its operating expenses
    (NO_SALES, {"Total operating costs and expenses": "OperatingExpenses"}),
    (BIOSPHERE_LIKE, {"Total operating costs and expenses": "CostsAndExpenses"}),
    # interest expense below the operating result is nonoperating; the dilution adjustment is a share count
    (BELOW_OPERATIONS, {"Interest expense": "InterestExpenseNonoperating",
                        "Effect of dilutive securities": "WeightedAverageNumberDilutedSharesOutstandingAdjustment"}),
    (HEDGES, {"Net hedging loss arising during the period": "OtherComprehensiveIncomeLossCashFlowHedgeGainLossBeforeReclassificationAndTax",
              "Amounts reclassified into net income": "OtherComprehensiveIncomeLossCashFlowHedgeGainLossReclassificationBeforeTax",
              "Net loss on cash flow hedging": "OtherComprehensiveIncomeLossCashFlowHedgeGainLossAfterReclassificationBeforeTax"}),
    (NCI_INCOME, {"Operation and maintenance": "UtilitiesOperatingExpenseMaintenanceOperationsAndOtherCostsAndExpenses",
                  "Total other (loss) income, net": "NonoperatingIncomeExpense",
                  "Equity income (loss) - net": "IncomeLossFromEquityMethodInvestments",
                  "Consolidated net income": "ProfitLoss",
                  "Net income attributable to shareowners of the Company": "NetIncomeLoss"}),
    (COMPREHENSIVE, {"Net foreign currency translation adjustments":
                         "OtherComprehensiveIncomeLossForeignCurrencyTransactionAndTranslationAdjustmentNetOfTax",
                     "Net gains (losses) on derivatives": "OtherComprehensiveIncomeLossCashFlowHedgeGainLossAfterReclassificationAndTax",
                     "Net change in pension and other postretirement benefit liabilities":
                         "OtherComprehensiveIncomeLossPensionAndOtherPostretirementBenefitPlansAdjustmentNetOfTax",
                     "Total comprehensive income": "ComprehensiveIncomeNetOfTaxIncludingPortionAttributableToNoncontrollingInterest",
                     "Less: Comprehensive income attributable to noncontrolling interests":
                         "ComprehensiveIncomeNetOfTaxAttributableToNoncontrollingInterest",
                     "Total comprehensive income attributable to shareowners of the Company": "ComprehensiveIncomeNetOfTax"}),
    (UTILITY_BALANCE, {"Utility": "AccountsReceivableGrossCurrent", "Other": "OtherReceivables",
                       "Allowance for credit losses": "AllowanceForDoubtfulAccountsReceivableCurrent",
                       "Natural gas": "EnergyRelatedInventoryNaturalGasInStorage",
                       "Regulatory assets": ["RegulatoryAssetsCurrent", "RegulatoryAssetsNoncurrent"],
                       "Prepayments": "PrepaidExpenseCurrent", "Taxes accrued": "TaxesPayableCurrent",
                       "Regulatory liabilities": "RegulatoryLiabilityCurrent",
                       "Operating lease liability": ["OperatingLeaseLiabilityCurrent", "OperatingLeaseLiabilityNoncurrent"],
                       "Pension and postretirement benefit costs": "PensionAndOtherPostretirementDefinedBenefitPlansLiabilitiesNoncurrent",
                       "Asset retirement obligations": "AssetRetirementObligationsNoncurrent",
                       "Total shareholders' equity": "StockholdersEquity",
                       "Total equity": "StockholdersEquityIncludingPortionAttributableToNoncontrollingInterest"}),
])
def test_label_families_by_statement_and_position(text, expected):
    """Utility, noncontrolling-interest and comprehensive-income families: a label read with its
    statement kind, balance-sheet class and the noncontrolling interests split below or above it."""
    (mapped,) = _map(text)
    found: dict[str, list[str]] = {}
    for line in mapped.lines:
        found.setdefault(" ".join(line.line.full_label.split()), []).append(line.concepts[0].name)
    for label, concepts in expected.items():
        assert found.get(label) == (concepts if isinstance(concepts, list) else [concepts]), label


def test_every_concept_fits_its_columns_period_type():
    """An instant concept never lands on a column of durations but for an opening or closing balance."""
    (mapped,) = _map(CASH_FLOWS)
    opening = next(line for line in mapped.lines if "beginning" in line.line.label)
    assert opening.line.is_opening_balance and opening.concepts[0].period_type == "instant"
    for line in mapped.lines:
        if "end of year" not in line.line.label and "beginning" not in line.line.label:
            assert all(c.period_type == "duration" for c in line.concepts), line.line.label


def test_every_synonym_names_a_current_concept_of_the_right_period_type():
    from converter.mapping.labels import load_synonyms

    taxonomy = load_taxonomy()
    wanted = {"balance_sheet": "instant", "income": "duration"}
    for synonym in load_synonyms():
        for name in synonym.concepts:
            concept = taxonomy.concept(name)
            assert concept is not None and not taxonomy.is_deprecated(name), (synonym.line, name)
            assert concept.period_type == wanted.get(synonym.kind, concept.period_type), (synonym.line, name)


@pytest.mark.parametrize("opening, closing", [
    ("Cash and cash equivalents at January 1", "Cash and cash equivalents at December 31"),
    ("Cash, cash equivalents and restricted cash at January 1", "Cash, cash equivalents and restricted cash at December 31"),
])
def test_cash_balances_named_by_a_date_are_instants(opening, closing):
    text = f"""\
            STATEMENTS OF CASH FLOWS
                                   Year Ended December 31,
                                                            2008        2007
  Net cash provided by operating activities                   10           9
  Net increase in cash                                        10           9
  {opening:<60}100          91
  {closing:<60}110         100
"""
    (mapped,) = _map(text)
    first, last = mapped.lines[-2:]
    assert first.line.is_opening_balance and not last.line.is_opening_balance
    assert first.concepts[0].period_type == last.concepts[0].period_type == "instant"
    assert first.concepts[0].name == last.concepts[0].name


ROLL_FORWARD = """\
                     CONSOLIDATED STATEMENTS OF CASH FLOWS
                                (In millions)
                                              Year Ended December 31,
                                                2008          2007
Net income                                       250           210
Net cash provided by operating activities        250           210
Purchases of equipment                           (50)          (40)
Net cash used in investing activities            (50)          (40)
{first}
{second}
Cash and cash equivalents, beginning of year     300           140
Cash and cash equivalents, end of year           505           300
"""
CHANGE = "Net increase in cash and cash equivalents    {0}           {1}"
EFFECT = "Effect of exchange rate changes on cash         5           (10)"


@pytest.mark.parametrize("first, second, concept", [
    # printed above the exchange-rate effect, the change excludes it (closing = opening + change + effect)
    (CHANGE.format(200, 170), EFFECT,
     "CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalentsPeriodIncreaseDecreaseExcludingExchangeRateEffect"),
    # printed below it, the change includes it
    (EFFECT, CHANGE.format(205, 160),
     "CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalentsPeriodIncreaseDecreaseIncludingExchangeRateEffect"),
])
def test_the_change_in_cash_follows_its_place_beside_the_exchange_rate_effect(first, second, concept):
    from converter.pipeline import convert

    text = ROLL_FORWARD.format(first=first, second=second)
    mapped = convert(text.encode(), "cf.txt").mapped[0]
    change = next(line for line in mapped.lines if line.line.label.startswith("Net increase"))
    assert [c.name for c in change.concepts] == [concept]


RESTRICTED_BELOW = """\
                     CONSOLIDATED STATEMENTS OF CASH FLOWS
                                (In millions)
                                                            Year Ended December 31,
                                                                  2023          2022
Net income                                                         250           210
Net cash provided by operating activities                          250           210
Purchases of equipment                                             (50)          (40)
Net cash used in investing activities                              (50)          (40)
Net increase in cash, cash equivalents and restricted cash         200           170
Cash, cash equivalents and restricted cash at beginning of year    300           130
Cash, cash equivalents and restricted cash at end of year          500           300
Less: restricted cash at end of year                                20            15
Cash and cash equivalents at end of year                           480           285
"""


def test_the_closing_balance_is_the_line_the_roll_forward_ends_in():
    """Most companies tag "Cash and cash equivalents at end of year" with the restricted-cash total; printed
    below "Less: restricted cash", it is not the balance opening + change gives, and leaves the concept
    to the line that is."""
    from converter.pipeline import convert

    mapped = convert(RESTRICTED_BELOW.encode(), "cf.txt").mapped[0]
    concepts = {line.line.label: (line.concepts[0].name, line.is_extension) for line in mapped.lines}
    total = "CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalents"
    assert concepts["Cash, cash equivalents and restricted cash at end of year"] == (total, False)
    assert concepts["Cash and cash equivalents at end of year"] == ("CashAndCashEquivalentsAtCarryingValue", False)
