"""The common cell grid that every table reader (fixed-width text, HTML) produces.

A grid is a table cut into a label part and value columns. Every cell keeps the position it was
read from, so statements and facts can cite file, line and column.
"""
from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from ..diagnostics import Diagnostic, SourceRef


# Footnote marks printed right after a number ("3,000(5)", "(12,329)(6)"): not part of its value.
_NOTE_MARKS = re.compile(r"(?<=[\d)%])(?:\([a-z\d]\))+$")


def without_note_marks(text: str) -> str:
    """A printed number without the footnote marks glued to its end."""
    return _NOTE_MARKS.sub("", text)


_NUMBER_LIKE = re.compile(r"^[-+]?[\d$(),.%*]*\d[\d$(),.%*]*$")


def looks_like_number(text: str) -> bool:
    """Digits and a number's punctuation only ("12..5", "1,23,4", "(5" as well as "1,234"); leader dots
    ("2000.....") and the day of a date ("31," of "March 31, 2007") are label text."""
    return bool(_NUMBER_LIKE.match(without_note_marks(text))) and not text.endswith("..") and not re.fullmatch(r"\d{1,2},", text)


class RowKind(enum.Enum):
    DATA = "data"  # a label with at least one value cell
    TEXT = "text"  # a label without values: a section header or part of a wrapped label
    RULE = "rule"  # an underline: ---- (single) or ==== (double)
    BLANK = "blank"


@dataclass(frozen=True, slots=True)
class Cell:
    text: str  # as printed, e.g. "$ (1,115)" or "--"
    source: SourceRef  # where the cell's first character is


@dataclass(frozen=True, slots=True)
class Rejected:
    """A printed token in a value column that is not read as a value, and why ("malformed number '12..5'")."""

    cell: Cell
    reason: str


@dataclass(frozen=True, slots=True)
class HeaderCell:
    text: str
    first: int  # first value column covered (0-based)
    last: int  # last value column covered
    source: SourceRef


@dataclass(frozen=True, slots=True)
class Row:
    kind: RowKind
    label: str  # label text without its indentation
    indent: int  # indentation of the label, in characters
    cells: tuple[Cell | None, ...]  # one entry per value column
    source: SourceRef
    double_rule: bool = False  # for RULE rows: ==== rather than ----
    rejected: tuple[Rejected, ...] = ()  # tokens in value columns that are no value (DATA rows)


@dataclass(frozen=True, slots=True)
class ContextLine:
    """A line printed above a table: its title, period phrase, scale note."""

    text: str
    source: SourceRef


@dataclass(frozen=True, slots=True)
class Grid:
    source: SourceRef  # the first line of the table
    context: tuple[ContextLine, ...]  # lines above the header, top to bottom
    header: tuple[tuple[HeaderCell, ...], ...]  # header rows, top to bottom
    column_count: int
    rows: tuple[Row, ...]
    diagnostics: tuple[Diagnostic, ...] = ()

    def column_headers(self, column: int) -> tuple[HeaderCell, ...]:
        """Header cells above a column, top to bottom (spanning cells included)."""
        return tuple(c for row in self.header for c in row if c.first <= column <= c.last)
