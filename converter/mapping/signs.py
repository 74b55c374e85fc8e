"""Signs as XBRL wants them, not as printed.

A statement prints an expense or a dividend in parentheses to show it is subtracted; in XBRL it
stays positive, and the extension's negated label tells a reader it was printed the other way.
A loss on a two-way concept (NetIncomeLoss, OperatingIncomeLoss) is negative, as printed.

This module gives each line a prior: the sign factor (XBRL value = factor x printed value) the
line's own concept and label suggest, with the cost of overriding it. The statement's arithmetic
(arithmetic.py) then decides, line by line, where the printed totals show a sign assignment:

* a concept that is never negative (the SEC's NON_NEG_ITEMS, DQC_0014) is reported positive
  whatever the print: it cannot be overridden;
* a two-way concept ("Income (Loss)", "Expense (Benefit)", "Increase (Decrease)", "Provided by
  (Used in)", ...) read against its label: a label naming only the negative side ("Net loss",
  "Benefit from income taxes", "Net cash used in ...") makes the value negative however printed;
  a label naming both sides tells by its parentheses which side a positive print is ("Income tax
  benefit (expense)": positive is a benefit, so the sign is reversed);
* in a statement of cash flows every amount is printed as its effect on cash, so the prior is the
  concept's direction towards cash (the product of the US GAAP calculation weights up to a net cash
  flow total): "Purchases of ..." (671) and "(Increase) in receivables" (204) become positive;
* a company extension concept has no convention: its value is kept positive (the usual XBRL way),
  unless its label names one or both sides of a two-way amount as above.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

from ..statements import StatementKind, StatementLine
from .taxonomy import ConceptDef, Taxonomy

LOCKED = math.inf  # a sign no arithmetic may change
STRONG = 3.0  # the label says which side the amount is on
WEAK = 1.0  # the default: as printed, or as a cash flow prints


@dataclass(frozen=True)
class SignPrior:
    sign: int  # +1 or -1: XBRL value = sign x printed value
    cost: float  # what overriding it costs the arithmetic (LOCKED: never)
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Sides:
    """The two sides of a two-way amount: the words for each, positive side first."""
    name: re.Pattern  # matches a concept name that has these two sides
    positive: re.Pattern
    negative: re.Pattern
    gate: re.Pattern | None = None  # the label must match this for the sides to apply to an extension


_W = r"(?<![a-z])"
_SIDES = (
    _Sides(re.compile(r"ExpenseBenefit|ProvisionBenefit"), re.compile(_W + r"(?:expenses?|provisions?|charges?)\b", re.I),
           re.compile(_W + r"(?:benefits?|credits?|recover(?:y|ies))\b", re.I),
           # "Excess tax benefits from stock-based compensation" is an amount, not a side of tax expense
           re.compile(r"^(?!.*\bexcess\s+tax\s+benefits?\b).*\btax", re.I)),
    _Sides(re.compile(r"ProvidedByUsedIn"), re.compile(_W + r"(?:provided|generated|inflows?|sources?)\b", re.I),
           re.compile(_W + r"(?:used|outflows?|uses?|applied)\b", re.I)),
    _Sides(re.compile(r"IncreaseDecrease"), re.compile(_W + r"(?:increases?|additions?)\b", re.I),
           re.compile(_W + r"(?:decreases?|reductions?)\b", re.I)),
    _Sides(re.compile(r"EarningsAccumulatedDeficit|RetainedEarnings"), re.compile(_W + r"(?:retained earnings|earnings)\b", re.I),
           re.compile(_W + r"(?:deficits?)\b", re.I)),
    _Sides(re.compile(r"GainLoss|GainsLosses"), re.compile(_W + r"(?:gains?)\b", re.I), re.compile(_W + r"(?:loss|losses)\b", re.I)),
    _Sides(re.compile(r"IncomeLoss|EarningsLoss|ProfitLoss"), re.compile(_W + r"(?:income|earnings|profits?)\b", re.I),
           re.compile(_W + r"(?:loss|losses)\b", re.I)),
    _Sides(re.compile(r"IncomeExpense"), re.compile(_W + r"(?:income|gains?)\b", re.I), re.compile(_W + r"(?:expenses?|loss|losses)\b", re.I)),
    _Sides(re.compile(r"ProceedsFrom\w*(?:Repayments|Payments)|ProceedsFromPaymentsFor"), re.compile(_W + r"(?:proceeds|borrowings?|issuances?)\b", re.I),
           re.compile(_W + r"(?:repayments?|payments?|paid|redemptions?|repurchases?)\b", re.I)),
    _Sides(re.compile(r"PaymentsForProceedsFrom|PaymentsForRepaymentsOf"), re.compile(_W + r"(?:payments?|purchases?|paid|advances?)\b", re.I),
           re.compile(_W + r"(?:proceeds|sales?|collections?|releases?|receipts?)\b", re.I)),
)
# A company concept named for a cash transaction ("Repayments and other reductions of debt",
# "Proceeds from (repayments of) borrowings"): what it names first is the transaction, not the side
# of a change ("reductions") or of an income. Naming both sides, it is a net amount as printed;
# naming one, it is an inflow or a payment, positive as the Proceeds.../Payments... concepts are.
_TRANSACTION = _Sides(re.compile(r"(?!)"), _SIDES[7].positive, _SIDES[7].negative,
                      re.compile(r"^\s*(?:net\s+)?(?:proceeds|borrowings?|issuances?|repayments?|payments?|"
                                 r"redemptions?|repurchases?)\b", re.I))
# Sides an extension concept's label may name (it has no name to read them from), most specific first.
_EXTENSION_SIDES = (_TRANSACTION,) + tuple(_SIDES[i] for i in (1, 2, 4, 6, 5, 0))
_PAREN_WORDS = re.compile(r"\(([^()]*)\)")
_TAX_WORDS = re.compile(r"\bincome\s+tax", re.I)


def sign_prior(line: StatementLine, concept: ConceptDef, taxonomy: Taxonomy, kind: StatementKind | None = None,
               is_extension: bool = False) -> SignPrior:
    """The sign a line's concept and label suggest, and how firmly."""
    printed = [v.amount for v in line.values if v is not None and v.amount != 0]
    if not printed:
        return SignPrior(1, WEAK)
    if not concept.is_monetary:
        return SignPrior(1, LOCKED)  # per-share amounts and share counts carry their printed sign
    if taxonomy.is_non_negative(concept.qname):
        sign = -1 if _mostly_negative(printed) else 1
        why = (f"printed negative, but {concept.qname} is never negative: reported positive with a negated label",) if sign < 0 else ()
        return SignPrior(sign, LOCKED if _one_sign(printed) else STRONG, why)
    if kind is StatementKind.CASH_FLOW and is_disclosure(line):
        return _disclosed(line, printed)
    sides = _sides_of(concept, is_extension, line.label)
    if (is_extension and sides is _SIDES[2] and kind is StatementKind.CASH_FLOW and _HOLDINGS_ACTIVITY.search(" ".join(line.sections))
            and not (sides.positive.search(line.label) and sides.negative.search(line.label))):
        # "Decrease in investments" among the investing activities is a sale, not the side of a change in
        # a working-capital balance: an inflow or a payment, positive as a company concept reports it (below);
        # "(Increase) decrease in restricted cash" names both sides of a change, and is read as one
        sides = None
    if sides is _TRANSACTION:
        bracketed, bare = " ".join(_PAREN_WORDS.findall(line.label)), _PAREN_WORDS.sub(" ", line.label)
        # "Net repayment (borrowing) of loans", "Proceeds from (repayments of) debt"; not "Repayment of borrowings"
        if (sides.positive.search(bare) and sides.negative.search(bracketed)) or \
                (sides.negative.search(bare) and sides.positive.search(bracketed)):
            return SignPrior(1, WEAK, (f"label {line.label!r} names both sides of a cash transaction: a net amount, reported as printed",))
        sides = None  # one side named: an inflow or a payment, as a company concept reports it (below)
    if sides is not None:
        # an extension's label tells one side alone only in a cash flow ("Loss on disposal" added back)
        one_sided = not is_extension or (kind is StatementKind.CASH_FLOW and sides is not _SIDES[6])
        read = _read_label(line.label, sides, printed, one_sided, concept.period_type == "duration")
        if read is not None:
            return read
    if is_extension:
        if line.is_total:
            return SignPrior(1, WEAK)
        change = _working_capital_side(line) if kind is StatementKind.CASH_FLOW else None
        if change is not None:
            return SignPrior(change, WEAK, ("a change in an asset is reported as an increase (the opposite of its effect on cash)",)
                             if change < 0 else ())
        if any(a > 0 for a in printed) and any(a < 0 for a in printed):
            return SignPrior(1, WEAK, ("printed with both signs: a net amount, reported as printed",))
        if _NET_EFFECT.match(line.label):
            return SignPrior(1, WEAK, (f"label {line.label!r} names an effect, which goes either way: reported as printed",))
        if kind is StatementKind.COMPREHENSIVE_INCOME and _OCI_ITEM.search(" ".join(line.sections + (line.label,))):
            # US GAAP subtracts tax and reclassification adjustments from other comprehensive income
            # (weight -1): a reduction printed in parentheses is a positive amount of them.
            if re.search(r"reclassif|\btax(?:es)?\b", line.label, re.I):
                return SignPrior(-1, WEAK, ("taxes and reclassifications reduce other comprehensive income: printed contribution reversed",))
            return SignPrior(1, WEAK, ("an item of other comprehensive income adds to it as printed",))
        sign = -1 if _mostly_negative(printed) else 1
        why = ("a company concept is reported positive: printed negative, sign reversed",) if sign < 0 else ()
        return SignPrior(sign, WEAK, why)
    if (kind in (StatementKind.INCOME, StatementKind.COMPREHENSIVE_INCOME) and concept.balance == "debit"
            and not _TWO_WAY.search(concept.name) and all(a < 0 for a in printed)):
        return SignPrior(-1, WEAK, (f"an expense printed in parentheses stays positive in {concept.qname}",))
    if kind is StatementKind.CASH_FLOW and not _supplemental_wording(line):
        direction = cash_direction(concept, taxonomy)
        if direction < 0:
            return SignPrior(-1, WEAK, (f"a cash flow prints the effect on cash; {concept.qname} counts the other way: sign reversed",))
    return SignPrior(1, WEAK)


_HOLDINGS_ACTIVITY = re.compile(r"\b(?:investing|financing)\b", re.I)


# A concept name that counts both ways: its sign is the side the amount is on, not its print.
_TWO_WAY = re.compile(r"IncomeLoss|LossIncome|ExpenseBenefit|BenefitExpense|GainLoss|LossGain|IncomeExpense|ExpenseIncome|"
                      r"ProvisionBenefit|BenefitProvision|IncreaseDecrease|ProvidedByUsedIn|ProfitLoss|Net$|NetOfTax|AfterTax|BeforeTax")


def _sides_of(concept: ConceptDef, is_extension: bool, label: str) -> _Sides | None:
    if is_extension:
        for sides in _EXTENSION_SIDES:
            text = label if sides.gate is not None else _TAX_WORDS.sub("tax", label)
            if sides.gate is not None and not sides.gate.search(label):
                continue
            if sides.positive.search(text) or sides.negative.search(text):
                return sides
        return None
    for sides in _SIDES:
        if sides.name.search(concept.name):
            return sides
    return None


def _read_label(label: str, sides: _Sides, printed: list[Decimal], one_sided: bool = True, flow: bool = True) -> SignPrior | None:
    """What the label says about the side of a positive print, for a two-way amount."""
    text = label if sides.gate is not None else _TAX_WORDS.sub("tax", label)
    bracketed = " ".join(_PAREN_WORDS.findall(text))
    bare = _PAREN_WORDS.sub(" ", text)
    pos_bare, neg_bare = bool(sides.positive.search(bare)), bool(sides.negative.search(bare))
    pos_in, neg_in = bool(sides.positive.search(bracketed)), bool(sides.negative.search(bracketed))
    if neg_bare and pos_in and not pos_bare:  # "Income tax benefit (expense)": a positive print is the negative side
        return SignPrior(-1, STRONG, (f"label {label!r} names the negative side first: sign reversed",))
    if pos_bare and neg_in and not neg_bare:  # "Other income (expense)": as printed
        return SignPrior(1, STRONG)
    # "Net loss", "Benefit from income taxes": negative however printed ("(expense), net" alone says nothing,
    # and "Accumulated other comprehensive income (5,913)" is a loss printed as such)
    if one_sided and neg_bare and not (pos_bare or pos_in or neg_in) and _one_sign(printed):
        if printed[0] < 0:
            return SignPrior(1, STRONG)
        return SignPrior(-1, STRONG, (f"label {label!r} names only the negative side: reported negative",))
    # "Income tax expense" (1,537), "Gain on sale of assets" (12) in a cash flow: a deduction of the
    # side the label names, which stays positive (a balance printed so is the other side: a deficit)
    if one_sided and flow and pos_bare and not (neg_bare or pos_in or neg_in) and _one_sign(printed) and printed[0] < 0:
        return SignPrior(-1, STRONG, (f"label {label!r} names only the positive side: printed as a deduction, reported positive",))
    return None


_CHANGES_SECTION = re.compile(r"\bchanges?\s+in\b|\bincrease\b|\bdecrease\b|working\s+capital", re.I)
_ASSET_WORDS = re.compile(r"receivables?\b|inventor(?:y|ies)|prepaid|\bassets?\b|\bdeposits?\b(?!\s+from)|"
                          r"securities\s+owned|trading\s+(?:account|securities)|advances\s+to", re.I)
_LIABILITY_WORDS = re.compile(r"payables?\b|accrued|\bliabilit|deferred\s+(?:revenue|income|credits?)|"
                              r"customer\s+deposits|unearned|advances\s+from", re.I)


def _working_capital_side(line: StatementLine) -> int | None:
    """For a company concept under "Changes in assets and liabilities": the sign of an
    IncreaseDecreaseIn... concept (an asset's increase is positive though it uses cash), or None."""
    if not line.sections or not _CHANGES_SECTION.search(line.sections[-1]):
        return None
    asset, liability = _ASSET_WORDS.search(line.label), _LIABILITY_WORDS.search(line.label)
    if asset and (not liability or asset.start() < liability.start()):
        return -1
    if liability:
        return 1
    return None


# Disclosures below a statement of cash flows print amounts as they are, not as effects on cash.
_SUPPLEMENTAL = re.compile(r"supplement|^\s*(?:cash\s+)?paid\b|\bpaid\s+(?:for|during)\b|non-?cash\s+(?:investing|financing|transactions?)", re.I)
_RECEIPT = re.compile(r"refund|\breceived\b|\breceipts?\b|\bcollect", re.I)
# "Cumulative effect of accounting changes", "Effect of exchange rate changes": an amount either way
_NET_EFFECT = re.compile(r"^\s*(?:the\s+)?(?:net\s+)?(?:cumulative\s+)?effects?\s+of\b", re.I)


def _supplemental_wording(line: StatementLine) -> bool:
    """A supplemental heading, or a label worded as one ("Cash paid for interest") outside the investing and
    financing activities, where "Cash paid for acquisitions" is a payment of the activity."""
    return bool(_SUPPLEMENTAL.search(" ".join(line.sections[-1:]))) or (
        bool(_SUPPLEMENTAL.search(line.label)) and not _HOLDINGS_ACTIVITY.search(" ".join(line.sections)))


def is_disclosure(line: StatementLine) -> bool:
    """Printed below the closing cash balance, or under a supplemental heading (a label's own words,
    "Non-cash financing loss on warrants", may name an adjustment of the reconciliation)."""
    return line.supplemental or bool(_SUPPLEMENTAL.search(" ".join(line.sections[-1:])))


def _disclosed(line: StatementLine, printed: list[Decimal]) -> SignPrior:
    """A disclosure below a statement of cash flows ("Cash paid during the year for interest",
    "Noncash transaction: tax benefit from stock options") is an amount, not a side of one: as
    printed, except that a payment printed in parentheses, as its effect on cash, is positive."""
    if all(a < 0 for a in printed) and not _RECEIPT.search(line.label):
        return SignPrior(-1, STRONG, (f"label {line.label!r} discloses a payment printed as its effect on cash: reported positive",))
    return SignPrior(1, STRONG)


def _one_sign(printed: list[Decimal]) -> bool:
    return all(a > 0 for a in printed) or all(a < 0 for a in printed)


# The items of other comprehensive income, also where operations and comprehensive income share a statement.
_OCI_ITEM = re.compile(r"comprehensive|reclassif|translation|hedg|unrealized|pension|postretirement|available.for.sale", re.I)


def _mostly_negative(printed: list[Decimal]) -> bool:
    return sum(-a for a in printed if a < 0) > sum(a for a in printed if a > 0)


# The income a reconciliation of net income to cash starts from: it adds to cash, though a credit.
_RECONCILIATION_START = re.compile(r"^(?:NetIncomeLoss|ProfitLoss|IncomeLossFromContinuingOperations|"
                                   r"NetIncomeLossAvailableToCommonStockholdersBasic)$")
_CASH_ROOT = re.compile(r"^(?:NetCashProvidedByUsedIn|CashAndCashEquivalentsPeriodIncreaseDecrease|"
                        r"CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalentsPeriodIncreaseDecrease|CashPeriodIncreaseDecrease)")


def cash_direction(concept: ConceptDef, taxonomy: Taxonomy) -> int:
    """+1 when a positive value of the concept adds to cash, -1 when it takes from it.

    The product of the US GAAP cash flow calculation weights on the way up to a net cash flow total
    (or, when no way leads up, on any way through those calculations); net income, which the
    reconciliation starts from, adds; a concept no cash flow calculation reaches goes by its balance
    (debit adds to cash: a gain is deducted, a loss added back).
    """
    if _CASH_ROOT.match(concept.name) or _RECONCILIATION_START.match(concept.name):
        return 1
    for downwards in (False, True):
        found = _weight_to_cash(concept.qname, taxonomy, downwards)
        if found is not None:
            return found
    return -1 if concept.balance == "credit" else 1


def _weight_to_cash(qname: str, taxonomy: Taxonomy, downwards: bool) -> int | None:
    seen = {qname}
    frontier = [(qname, 1)]
    for _ in range(8):
        following = []
        for current, weight in frontier:
            arcs = [(a.parent, a.weight) for a in taxonomy.calc_parents(current) if a.network.startswith("scf")]
            if downwards:
                arcs += [(a.child, a.weight) for a in taxonomy.calc_children(current) if a.network.startswith("scf")]
            for other, arc_weight in arcs:
                if other in seen:
                    continue
                if _CASH_ROOT.match(other.partition(":")[2]):
                    return weight * arc_weight
                seen.add(other)
                following.append((other, weight * arc_weight))
        frontier = following
        if not frontier:
            break
    return None


def axis(concept: ConceptDef, kind: StatementKind, taxonomy: Taxonomy) -> int | None:
    """The concept's direction on the statement's common axis, for the arithmetic: +1 or -1.

    A statement of cash flows counts towards cash; the others count credit positive. None when the
    concept has no direction (no balance and no calculation to cash).
    """
    if not concept.is_monetary:
        return None
    if kind is StatementKind.CASH_FLOW:
        return cash_direction(concept, taxonomy)
    if concept.balance is None:
        return None
    return 1 if concept.balance == "credit" else -1
