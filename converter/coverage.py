"""Where every printed number of a recognised statement went: a fact, or a report entry saying why not.

A conversion drops nothing silently. Each numeric cell (a line's value) of every statement the
pipeline recognised is matched by its source (file, line, column) to the facts of the instance and
to the `not_converted` rows of the report; a cell that is neither is lost, which is a bug. What is
set aside as a whole is a warning: a statement none of whose values is converted (XC120), columns
claiming one period with different figures (XC121).
"""
from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .diagnostics import Diagnostic, SourceRef, warning

if TYPE_CHECKING:
    from .periods import Period
    from .pipeline import Conversion
    from .statements import Column, StatementLine


class Fate(enum.Enum):
    FACT = "fact"
    REPORTED = "report entry"
    LOST = "lost"


@dataclass(frozen=True)
class Cell:
    source: SourceRef
    label: str
    printed: str
    fate: Fate


def cell_coverage(conversion: "Conversion") -> tuple[Cell, ...]:
    """Every numeric cell of the conversion's statements, once each, in document order, with its fate."""
    facts = {f.source for f in (conversion.instance.facts if conversion.instance else ()) if f.source is not None}
    reported = {row["source"] for row in conversion.not_converted()}
    cells: dict[SourceRef, Cell] = {}
    statements = list(conversion.statements) + [m.statement for m in conversion.mapped]
    for statement in statements:
        for line in statement.lines + tuple(line for line, _ in statement.set_aside):
            for value in line.values:
                if value is None or value.source in cells:
                    continue
                fate = Fate.FACT if value.source in facts else Fate.REPORTED if str(value.source) in reported else Fate.LOST
                cells[value.source] = Cell(value.source, line.full_label, value.printed, fate)
    return tuple(sorted(cells.values(), key=lambda c: c.source))


def coverage_counts(cells: tuple[Cell, ...]) -> dict[str, int]:
    """How many cells became facts, report entries, or were lost: {"fact": n, "report entry": n, "lost": n}."""
    counts = Counter(c.fate for c in cells)
    return {fate.value: counts.get(fate, 0) for fate in Fate}


def unconverted_statement(name: str, columns: tuple["Column", ...], lines: tuple["StatementLine", ...],
                          source: SourceRef) -> list[Diagnostic]:
    """Warning XC120 for a statement with values none of which can become a fact: every column undated
    or set aside (headers that date nothing, segments only); each value is a report entry."""
    count = sum(1 for line in lines for v in line.values if v is not None)
    if not count or any(c.is_value and c.period is not None for c in columns):
        return []
    return [warning("XC120", f"{name!r}: none of its {count} values is converted, no column is an amount with a period "
                             "(each is listed in report.json)", source)]


def conflicting_period(period: "Period", group: list["Column"]) -> Diagnostic:
    """Warning XC121 for columns claiming one period with different figures, none consolidated: set aside."""
    names = ", ".join(f"{c.index + 1} ({c.header!r})" for c in group)
    source = next((c.source for c in group if c.source is not None), None)
    return warning("XC121", f"columns {names} claim the same period {period} with different figures, and none is a "
                            "consolidated or total column: their values are not converted", source)
