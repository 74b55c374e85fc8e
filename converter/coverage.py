"""Where every printed number of a recognised statement went: a fact, or a report entry saying why not.

A conversion drops nothing silently. Each numeric cell (a line's value) of every statement the
pipeline recognised is matched by its source (file, line, column) to the facts of the instance and
to the `not_converted` rows of the report; a cell that is neither is lost, which is a bug.
"""
from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .diagnostics import SourceRef

if TYPE_CHECKING:
    from .pipeline import Conversion


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
    reported = {row["source"] for row in conversion.report()["not_converted"]}
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
