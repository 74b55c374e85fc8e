"""Facts that would contradict each other: a later line gets its own extension concept.

Two statements of one document (an audited year and an interim period, a statement and its
condensed repeat) may print the same concept for the same period with different values, as when
a line is defined differently. XBRL forbids inconsistent duplicates, so the later line is moved
to an extension concept named from its label, with the reason recorded.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from ..diagnostics import Diagnostic, SourceRef, info, warning
from ..periods import fact_period
from ..statements import Value
from .arithmetic import consistent_across
from .mapper import ExtensionNaming, MappedLine, MappedStatement, _concept_name
from .taxonomy import ConceptDef


@dataclass(frozen=True)
class Conflict:
    """A printed value another statement's line reports with another value for the same concept and
    period: the line became an extension concept. For the report (report.json "conflicts")."""

    source: SourceRef  # the cell
    label: str
    printed: str
    concept: str  # the qname the line would have had
    period: str
    other_printed: str
    other_source: SourceRef
    other_statement: str  # the title (or kind) of the statement printing the other value
    extension: str = ""  # the qname the line became

    @property
    def reason(self) -> str:
        return (f"conflicts with the value {self.other_printed} printed at {self.other_source} ({self.other_statement!r}) "
                f"for {self.concept} and {self.period}: converted as extension concept {self.extension}")


_Reported = dict[tuple[str, str], tuple[Decimal, MappedLine, Value, MappedStatement]]


def resolve_conflicts(statements: tuple[MappedStatement, ...], naming: ExtensionNaming) -> tuple[tuple[MappedStatement, ...], list[Diagnostic]]:
    statements = _shared_extensions(statements, naming)
    reported: _Reported = {}
    used = {c.name for s in statements for line in s.lines for c in line.concepts if c.prefix == naming.prefix}
    diagnostics: list[Diagnostic] = []
    result = []
    for statement in statements:
        lines, conflicts = [], []
        for line in statement.lines:
            clash = _clash(statement, line, reported)
            if clash is not None:
                cells = _conflicting_cells(statement, line, reported)
                line = _to_extension(line, naming, used, clash)
                conflicts.extend(replace(c, extension=line.concepts[0].qname) for c in cells)
                diagnostics.append(info("XC402", line.reasons[-1], line.line.source))
            _record(statement, line, reported)
            lines.append(line)
        diagnostics.extend(_conflict_warnings(statement, conflicts))
        result.append(replace(statement, lines=tuple(lines), conflicts=tuple(conflicts)))
    # Shared and moved concepts change which facts each calculation binds: check them again.
    result = [replace(m, calculations=relations) for m, relations in zip(result, consistent_across(tuple(result)))]
    return tuple(result), diagnostics


def _shared_extensions(statements: tuple[MappedStatement, ...], naming: ExtensionNaming) -> tuple[MappedStatement, ...]:
    """One company concept for one caption: a later statement printing a line an earlier one
    printed (the same supplemental cash-flow line in a quarterly and a year-to-date statement)
    reuses its extension concept, so the calculations of both bind the same facts."""
    first: dict[tuple, ConceptDef] = {}
    result = []
    for statement in statements:
        own: dict[tuple, ConceptDef] = {}
        lines = []
        for line in statement.lines:
            concept = line.concepts[0]
            if line.is_extension and concept.prefix == naming.prefix and len(line.concepts) == 1:
                key = (line.line.full_label.strip().lower(), concept.data_type, concept.period_type, concept.balance)
                if key in first and key not in own:
                    line = replace(line, concepts=(first[key],))
                own.setdefault(key, line.concepts[0])
            lines.append(line)
        for key, concept in own.items():
            first.setdefault(key, concept)
        result.append(replace(statement, lines=tuple(lines)))
    return tuple(result)


def _facts(statement: MappedStatement, line: MappedLine):
    for column, value in zip(statement.statement.columns, line.line.values):
        if value is None or column.period is None or not column.is_value or value.is_percent:
            continue
        for concept in line.concepts:
            period = fact_period(column.period, concept.period_type, line.line.is_opening_balance)
            yield (concept.qname, str(period)), value.amount * line.sign, value


def _clash(statement, line, reported: _Reported) -> MappedLine | None:
    for key, amount, _ in _facts(statement, line):
        if key in reported and reported[key][0] != amount:
            return reported[key][1]
    return None


def _conflicting_cells(statement: MappedStatement, line: MappedLine, reported: _Reported) -> list[Conflict]:
    cells: dict[SourceRef, Conflict] = {}
    for (qname, period), amount, value in _facts(statement, line):
        if (qname, period) in reported and reported[(qname, period)][0] != amount and value.source not in cells:
            _, other, other_value, other_statement = reported[(qname, period)]
            cells[value.source] = Conflict(value.source, line.line.full_label, value.printed, qname, period,
                                           other_value.printed, other_value.source, _name(other_statement))
    return list(cells.values())


def _conflict_warnings(statement: MappedStatement, conflicts: list[Conflict]) -> list[Diagnostic]:
    """One warning per statement the values conflict with (the per-line detail is info XC402)."""
    by_other: dict[str, list[Conflict]] = {}
    for conflict in conflicts:
        by_other.setdefault(conflict.other_statement, []).append(conflict)
    return [warning("XC416", f"{_name(statement)!r} prints {len(found)} value(s) that {other!r} (first at {found[0].other_source}) "
                             f"prints otherwise for the same concept and period, e.g. {found[0].label!r} {found[0].printed} against "
                             f"{found[0].other_printed}: converted as extension concepts (listed in report.json conflicts)",
                    statement.statement.source)
            for other, found in by_other.items()]


def _name(statement: MappedStatement) -> str:
    return statement.statement.title or statement.statement.kind.value


def _record(statement, line, reported: _Reported) -> None:
    for key, amount, value in _facts(statement, line):
        reported.setdefault(key, (amount, line, value, statement))


def _to_extension(line: MappedLine, naming: ExtensionNaming, used: set[str], earlier: MappedLine) -> MappedLine:
    base = _concept_name(line.line.full_label) or "Line"
    name, n = base, 2
    while name in used:
        name, n = f"{base}{n}", n + 1
    used.add(name)
    old = line.concepts[0]
    # The replaced concept's period type: cash at the beginning of a period stays an instant.
    concept = ConceptDef(naming.prefix, name, naming.namespace, old.data_type, old.period_type, old.balance, label=line.line.full_label)
    reason = (f"{' and '.join(c.qname for c in line.concepts)} already reported with another value by "
              f"{earlier.line.full_label!r} ({earlier.line.source}): extension concept {concept.qname}")
    return replace(line, concepts=(concept,), is_extension=True, reasons=line.reasons + (reason,))
