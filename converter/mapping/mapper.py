"""Statements to concepts: which US GAAP concept each printed line is, with what sign.

Each line gets one or more concepts (a "basic and diluted" line gets both), a sign factor
(the XBRL value is the printed value times it), a score and the reasons for the choice. A line
no standard concept fits becomes a company extension concept. The statement's own arithmetic
gives the calculation relationships between totals and their components.
"""
from __future__ import annotations

import functools
import re
from decimal import Decimal
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, info
from ..statements import Statement, StatementKind, StatementLine, UnitKind
from .arithmetic import CalcRelation, consistent_across, solve
from .context import context_of, line_contexts
from .assignment import Choice, assign
from .candidates import OVERRIDE, LinePlace, line_candidates, statement_places
from .labels import caption, label_variants, normalize
from .overrides import statement_numbers
from .scoring import Ranked, Scored, combine, score, too_early
from .signs import SignPrior, sign_prior
from .taxonomy import ConceptDef, Taxonomy

if TYPE_CHECKING:
    from .conflicts import Conflict
    from .overrides import Overrides

_TYPES_FOR_UNIT = {
    UnitKind.MONEY: {"xbrli:monetaryItemType"},
    UnitKind.SHARES: {"xbrli:sharesItemType"},
    UnitKind.PER_SHARE: {"dtr-types:perShareItemType", "num:perShareItemType"},
}
_EXTENSION_TYPE = {
    UnitKind.MONEY: "xbrli:monetaryItemType",
    UnitKind.SHARES: "xbrli:sharesItemType",
    UnitKind.PER_SHARE: "dtr-types:perShareItemType",
}


@dataclass(frozen=True)
class MappedLine:
    line: StatementLine
    concepts: tuple[ConceptDef, ...]
    sign: int  # the XBRL value is sign * the printed value
    score: float  # 0..1
    reasons: tuple[str, ...]
    alternatives: tuple[str, ...] = ()  # the concepts of each of candidates, qnames separated by spaces
    is_extension: bool = False
    candidates: tuple[Ranked, ...] = ()  # the best candidates after the chosen one, best first


@dataclass(frozen=True)
class MappedStatement:
    statement: Statement
    lines: tuple[MappedLine, ...]
    calculations: tuple[CalcRelation, ...]
    diagnostics: tuple[Diagnostic, ...] = field(default=())
    conflicts: tuple["Conflict", ...] = ()  # values another statement prints otherwise (conflicts.resolve_conflicts)


@dataclass(frozen=True)
class ExtensionNaming:
    """Where extension concepts go: the company's prefix and namespace."""

    prefix: str
    namespace: str


def map_statements(statements: tuple[Statement, ...], taxonomy: Taxonomy, naming: ExtensionNaming,
                   overrides: "Overrides | None" = None, observed=None) -> tuple[MappedStatement, ...]:
    used_extension_names: set[str] = set()
    numbers = statement_numbers([s.kind for s in statements])
    nci = has_noncontrolling_interests(statements)
    mapped = tuple(_map_statement(s, taxonomy, naming, used_extension_names,
                                  overrides and overrides.for_statement(s.kind.value, n), observed, nci)
                   for s, n in zip(statements, numbers))
    # a calculation binds every context of the instance: keep the relations no other statement contradicts
    return tuple(replace(m, calculations=relations) for m, relations in zip(mapped, consistent_across(mapped)))


_NCI = re.compile(r"\b(?:non-?controlling|minority)\b", re.I)


def has_noncontrolling_interests(statements: tuple[Statement, ...]) -> bool:
    """Whether the company prints a noncontrolling interest anywhere: without one, its net income is all
    the parent's, and the concepts of consolidated income including them (ProfitLoss) are not needed."""
    return any(_NCI.search(" ".join(line.sections + (line.label,))) for s in statements for line in s.lines)


def _map_statement(statement: Statement, taxonomy: Taxonomy, naming: ExtensionNaming, used_names: set[str],
                   overrides: "Overrides | None" = None, observed=None, nci: bool = True) -> MappedStatement:
    period_type = _period_type(statement)
    places = statement_places(statement, line_contexts(statement), period_type, nci)
    options = [_scored_options(line, place, taxonomy, overrides, observed) for line, place in zip(statement.lines, places)]
    for _ in range(REPAIR_ROUNDS):
        attempt = _assign_and_solve(statement, options, taxonomy, naming, set(used_names))
        faults = _faults(attempt, taxonomy)
        if not faults:
            break
        # a choice the statement's own arithmetic or the DQC rules refute: the line takes its next candidate
        options = [[s for s in found if (i, _key(s)) not in faults] for i, found in enumerate(options)]
    else:
        attempt = _assign_and_solve(statement, options, taxonomy, naming, set(used_names))
    attempt = _change_before_exchange_effect(attempt, taxonomy)
    used_names.update(m.concepts[0].name for m in attempt.lines if m.is_extension)
    return attempt


_INCLUDING_EFFECT = "IncludingExchangeRateEffect"


def _change_before_exchange_effect(mapped: MappedStatement, taxonomy: Taxonomy) -> MappedStatement:
    """A change in cash printed above the exchange-rate effect is the change before that effect: the
    closing balance is the opening one plus both. US GAAP has a concept for each order; the line takes
    the one its place in the roll-forward says."""
    lines = list(mapped.lines)
    for index, line in enumerate(lines):
        name = line.concepts[0].name if not line.is_extension else ""
        if not name.endswith(_INCLUDING_EFFECT) or line.reasons[0].startswith("override"):
            continue
        below = lines[index + 1:]
        effect = next((i for i, other in enumerate(below) if not other.is_extension
                       and other.concepts[0].name.startswith("EffectOfExchangeRate")), None)
        opening = next((i for i, other in enumerate(below) if other.line.is_opening_balance), len(below))
        excluding = taxonomy.concept(line.concepts[0].qname.replace(_INCLUDING_EFFECT, "ExcludingExchangeRateEffect"))
        if effect is not None and effect < opening and excluding is not None:
            reason = f"{line.reasons[0]}; printed above the exchange-rate effect: {excluding.qname}"
            lines[index] = replace(line, concepts=(excluding,) + line.concepts[1:], reasons=(reason,) + line.reasons[1:])
    return replace(mapped, lines=tuple(lines))


REPAIR_ROUNDS = 3


def _key(scored: Scored) -> tuple[str, ...]:
    return tuple(c.qname for c in scored.concepts)


def _assign_and_solve(statement: Statement, options: list[list[Scored]], taxonomy: Taxonomy, naming: ExtensionNaming,
                      used_names: set[str]) -> MappedStatement:
    diagnostics: list[Diagnostic] = []
    mapped: list[MappedLine] = []
    priors: list[SignPrior] = []
    for line, choice in zip(statement.lines, assign(statement.lines, options, _resources)):
        candidates = _candidates(choice, statement.lines)
        alternatives = tuple(" ".join(r.concepts) for r in candidates)
        if choice.chosen is not None and choice.chosen.concepts:
            concepts, is_extension = choice.chosen.concepts, False
            reasons = (choice.chosen.explanation(),)
            score = min(1.0, choice.chosen.score)
        else:
            concept = _extension_concept(line, statement, naming, used_names)
            concepts, is_extension, score = (concept,), True, 0.3
            if choice.chosen is not None:  # an override asks for an extension concept
                reasons, score = (f"{choice.chosen.candidate.evidence}: extension concept {concept.qname}",), 1.0
            else:
                reasons = (f"{_no_concept(line, candidates)}: extension concept {concept.qname}",)
                diagnostics.append(info("XC401", reasons[0], line.source))
        prior = sign_prior(line, concepts[0], taxonomy, statement.kind, is_extension)
        mapped.append(MappedLine(line, concepts, prior.sign, score, reasons, alternatives, is_extension, candidates))
        priors.append(prior)
    # the statement's arithmetic decides the signs (and an extension's balance) the priors leave open
    solution = solve(statement, mapped, priors, taxonomy)
    mapped = [replace(m, concepts=_with_balance(m.concepts, balance), sign=sign, reasons=m.reasons + why)
              for m, sign, balance, why in zip(mapped, solution.signs, solution.balances, solution.reasons)]
    return MappedStatement(statement, tuple(mapped), solution.relations, tuple(diagnostics + solution.diagnostics))


ALTERNATIVES = 5  # candidates shown after the chosen one


def _candidates(choice: Choice, lines: tuple[StatementLine, ...]) -> tuple[Ranked, ...]:
    """The line's best candidates other than the chosen concepts, best first; one another line took
    first names that line."""
    chosen = _key(choice.chosen) if choice.chosen is not None else ()
    found: dict[tuple[str, ...], Ranked] = {}
    for scored, holder in zip(choice.ranked, choice.taken_by):
        key = _key(scored)
        if key and key != chosen and key not in found:
            found[key] = scored.summary(lines[holder].full_label if holder is not None else "")
    return tuple(found.values())[:ALTERNATIVES]


def _no_concept(line: StatementLine, candidates: tuple[Ranked, ...]) -> str:
    taken = next((c for c in candidates if c.taken_by), None)
    if taken is None:
        return f"no US GAAP concept known for {line.full_label!r}"
    return f"no free US GAAP concept for {line.full_label!r} ({' '.join(taken.concepts)} is taken by {taken.taken_by!r})"


def _faults(mapped: MappedStatement, taxonomy: Taxonomy) -> set[tuple[int, tuple[str, ...]]]:
    """(line, concepts) choices the result refutes: a never-negative concept given a negative value, a
    total whose concept US GAAP sums under its own component's (the less likely of the two goes)."""
    faults: set[tuple[int, tuple[str, ...]]] = set()
    lines = mapped.lines
    for index, line in enumerate(lines):
        if line.is_extension or line.reasons[0].startswith("override"):
            continue
        qname = line.concepts[0].qname
        if taxonomy.is_non_negative(qname) and any(v.amount * line.sign < 0 for v in _reported(line.line, mapped.statement)):
            faults.add((index, tuple(c.qname for c in line.concepts)))
    faults |= _closing_faults(mapped)
    for relation in mapped.calculations:
        total, component = lines[relation.total], lines[relation.component]
        if total.is_extension or component.is_extension:
            continue
        if component.concepts[0].qname in taxonomy.calc_ancestors(total.concepts[0].qname):
            weaker = min((relation.total, total), (relation.component, component), key=lambda pair: pair[1].score)
            if not weaker[1].reasons[0].startswith("override"):
                faults.add((weaker[0], tuple(c.qname for c in weaker[1].concepts)))
    return faults


def _closing_faults(mapped: MappedStatement) -> set[tuple[int, tuple[str, ...]]]:
    """The closing balance of a cash-flow statement is the line that equals the opening balance plus the
    change (and the exchange-rate effect): the opening balance's concept on a line the roll-forward
    refutes, when another line bears it out ("Cash and cash equivalents at end of period" below
    "Less: restricted cash" is not the balance the changes end in), is a fault."""
    if mapped.statement.kind is not StatementKind.CASH_FLOW:
        return set()
    lines = mapped.lines
    opening = next((i for i, m in enumerate(lines) if m.line.is_opening_balance and not m.is_extension), None)
    change = next((i for i, m in enumerate(lines) if not m.is_extension and "PeriodIncreaseDecrease" in m.concepts[0].name), None)
    if opening is None or change is None:
        return set()
    effect = next((i for i, m in enumerate(lines) if not m.is_extension and m.concepts[0].name.startswith("EffectOfExchangeRate")), None)
    concept = lines[opening].concepts[0].qname
    holder = next((i for i, m in enumerate(lines) if i != opening and not m.line.is_opening_balance
                   and not m.is_extension and m.concepts[0].qname == concept), None)
    if holder is None or lines[holder].reasons[0].startswith("override"):
        return set()
    values = [_signed(m, mapped.statement) for m in lines]
    ends = [{values[opening][c] + values[change][c] + extra for extra in
             {0, values[effect].get(c, 0) if effect is not None else 0}} for c in values[opening] if c in values[change]]
    columns = [c for c in values[opening] if c in values[change]]

    def closes(index: int) -> bool:
        return bool(columns) and all(values[index].get(c) in end for c, end in zip(columns, ends))

    if closes(holder) or not any(closes(i) for i in range(len(lines)) if i not in (holder, opening, change)):
        return set()
    return {(holder, tuple(c.qname for c in lines[holder].concepts))}


def _signed(line: MappedLine, statement: Statement) -> dict[int, Decimal]:
    """The XBRL values of a line by column."""
    return {c: v.amount * line.sign for c, (v, column) in enumerate(zip(line.line.values, statement.columns))
            if v is not None and not v.is_percent and column.is_value and column.period is not None}


def _reported(line: StatementLine, statement: Statement):
    """The values of a line that become facts: in a dated value column, not a percentage."""
    return [v for v, column in zip(line.values, statement.columns)
            if v is not None and not v.is_percent and column.is_value and column.period is not None]


def _scored_options(line: StatementLine, place: LinePlace, taxonomy: Taxonomy, overrides: "Overrides | None",
                    observed) -> list[Scored]:
    """Every candidate of a line whose concepts exist, are current and fit its unit and period type, scored."""
    variants = label_variants(line)
    accept = functools.partial(_accepts, line=line, place=place)
    found: list[Scored] = []
    for candidate in line_candidates(line, variants, place, taxonomy, overrides, observed, accept):
        concepts = _fitting(candidate.concepts, line, place.period_type, taxonomy) if candidate.concepts else ()
        if concepts is not None and (candidate.source == OVERRIDE or not any(too_early(c, place.year) for c in concepts)):
            found.append(score(candidate, concepts, place))
    return combine(found)


def _accepts(concept: ConceptDef, line: StatementLine, place: LinePlace) -> bool:
    return _fits(concept, line, place.period_type) and not too_early(concept, place.year)


def _resources(line: StatementLine, scored: Scored) -> tuple[str, ...]:
    keys = tuple(_use_key(c.qname, line) for c in scored.concepts)
    return keys + ((scored.candidate.key,) if scored.candidate.key else ())


def _with_balance(concepts: tuple[ConceptDef, ...], balance: str | None) -> tuple[ConceptDef, ...]:
    if concepts[0].balance == balance:
        return concepts
    return (replace(concepts[0], balance=balance),) + concepts[1:]


# A balance printed in a statement of flows: "Cash at end of year" is dated at the column's end,
# "Cash at beginning of year" (StatementLine.is_opening_balance) the day before it starts.
_CLOSING = re.compile(r"\b(?:end|ending|closing|beginning|opening)\b", re.I)


def _use_key(qname: str, line: StatementLine) -> str:
    """A concept is used once per statement, but the opening and the closing balance of cash are
    one concept at two instants."""
    return f"{qname}@opening" if line.is_opening_balance else qname


def _fitting(names: tuple[str, ...], line: StatementLine, period_type: str | None, taxonomy: Taxonomy):
    """The concepts named, or None when one is unknown, deprecated, of another unit or period type."""
    concepts = tuple(taxonomy.concept(name) for name in names)
    for name, concept in zip(names, concepts):
        if concept is None or taxonomy.is_deprecated(name) or not _fits(concept, line, period_type):
            return None
    return concepts


def _fits(concept: ConceptDef, line: StatementLine, period_type: str | None) -> bool:
    if concept.data_type not in _TYPES_FOR_UNIT[line.unit]:
        return False
    if period_type == "instant" and concept.period_type != "instant":
        return False
    return not (period_type == "duration" and concept.period_type == "instant" and not (line.balance or _CLOSING.search(line.label)))


def _period_type(statement: Statement) -> str | None:
    """instant or duration when every dated column is one, from the kind when none is dated, else None."""
    periods = [c.period for c in statement.columns if c.is_value and c.period is not None]
    if not periods:
        return "instant" if statement.kind is StatementKind.BALANCE_SHEET else "duration"
    kinds = {"instant" if p.is_instant else "duration" for p in periods}
    return kinds.pop() if len(kinds) == 1 else None


def _context_of(line: StatementLine, statement: Statement) -> str:
    return context_of(line, statement)




def _extension_concept(line: StatementLine, statement: Statement, naming: ExtensionNaming, used: set[str]) -> ConceptDef:
    """A company concept for a line: named after its caption, typed by its unit and columns."""
    label = line.full_label if line.label.strip() else label_variants(line)[0]
    base = _concept_name(caption(label)) or "Line"
    name, n = base, 2
    while name in used:
        name, n = f"{base}{n}", n + 1
    used.add(name)
    period_type = _period_type(statement) or ("instant" if statement.kind is StatementKind.BALANCE_SHEET else "duration")
    if line.balance:
        period_type = "instant"  # "Cash at January 1" among flows: a balance, dated at an instant
    balance = _extension_balance(line, statement) if line.unit is UnitKind.MONEY else None
    return ConceptDef(naming.prefix, name, naming.namespace, _EXTENSION_TYPE[line.unit], period_type, balance, label=line.full_label)


def _concept_name(label: str) -> str:
    words = re.findall(r"[A-Za-z0-9]+", label.replace("'", "").replace("\u2019", ""))
    name = "".join(w[:1].upper() + w[1:] for w in words)
    if name[:1].isdigit():
        name = "N" + name
    return name[:100]


_DEBIT_WORDS = re.compile(r"\b(?:cost|costs|expenses?|loss|losses|charges?|depreciation|amortization|impairment|provision|dividends?|taxes)\b", re.I)
_CONTRA_ASSET = re.compile(r"\b(?:accumulated depreciation|accumulated amortization|allowance|reserve for)\b", re.I)
_CONTRA_EQUITY = re.compile(r"\b(?:treasury|unearned|deferred compensation|esop|receivable|subscriptions?)\b", re.I)
_CASH_OUT = re.compile(r"^(?:\(?\s*(?:purchases?|payments?|paid|acquisitions?|additions?|repayments?|repurchases?|investments? in|"
                       r"capital expenditures?|dividends?|redemptions?|cash paid|loans? made|advances? to)\b)", re.I)


def _extension_balance(line: StatementLine, statement: Statement) -> str:
    """debit or credit as an accountant reads the line: its side of the balance sheet, its direction of flow."""
    if statement.kind is StatementKind.BALANCE_SHEET:
        side = re.search(r"side=(\w+)", _context_of(line, statement))
        if side and side.group(1) == "assets":
            return "credit" if _CONTRA_ASSET.search(line.label) else "debit"
        if side and side.group(1) == "equity" and _CONTRA_EQUITY.search(line.label):
            return "debit"
        return "credit" if side else "debit"
    if statement.kind is StatementKind.CASH_FLOW:
        return "credit" if _CASH_OUT.search(normalize_keep_case(line.label)) else "debit"
    return "debit" if _DEBIT_WORDS.search(line.label) else "credit"


def normalize_keep_case(label: str) -> str:
    return re.sub(r"^[\s\-\u2013\u2014:]+", "", label)
