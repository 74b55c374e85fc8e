"""Statements to concepts: which US GAAP concept each printed line is, with what sign.

Each line gets one or more concepts (a "basic and diluted" line gets both), a sign factor
(the XBRL value is the printed value times it), a score and the reasons for the choice. A line
no standard concept fits becomes a company extension concept. The statement's own arithmetic
gives the calculation relationships between totals and their components.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, info, warning
from ..statements import Statement, StatementKind, StatementLine, UnitKind
from .arithmetic import CalcRelation, find_calculations
from .labels import lookup, normalize
from .signs import sign_for
from .taxonomy import ConceptDef, Taxonomy

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


def map_statements(statements: tuple[Statement, ...], taxonomy: Taxonomy, naming: ExtensionNaming) -> tuple[MappedStatement, ...]:
    used_extension_names: set[str] = set()
    return tuple(_map_statement(s, taxonomy, naming, used_extension_names) for s in statements)


def _map_statement(statement: Statement, taxonomy: Taxonomy, naming: ExtensionNaming, used_names: set[str]) -> MappedStatement:
    diagnostics: list[Diagnostic] = []
    mapped: list[MappedLine] = []
    taken: dict[str, int] = {}  # concept qname -> index of the line that has it
    for line in statement.lines:
        choice = _choose(line, statement.kind, taxonomy, taken)
        if choice is None:
            concept = _extension_concept(line, statement, naming, used_names)
            reasons = (f"no US GAAP concept known for {line.full_label!r}: extension concept {concept.qname}",)
            choice = ((concept,), 0.3, reasons, (), True)
            diagnostics.append(info("XC401", reasons[0], line.source))
        concepts, score, reasons, alternatives, is_extension = choice
        sign, sign_reason = sign_for(line, concepts[0], taxonomy)
        for concept in concepts:
            taken[concept.qname] = len(mapped)
        mapped.append(MappedLine(line, concepts, sign, score, reasons + sign_reason, alternatives, is_extension))
    calculations, calc_diagnostics = find_calculations(statement, tuple(mapped))
    return MappedStatement(statement, tuple(mapped), calculations, tuple(diagnostics + calc_diagnostics))


def _choose(line: StatementLine, kind: StatementKind, taxonomy: Taxonomy, taken: dict[str, int]):
    """(concepts, score, reasons, alternatives, is_extension) from the synonym table, or None."""
    wanted_types = _TYPES_FOR_UNIT[line.unit]
    candidates = []
    for label in _label_variants(line):
        for synonym in lookup(normalize(label), kind.value):
            concepts = tuple(taxonomy.concept(name) for name in synonym.concepts)
            if any(c is None or c.data_type not in wanted_types for c in concepts):
                continue
            if any(c.qname in taken for c in concepts):
                continue  # a concept reported twice in one statement would make inconsistent duplicates
            how = "pattern" if synonym.is_pattern else "label"
            reason = f"{how} {synonym.label!r} (synonyms.csv line {synonym.line}) matches {label!r}"
            candidates.append((concepts, 0.8 if synonym.is_pattern else 0.9, (reason,)))
    if not candidates:
        return None
    concepts, score, reasons = candidates[0]
    alternatives = tuple(" ".join(c.qname for c in other[0]) for other in candidates[1:] if other[0] != concepts)
    return concepts, score, reasons, tuple(dict.fromkeys(alternatives)), False


def _label_variants(line: StatementLine) -> tuple[str, ...]:
    """The label as printed, and with the section it hangs under for generic labels."""
    variants = [line.full_label]
    if line.label != line.full_label:
        variants.append(line.label)
    if line.sections and line.full_label == line.label:
        variants.append(f"{line.sections[-1].rstrip(':')} {line.label}")
    return tuple(variants)


def _extension_concept(line: StatementLine, statement: Statement, naming: ExtensionNaming, used: set[str]) -> ConceptDef:
    base = _concept_name(line.full_label) or "Line"
    name, n = base, 2
    while name in used:
        name, n = f"{base}{n}", n + 1
    used.add(name)
    period_type = "instant" if statement.kind is StatementKind.BALANCE_SHEET else "duration"
    balance = _extension_balance(line, statement) if line.unit is UnitKind.MONEY else None
    return ConceptDef(naming.prefix, name, naming.namespace, _EXTENSION_TYPE[line.unit], period_type, balance, label=line.full_label)


def _concept_name(label: str) -> str:
    words = re.findall(r"[A-Za-z0-9]+", label.replace("'", ""))
    name = "".join(w[:1].upper() + w[1:] for w in words)
    if name[:1].isdigit():
        name = "N" + name
    return name[:100]


_DEBIT_WORDS = re.compile(r"\b(?:cost|costs|expenses?|loss|losses|charges?|depreciation|amortization|impairment|provision|dividends?|taxes)\b", re.I)
_CREDIT_SECTIONS = re.compile(r"liabilit|equity|capital|deficit", re.I)


def _extension_balance(line: StatementLine, statement: Statement) -> str:
    text = " ".join(line.sections + (line.label,))
    if statement.kind is StatementKind.BALANCE_SHEET:
        return "credit" if _CREDIT_SECTIONS.search(text) else "debit"
    if statement.kind is StatementKind.CASH_FLOW:
        return "debit"
    return "debit" if _DEBIT_WORDS.search(line.label) else "credit"
