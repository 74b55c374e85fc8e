"""The statements of a document as a whole: a statement continued across tables, one printed
twice, and the scale of figures no note gives (from the amounts the text names).

These passes take the statements build_statements made and return statements; pipeline.py runs them.
"""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from .diagnostics import info
from .statements import Statement, StatementLine, UnitKind, is_continuation_title

_PROSE_AMOUNT = re.compile(r"\$\s?(\d{1,3}(?:,\d{3})*(?:\.(\d+))?)\s*(thousand|million|billion)\b", re.I)
_POWERS = {"thousand": 3, "million": 6, "billion": 9}


def infer_scale(statements: tuple[Statement, ...], prose: str) -> int:
    """The scale at which the statements' money amounts agree with the amounts the text names.

    A release that prints "net income of $4.0 million" beside a table with 3,983 and no scale note
    prints thousands. Each amount named counts once however often the text repeats it, and a scale
    is taken only when at least two different amounts agree with it and more agree with it than
    with any other scale, whole dollars included. Returns 0 otherwise.
    """
    named = set()
    for match in _PROSE_AMOUNT.finditer(prose):
        number, places, word = match.group(1).replace(",", ""), match.group(2) or "", match.group(3).lower()
        named.add((Decimal(number).scaleb(_POWERS[word]), Decimal(5).scaleb(_POWERS[word] - len(places) - 1)))
    printed = {abs(v.amount) for s in statements for line in s.lines if line.unit is UnitKind.MONEY for v in line.values if v and v.amount}
    hits = {power: sum(any(abs(p.scaleb(power) - amount) <= tolerance for p in printed) for amount, tolerance in named)
            for power in (0, 3, 6)}
    best = max(hits, key=lambda power: (hits[power], -power))
    if best and hits[best] >= 2 and all(hits[best] > n for power, n in hits.items() if power != best):
        return best
    return 0



def merge_continued(statements: tuple[Statement, ...]) -> tuple[Statement, ...]:
    """Join a statement printed across several tables (a page break, assets then liabilities).

    The next table continues the statement when it has the same kind and columns and no title of
    its own, "(Continued)", or the same title printed again on the next page. The lines it begins
    with that repeat lines before with the same figures (a subtotal carried forward) are kept once;
    a table that repeats every line is the statement printed twice, and is left out.
    """
    merged: list[Statement] = []
    for statement in statements:
        previous = merged[-1] if merged else None
        if previous and previous.kind is statement.kind and _same_columns(previous, statement) and _is_continuation(statement, previous):
            seen = {_line_key(line) for line in previous.lines}
            repeated = next((i for i, line in enumerate(statement.lines) if _line_key(line) not in seen), len(statement.lines))
            new = statement.lines[repeated:]
            carried = _repeated_lines(statement.lines[:repeated] if new else statement.lines, previous,
                                      "repeats the line" if new else f"the table at {statement.source} repeats every line of the statement: the same line")
            merged[-1] = replace(previous, lines=previous.lines + new, diagnostics=previous.diagnostics + (statement.diagnostics if new else ()),
                                 set_aside=previous.set_aside + statement.set_aside + carried)
            continue
        merged.append(statement)
    return tuple(merged)


def drop_repeats(statements: tuple[Statement, ...]) -> tuple[Statement, ...]:
    """Leave out a statement printed again (in the body and in an annual-report exhibit): one of
    the same kind and columns printed before has every line it has, with the same figures."""
    kept: list[Statement] = []
    for statement in statements:
        keys = {_line_key(line) for line in statement.lines if any(line.values)}
        earlier = next((s for s in kept if s.kind is statement.kind and _same_columns(s, statement) and keys <= {_line_key(l) for l in s.lines}), None)
        if keys and earlier is not None:
            note = info("XC305", f"{statement.title or statement.kind.value!r} repeats the statement at {earlier.source}: its facts are not made twice", statement.source)
            carried = _repeated_lines(statement.lines, earlier, f"the statement repeats the one at {earlier.source}: the same line")
            kept[kept.index(earlier)] = replace(earlier, diagnostics=earlier.diagnostics + (note,),
                                                set_aside=earlier.set_aside + statement.set_aside + carried)
            continue
        kept.append(statement)
    return tuple(kept)


def _repeated_lines(lines: tuple[StatementLine, ...], kept: Statement, why: str) -> tuple[tuple[StatementLine, str], ...]:
    """The lines left out, each with the reason its values are not facts: the kept line with the same figures."""
    first = {}
    for line in kept.lines:
        first.setdefault(_line_key(line), line)
    return tuple((line, f"{why} at {first[_line_key(line)].source} with the same figures, whose values are the facts"
                  if _line_key(line) in first else f"{why} is left out with its statement")
                 for line in lines if any(line.values))


def _line_key(line: StatementLine) -> tuple:
    return (re.sub(r"[^a-z0-9]+", " ", line.full_label.lower()).strip(), tuple(v.amount if v else None for v in line.values))


def _same_columns(a: Statement, b: Statement) -> bool:
    return [c.period for c in a.columns if c.is_value] == [c.period for c in b.columns if c.is_value]


def _is_continuation(statement: Statement, previous: Statement) -> bool:
    return not statement.title or is_continuation_title(statement.title) or _bare_title(statement.title) == _bare_title(previous.title)


def _bare_title(title: str) -> str:
    return re.sub(r"[^a-z]+", " ", re.sub(r"\(?\s*(?:continued|cont['’]?d)\s*\)?", "", title, flags=re.I).lower()).strip()
