"""What the US GAAP core schema would say of each concept, derived for scripts/build_taxonomy.py.

The reference holds the statement linkbases but not the element schema: data types come from the
names, period types from votes over the calculation graph, balances from anchors propagated along
the calculations, labels from the names (the method is described in build_taxonomy.py).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from build_taxonomy import Arc

PERIOD_START = "http://www.xbrl.org/2003/role/periodStartLabel"
PERIOD_END = "http://www.xbrl.org/2003/role/periodEndLabel"
BALANCE_SHEET_NETWORK = re.compile(r"^sfp")


# ---------------------------------------------------------------------------------------------
# Types


STRUCTURAL = {  # name suffix -> (type, substitution group) of abstract concepts
    "Abstract": ("xbrli:stringItemType", "xbrli:item"), "RollForward": ("xbrli:stringItemType", "xbrli:item"),
    "LineItems": ("xbrli:stringItemType", "xbrli:item"), "Table": ("xbrli:stringItemType", "xbrldt:hypercubeItem"),
    "Axis": ("xbrli:stringItemType", "xbrldt:dimensionItem"),
    "Member": ("dtr-types:domainItemType", "xbrli:item"), "Domain": ("dtr-types:domainItemType", "xbrli:item"),
}
# Types that need schemas this subset does not reproduce (enum2 attributes, us-types).
EXCLUDED = re.compile(r"(ExtensibleEnumeration|ExtensibleList|Unlimited)$")

NUMERIC_TYPES = {"xbrli:monetaryItemType", "xbrli:sharesItemType", "dtr-types:perShareItemType",
                 "dtr-types:percentItemType", "xbrli:pureItemType", "xbrli:decimalItemType",
                 "xbrli:integerItemType", "dtr-types:areaItemType"}
# Exceptions to the name rules below, each checked against how the concept is used in the
# statement networks (which calculation it sits in, which parenthetical it belongs to).
TYPE_EXCEPTIONS = {
    "AntidilutiveSecuritiesExcludedFromComputationOfEarningsPerShareAmount": "xbrli:sharesItemType",
    "AntidilutiveSecuritiesExcludedFromComputationOfNetIncomePerOutstandingUnitAmount": "xbrli:sharesItemType",
    "IncentiveDistributionDistributionPerYear": "xbrli:monetaryItemType",
    "DilutiveSecuritiesEffectOnBasicEarningsPerShareOther": "xbrli:monetaryItemType",
    "UnearnedESOPShares": "xbrli:monetaryItemType",  # the contra-equity amount on the balance sheet
}
MONEY_PREFIX = re.compile(r"^(Proceeds|Payments?|Repayments)[A-Z]")
MONEY_SUFFIX = re.compile(r"(Value|Amount|Receivable|Subscriptions|Payable)(Current|Noncurrent)?\d?$")
PER_SHARE = re.compile(r"(PerShare|Per(Basic|Diluted|BasicAndDiluted)Share|EarningsPerShare|"
                       r"Per(Outstanding)?(Limited|General|LimitedPartnershipAnd\w*)Partnership\w*Unit|"
                       r"PerUnit|Per\w*PartnershipUnitOutstanding|PricePerShare)")
SHARES = re.compile(r"(Shares(?!holder)|^WeightedAverageNumber|^WeightedAverage\w*Units?Outstanding|"
                    r"Units?(Authorized|Issued|Outstanding)\d?$|^PartnersCapitalAccountUnits|"
                    r"AwardOptions\w*(InPeriod(Gross)?|PeriodIncreaseDecrease)$|(Warrants|Options)(OrOptions)?Issued\d?$)")
STRING = re.compile(r"(Description|NatureOf|Nature$|Text$|(Conversion|Carrying)Basis$|Restrictions$|TypeOf\w*$|"
                    r"Type$|(?<!ValueOf)Consideration(Given|Received)$)")
PERCENT = re.compile(r"(Percent|Percentage|(?<!Fixed)(?<!Floating)(?<!Variable)(?<!Adjustable)Rate|RateOfDebt)\d?$")


def infer_type(name: str) -> tuple[str, str]:
    """(data type, substitution group) from the name."""
    for suffix, result in STRUCTURAL.items():
        if name.rstrip("0123456789").endswith(suffix):
            return result
    if name in TYPE_EXCEPTIONS:
        return TYPE_EXCEPTIONS[name], "xbrli:item"
    return _item_type(name), "xbrli:item"


def _item_type(name: str) -> str:
    rules = [(r"TextBlock$", "dtr-types:textBlockItemType"), (r"DayMonthAndYear$", "xbrli:dateItemType"),
             (r"MonthAndYear$", "xbrli:gYearMonthItemType"), (r"Date\w*Year$", "xbrli:gYearItemType"),
             (STRING, "xbrli:stringItemType"), (r"Flag$", "xbrli:booleanItemType"),
             (MONEY_PREFIX, "xbrli:monetaryItemType"), (PER_SHARE, "dtr-types:perShareItemType")]
    for pattern, data_type in rules:
        if re.search(pattern, name):
            return data_type
    if SHARES.search(name) and not MONEY_SUFFIX.search(name):
        return "xbrli:sharesItemType"
    return "dtr-types:percentItemType" if PERCENT.search(name) else "xbrli:monetaryItemType"


# The disclosure vocabulary outside the face statements holds, besides amounts, durations ("...Term",
# "...UsefulLife"), dates, counts ("NumberOf..."), ratios, measurement inputs and text ("...Policy"), and
# names where "Shares" or "PerShare" is not the last word ("...NetAssetValuePerSharePercentEquitySecurities").
# Checked in order on names infer_type calls numeric, first match wins; each rule applies to the types
# listed (None: all numeric types). Face-statement concepts keep infer_type's answer.
_MONEY, _SHARES, _PER_SHARE = "xbrli:monetaryItemType", "xbrli:sharesItemType", "dtr-types:perShareItemType"
VOCABULARY_TYPES = [
    (r"((PlanNumber|IdentificationNumber|GeographicArea|PeriodUnknown)\d?$|Frequency|BasisFor|Designations|"
     r"Unlimited|Explanation|ChangesToPlan|AssumptionsUnderlying)", "xbrli:stringItemType", None),
    (r"(Policy|Policies|Election|Methods?|Methodology|Methodologies|Techniques?|Techiques|Disclosures|"
     r"(?<!FairValue)Disclosure|Information|Terms|Reasons?|Explanation|Commentary|Assertion|Judgment|Guidance|"
     r"Process|Purposes?|Conditions|Criteria|Circumstances|Descriptors|Objective|Strategies|Practices?|Provisions|"
     r"Features?|Caption|Names?|Location|Topic|Classification|Treatment|Allegations|Matters|Existence\w*|"
     r"OptionTo(Extend|Terminate|Purchase)|(?<!Accrual)Status|Kind|Category|Characteristic|Indicator|Identifier|"
     r"FixedList|RestrictionOther)\d?$", "xbrli:stringItemType", None),
    (r"Flag\d?$", "xbrli:booleanItemType", None),
    (r"(?<!AtAcquisition)(?<!AsOfAcquisition)(?<!BalanceSheet)(?<!SingleMaturity)(?<!AtEffective)(?<!ToDate)"
     r"(?<!MarketPricePurchase)(?<!MarketPriceOffering)Date(s|Updated)?\d?$", "xbrli:dateItemType", None),
    (r"(Term|Life|Duration|Interval|Age|^OperatingCycle|ThresholdPeriod\w*|TermOf\w*|PeriodOf\w*|PeriodInEffect|"
     r"(?<!During)(?<!In)(?<!Previous)(?<!Annual)(?<!Current)(?<!Of)(?<!Modified)Period)\d?$",
     "xbrli:durationItemType", None),
    (r"(AverageInterestRate|^WeightedAverage(Interest)?Rate|RateAtWhich|(?<!From)Yield\d?$|RateDuringPeriod\d?$|"
     r"DiscountFromMarketPrice|PercentageOf\w*$|"
     r"PerSharePercent\w*$|Percentage\d?$|PercentPastDue\d?$)", "dtr-types:percentItemType", None),
    (r"^EffectiveIncomeTaxRate(?!\w*Amount\d?$)", "dtr-types:percentItemType", {_MONEY}),
    (r"^IncomeTaxReconciliation", _MONEY, {"dtr-types:percentItemType"}),
    (r"Ratio\d?$", "xbrli:pureItemType", None),
    (r"MeasurementInput\d?$", "xbrli:decimalItemType", None),
    (r"(WeightedAverage(GrantDate|Exercise|Purchase)\w*(FairValue|Price)\w*|ExercisePrice(Range\w*Limit)?|"
     r"ConversionPrice|StrikePrice|PricePerShare\w*)\d?$", _PER_SHARE, {_MONEY, _SHARES}),
    (r"Options\w*(InPeriod|InPeriodGross|Number|PeriodIncreaseDecrease)\d?$", _SHARES, None),
    (r"(TradingDays|NumberOf(?!Shares)\w*|Number)\d?$", "xbrli:integerItemType", {_MONEY, _PER_SHARE}),
    (r"(^AreaOf\w*|Area)\d?$", "dtr-types:areaItemType", {_MONEY}),
    (r"((?<!PerShare)(?<!PerShareRedemption)(Value|Amount)|IntrinsicValue\w*|DiscountOnShares|"
     r"RepurchaseOfSharesBySubsidiary|FairValueOfShares\w*|ValueShares\w*|GainLossOnTransactions\w*|Committments|"
     r"SettlementTerms(ContractLimit|ExcessOf\w*))\d?$", _MONEY, {_SHARES, _PER_SHARE}),
]


def infer_vocabulary_type(name: str) -> tuple[str, str]:
    """infer_type, refined for the disclosure names whose last words say more than "Shares" or "Amount"."""
    data_type, group = infer_type(name)
    if data_type not in NUMERIC_TYPES or name in TYPE_EXCEPTIONS:
        return data_type, group
    for pattern, refined, applies_to in VOCABULARY_TYPES:
        if (applies_to is None or data_type in applies_to) and re.search(pattern, name):
            return refined, group
    return data_type, group


def structural(name: str) -> bool:
    return any(name.rstrip("0123456789").endswith(suffix) for suffix in STRUCTURAL)


# ---------------------------------------------------------------------------------------------
# The relationship graph behind period types and balances


class SignedUnionFind:
    """Connected parts of a graph whose edges say "same balance" (+1) or "opposite balance" (-1).

    Each node knows its part's root and its parity relative to the root, so an edge that contradicts
    the edges already joined (an odd cycle) is detected when it is added, and refused.
    """

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.parity: dict[str, int] = {}  # relative to parent

    def find(self, node: str) -> tuple[str, int]:
        if node not in self.parent:
            self.parent[node], self.parity[node] = node, 1
        path = []
        while self.parent[node] != node:
            path.append(node)
            node = self.parent[node]
        root, parity = node, 1
        for item in reversed(path):  # compress: point every node of the path at the root
            parity *= self.parity[item]
            self.parent[item], self.parity[item] = root, parity
        return root, self.parity[path[0]] if path else 1

    def union(self, a: str, b: str, sign: int) -> bool:
        (root_a, par_a), (root_b, par_b) = self.find(a), self.find(b)
        if root_a == root_b:
            return par_a * par_b == sign
        self.parent[root_b], self.parity[root_b] = root_a, par_a * par_b * sign
        return True

    def parts(self) -> list[list[str]]:
        by_root: dict[str, list[str]] = defaultdict(list)
        for node in sorted(self.parent):
            by_root[self.find(node)[0]].append(node)
        return sorted(by_root.values())


SAME_PERIOD_ARCROLES = {"instant-contra": -1, "class-subclass": 1}
# A balance's inflows share its balance and its outflows have the opposite one (checked: once the
# roll-forward totals are left out, the anchored part of the graph agrees on all but 1 of ~800 arcs).
FLOW_ARCROLES = {"instant-inflow": 1, "instant-outflow": -1}


def build_graph(stm_arcs: list[Arc], rels: list[tuple[str, str, int]], meta_arcs: list[Arc],
                meta_arcroles: dict[str, int], keep=lambda qname: True,
                report: list[str] | None = None) -> SignedUnionFind:
    """Join calculation relationships (the face statements' first), then the given meta-model arcs.

    An edge contradicting those joined before it is left out (and reported when it is a calculation).
    Meta arcs given with both signs for one pair contradict themselves and are left out.
    """
    calcs = [(a.parent, a.child, 1 if a.weight > 0 else -1) for a in stm_arcs if a.kind == "cal" and a.weight]
    calcs += rels
    meta = {}
    for arc in meta_arcs:
        role = arc.arcrole.rsplit("/", 1)[1]
        if role in meta_arcroles:
            pair = tuple(sorted((arc.parent, arc.child)))
            meta[pair] = 0 if meta.get(pair, meta_arcroles[role]) != meta_arcroles[role] else meta_arcroles[role]
    graph = SignedUnionFind()
    for parent, child, sign in calcs:
        if keep(parent) and keep(child) and not graph.union(parent, child, sign) and report is not None:
            report.append(f"calculation disagrees with the balances before it: {parent} {child} {sign:+d}")
    for (a, b), sign in sorted(meta.items()):
        if sign and keep(a) and keep(b):
            graph.union(a, b, sign)
    return graph


# ---------------------------------------------------------------------------------------------
# Period types


def period_evidence(stm_arcs: list[Arc], meta_arcs: list[Arc], srt: dict[str, tuple[str, str]]) -> Counter:
    """Votes per qname: positive means instant, negative duration."""
    votes: Counter = Counter()
    for qname in {arc.child for arc in stm_arcs if arc.preferred_label in (PERIOD_START, PERIOD_END)}:
        votes[qname] += 100
    for qname, network, kind in {(q, a.network, a.kind) for a in stm_arcs for q in (a.parent, a.child)}:
        balance_sheet = bool(BALANCE_SHEET_NETWORK.match(network))
        if kind == "pre":
            votes[qname] += 1 if balance_sheet else -1
        elif kind == "cal" and balance_sheet:
            # The balance-sheet calculation alternatives (sfp-cls1, -cls2) hold roll-forwards of
            # flows too: there the name decides, weakly.
            votes[qname] += -1 if looks_like_flow(qname.split(":", 1)[1]) else 1
    for arc in meta_arcs:
        if arc.arcrole.rsplit("/", 1)[1] in ("instant-inflow", "instant-outflow", "instant-accrual"):
            votes[arc.parent] += 20
            votes[arc.child] -= 20
    for qname, (period_type, _) in srt.items():
        votes[qname] += 1000 if period_type == "instant" else -1000
    return votes


FLOW_WORDS = re.compile(
    r"(^IncreaseDecrease|^Proceeds|^Payments?|^Repayments|Expense|Revenue|Gain|Loss(?!es)|Income|PeriodIncrease|"
    r"DuringPeriod|InPeriod|Charges?|Costs?$|Fees|Impairment|Amortization|Depreciation|Write(O|o)ff|WriteDown|"
    r"Dividends|Acquired|Assumed|Additions?$|Purchase|Sale|Sold|Issued|Deductions?$|Recover|Provision|"
    r"Settlement|Transfer|Accretion|Incurred|Expected)")
STOCK_WORDS = re.compile(r"(Accumulated|Deferred|Prepaid|Payable|Receivable|Accrued|Liabilit|Reserve|Allowance)")


def looks_like_flow(name: str) -> bool:
    name = name.rstrip("0123456789")
    return bool(FLOW_WORDS.search(name)) and not STOCK_WORDS.search(name)


def infer_period_types(names: list[str], graph: SignedUnionFind, votes: Counter,
                       types: dict[str, str] | None = None, listed: dict[str, int] | None = None,
                       cued: frozenset[str] = frozenset()) -> dict[str, str]:
    """instant or duration per name; types defaults to infer_type's. A name of cued that no statement
    or calculation decides takes listed's cue (the validation data's: +1 instant, -1 duration) or its
    name's (period_cue); the others stay duration."""
    part_of = {}
    for part in graph.parts():
        total = sum(votes[q] for q in part)
        for qname in part:
            part_of[qname] = total
    periods = {}
    for name in names:
        qname = f"us-gaap:{name}"
        data_type = (types or {}).get(name) or infer_type(name)[0]
        if structural(name) or data_type not in NUMERIC_TYPES:
            periods[name] = "duration"  # the taxonomy's convention for abstracts, text and dates
            continue
        own = votes[qname]
        decided = part_of.get(qname, own)
        if abs(own) >= 100:  # a periodStart/End label is about this very concept
            decided = own
        if decided == 0 and name in cued:
            decided = (listed or {}).get(name) or period_cue(name, data_type)
        periods[name] = "instant" if decided > 0 else "duration"
    return periods


# Period cues of names outside every calculation and list, first match wins: +1 instant, -1 duration.
# They catch what FLOW_WORDS and STOCK_WORDS get wrong there: supplemental cash-flow and noncash items
# ("RightOfUseAssetObtainedInExchangeForOperatingLeaseLiability"), changes in balances, and balances
# at a date (future payments due, carrying amounts, accumulated amounts, carryforwards).
PERIOD_CUES = [
    (r"^IncreaseDecrease|IncreaseDecrease\d?$", -1),
    (r"^(Accumulated|Aoci)|(Due|Due(In|After|Within|From|To)[A-Z]\w*|Thereafter|FairValueDisclosure|CarryingAmount|Outstanding|"
     r"Balance|Remaining\w*|RollingYear\w*|NextTwelveMonths|FiscalYear|Carryforwards?|NotYetRecognized|"
     r"Unrecognized\w*|Obligations?|AtCost|(?<!To)(Owned|Held)(InTrust|ForSale)?|FairValue(OfCollateral)?|"
     r"AmortizedCost(Basis)?|Within(One|Two|Three|Four|Five)Years?)(Net|Gross|Current|Noncurrent)?\d?$", 1),
    (r"(InExchangeFor|Obtained|Noncash|DuringPeriod|InPeriod|(Received|Incurred|Capitalized|Recognized|Forgiven|"
     r"Converted|Exchanged|Reclassified|Transferred|Contributed|Granted|Vested|Forfeited|Exercised|Expired)(Net)?\d?$|"
     r"(?<!Additional)Paid(?!InCapital)|ToBeReclassified|Reclassification|Proceeds|Payments|Expense|Benefit$|"
     r"IncomeLoss|GainLoss|Income\d?$|Revenues?\d?$)", -1),
]
# Rates, ratios, counts and prices are mostly published as duration, but for holdings at a date.
NON_MONETARY_STOCK = re.compile(r"(Outstanding|Owned|Held|Balance|Remaining|Ownership|Authorized|Reserved|Exercisable|"
                                r"Nonvested|Unvested|ParValue|StatedValue|NetAssetValue|AtFairValue)")


def period_cue(name: str, data_type: str = "xbrli:monetaryItemType") -> int:
    """+1 instant, -1 duration, from the name (and type) alone."""
    if data_type not in ("xbrli:monetaryItemType", "xbrli:sharesItemType"):
        return 1 if NON_MONETARY_STOCK.search(name) else -1
    for pattern, cue in PERIOD_CUES:
        if re.search(pattern, name):
            return cue
    return -1 if looks_like_flow(name) else 1


# ---------------------------------------------------------------------------------------------
# Balances

BALANCE_ANCHORS = {
    "us-gaap:Assets": "debit", "us-gaap:Liabilities": "credit", "us-gaap:StockholdersEquity": "credit",
    "us-gaap:LiabilitiesAndStockholdersEquity": "credit", "us-gaap:Revenues": "credit",
    "us-gaap:CostsAndExpenses": "debit", "us-gaap:NetIncomeLoss": "credit",
    "us-gaap:IncomeTaxExpenseBenefit": "debit", "us-gaap:OperatingIncomeLoss": "credit",
    "us-gaap:NetCashProvidedByUsedInFinancingActivities": "debit",
    "us-gaap:CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalentsPeriodIncreaseDecreaseIncludingExchangeRateEffect": "debit",
    "us-gaap:ComprehensiveIncomeNetOfTax": "credit",
}

# Monetary concepts published without a balance, so that reconciliations can use them: cash from
# operations is reconciled from (credit) net income by adding it (XBRL US guidance, 2011), and
# roll-forward totals ("...PeriodIncreaseDecrease") sum debits and credits with the same weight
# (e.g. goodwill acquired +1, goodwill impairment loss -1). The cash-flow totals keep their debit.
NO_BALANCE = {"NetCashProvidedByUsedInOperatingActivities", "NetCashProvidedByUsedInOperatingActivitiesContinuingOperations"}
ROLL_FORWARD_TOTAL = re.compile(r"^(?!Cash).*PeriodIncrease(Or)?Decrease")


def has_balance(qname: str, srt: dict[str, tuple[str, str]]) -> bool:
    prefix, name = qname.split(":", 1)
    if prefix != "us-gaap":
        return bool(srt.get(qname, ("", ""))[1])
    return (name not in NO_BALANCE and not ROLL_FORWARD_TOTAL.search(name)
            and infer_type(name)[0] == "xbrli:monetaryItemType")


# Name cues for the parts of the graph that no anchor reaches, first match wins: +1 debit, -1 credit.
INSTANT_CUES = [
    (r"Allowance|(?<!And)Accumulated(Depreciation|Amortization|Depletion|Impairment)|Discount$", -1),  # contra-assets
    (r"(Liabilit(y|ies)|Payables?)(Current|Noncurrent)?$", -1),
    (r"Owned|Receivable|Assets?($|[A-Z])|^Cash|Inventor|Investments?|Prepaid|PropertyPlant|Goodwill|RealEstate|"
     r"LeasedAsset|PaymentsToBeReceived|SlotsAndRoutes|Securities(?!Sold)|AvailableForSale|HeldToMaturity", 1),
    (r"Liabilit|Payable|Debt|Borrowing|Obligation|Deposits$|Equity|Capital|Earnings|MinorityInterest|"
     r"Deferred(Revenue|Income)|Reserve|Accru", -1),
]
DURATION_CUES = [
    (r"^(Proceeds|NetCashProvidedBy)", 1), (r"^(Payments?|Repayments)", -1),
    (r"GainLoss|IncomeLoss|IncomeExpense|Gain|Revenue|Income(?!Tax)|StockIssued|StockGranted|"
     r"AdditionalPaidInCapital", -1),
    (r"Expense|Cost|Loss|Depreciation|Amortization|Impairment|Provision|Charges?|Fees|Dividends|Write(O|o)ff|"
     r"WriteDown|Payments$|Deductions?$|Sold$|Repurchased|Redeemed|Retired|TreasuryStockValueAcquired", 1),
]


def name_balance_cue(name: str, period_type: str) -> int:
    """+1 for a debit-sounding name, -1 credit, 0 unknown."""
    name = name.rstrip("0123456789")
    if name.startswith("IncreaseDecreaseIn"):  # an increase in an asset uses cash: a credit
        return -name_balance_cue(name[len("IncreaseDecreaseIn"):], "instant")
    for pattern, cue in INSTANT_CUES if period_type == "instant" else DURATION_CUES:
        if re.search(pattern, name):
            return cue
    return 0


def _cue(qname: str, periods: dict[str, str]) -> int:
    name = qname.split(":", 1)[1]
    period = periods.get(name) or ("duration" if looks_like_flow(name) else "instant")
    # Balance-sheet names say more than flow names: a part with both follows its balances.
    return name_balance_cue(name, period) * (2 if period == "instant" else 1)


def infer_balances(monetary: set[str], graph: SignedUnionFind, srt: dict[str, tuple[str, str]],
                   periods: dict[str, str], report: list[str], vote_periods: dict[str, str] | None = None
                   ) -> dict[str, str]:
    """Balances of the monetary names; vote_periods (default periods) are the period types the votes
    of unanchored parts read, other names there voting by their name's flow look."""
    anchors = dict(BALANCE_ANCHORS)
    anchors.update({q: b for q, (_, b) in srt.items() if b})
    sign = {"debit": 1, "credit": -1}
    balance: dict[str, int] = {}
    for part in graph.parts():
        parity = {q: graph.find(q)[1] for q in part}
        known = [q for q in part if q in anchors]
        if known:
            base = parity[known[0]] * sign[anchors[known[0]]]
            report.extend(f"anchor conflict: {q} vs {known[0]}" for q in known[1:]
                          if parity[q] * base != sign[anchors[q]])
        else:
            vote = sum(parity[q] * _cue(q, periods if vote_periods is None else vote_periods) for q in part)
            base = 1 if vote > 0 else -1 if vote < 0 else 0  # no cue: better no balance than a coin toss
            if vote == 0:
                report.append(f"no balance cue for part {part[:3]}...")
        balance.update((q, parity[q] * base) for q in part)
    result = {}
    for name in sorted(monetary):
        value = balance.get(f"us-gaap:{name}", _cue(f"us-gaap:{name}", periods))
        result[name] = "debit" if value > 0 else "credit" if value < 0 else ""
    return result


# ---------------------------------------------------------------------------------------------
# Labels

LABEL_PHRASES = [
    ("IncomeLoss", "Income (Loss)"), ("IncreaseDecrease", "Increase (Decrease)"), ("GainLoss", "Gain (Loss)"),
    ("ProvidedByUsedIn", "Provided by (Used in)"), ("ExpenseBenefit", "Expense (Benefit)"),
    ("IncomeExpense", "Income (Expense)"), ("EarningsLoss", "Earnings (Loss)"), ("LossGain", "Loss (Gain)"),
    ("PaymentsForProceedsFrom", "Payments for (Proceeds from)"), ("ProceedsFromPaymentsFor", "Proceeds from (Payments for)"),
    ("ProceedsFromRepaymentsOf", "Proceeds from (Repayments of)"),
]
LABEL_SUFFIXES = [("LineItems", "[Line Items]"), ("TextBlock", "[Text Block]"), ("RollForward", "[Roll Forward]"),
                  ("Abstract", "[Abstract]"), ("Axis", "[Axis]"), ("Member", "[Member]"),
                  ("Domain", "[Domain]"), ("Table", "[Table]")]
SMALL_WORDS = {"And", "Or", "Of", "To", "For", "In", "From", "By", "On", "At", "The", "Per", "With", "As",
               "Into", "Than", "Under", "Before", "After", "Not", "Without"}
ACRONYMS = {"Aoci": "AOCI", "Icfr": "ICFR", "Sic": "SIC", "Esop": "ESOP", "Iso": "ISO", "Llc": "LLC"}


def derive_label(name: str, versioned: bool = True) -> str:
    """A readable label from a CamelCase name; versioned drops the "1" of re-issued US GAAP names."""
    stem, suffix = (re.sub(r"(?<=[a-z])1$", "", name) if versioned else name), ""
    for ending, text in LABEL_SUFFIXES:
        if stem.endswith(ending) and stem != ending:
            stem, suffix = stem[: -len(ending)], text
            break
    for phrase, text in LABEL_PHRASES:
        stem = stem.replace(phrase, " " + text.replace(" ", "\0") + " ")
    words = []
    for chunk in stem.split():
        if "\0" in chunk or "(" in chunk:
            words.append(chunk.replace("\0", " "))
            continue
        words.extend(ACRONYMS.get(w, w) for w in re.findall(r"[A-Z]+(?=[A-Z][a-z]|\d|$)|[A-Z]?[a-z]+|\d+[a-z]?(?![a-z])", chunk))
    text = " ".join(w.lower() if i and w in SMALL_WORDS else w for i, w in enumerate(words))
    text = re.sub(r"\b(By|In) \(", lambda m: m.group(1).lower() + " (", text)
    return f"{text} {suffix}".strip()
