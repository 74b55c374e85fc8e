"""Candidates and their scores (candidates.py, neighbours.py, scoring.py): the features a concept
choice is made of, each read from the taxonomy's own networks or from data files."""
import pytest

from converter.mapping.candidates import LinePlace, successor_candidates, Candidate, SYNONYM
from converter.mapping.mapper import ExtensionNaming, has_noncontrolling_interests, map_statements
from converter.mapping.neighbours import LabelIndex
from converter.mapping.observed import Observation, ObservedLabels
from converter.mapping.scoring import concept_activities, contra_concepts, noncash_concepts, score
from converter.mapping.taxonomy import load_taxonomy
from converter.statements import build_statements
from converter.tables.text import read_text_tables


@pytest.mark.parametrize("name, activities", [
    ("IncreaseDecreaseInDeposits", {"financing"}),  # a bank's deposits
    ("IncreaseDecreaseInDepositOtherAssets", {"operating"}),
    ("PaymentsToAcquirePropertyPlantAndEquipment", {"investing"}),
    ("ProceedsFromIssuanceOfCommonStock", {"financing"}),
    ("IncreaseDecreaseInAccountsReceivable", {"operating"}),
])
def test_cash_flow_activity_from_the_us_gaap_networks(name, activities):
    assert concept_activities()[f"us-gaap:{name}"] == activities


@pytest.mark.parametrize("name, contra", [
    ("AccumulatedDepreciationDepletionAndAmortizationPropertyPlantAndEquipment", True),
    ("TreasuryStockValue", True),
    ("AccountsReceivableNetCurrent", False),
])
def test_contra_concepts_are_those_a_us_gaap_calculation_subtracts(name, contra):
    assert (f"us-gaap:{name}" in contra_concepts()) == contra


@pytest.mark.parametrize("name, noncash", [
    ("OtherNoncashIncomeExpense", True),
    ("DepreciationDepletionAndAmortization", True),
    ("OtherOperatingActivitiesCashFlowStatement", False),
    ("IncreaseDecreaseInInventories", False),
])
def test_noncash_adjustments_of_the_cash_flow_networks(name, noncash):
    assert (f"us-gaap:{name}" in noncash_concepts()) == noncash


def _place(context: str, kind: str = "cash_flow", year: int | None = 2023, nci: bool = True) -> LinePlace:
    return LinePlace(context, frozenset(), "duration", kind, year, nci)


@pytest.mark.parametrize("name, context, nci, feature", [
    ("IncreaseDecreaseInDeposits", "activity=operating | operating activities", True, ("activity", -0.3)),
    ("OtherNoncashIncomeExpense", "activity=operating | operating activities / changes in assets and liabilities", True,
     ("working capital", -0.15)),
    ("DeferredIncomeNoncurrent", "side=assets class=noncurrent | assets", True, ("side", -0.3)),
    ("ProfitLoss", "nocostofsales | ", False, ("no noncontrolling interest", -0.3)),
])
def test_a_concept_out_of_place_is_penalized(name, context, nci, feature):
    taxonomy = load_taxonomy()
    concept = taxonomy.concept(name)
    kind = "balance_sheet" if "side=" in context else ("income" if "nocostofsales" in context else "cash_flow")
    candidate = Candidate((concept.qname,), "taxonomy", 1.0, "test")
    assert feature in score(candidate, (concept,), _place(context, kind, nci=nci)).features


@pytest.mark.parametrize("name, kind, year, successor", [
    ("Revenues", "income", 2023, "RevenueFromContractWithCustomerExcludingAssessedTax"),
    ("Revenues", "income", 2015, None),  # before ASC 606
    ("DeferredRevenueCurrent", "balance_sheet", 2019, "ContractWithCustomerLiabilityCurrent"),
    ("CashAndCashEquivalentsAtCarryingValue", "cash_flow", 2020,
     "CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalents"),
    ("CashAndCashEquivalentsAtCarryingValue", "balance_sheet", 2020, None),  # the balance sheet's cash stays
])
def test_a_newer_standard_offers_its_concept(name, kind, year, successor):
    found = successor_candidates([Candidate((name,), SYNONYM, 0.9, "row")], _place("", kind, year))
    assert [c.concepts[0] for c in found] == ([successor] if successor else [])


def _observation(label: str, concept: str, company: str) -> Observation:
    return Observation("cash_flow", label, label, "activity=investing | investing activities", concept, False, 1, company, 2)


def test_neighbours_are_alike_labels_but_not_the_same_nor_a_contrasting_one():
    index = LabelIndex(ObservedLabels((
        _observation("purchases of marketable securities", "us-gaap:PaymentsToAcquireMarketableSecurities", "a"),
        _observation("purchases of marketable securities and investments", "us-gaap:PaymentsToAcquireInvestments", "b"),
        _observation("net earnings per share basic", "us-gaap:EarningsPerShareBasic", "c"),
        _observation("proceeds from sales of property", "us-gaap:ProceedsFromSaleOfPropertyPlantAndEquipment", "d"),
    )))
    found = index.similar("cash_flow", "purchase of marketable securities")
    assert [(n.label, round(n.similarity, 2)) for n in found] == [
        ("purchases of marketable securities", 1.0), ("purchases of marketable securities and investments", 0.85)]
    assert index.similar("cash_flow", "net earnings per share basic and diluted") == []  # basic is no neighbour of both
    # the label itself is the exact observed source's, not a neighbour
    assert [n.label for n in index.similar("cash_flow", "purchases of marketable securities")] == [
        "purchases of marketable securities and investments"]


NO_NCI = """\
              STATEMENTS OF OPERATIONS
                                   Year Ended December 31,
                                      2023          2022
  Revenues                          10,450         9,120
  Net income                         1,270         1,380
"""


@pytest.mark.parametrize("text, expected", [
    (NO_NCI, False),
    (NO_NCI.replace("  Net income   ", "  Minority interest"), True),
])
def test_noncontrolling_interests_anywhere_in_the_document(text, expected):
    assert has_noncontrolling_interests(build_statements(read_text_tables(text, "t.txt"))) == expected


def test_without_noncontrolling_interests_net_income_is_the_parents():
    (mapped,) = map_statements(build_statements(read_text_tables(NO_NCI, "t.txt")), load_taxonomy(),
                               ExtensionNaming("acme", "http://example.com/acme"))
    assert [line.concepts[0].name for line in mapped.lines] == [
        "RevenueFromContractWithCustomerExcludingAssessedTax", "NetIncomeLoss"]


@pytest.mark.parametrize("label, expected", [
    ("Net income attributable to Zorblax", "NetIncomeLoss"),  # the company's name says nothing
    ("Zorblax", None),  # nothing left to say
    ("Zorblax Quux royalties", None),  # mostly words no concept has: not a known kind of amount
])
def test_words_no_concept_has_are_left_out(label, expected):
    from converter.mapping.vocabulary import label_terms, load_vocabulary

    found = load_vocabulary(load_taxonomy()).search(label_terms(label), frozenset(), lambda c: True, 3, 0.6)
    assert (expected in [m.concept.name for m in found]) if expected else found == ()
