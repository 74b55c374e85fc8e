"""The generated taxonomy data (taxonomy/) and its loader, converter.mapping.taxonomy."""
from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
from lxml import etree

from converter.mapping.taxonomy import (
    DEI_NS, DEI_SCHEMA_URL, US_GAAP_NS, US_GAAP_SCHEMA_URL, CalcArc, load_taxonomy, qualify,
)
from converter.statements import StatementKind

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "reference"
MONETARY, SHARES, PER_SHARE = "xbrli:monetaryItemType", "xbrli:sharesItemType", "dtr-types:perShareItemType"
PERCENT, INTEGER = "dtr-types:percentItemType", "xbrli:integerItemType"


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


@pytest.mark.parametrize("qname, data_type, period_type, balance", [
    ("us-gaap:Assets", MONETARY, "instant", "debit"),
    ("us-gaap:AssetsCurrent", MONETARY, "instant", "debit"),
    ("us-gaap:Liabilities", MONETARY, "instant", "credit"),
    ("us-gaap:LiabilitiesAndStockholdersEquity", MONETARY, "instant", "credit"),
    ("us-gaap:StockholdersEquity", MONETARY, "instant", "credit"),
    ("us-gaap:TreasuryStockValue", MONETARY, "instant", "debit"),
    ("us-gaap:RetainedEarningsAccumulatedDeficit", MONETARY, "instant", "credit"),
    ("us-gaap:AccumulatedDepreciationDepletionAndAmortizationPropertyPlantAndEquipment", MONETARY, "instant", "credit"),
    ("us-gaap:AllowanceForDoubtfulAccountsReceivableCurrent", MONETARY, "instant", "credit"),
    ("us-gaap:CashCashEquivalentsAndShortTermInvestments", MONETARY, "instant", "debit"),
    ("us-gaap:CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalents", MONETARY, "instant", "debit"),
    ("us-gaap:AccountsPayableAndAccruedLiabilitiesCurrent", MONETARY, "instant", "credit"),
    ("us-gaap:DeferredRevenueCurrent", MONETARY, "instant", "credit"),
    ("us-gaap:CommitmentsAndContingencies", MONETARY, "instant", "credit"),
    ("us-gaap:Revenues", MONETARY, "duration", "credit"),
    ("us-gaap:CostOfRevenue", MONETARY, "duration", "debit"),
    ("us-gaap:GrossProfit", MONETARY, "duration", "credit"),
    ("us-gaap:CostsAndExpenses", MONETARY, "duration", "debit"),
    ("us-gaap:SellingGeneralAndAdministrativeExpense", MONETARY, "duration", "debit"),
    ("us-gaap:OperatingIncomeLoss", MONETARY, "duration", "credit"),
    ("us-gaap:NonoperatingIncomeExpense", MONETARY, "duration", "credit"),
    ("us-gaap:InterestExpense", MONETARY, "duration", "debit"),
    ("us-gaap:IncomeTaxExpenseBenefit", MONETARY, "duration", "debit"),
    ("us-gaap:NetIncomeLoss", MONETARY, "duration", "credit"),
    ("us-gaap:NetIncomeLossAttributableToNoncontrollingInterest", MONETARY, "duration", "debit"),
    ("us-gaap:PreferredStockDividendsIncomeStatementImpact", MONETARY, "duration", "debit"),
    ("us-gaap:NetIncomeLossAvailableToCommonStockholdersBasic", MONETARY, "duration", "credit"),
    ("us-gaap:ProceedsFromIssuanceOfCommonStock", MONETARY, "duration", "debit"),
    ("us-gaap:PaymentsToAcquirePropertyPlantAndEquipment", MONETARY, "duration", "credit"),
    ("us-gaap:IncreaseDecreaseInAccountsReceivable", MONETARY, "duration", "credit"),
    ("us-gaap:IncreaseDecreaseInAccountsPayable", MONETARY, "duration", "debit"),
    ("us-gaap:NetCashProvidedByUsedInInvestingActivities", MONETARY, "duration", "debit"),
    ("us-gaap:NetCashProvidedByUsedInOperatingActivities", MONETARY, "duration", None),  # published without one
    ("us-gaap:StockIssuedDuringPeriodValueNewIssues", MONETARY, "duration", "credit"),
    ("us-gaap:EarningsPerShareBasic", PER_SHARE, "duration", None),
    ("us-gaap:EarningsPerShareDiluted", PER_SHARE, "duration", None),
    ("us-gaap:CommonStockParOrStatedValuePerShare", PER_SHARE, "instant", None),
    ("us-gaap:WeightedAverageNumberOfSharesOutstandingBasic", SHARES, "duration", None),
    ("us-gaap:WeightedAverageNumberOfDilutedSharesOutstanding", SHARES, "duration", None),
    ("us-gaap:CommonStockSharesOutstanding", SHARES, "instant", None),
    ("us-gaap:StockIssuedDuringPeriodSharesNewIssues", SHARES, "duration", None),
    ("dei:EntityRegistrantName", "xbrli:normalizedStringItemType", "duration", None),
    ("dei:EntityCentralIndexKey", "dei:centralIndexKeyItemType", "duration", None),
    ("dei:DocumentType", "dei:submissionTypeItemType", "duration", None),
    ("dei:DocumentPeriodEndDate", "xbrli:dateItemType", "duration", None),
    ("dei:DocumentFiscalYearFocus", "xbrli:gYearItemType", "duration", None),
    ("dei:DocumentFiscalPeriodFocus", "dei:fiscalPeriodItemType", "duration", None),
    ("dei:AmendmentFlag", "xbrli:booleanItemType", "duration", None),
    ("dei:CurrentFiscalYearEndDate", "xbrli:gMonthDayItemType", "duration", None),
    ("dei:TradingSymbol", "dei:tradingSymbolItemType", "duration", None),
    ("dei:DocumentTitle", "xbrli:normalizedStringItemType", "duration", None),
    ("dei:EntityCommonStockSharesOutstanding", SHARES, "instant", None),
    ("dei:EntityPublicFloat", MONETARY, "instant", "credit"),
])
def test_concept_attributes(taxonomy, qname, data_type, period_type, balance):
    concept = taxonomy.concept(qname)
    assert concept is not None, qname
    assert (concept.data_type, concept.period_type, concept.balance) == (data_type, period_type, balance)
    assert concept.namespace == (US_GAAP_NS if qname.startswith("us-gaap:") else DEI_NS)


@pytest.mark.parametrize("qname, substitution_group, data_type", [
    ("us-gaap:StatementOfFinancialPositionAbstract", "xbrli:item", "xbrli:stringItemType"),
    ("us-gaap:StatementTable", "xbrldt:hypercubeItem", "xbrli:stringItemType"),
    ("us-gaap:StatementLineItems", "xbrli:item", "xbrli:stringItemType"),
    ("us-gaap:StatementClassOfStockAxis", "xbrldt:dimensionItem", "xbrli:stringItemType"),
    ("us-gaap:CommonStockMember", "xbrli:item", "dtr-types:domainItemType"),
])
def test_structural_concepts_are_abstract(taxonomy, qname, substitution_group, data_type):
    concept = taxonomy.concept(qname)
    assert concept.abstract and concept.period_type == "duration" and concept.balance is None
    assert (concept.substitution_group, concept.data_type) == (substitution_group, data_type)


# The vocabulary outside the face-statement networks: supplemental cash-flow items, disclosure
# amounts companies print on a face, rates, counts and share counts of the notes.
@pytest.mark.parametrize("qname, data_type, period_type, balance", [
    ("us-gaap:RightOfUseAssetObtainedInExchangeForOperatingLeaseLiability", MONETARY, "duration", None),
    ("us-gaap:RightOfUseAssetObtainedInExchangeForFinanceLeaseLiability", MONETARY, "duration", None),
    ("us-gaap:LesseeOperatingLeaseLiabilityPaymentsDueNextTwelveMonths", MONETARY, "instant", "credit"),
    ("us-gaap:DebtInstrumentFaceAmount", MONETARY, "instant", "credit"),
    ("us-gaap:DeferredTaxAssetsGross", MONETARY, "instant", "debit"),
    ("us-gaap:DefinedBenefitPlanBenefitObligation", MONETARY, "instant", "credit"),
    ("us-gaap:DefinedBenefitPlanFairValueOfPlanAssets", MONETARY, "instant", "debit"),
    ("us-gaap:EmployeeServiceShareBasedCompensationNonvestedAwardsTotalCompensationCostNotYetRecognized",
     MONETARY, "instant", None),
    ("us-gaap:IncreaseDecreaseInCustomerLoyaltyProgramLiability", MONETARY, "duration", "debit"),
    ("us-gaap:EffectiveIncomeTaxRateReconciliationAtFederalStatutoryIncomeTaxRate", PERCENT, "duration", None),
    ("us-gaap:DebtInstrumentInterestRateStatedPercentage", PERCENT, "duration", None),
    ("us-gaap:EquityMethodInvestmentOwnershipPercentage", PERCENT, "instant", None),
    ("us-gaap:ShareBasedCompensationArrangementByShareBasedPaymentAwardOptionsOutstandingNumber",
     SHARES, "instant", None),
    ("us-gaap:ShareBasedCompensationArrangementByShareBasedPaymentAwardOptionsOutstandingWeightedAverageExercisePrice",
     PER_SHARE, "instant", None),
    ("us-gaap:NumberOfReportableSegments", INTEGER, "duration", None),
])
def test_vocabulary_concepts(taxonomy, qname, data_type, period_type, balance):
    concept = taxonomy.concept(qname)
    assert concept is not None, qname
    assert (concept.data_type, concept.period_type, concept.balance) == (data_type, period_type, balance)
    assert concept.statements == () and not concept.abstract


@pytest.mark.parametrize("name", [
    "DebtInstrumentTerm", "OperatingLeaseWeightedAverageRemainingLeaseTerm1",  # durations
    "DebtInstrumentMaturityDate", "LeaseExpirationDate1",  # dates
    "BusinessCombinationsPolicy", "DebtInstrumentPaymentTerms",  # text outside the face networks
    "LesseeOperatingLeasesTextBlock", "ConcentrationRiskMaterial",
    "FiniteLivedIntangibleAssetsAmortizationMethod",
])
def test_non_numeric_vocabulary_is_left_out(taxonomy, name):
    assert taxonomy.concept(name) is None


@pytest.mark.parametrize("name", ["EarningsPerShareBasicAndDiluted",
                                  "WeightedAverageNumberOfShareOutstandingBasicAndDiluted",
                                  "EnvironmentalExitCostsReasonablyPossibleAdditionalLossesBestEstimate",
                                  "PremiumsEarnedNetFinancialGuaranteeInsuranceContracts", "TradingSecuritiesCost"])
def test_deprecated_concepts_are_absent(taxonomy, name):
    assert taxonomy.concept(name) is None
    assert taxonomy.is_deprecated(name)


@pytest.mark.parametrize("qname, never_negative", [
    ("us-gaap:Assets", True), ("us-gaap:SellingGeneralAndAdministrativeExpense", True),
    ("dei:EntityPublicFloat", True), ("us-gaap:NetIncomeLoss", False), ("us-gaap:OperatingIncomeLoss", False),
])
def test_non_negative_concepts(taxonomy, qname, never_negative):
    assert taxonomy.is_non_negative(qname) is never_negative


@pytest.mark.parametrize("qname, statements", [
    ("us-gaap:Assets", ("balance_sheet",)),
    ("us-gaap:StockholdersEquity", ("balance_sheet",)),
    ("us-gaap:Revenues", ("income", "comprehensive_income")),
    ("us-gaap:ProfitLoss", ("income", "comprehensive_income", "cash_flow", "equity")),
    ("us-gaap:NetCashProvidedByUsedInOperatingActivities", ("cash_flow",)),
    ("us-gaap:IncomeTaxesPaidNet", ("cash_flow",)),
    ("us-gaap:ShareBasedCompensation", ("cash_flow",)),
    ("us-gaap:GoodwillImpairmentLoss", ("balance_sheet", "income", "cash_flow")),
    ("us-gaap:CommonStockMember", ("equity",)),
    ("us-gaap:PrepaidExpenseAndOtherAssetsCurrent", ()),  # printed on faces, but in no US GAAP network
    ("us-gaap:DebtInstrumentFaceAmount", ()),
    ("dei:EntityRegistrantName", ()),
])
def test_statements_whose_networks_name_the_concept(taxonomy, qname, statements):
    assert taxonomy.concept(qname).statements == statements


def test_statements_are_statement_kinds(taxonomy):
    kinds = [kind.value for kind in StatementKind]
    for concept in taxonomy.concepts.values():
        assert list(concept.statements) == sorted(set(concept.statements), key=kinds.index), concept.qname
    assert sum(1 for c in taxonomy.concepts.values() if c.statements) > 4000


def test_deprecated_concepts_name_their_replacements(taxonomy):
    assert set(taxonomy.replacements["EarningsPerShareBasicAndDiluted"]) == {
        "us-gaap:EarningsPerShareBasic", "us-gaap:EarningsPerShareDiluted"}
    assert not taxonomy.is_deprecated("EarningsPerShareBasic")


@pytest.mark.parametrize("spelling", ["us-gaap:Assets", "Assets", " Assets ", "{http://fasb.org/us-gaap/2024}Assets"])
def test_lookup_spellings(taxonomy, spelling):
    assert qualify(spelling) == "us-gaap:Assets"
    assert taxonomy.concept(spelling).qname == "us-gaap:Assets"


def test_unknown_concepts(taxonomy):
    assert taxonomy.concept("NoSuchConcept") is None
    assert taxonomy.concept("dei:Assets") is None
    assert taxonomy.calc_children("NoSuchConcept") == ()


def test_load_is_cached(taxonomy):
    assert load_taxonomy() is taxonomy
    assert len(taxonomy.concepts) > 9000


@pytest.mark.parametrize("network, parent, child, weight", [
    ("soi", "OperatingIncomeLoss", "GrossProfit", 1),
    ("soi", "OperatingIncomeLoss", "OperatingExpenses", -1),
    ("soi", "GrossProfit", "Revenues", 1),
    ("soi", "GrossProfit", "CostOfRevenue", -1),
    ("soi", "NetIncomeLoss", "ProfitLoss", 1),
    ("soi", "NetIncomeLoss", "NetIncomeLossAttributableToNoncontrollingInterest", -1),
    ("soi", "NetIncomeLossAvailableToCommonStockholdersBasic", "NetIncomeLoss", 1),
    ("sfp-cls", "Assets", "AssetsCurrent", 1),
    ("sfp-cls", "LiabilitiesAndStockholdersEquity", "Liabilities", 1),
    ("sfp-cls", "StockholdersEquity", "TreasuryStockValue", -1),
    ("scf-indir", "NetCashProvidedByUsedInOperatingActivities", "ProfitLoss", 1),
])
def test_calculation_arcs(taxonomy, network, parent, child, weight):
    arcs = taxonomy.calc_children(parent, network)
    assert CalcArc(network, qualify(parent), qualify(child), weight) in {
        CalcArc(a.network, a.parent, a.child, a.weight) for a in arcs}
    assert any(a.parent == qualify(parent) and a.network == network for a in taxonomy.calc_parents(child))


def test_operating_income_rolls_up_into_pretax_income(taxonomy):
    parents = {a.parent for a in taxonomy.calc_parents("us-gaap:OperatingIncomeLoss") if a.network == "soi"}
    assert "us-gaap:IncomeLossFromContinuingOperationsBeforeIncomeTaxesMinorityInterestAndIncomeLossFromEquityMethodInvestments" in parents


def test_calculations_agree_with_balances_periods_and_types(taxonomy):
    """XBRL 2.1 5.1.1.2: weight +1 joins equal balances, -1 opposite ones; and one period type and unit kind."""
    for arc in taxonomy.calculations:
        parent, child = taxonomy.concept(arc.parent), taxonomy.concept(arc.child)
        assert parent.is_numeric and child.is_numeric, arc
        assert parent.period_type == child.period_type and parent.data_type == child.data_type, arc
        if parent.balance and child.balance:
            assert (parent.balance == child.balance) == (arc.weight > 0), arc


def test_monetary_concepts_only_have_balances(taxonomy):
    for concept in taxonomy.concepts.values():
        assert concept.balance is None or concept.is_monetary, concept.qname
        assert concept.label, concept.qname


def test_labels_read_like_captions(taxonomy):
    assert taxonomy.concept("IncomeLossFromContinuingOperations").label == "Income (Loss) from Continuing Operations"
    assert taxonomy.concept("NetCashProvidedByUsedInOperatingActivities").label == \
        "Net Cash Provided by (Used in) Operating Activities"
    assert taxonomy.concept("IncomeStatementAbstract").label == "Income Statement [Abstract]"


def _catalog_target(package: Path, url: str) -> Path:
    catalog = etree.parse(str(package / "META-INF" / "catalog.xml")).getroot()
    for rewrite in catalog:
        start = rewrite.get("uriStartString")
        if url.startswith(start):
            return (package / "META-INF" / rewrite.get("rewritePrefix") / url[len(start):]).resolve()
    raise AssertionError(f"{url} is not mapped")


@pytest.mark.parametrize("url, namespace, prefix", [(US_GAAP_SCHEMA_URL, US_GAAP_NS, "us-gaap"),
                                                    (DEI_SCHEMA_URL, DEI_NS, "dei")])
def test_package_maps_the_official_urls(taxonomy, url, namespace, prefix):
    schema = etree.parse(str(_catalog_target(taxonomy.package_dir, url))).getroot()
    assert schema.get("targetNamespace") == namespace
    elements = {el.get("name"): el for el in schema.iter("{http://www.w3.org/2001/XMLSchema}element")}
    ours = {c.name: c for c in taxonomy.concepts.values() if c.prefix == prefix}
    assert set(elements) == set(ours)
    for name, concept in ours.items():
        element = elements[name]
        assert element.get("id") == f"{prefix}_{name}"
        assert element.get("type") == concept.data_type
        assert element.get("{http://www.xbrl.org/2003/instance}periodType") == concept.period_type
        assert element.get("{http://www.xbrl.org/2003/instance}balance") == concept.balance


def test_package_metadata_names_its_entry_points(taxonomy):
    text = (taxonomy.package_dir / "META-INF" / "taxonomyPackage.xml").read_text(encoding="utf-8")
    assert US_GAAP_SCHEMA_URL in text and DEI_SCHEMA_URL in text
    assert re.search(r"<tp:identifier>\S+</tp:identifier>", text)


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="the reference taxonomies (../shared/reference) are not here")
def test_vocabulary_is_the_current_element_list(taxonomy):
    """Every us-gaap concept is a current 2024 element, and more than half of those are in (the rest
    are abstracts outside the face networks, text, dates, durations and enumerations)."""
    elements = set((REFERENCE / "us-gaap-2024-element-names.txt").read_text("utf-8").split())
    ours = {c.name for c in taxonomy.concepts.values() if c.prefix == "us-gaap"}
    assert ours <= elements
    assert not {name for name in ours if taxonomy.is_deprecated(name)}
    current = {n for n in elements if not taxonomy.is_deprecated(n)}
    assert len(ours) > 0.55 * len(current)


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="the reference taxonomies (../shared/reference) are not here")
def test_generated_files_are_up_to_date(tmp_path):
    spec = importlib.util.spec_from_file_location("build_taxonomy", ROOT / "scripts" / "build_taxonomy.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    module.main(["--reference", str(REFERENCE), "--out", str(tmp_path)])
    for generated in sorted(p for p in tmp_path.rglob("*") if p.is_file()):
        committed = ROOT / "taxonomy" / generated.relative_to(tmp_path)
        assert committed.read_bytes() == generated.read_bytes(), f"{committed} is stale: rerun scripts/build_taxonomy.py"
