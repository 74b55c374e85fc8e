"""Statements to concepts: which US GAAP concept each printed line is, with what sign.

Each line gets one or more concepts (a "basic and diluted" line gets both), a sign factor
(the XBRL value is the printed value times it), a score and the reasons for the choice. A line
no standard concept fits becomes a company extension concept. The statement's own arithmetic
gives the calculation relationships between totals and their components.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, info
from ..statements import Statement, StatementKind, StatementLine, UnitKind
from .arithmetic import CalcRelation, consistent_across, solve
from .context import line_contexts
from .labels import caption, lookup, normalize, readings
from .overrides import statement_numbers
from .signs import SignPrior, sign_prior
from .taxonomy import ConceptDef, Taxonomy

if TYPE_CHECKING:
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
    alternatives: tuple[str, ...] = ()
    is_extension: bool = False


@dataclass(frozen=True)
class MappedStatement:
    statement: Statement
    lines: tuple[MappedLine, ...]
    calculations: tuple[CalcRelation, ...]
    diagnostics: tuple[Diagnostic, ...] = field(default=())


@dataclass(frozen=True)
class ExtensionNaming:
    """Where extension concepts go: the company's prefix and namespace."""

    prefix: str
    namespace: str


def map_statements(statements: tuple[Statement, ...], taxonomy: Taxonomy, naming: ExtensionNaming,
                   overrides: "Overrides | None" = None) -> tuple[MappedStatement, ...]:
    used_extension_names: set[str] = set()
    numbers = statement_numbers([s.kind for s in statements])
    mapped = tuple(_map_statement(s, taxonomy, naming, used_extension_names, overrides and overrides.for_statement(s.kind.value, n))
                   for s, n in zip(statements, numbers))
    # a calculation binds every context of the instance: keep the relations no other statement contradicts
    return tuple(replace(m, calculations=relations) for m, relations in zip(mapped, consistent_across(mapped)))


def _map_statement(statement: Statement, taxonomy: Taxonomy, naming: ExtensionNaming, used_names: set[str],
                   overrides: "Overrides | None" = None) -> MappedStatement:
    diagnostics: list[Diagnostic] = []
    mapped: list[MappedLine] = []
    taken: dict[str, int] = {}  # concept qname -> index of the line that has it
    priors: list[SignPrior] = []
    for line in statement.lines:
        choice = _overridden(line, statement, taxonomy, taken, overrides) or _choose(line, statement, taxonomy, taken)
        if choice is not None and not choice[0]:  # an override asks for an extension concept
            concept = _extension_concept(line, statement, naming, used_names)
            choice = ((concept,), choice[1], (f"{choice[2][0]}: extension concept {concept.qname}",), (), True)
        if choice is None:
            concept = _extension_concept(line, statement, naming, used_names)
            reasons = (f"no US GAAP concept known for {line.full_label!r}: extension concept {concept.qname}",)
            choice = ((concept,), 0.3, reasons, (), True)
            diagnostics.append(info("XC401", reasons[0], line.source))
        concepts, score, reasons, alternatives, is_extension = choice
        prior = sign_prior(line, concepts[0], taxonomy, statement.kind, is_extension)
        for concept in concepts:
            taken[_use_key(concept.qname, line)] = len(mapped)
        mapped.append(MappedLine(line, concepts, prior.sign, score, reasons, alternatives, is_extension))
        priors.append(prior)
    # the statement's arithmetic decides the signs (and an extension's balance) the priors leave open
    solution = solve(statement, mapped, priors, taxonomy)
    mapped = [replace(m, concepts=_with_balance(m.concepts, balance), sign=sign, reasons=m.reasons + why)
              for m, sign, balance, why in zip(mapped, solution.signs, solution.balances, solution.reasons)]
    return MappedStatement(statement, tuple(mapped), solution.relations, tuple(diagnostics + solution.diagnostics))


def _with_balance(concepts: tuple[ConceptDef, ...], balance: str | None) -> tuple[ConceptDef, ...]:
    if concepts[0].balance == balance:
        return concepts
    return (replace(concepts[0], balance=balance),) + concepts[1:]


def _overridden(line: StatementLine, statement: Statement, taxonomy: Taxonomy, taken: dict[str, int], overrides: "Overrides | None"):
    """The choice of the first user override (overrides.py) that matches the line and fits it, or None.

    Each row gives one line of a statement at most; empty concepts ask for an extension concept.
    """
    if overrides is None or not overrides.rows:
        return None
    period_type = _period_type(statement)
    for row in overrides.matching(_label_variants(line)):
        concepts = _fitting(row.concepts, line, period_type, taxonomy) if row.concepts else ()
        used = f"override:{row.line}"
        if concepts is None or used in taken or any(_use_key(c.qname, line) in taken for c in concepts):
            continue
        taken[used] = -1
        found = _choose(line, statement, taxonomy, taken)  # what the synonyms would say, as alternatives
        chosen = " ".join(c.qname for c in concepts)
        alternatives = ((" ".join(c.qname for c in found[0]),) + found[3]) if found else ()
        return concepts, 1.0, (row.reason,), tuple(a for a in dict.fromkeys(alternatives) if a != chosen), False
    return None


def _choose(line: StatementLine, statement: Statement, taxonomy: Taxonomy, taken: dict[str, int]):
    """(concepts, score, reasons, alternatives, is_extension) from the synonym table, or None.

    A synonym counts when its statement kind and context (position and sections) fit the line and
    each of its concepts exists in the taxonomy, is current, has the line's unit type and a period
    type the columns can carry.
    """
    context = _context_of(line, statement)
    period_type = _period_type(statement)
    candidates = []
    for label in _label_variants(line):
        for reading in readings(label):
            for synonym in lookup(reading, statement.kind.value, context):
                concepts = _fitting(synonym.concepts, line, period_type, taxonomy)
                if concepts is None or any(_use_key(c.qname, line) in taken for c in concepts):
                    continue  # a concept reported twice in one statement would make inconsistent duplicates
                how = "pattern" if synonym.is_pattern else "label"
                reason = f"{how} {synonym.label!r} (synonyms.csv line {synonym.line}) matches {reading!r}"
                candidates.append((concepts, 0.8 if synonym.is_pattern else 0.9, (reason,)))
    if not candidates:
        return None
    concepts, score, reasons = candidates[0]
    alternatives = tuple(" ".join(c.qname for c in other[0]) for other in candidates[1:] if other[0] != concepts)
    return concepts, score, reasons, tuple(dict.fromkeys(alternatives)), False


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
        if concept is None or taxonomy.is_deprecated(name) or concept.data_type not in _TYPES_FOR_UNIT[line.unit]:
            return None
        if period_type == "instant" and concept.period_type != "instant":
            return None
        if period_type == "duration" and concept.period_type == "instant" and not _CLOSING.search(line.label):
            return None
    return concepts


def _period_type(statement: Statement) -> str | None:
    """instant or duration when every dated column is one, from the kind when none is dated, else None."""
    periods = [c.period for c in statement.columns if c.is_value and c.period is not None]
    if not periods:
        return "instant" if statement.kind is StatementKind.BALANCE_SHEET else "duration"
    kinds = {"instant" if p.is_instant else "duration" for p in periods}
    return kinds.pop() if len(kinds) == 1 else None


def _context_of(line: StatementLine, statement: Statement) -> str:
    contexts = line_contexts(statement)
    index = next((i for i, other in enumerate(statement.lines) if other is line), None)
    return contexts[index] if index is not None else ""


def _label_variants(line: StatementLine) -> tuple[str, ...]:
    """The label as printed, and with the section it hangs under for generic labels.

    A total printed without a caption, or captioned just "Total", reads as "Total" (which the
    synonyms place by position: the last line of the assets is total assets) and else as the total
    of its section ("Operating expenses:" ... "Total" is "Total operating expenses").
    """
    label = line.label.strip()
    if line.is_total and normalize(label) in ("", "total"):
        section = line.sections[-1].rstrip(":") if line.sections else ""
        return ("Total", f"Total {section}", section) if section else ("Total",)
    if line.is_total and line.sections and normalize(label) == normalize(f"Total {line.sections[-1]}"):
        return (label, "Total")  # the total of its section, or else what its position makes it
    variants = [line.full_label]
    if line.label != line.full_label:
        variants.append(line.label)
    if line.sections and line.full_label == line.label:
        for depth in range(1, len(line.sections) + 1):  # a caption wrapped over header rows reads whole again
            variants.append(" ".join(s.rstrip(":") for s in line.sections[-depth:]) + f" {line.label}")
    return tuple(variants)


label_variants = _label_variants  # the readings of a line's label that synonyms and overrides match


def _extension_concept(line: StatementLine, statement: Statement, naming: ExtensionNaming, used: set[str]) -> ConceptDef:
    """A company concept for a line: named after its caption, typed by its unit and columns."""
    label = line.full_label if line.label.strip() else _label_variants(line)[0]
    base = _concept_name(caption(label)) or "Line"
    name, n = base, 2
    while name in used:
        name, n = f"{base}{n}", n + 1
    used.add(name)
    period_type = _period_type(statement) or ("instant" if statement.kind is StatementKind.BALANCE_SHEET else "duration")
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
