"""Scoring against an answer key, and telling sign errors from disagreements the key explains (evaluation.py)."""
from decimal import Decimal

import pytest

from converter.evaluation import Calculation, ScoredFact, score

PERIOD = "2023-10-01/2023-12-31"


def _key(*lines: tuple[str, str, list[str], str]) -> dict:
    """(statement, label, concepts, value) rows of one period."""
    return {"periods": {"Q": PERIOD}, "lines": [
        {"statement": statement, "label": label, "concepts": concepts, "unit": "USD", "values": {"Q": value}}
        for statement, label, concepts, value in lines]}


def _facts(**values: str) -> list[ScoredFact]:
    return [ScoredFact(name, PERIOD, Decimal(v)) for name, v in values.items()]


# other comprehensive income before tax = hedging + pension + securities
OCI_SUM = Calculation("OtherComprehensiveIncomeLossBeforeTax", (
    ("HedgingLoss", 1),
    ("OtherComprehensiveIncomeLossPensionAndOtherPostretirementBenefitPlansAdjustmentBeforeTax", 1),
    ("OtherComprehensiveIncomeUnrealizedHoldingGainLossOnSecuritiesArisingDuringPeriodBeforeTax", 1)))
OCI_KEY = [
    ("comprehensive income", "Net hedging loss", ["HedgingLoss"], "-24400000"),
    ("comprehensive income", "Net unrealized gain", ["OtherComprehensiveIncomeUnrealizedHoldingGainLossOnSecuritiesArisingDuringPeriodBeforeTax"], "100000"),
    ("comprehensive income", "OCI before tax", ["OtherComprehensiveIncomeLossBeforeTax"], "-24200000"),
]
OCI_FACTS = dict(HedgingLoss="-24400000",
                 OtherComprehensiveIncomeLossPensionAndOtherPostretirementBenefitPlansAdjustmentBeforeTax="100000",
                 OtherComprehensiveIncomeUnrealizedHoldingGainLossOnSecuritiesArisingDuringPeriodBeforeTax="100000",
                 OtherComprehensiveIncomeLossBeforeTax="-24200000")


@pytest.mark.parametrize("key, facts, calculations, explained", [
    # the same US GAAP concept with the other sign: a sign error
    (_key(("income statement", "Other income", ["OtherNonoperatingIncomeExpense"], "-500")),
     _facts(OtherNonoperatingIncomeExpense="500"), [], None),
    # the company's own concept: its balance, and so its sign, is its own
    (_key(("balance sheet", "Subscription receivables", ["SubscriptionReceivables"], "-60710000")),
     _facts(StockholdersEquityNoteSubscriptionsReceivable="60710000"), [],
     "Subscription receivables Q: not comparable: the company's own concept SubscriptionReceivables defines its own sign"),
    # the company's value breaks a sum whose other terms it tags as the instance does
    (_key(*OCI_KEY, ("comprehensive income", "Net gain on pension plans",
                     ["OtherComprehensiveIncomeDefinedBenefitPlansAdjustmentBeforeTaxPortionAttributableToParent"], "-100000")),
     _facts(**OCI_FACTS), [OCI_SUM],
     "Net gain on pension plans Q: the company's -100000 contradicts the statement's arithmetic: "
     "OtherComprehensiveIncomeLossBeforeTax -24200000 = -24400000 + 100000 + 100000, every other term as the company tags it"),
    # ... but not when the other terms are only found in another statement (a coincidence of values)
    (_key(*[("income statement",) + row[1:] for row in OCI_KEY],
          ("comprehensive income", "Net gain on pension plans",
           ["OtherComprehensiveIncomeDefinedBenefitPlansAdjustmentBeforeTaxPortionAttributableToParent"], "-100000")),
     _facts(**OCI_FACTS), [OCI_SUM], None),
    # ... nor when the instance's own calculation does not foot
    (_key(*OCI_KEY, ("comprehensive income", "Net gain on pension plans",
                     ["OtherComprehensiveIncomeDefinedBenefitPlansAdjustmentBeforeTaxPortionAttributableToParent"], "-100000")),
     _facts(**{**OCI_FACTS, "OtherComprehensiveIncomeLossBeforeTax": "-24000000"}), [OCI_SUM], None),
    # another US GAAP concept that counts the other way towards cash: the key's value in its convention
    (_key(("cash flow", "Other items", ["OtherOperatingActivitiesCashFlowStatement"], "18")),
     _facts(OtherNoncashIncomeExpense="-18"), [],
     "Other items Q: not comparable: OtherNoncashIncomeExpense counts the other way from "
     "OtherOperatingActivitiesCashFlowStatement: the key's value in the other concept's convention"),
    # ... but not another concept that counts the same way (a sign error, whatever the concept)
    (_key(("cash flow", "Other items", ["OtherOperatingActivitiesCashFlowStatement"], "18")),
     _facts(ProceedsFromPaymentsForOtherFinancingActivities="-18"), [], None),
])
def test_sign_disagreements_are_errors_unless_the_key_explains_them(key, facts, calculations, explained):
    result = score(key, facts, calculations)
    assert result.sign_errors == 1  # as ../shared/tools/score.py counts them
    assert list(result.explained_signs) == ([explained] if explained else [])
    assert result.unexplained_sign_errors == (0 if explained else 1)


def test_values_found_and_concepts_agreeing():
    key = _key(("income statement", "Revenues", ["Revenues"], "1000"),
               ("income statement", "Cost of revenues", ["CostOfRevenue"], "400"),
               ("income statement", "Other", ["OtherNonoperatingIncomeExpense"], "7"))
    result = score(key, _facts(Revenues="1000", CostOfGoodsAndServicesSold="400"))
    assert (result.total, result.value_hits, result.concept_hits, result.sign_errors) == (3, 2, 1, 0)
    assert result.misses == (
        "concept: Cost of revenues Q=400 tagged ['CostOfGoodsAndServicesSold'], want one of ['CostOfRevenue']",
        "missing: Other Q=7",
    )


def test_evaluate_reports_explained_disagreements_apart_from_sign_errors():
    from converter.inline_reader import Evaluation, evaluation_text

    key = _key(("balance sheet", "Subscription receivables", ["SubscriptionReceivables"], "-60710000"))
    result = score(key, _facts(StockholdersEquityNoteSubscriptionsReceivable="60710000"))
    evaluation = Evaluation("f.htm", ("balance sheet",), result, (), 1.0, 1)
    text = evaluation_text(evaluation)
    assert "  sign errors      0  (and 1 sign disagreement the company's tags explain, listed below)" in text.splitlines()
    assert ("    explained: Subscription receivables Q: not comparable: the company's own concept "
            "SubscriptionReceivables defines its own sign") in text.splitlines()
    assert evaluation.as_json()["sign_errors"] == 0
    assert evaluation.as_json()["explained_sign_disagreements"] == list(result.explained_signs)
