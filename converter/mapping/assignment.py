"""The joint choice of concepts for all lines of a statement.

Every (line, scored candidate) pair competes at once, best score first: a line takes its best
candidate whose concepts no other line has taken (a concept is reported once per statement, but
the opening and the closing balance of cash are one concept at two instants, and an override row
gives one line at most). So a component that fits a concept less well than the total below it
leaves the concept to the total ("Sales" and "Total revenues"), whatever their order on the page.
On equal scores a total goes first, then the line printed first. A better candidate a line lost
this way records the line that took its concepts, for the explanation.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from ..statements import StatementLine
from .scoring import EXTENSION_BELOW, Scored


@dataclass(frozen=True)
class Choice:
    chosen: Scored | None  # None: no candidate good enough and free; the line becomes an extension
    ranked: tuple[Scored, ...]  # every candidate of the line, best first
    taken_by: tuple[int | None, ...] = ()  # per ranked candidate: the line that took its concepts first, if any


def assign(lines: Sequence[StatementLine], options: Sequence[Sequence[Scored]],
           resources: Callable[[StatementLine, Scored], tuple[str, ...]]) -> list[Choice]:
    ranked = [tuple(sorted(found, key=lambda s: -s.score)) for found in options]
    pairs = [(s.score, 0 if lines[i].is_total else 1, i, n, s)
             for i, found in enumerate(ranked) for n, s in enumerate(found) if s.score >= EXTENSION_BELOW]
    pairs.sort(key=lambda p: (-p[0], p[1], p[2], p[3]))
    chosen: dict[int, Scored] = {}
    owner: dict[str, int] = {}  # resource -> the line that took it
    lost: dict[tuple[int, int], int] = {}  # (line, candidate) -> the line that took the candidate's concepts
    for _, _, index, n, scored in pairs:
        if index in chosen:
            continue
        keys = resources(lines[index], scored)
        holder = next((owner[k] for k in keys if k in owner), None)
        if holder is not None:
            lost[index, n] = holder
            continue
        chosen[index] = scored
        owner.update(dict.fromkeys(keys, index))
    return [Choice(chosen.get(i), found, tuple(lost.get((i, n)) for n in range(len(found))))
            for i, found in enumerate(ranked)]
