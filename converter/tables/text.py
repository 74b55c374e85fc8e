"""Fixed-width text tables: find the tables of a plain-text document and cut them into grids.

A table is a run of lines that end in right-aligned numbers. Its value columns are found by
clustering the right edges of those numbers; the lines above it give the column headers (split
by the dash rules printed under them) and the context (title, period phrase, scale note).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..diagnostics import Diagnostic, SourceRef, warning
from .grid import Cell, ContextLine, Grid, HeaderCell, Row, RowKind

# EDGAR's table markup inside <TEXT>; replaced by spaces so positions stay as printed.
_SGML_TAG = re.compile(r"</?(?:TABLE|CAPTION|S|C|PAGE|FN|F\d+)>", re.IGNORECASE)
_MARKER_ONLY = re.compile(r"^\s*(?:<(?:S|C)>\s*)+$", re.IGNORECASE)
_NUMBER = re.compile(
    r"^\$?\(?\$?[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?\)?(?:%|\*{1,3})?\)?$"
)
_NIL = re.compile(r"^(?:-{1,3}|\u2013|\u2014|\$?-0-|n/?a|N/?A|NM|nm|nil)$")
_RULE = re.compile(r"^[\s\-=_]+$")
_STATEMENT_TITLE = re.compile(
    r"balance\s+sheets?|statements?\s+of\s+(?:consolidated\s+)?(?:financial\s+(?:condition|position)|"
    r"(?:comprehensive\s+)?(?:income|operations|earnings|loss)|cash\s+flows?|"
    r"(?:changes\s+in\s+)?(?:stockholders|shareholders)|condition)|"
    r"(?:income|earnings|operations|cash\s+flows?)\s+statements?",
    re.IGNORECASE,
)
_MAX_GAP = 7  # non-data lines allowed between two data lines of one table
_MAX_PREFACE = 20  # lines above a table searched for its header and context
_EDGE_SLACK = 2  # right edges this close belong to one column


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int  # exclusive

    @property
    def edge(self) -> int:
        """Right edge for alignment: closing parenthesis, percent sign and footnote stars hang out."""
        return self.end - (len(self.text) - len(self.text.rstrip(")%*")))


@dataclass(frozen=True)
class _Line:
    index: int  # 0-based line index in the part
    text: str  # tags blanked out
    values: tuple[_Token, ...]  # trailing value tokens ("$" merged into its number)
    label_end: int  # where the label part ends

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()

    @property
    def is_rule(self) -> bool:
        return not self.is_blank and bool(_RULE.match(self.text)) and any(c in self.text for c in "-=_")

    @property
    def is_data(self) -> bool:
        return bool(self.values) and not self.is_rule

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip())

    @property
    def label(self) -> str:
        return self.text[: self.label_end].strip()


def read_text_tables(text: str, path: str, first_line: int = 1) -> tuple[Grid, ...]:
    """Every table of a plain-text document, as grids, in document order."""
    lines = [_scan_line(i, raw) for i, raw in enumerate(text.split("\n"))]
    grids = []
    floor = 0
    for start, end in _table_regions(lines):
        grid = _build_grid(lines, start, end, max(floor, start - _MAX_PREFACE), path, first_line)
        if grid is not None:
            grids.append(grid)
        floor = end + 1
    return tuple(grids)


def _scan_line(index: int, raw: str) -> _Line:
    raw = raw.expandtabs(8)
    if _MARKER_ONLY.match(raw):
        return _Line(index, "", (), 0)
    text = _SGML_TAG.sub(lambda m: " " * len(m.group(0)), raw).rstrip()
    values, label_end = _trailing_values(text)
    return _Line(index, text, values, label_end)


def _trailing_values(text: str) -> tuple[tuple[_Token, ...], int]:
    tokens = [_Token(m.group(0), m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    cut = len(tokens)
    while cut > 0 and _is_value_text(tokens[cut - 1].text):
        cut -= 1
    # A number glued to the label by one space belongs to the label ("Note 3", "June 30, 2007").
    while cut < len(tokens) and cut > 0 and tokens[cut].start - tokens[cut - 1].end < 2:
        cut += 1
    values = _merge_dollar_signs(tokens[cut:])
    if not any(_has_digit(t.text) or _NIL.match(t.text) for t in values):
        return (), len(text)
    if cut == 0 and all(_is_year(t.text) for t in values):
        return (), len(text)  # a header row of years, not values
    label_end = tokens[cut].start if cut < len(tokens) else len(text)
    return tuple(values), label_end


def _is_value_text(text: str) -> bool:
    return text == "$" or bool(_NIL.match(text)) or (_has_digit(text) and bool(_NUMBER.match(text)))


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)


def _is_year(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and 1900 <= int(text) <= 2099


def _merge_dollar_signs(tokens: list[_Token]) -> list[_Token]:
    merged: list[_Token] = []
    pending: _Token | None = None
    for token in tokens:
        if token.text == "$":
            pending = token
            continue
        if pending is not None:
            token = _Token(f"$ {token.text}", pending.start, token.end)
            pending = None
        merged.append(token)
    return merged


def _table_regions(lines: list[_Line]) -> list[tuple[int, int]]:
    """(first data line, last data line) of each run of data lines that belongs together."""
    regions: list[tuple[int, int]] = []
    start = last = None
    for line in lines:
        if line.is_data:
            if start is None:
                start = line.index
            last = line.index
            continue
        if start is None:
            continue
        if _breaks_table(line) or line.index - last > _MAX_GAP:
            regions.append((start, last))
            start = last = None
    if start is not None:
        regions.append((start, last))
    return [(start, _extend_over_rules(lines, last)) for start, last in regions]


def _extend_over_rules(lines: list[_Line], last: int) -> int:
    """The underlines printed below a table's last line belong to it."""
    end = last
    for line in lines[last + 1 : last + 4]:
        if line.is_rule:
            end = line.index
        elif not line.is_blank:
            break
    return end


def _breaks_table(line: _Line) -> bool:
    text = line.text.strip()
    return _is_prose(text) or bool(_STATEMENT_TITLE.search(text))


def _is_prose(text: str) -> bool:
    words = text.split()
    return len(words) >= 10 and len(text) >= 60 and "   " not in text


def _build_grid(lines: list[_Line], start: int, end: int, floor: int, path: str, first_line: int) -> Grid | None:
    data = [ln for ln in lines[start : end + 1] if ln.is_data]
    columns = _cluster_columns(data)
    if not columns:
        return None
    value_left = min(t.start for ln in data for t in ln.values)
    header_start, context_start = _split_preface(lines, start, floor, value_left)
    src = lambda ln, col=0: SourceRef(path, first_line + ln.index, col)  # noqa: E731
    diagnostics: list[Diagnostic] = []
    rows = tuple(
        _make_row(ln, columns, src, diagnostics) for ln in lines[header_start : end + 1] if ln.index >= start
        or not _is_header_line(ln, value_left)
    )
    header_lines = [ln for ln in lines[header_start:start] if _is_header_line(ln, value_left)]
    header = _header_rows(header_lines, columns, src)
    context = tuple(
        ContextLine(ln.text.strip(), src(ln, ln.indent + 1)) for ln in lines[context_start:header_start] if not ln.is_blank
    )
    return Grid(src(lines[start]), context, header, len(columns), rows, tuple(diagnostics))


def _cluster_columns(data: list[_Line]) -> list[tuple[int, int, int]]:
    """Columns as (left, right edge, right) extents, from the right edges of the values."""
    edges = sorted(t.edge for ln in data for t in ln.values)
    clusters: list[list[int]] = []
    for edge in edges:
        if clusters and edge - clusters[-1][-1] <= _EDGE_SLACK:
            clusters[-1].append(edge)
        else:
            clusters.append([edge])
    columns = []
    for cluster in clusters:
        lo, hi = cluster[0], cluster[-1]
        members = [t for ln in data for t in ln.values if lo <= t.edge <= hi]
        columns.append((min(t.start for t in members), max(cluster, key=cluster.count), max(t.end for t in members)))
    return columns


def _split_preface(lines: list[_Line], start: int, floor: int, value_left: int) -> tuple[int, int]:
    """Index of the first header line and of the first context line above a table (not above floor)."""
    i = start - 1
    # Section labels ("ASSETS") may sit between the header and the first values.
    while i >= floor and not _is_header_line(lines[i], value_left) and not _is_stop(lines[i]):
        i -= 1
    header_end = i
    while i >= floor and (_is_header_line(lines[i], value_left) or lines[i].is_blank) and not lines[i].is_data:
        i -= 1
    header_start = i + 1
    if header_end < floor or header_start > header_end or _is_stop(lines[header_end]):
        header_start = start  # no header: keep all lines above as context
        i = start - 1
    while header_start < start and lines[header_start].is_blank:
        header_start += 1
    context_start = i + 1
    while i >= floor and not _is_stop(lines[i]):
        context_start = i
        i -= 1
    return header_start, context_start


def _is_stop(line: _Line) -> bool:
    return line.is_data or _is_prose(line.text.strip())


def _is_header_line(line: _Line, value_left: int) -> bool:
    if line.is_blank or line.is_data:
        return False
    return line.indent >= value_left - 2


def _make_row(line: _Line, columns, src, diagnostics: list[Diagnostic]) -> Row:
    if line.is_blank:
        return Row(RowKind.BLANK, "", 0, (None,) * len(columns), src(line))
    if line.is_rule:
        return Row(RowKind.RULE, "", line.indent, (None,) * len(columns), src(line), "=" in line.text)
    if not line.is_data:
        return Row(RowKind.TEXT, line.label, line.indent, (None,) * len(columns), src(line, line.indent + 1))
    cells: list[Cell | None] = [None] * len(columns)
    for token in line.values:
        col = _nearest_column(token, columns)
        if cells[col] is not None:
            diagnostics.append(warning("XC201", f"two values in one column: {cells[col].text!r} and {token.text!r}", src(line, token.start + 1)))
        cells[col] = Cell(token.text, src(line, token.start + 1))
    return Row(RowKind.DATA, line.label, line.indent, tuple(cells), src(line, line.indent + 1))


def _nearest_column(token: _Token, columns) -> int:
    return min(range(len(columns)), key=lambda c: abs(columns[c][1] - token.edge))


def _header_rows(header_lines: list[_Line], columns, src) -> tuple[tuple[HeaderCell, ...], ...]:
    rows = []
    for pos, line in enumerate(header_lines):
        if line.is_rule:
            continue
        segments = _segments_below(header_lines[pos + 1 :]) or _phrases(line.text)
        cells: dict[tuple[int, int], list[tuple[int, str]]] = {}
        for match in re.finditer(r"\S+", line.text):
            span = _segment_span(match.start(), match.end(), segments, columns)
            cells.setdefault(span, []).append((match.start(), match.group(0)))
        rows.append(tuple(
            HeaderCell(" ".join(w for _, w in words), span[0], span[1], src(line, words[0][0] + 1))
            for span, words in sorted(cells.items())
        ))
    return tuple(r for r in rows if r)


def _segments_below(lines: list[_Line]) -> list[tuple[int, int]]:
    """The dash groups of the nearest rule under a header line: they show what each header spans."""
    for line in lines:
        if line.is_rule:
            return [(m.start(), m.end()) for m in re.finditer(r"[-=_]+", line.text)]
    return []


def _phrases(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\S+(?: \S+)*", text)]


def _segment_span(start: int, end: int, segments, columns) -> tuple[int, int]:
    """The columns a header word belongs to: those its segment covers, else the nearest one."""
    center = (start + end) / 2
    for seg_start, seg_end in segments:
        if seg_start - 1 <= center <= seg_end + 1:
            covered = [i for i, (left, _, right) in enumerate(columns) if right > seg_start and left < seg_end]
            if covered:
                return covered[0], covered[-1]
    nearest = min(range(len(columns)), key=lambda c: _distance(center, columns[c]))
    return nearest, nearest


def _distance(x: float, column) -> float:
    left, _, right = column
    return 0.0 if left <= x <= right else min(abs(x - left), abs(x - right))
