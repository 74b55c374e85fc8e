"""Starts of periods a document does not print, from the period ends it does print.

A column headed "Six Months Ended July 2, 2022" prints no start; calendar months put it on
January 3. A company with a 52/53-week year began that half the day after its year ended, on
a Saturday it prints elsewhere: in the balance sheet's columns, in other statements' columns,
in a balance line of the equity statement ("Balance as of December 25, 2021"). This stage runs
after the statements of a whole document are read and before they are merged: it uses only the
dates the document's statements print, and changes only starts that were computed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from .periods import all_date_parts, fiscal_start
from .statements import Column, Statement, redated

# "Balance as of December 25, 2021", "Cash at December 31, 2007", "($93,386 as of December 31, 2022)"
_POINT_IN_TIME = re.compile(r"\b(?:at|as\s+of|balances?,?)\s+(?P<date>[A-Za-z]{3,9}\.?\s*\d{1,2},?\s*(?:19|20)\d\d)", re.I)


@dataclass(frozen=True)
class PrintedDates:
    """The days a document's statements print: as their columns' ends (balance sheet dates among
    them), and as the day of a balance their lines name ("Balance as of December 25, 2021")."""

    ends: frozenset[date] = frozenset()
    balances: frozenset[date] = frozenset()


def printed_period_ends(statements: tuple[Statement, ...]) -> PrintedDates:
    ends = {c.period.end for s in statements for c in s.columns if c.period is not None}
    balances = set()
    for statement in statements:
        for line in statement.lines:
            for match in _POINT_IN_TIME.finditer(line.label):
                balances.update(d for parts in all_date_parts(match.group("date")) if (d := parts.to_date()) is not None)
    return PrintedDates(frozenset(ends), frozenset(balances))


def fiscal_starts(statements: tuple[Statement, ...], printed: PrintedDates) -> tuple[Statement, ...]:
    """The statements with each computed start moved to the day after the printed day nearest it
    (periods.fiscal_start); statements with no such start are returned as they are."""
    result = []
    for statement in statements:
        columns = tuple(_moved(column, printed) for column in statement.columns)
        result.append(redated(statement, columns) if columns != statement.columns else statement)
    return tuple(result)


def _moved(column: Column, printed: PrintedDates) -> Column:
    if not column.start_derived or column.period is None or column.period.start is None:
        return column
    start = fiscal_start(column.period.start, printed.ends, printed.balances)
    return column if start == column.period.start else replace(column, period=replace(column.period, start=start))
