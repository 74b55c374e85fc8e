"""The statement's own arithmetic: which lines each total adds up.

Going down a statement, the lines not yet summed into a total are kept in order. At each total,
the shortest run of those lines just above it that adds up to it in every column (each line
weighted +1 when its concept has the total's balance, -1 when the opposite) is its components;
they are then replaced by the total. "Loss from operations" so becomes Revenues - Total costs.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, warning

if TYPE_CHECKING:
    from ..statements import Statement
    from .mapper import MappedLine


@dataclass(frozen=True)
class CalcRelation:
    total: int  # index of the total line
    component: int  # index of a component line
    weight: int  # +1 or -1


def find_calculations(statement: "Statement", lines: tuple["MappedLine", ...]) -> tuple[tuple[CalcRelation, ...], list[Diagnostic]]:
    relations: list[CalcRelation] = []
    diagnostics: list[Diagnostic] = []
    open_lines: list[int] = []
    for index, mapped in enumerate(lines):
        if not _summable(mapped):
            continue
        if mapped.line.is_total and open_lines:
            run = _components(index, open_lines, lines)
            if run is None:
                diagnostics.append(warning("XC501", f"total {mapped.line.label!r} is not the sum of the lines above it", mapped.line.source))
            else:
                relations.extend(CalcRelation(index, c, _weight(lines[index], lines[c])) for c in run)
                open_lines = open_lines[: len(open_lines) - len(run)]
        open_lines.append(index)
    return tuple(relations), diagnostics


def _summable(mapped: "MappedLine") -> bool:
    concept = mapped.concepts[0]
    return concept.is_monetary and concept.balance is not None and len(mapped.concepts) == 1


def _weight(total: "MappedLine", component: "MappedLine") -> int:
    return 1 if total.concepts[0].balance == component.concepts[0].balance else -1


def _components(index: int, open_lines: list[int], lines) -> list[int] | None:
    total = lines[index]
    for size in range(1, len(open_lines) + 1):
        run = open_lines[-size:]
        if all(_foots(total, [lines[c] for c in run], column) for column in _columns(total)):
            if size == 1 and _value(lines[run[0]], _columns(total)[0]) == _value(total, _columns(total)[0]):
                continue  # a line equal to the total is a repeat, not a sum
            return run
    return None


def _columns(total: "MappedLine") -> list[int]:
    return [i for i, v in enumerate(total.line.values) if v is not None]


def _value(mapped: "MappedLine", column: int) -> Decimal | None:
    value = mapped.line.values[column]
    return None if value is None else value.amount * mapped.sign


def _foots(total: "MappedLine", components: list["MappedLine"], column: int) -> bool:
    expected = _value(total, column)
    parts = [(_value(c, column), _weight(total, c)) for c in components]
    if expected is None or all(v is None for v, _ in parts):
        return False
    return sum((v * w for v, w in parts if v is not None), Decimal(0)) == expected
