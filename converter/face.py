"""Which tables are face statements: the title above a table, read as a heading, and the table as a whole.

A title is the nearest heading above a table that names a statement ("CONSOLIDATED STATEMENTS OF
INCOME", "Condensed consolidated balance sheets"), or names another kind of table ("SELECTED
QUARTERLY FINANCIAL DATA", "COMPUTATION OF EARNINGS PER SHARE"), which then is no statement. A
sentence of the text that happens to name a statement ("... our results of operations or financial
position, it represents ...") is no heading.

A table with a statement's title or lines is still not a face statement when the table as a whole
says otherwise: a table of contents (page numbers), a multi-year summary (one column per year, or
income lines beside balance sheet lines), quarterly results (a column per quarter of one year), or
consolidating columns (parent, guarantors, eliminations). The wording is data, in
templates/statements.json ("not_statements").
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass

from .resources import templates_dir
from .tables.grid import Grid, RowKind
from .templates import statement_templates


@dataclass(frozen=True)
class Heading:
    line: int  # source line, for the order of the heading block
    text: str


@dataclass(frozen=True)
class _NotStatements:
    titles: tuple[re.Pattern, ...]  # headings of tables that are not face statements
    qualifiers: tuple[re.Pattern, ...]  # words anywhere in a statement's heading block that make it another entity's
    column_headers: tuple[re.Pattern, ...]  # consolidating columns
    quarters: re.Pattern  # an ordinal quarter in a column header
    income_lines: tuple[re.Pattern, ...]  # lines of the income or cash flow statement, never of a balance sheet
    balance_lines: tuple[re.Pattern, ...]  # lines only a balance sheet prints


@functools.lru_cache(maxsize=None)
def _not_statements() -> _NotStatements:
    data = json.loads((templates_dir() / "statements.json").read_text(encoding="utf-8"))["not_statements"]
    compile_all = lambda key: tuple(re.compile(p, re.IGNORECASE) for p in data[key])  # noqa: E731
    return _NotStatements(compile_all("titles"), compile_all("qualifiers"), compile_all("column_headers"),
                          re.compile(data["quarter"], re.IGNORECASE), compile_all("income_lines"), compile_all("balance_lines"))


def headings(grid: Grid) -> list[Heading]:
    """The heading block of a table, top to bottom: the lines above it and the label-only rows
    centred above its first line of figures (a title the reader took for part of the table). Column
    headers are not in it: "Accumulated Other Comprehensive Income" over a column titles no table."""
    lines = [Heading(c.source.line, c.text) for c in grid.context]
    label_indent = min((row.indent for row in grid.rows if row.kind is RowKind.DATA), default=0)
    for row in leading_rows(grid):
        if row.indent > label_indent + 4:  # centred over the table, not a section label at its left
            lines.append(Heading(row.source.line, row.label))
    return sorted(lines, key=lambda h: h.line)


def leading_rows(grid: Grid):
    """The label-only rows above a table's first line of figures (a row of years is no figures:
    it is a header line the reader took for values)."""
    for row in grid.rows:
        if row.kind is RowKind.DATA and not _is_year_row(row):
            return
        if row.kind is RowKind.TEXT:
            yield row


def _is_year_row(row) -> bool:
    cells = [c.text for c in row.cells if c is not None]
    return bool(cells) and all(re.fullmatch(r"(?:19|20)\d\d", text) for text in cells)


def continues_table(before: Grid, grid: Grid, title: str) -> bool:
    """Whether a table goes on from the one before: untitled with as many columns (the next page),
    or printed right under it without column headers of its own (a section whose heading the reader
    took for a title, "BALANCE SHEET DATA" inside a summary of selected data)."""
    if not title and before.column_count == grid.column_count:
        return True
    ends = max((row.source.line for row in before.rows if row.kind is not RowKind.BLANK), default=before.source.line)
    starts = grid.context[0].source.line if grid.context else grid.source.line
    return not grid.header and starts - ends <= 3


_SEGMENT = re.compile(r"\S+(?:\s{1,2}\S+)*")  # a run of words: three spaces part a title from headers beside it
_LOWER_WORD = re.compile(r"(?<![\w'’.-])[a-z][a-z'’]*(?![\w'’-])")
_FUNCTION_WORDS = frozenset("of and the in for to at from on a an by or with".split())
# Words a title may print before the statement's name: "Condensed consolidated statements of ...".
_TITLE_PREFIX_WORDS = frozenset("consolidated condensed combined interim unaudited statement statements".split())
_ABBREVIATION_END = re.compile(r"\b(?:inc|corp|co|ltd|no|cont|con't|l\.p|n\.a)\.$", re.I)


def is_heading(text: str, start: int = 0) -> bool:
    """Whether a line is a heading rather than part of a sentence, judging the words printed before
    position start (where the name of a statement begins) and the line's end.

    Sentences quote ("... under the heading "Financial Condition," which ..."), end in a period or
    colon ("... are as follows:"), or put ordinary words before the statement's name
    ("The components of comprehensive income, ..."), or start in lower case, continuing the line
    before ("financial position resulting from ...").
    """
    text = text.strip(" |")
    if re.search(r"[\"“”]", text) or text.endswith(":"):
        return False
    first = _LOWER_WORD.match(text)
    if first and first.group(0) not in _TITLE_PREFIX_WORDS:
        return False  # a line that starts in lower case continues a sentence
    lower = [w for w in _LOWER_WORD.findall(text[:start]) if w not in _FUNCTION_WORDS and w not in _TITLE_PREFIX_WORDS]
    if lower:
        return False
    if text.endswith(".") and not _ABBREVIATION_END.search(text):
        return not any(w not in _FUNCTION_WORDS for w in _LOWER_WORD.findall(text))
    return True


def find_title(grid: Grid) -> tuple[str | None, str, bool]:
    """(statement kind, title, whether the nearest heading names a table that is no statement).

    Tried nearest first, each run of words of a line alone and each line joined with the next (a
    title printed over two lines, "CONSOLIDATED STATEMENTS" / "OF INCOME").
    """
    templates = statement_templates()
    others = _not_statements().titles
    lines = headings(grid)
    for i in range(len(lines) - 1, -1, -1):
        texts = [m.group(0) for m in _SEGMENT.finditer(lines[i].text)]
        if i > 0 and lines[i].line - lines[i - 1].line <= 2 and re.match(r"\s*(?:of|and|&)\b", lines[i].text, re.I):
            texts.insert(0, f"{lines[i - 1].text.strip()} {lines[i].text.strip()}")  # "... STATEMENTS" / "OF INCOME"
        if i + 1 < len(lines) and lines[i + 1].line - lines[i].line <= 2:
            texts.append(f"{lines[i].text.strip()} {lines[i + 1].text.strip()}")
        for text in texts:
            bare = text.strip(" |")
            if any(p.match(bare) for p in others) and is_heading(bare):
                return None, bare, True
            for template in templates:
                match = next((m for p in template.titles if (m := p.search(bare))), None)
                if match and is_heading(bare, match.start()):
                    return template.kind, bare, False
    return None, "", False


def not_face_reason(grid: Grid, kind: str) -> str | None:
    """Why a table of statement-like lines is not a face statement of this kind, or None."""
    data = [row for row in grid.rows if row.kind is RowKind.DATA]
    rules = _not_statements()
    block = " ".join(h.text for h in headings(grid))
    qualifier = next((m.group(0) for p in rules.qualifiers if (m := p.search(block))), None)
    if qualifier:
        return f"its heading says {qualifier!r}: not the filer's consolidated statement"
    if _is_index(data):
        return "its figures are page numbers: a table of contents"
    if not any(row.label and not _is_year_row(row) for row in data):
        return "no labelled line of figures: a line of text or a row of years"
    labels = [row.label for row in data]
    if kind == "balance_sheet" and any(p.search(label) for p in rules.income_lines for label in labels):
        return "income or cash flow lines beside balance sheet lines: a summary of selected data"
    if kind != "balance_sheet" and any(p.search(label) for p in rules.balance_lines for label in labels):
        return "balance sheet lines beside the lines of another statement: a summary of selected data"
    headers = [" ".join(cell.text for cell in grid.column_headers(i)) for i in range(grid.column_count)]
    # column headers the reader left above the table: a line of several runs of words
    header_like = [h.text for h in headings(grid) if len(_SEGMENT.findall(h.text)) >= 2]
    years = [set(re.findall(r"\b(?:19|20)\d\d\b", text)) for text in headers]
    single = [next(iter(y)) for y in years if len(y) == 1]
    if len(single) >= 5 and len(set(single)) == len(single):
        return f"one column for each of {len(single)} years: a multi-year summary of selected data"
    quarters = {m.group(0).lower()[:3] for text in headers for m in [rules.quarters.search(text)] if m}
    if len(quarters) >= 3:
        return "a column for each quarter of a year: quarterly results, not a statement"
    consolidating = next((text for text in headers + header_like for p in rules.column_headers if p.search(text)), None)
    if consolidating:
        return f"a column headed {consolidating!r}: a consolidating schedule, not the consolidated statement"
    return None


def _is_index(data) -> bool:
    """One figure a line, each a page number (a whole number under 1000, no sign or separator),
    rising down the table."""
    numbers = []
    for row in data:
        figures = [cell.text.strip() for cell in row.cells if cell is not None and any(c.isdigit() for c in cell.text)]
        if len(figures) != 1 or not re.fullmatch(r"(?:[A-Z]-)?\d{1,3}", figures[0]):
            return False
        numbers.append(int(re.sub(r"\D", "", figures[0])))
    return bool(numbers) and all(a < b for a, b in zip(numbers, numbers[1:]))


def figure_tables_before(grids: tuple[Grid, ...]) -> list[int]:
    """For each grid (and one past the last), how many tables of figures (two data rows or more) come before it."""
    counts = [0]
    for grid in grids:
        counts.append(counts[-1] + (sum(1 for row in grid.rows if row.kind is RowKind.DATA) >= 2))
    return counts
