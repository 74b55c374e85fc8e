"""Fixed-width text tables: find the tables of a plain-text document and cut them into grids.

A table is a run of lines that end in right-aligned numbers. Its value columns are found by
clustering the right edges of those numbers; the lines above it give the column headers (split
by the dash rules printed under them) and the context (title, period phrase, scale note).
"""
from __future__ import annotations

import bisect
import collections
import re
from dataclasses import dataclass, replace

from ..diagnostics import Diagnostic, SourceRef, warning
from .grid import Cell, ContextLine, Grid, HeaderCell, Rejected, Row, RowKind, looks_like_number, without_note_marks

# EDGAR's table markup inside <TEXT>; replaced by spaces so positions stay as printed.
_SGML_TAG = re.compile(r"</?(?:TABLE|CAPTION|S|C|PAGE|FN|F\d+)>", re.IGNORECASE)
_MARKER_ONLY = re.compile(r"^\s*(?:<(?:S|C)>\s*)+$", re.IGNORECASE)
_PAGE_TAG = re.compile(r"<PAGE>", re.IGNORECASE)
_TABLE_OPEN = re.compile(r"<(?:TABLE|CAPTION)>", re.IGNORECASE)
_HEADER_WORDS = re.compile(
    r"\b(?:(?:19|20)\d\d|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|"
    r"july|august|september|october|november|december|months?|weeks?|quarters?|years?|ended|ending|period|fiscal|"
    r"three|six|nine|twelve|change|increase|decrease|unaudited|audited|actual|restated|reported|percent|total)\b|%",
    re.IGNORECASE)
_SCALE_NOTE = re.compile(r"\b(?:in\s+(?:thousands|millions|billions)|000['’]?s\s+omitted)\b", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?(?:[A-Z]-)?\d{1,3}(?:\s*-)?\s*$")
_NUMBER = re.compile(
    r"^\$?\(?\$?[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?\)?(?:%|\*{1,3})?\)?$"
)
_CLOSING = re.compile(r"^\)%?$")  # a closing parenthesis printed apart from its number ("(1,234 )")
_NIL = re.compile(r"^(?:-{1,3}|\u2013|\u2014|\$?-0-|n/?a|N/?A|NM|nm|nil)$")
_RULE = re.compile(r"^[\s\-=_]+$")
_STATEMENT_TITLE = re.compile(
    r"balance\s+sheets?|statements?\s+of\s+(?:consolidated\s+)?(?:financial\s+(?:condition|position)|"
    r"(?:comprehensive\s+)?(?:income|operations|earnings|loss)|cash\s+flows?|"
    r"(?:changes\s+in\s+)?(?:stockholders|shareholders)|condition)|"
    r"(?:income|earnings|operations|cash\s+flows?)\s+statements?",
    re.IGNORECASE,
)
_MAX_GAP = 12  # non-data lines allowed between two data lines of one table (long wrapped labels)
_MAX_PREFACE = 20  # lines above a table searched for its header and context
_EDGE_SLACK = 2  # right edges this close belong to one column


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    start: int
    end: int  # exclusive

    @property
    def edge(self) -> int:
        """Right edge for alignment: closing parenthesis, percent sign and footnote marks hang out."""
        return self.end - (len(self.text) - len(without_note_marks(self.text).rstrip(") %*")))


@dataclass(frozen=True, slots=True)
class _Line:
    index: int  # 0-based line index in the part
    text: str  # tags blanked out
    values: tuple[_Token, ...]  # trailing value tokens ("$" merged into its number)
    label_end: int  # where the label part ends
    opens_table: bool = False  # an EDGAR <TABLE> or <CAPTION> tag: nothing above it is a column header
    # tokens among the values that place no column: malformed numbers, and the last token of a
    # line the input ends in (it may be cut short)
    loose: tuple[_Token, ...] = ()
    cut: bool = False  # the input ends in this line, without a line break

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()

    @property
    def is_rule(self) -> bool:
        return not self.is_blank and bool(_RULE.match(self.text)) and any(c in self.text for c in "-=_")

    @property
    def is_data(self) -> bool:
        return bool(self.values or self.loose) and not self.is_rule

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip())

    @property
    def label(self) -> str:
        return self.text[: self.label_end].strip()


def read_text_tables(text: str, path: str, first_line: int = 1, cut_line: int | None = None) -> tuple[Grid, ...]:
    """Every table of a plain-text document, as grids, in document order.

    cut_line is the line of the file the input ends in without a line break (a file cut off), if
    it is this text's last line: a table row there may be cut short."""
    raws = text.split("\n")
    cut = len(raws) - 1 if cut_line is not None and first_line + len(raws) - 1 == cut_line else -1
    lines = _Lines(raws, cut)
    grids = []
    floor = 0
    for start, end in _table_regions(lines):
        grid = _build_grid(lines, start, end, max(floor, start - _MAX_PREFACE), path, first_line)
        if grid is not None:
            grids.append(grid)
        floor = end + 1
        lines.release(floor)
    if cut >= floor and grids and not lines[cut].is_data and not lines[cut].is_blank and cut - floor < _MAX_GAP:
        grids[-1] = _cut_label_warning(grids[-1], lines[cut], SourceRef(path, first_line + cut))
    return tuple(grids)


def _cut_label_warning(grid: Grid, line: _Line, source: SourceRef) -> Grid:
    """The input ends in a line of text just below a table: a row of it may be cut off."""
    note = warning("XC203", f"the input ends in the middle of this line ({line.text.strip()!r}): a row of the table may be cut off", source)
    return replace(grid, diagnostics=grid.diagnostics + (note,))


class _Lines:
    """The scanned lines of a text, by index: each scanned when first asked for, and forgotten (its
    raw text too) once released, when no table can reach back to it, so that a long document's lines
    are not all held at once."""

    def __init__(self, raws: list[str | None], cut: int = -1):
        self.raws = raws
        self.cut = cut  # the index of the line the input ends in without a line break, else -1
        self.scanned: dict[int, _Line] = {}
        self.kept = 0  # the lines before this one are released

    def __len__(self) -> int:
        return len(self.raws)

    def __getitem__(self, key):
        if isinstance(key, slice):
            return [self[i] for i in range(*key.indices(len(self.raws)))]
        line = self.scanned.get(key)
        if line is None:
            if not 0 <= key < len(self.raws) or key < self.kept:
                raise IndexError(key)
            line = self.scanned[key] = _scan_line(key, self.raws[key], _is_page_number(self.raws, key), key == self.cut)
        return line

    def __setitem__(self, key: int, line: _Line) -> None:
        self.scanned[key] = line

    def __iter__(self):
        return (self[i] for i in range(len(self.raws)))

    def release(self, before: int) -> None:
        """Forget the lines before this index (the raw line just before it stays: a page number's neighbour)."""
        for i in range(self.kept, before):
            self.scanned.pop(i, None)
            if i < before - 1:
                self.raws[i] = None
        self.kept = max(self.kept, before)


def _is_page_number(raws: list[str], index: int) -> bool:
    """A page break, or a page number standing alone between blank lines."""
    raw = raws[index]
    if _PAGE_TAG.search(raw):
        return True
    if not _PAGE_NUMBER.match(raw) or raw.strip().startswith("$"):
        return False
    neighbours = [_SGML_TAG.sub("", raws[j]) for j in (index - 1, index + 1) if 0 <= j < len(raws)]
    return all(not n.strip() for n in neighbours)


def _scan_line(index: int, raw: str, page_break: bool = False, cut: bool = False) -> _Line:
    raw = raw.expandtabs(8)
    if _MARKER_ONLY.match(raw) or page_break:
        return _Line(index, "", (), 0)
    text = _SGML_TAG.sub(lambda m: " " * len(m.group(0)), raw).rstrip()
    if not cut and not _ends_in_value(text):  # most lines of a long document: _trailing_values would find none
        return _Line(index, text, (), len(text), bool(_TABLE_OPEN.search(raw)))
    values, loose, label_end = _trailing_values(text, cut)
    return _Line(index, text, values, label_end, bool(_TABLE_OPEN.search(raw)), loose, cut)


def _ends_in_value(text: str) -> bool:
    """Whether the last word of a line may end a run of values, where _trailing_values starts looking:
    a word with a digit (a number, whole or malformed), a nil, "$" or a closing parenthesis."""
    last = text.rsplit(None, 1)
    return bool(last) and (_has_digit(last[-1]) or _is_value_text(last[-1]) or bool(_CLOSING.match(last[-1])))


def _trailing_values(text: str, cut_off: bool = False) -> tuple[tuple[_Token, ...], tuple[_Token, ...], int]:
    """The value tokens at the end of a line, the loose ones among them (malformed; the last of a
    line cut off), and where the label ends."""
    tokens = [_Token(m.group(0), m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    cut = _run_start(tokens, cut_off)
    # A number glued to the label by one space belongs to the label ("Note 3", "June 30, 2007").
    while cut < len(tokens) and cut > 0 and tokens[cut].start - tokens[cut - 1].end < 2:
        cut += 1
    run = _merge_affixes(tokens[cut:])
    if not any(_has_digit(t.text) or _NIL.match(t.text.lstrip("$ ")) for t in run):
        return (), (), len(text)
    loose = [t for t in run if not _is_value_text(t.text)] + (run[-1:] if cut_off and _is_value_text(run[-1].text) else [])
    values = [t for t in run if t not in loose]
    if not loose and all(_is_year(t.text) for t in values) and _is_period_label(text[: values[0].start]):
        return (), (), len(text)  # a header row of years ("2008  Change  2007", "Year ended June 30,  2008  2007")
    label = text[: run[0].start].strip()
    if all(re.fullmatch(r"\(\d\)", t.text) for t in run) and re.fullmatch(r"|\((?:un)?audited\)|\(restated\)", label, re.I):
        return (), (), len(text)  # footnote marks under column headers ("(unaudited)   (1)")
    return tuple(values), tuple(loose), run[0].start


def _run_start(tokens: list[_Token], cut_off: bool = False) -> int:
    """Index of the first token of the run of values (and malformed numbers) ending the line; the
    digits a line cut off ends in are a number's start ("1," of "1,234")."""
    cut = len(tokens)
    if cut_off and tokens and re.fullmatch(r"[-$(]*\d[\d,.]*", tokens[-1].text):
        cut -= 1
    while cut > 0:
        text = tokens[cut - 1].text
        if _is_value_text(text) or _is_malformed(text):
            cut -= 1
        elif _CLOSING.match(text) and cut > 1 and _opens(tokens[cut - 2].text):
            cut -= 1
        else:
            break
    return cut


_LABEL_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*\d{1,2}\b|\b(?:19|20)\d\d\b|"
    r"\$?\b000(?:,000)?['’]?s?\b", re.IGNORECASE)


def _is_period_label(label: str) -> bool:
    """Whether the text left of a row of years can head it: its only numbers are dates or a units
    note ("Fiscal years ended November 30,", "September 29, 1995", "(in 000s)"), not a label's own figures."""
    return not _has_digit(_LABEL_DATE.sub(" ", label))


def _is_value_text(text: str) -> bool:
    text = text.removeprefix("$ ")
    return text == "$" or bool(_NIL.match(text)) or _is_number(text)


def _is_number(text: str) -> bool:
    """One whole number: valid grouping, one decimal point, parentheses balanced."""
    if not _has_digit(text):  # most words of a long document; removing note marks adds no digit
        return False
    text = without_note_marks(text).replace(" ", "")
    return _has_digit(text) and bool(_NUMBER.match(text)) and text.count("(") == text.count(")") <= 1


def _is_malformed(text: str) -> bool:
    """Looks like a number but is none whole ("12..5", "1,23,4", "(5"): never read, never label text."""
    text = text.removeprefix("$ ")
    return looks_like_number(text) and not _is_value_text(text)


def _opens(text: str) -> bool:
    return text.count("(") > text.count(")")


def _has_digit(text: str) -> bool:
    return any(map(str.isdigit, text))


def _is_year(text: str) -> bool:
    text = without_note_marks(text)
    return len(text) == 4 and text.isdigit() and 1900 <= int(text) <= 2099


def _merge_affixes(tokens: list[_Token]) -> list[_Token]:
    """ "$" joins the number to its right, a closing parenthesis printed apart the number to its left, and
    so does a number's rest printed one space apart ("4,180 ,000": one number, not two)."""
    merged: list[_Token] = []
    pending: _Token | None = None
    for token in tokens:
        if token.text == "$":
            pending = token
            continue
        if pending is not None:
            token = _Token(f"$ {token.text}", pending.start, token.end)
            pending = None
        if merged and (_CLOSING.match(token.text) and _opens(merged[-1].text)
                       or token.text.startswith(",") and token.start - merged[-1].end == 1):
            previous = merged.pop()
            token = _Token(previous.text + " " * (token.start - previous.end) + token.text, previous.start, token.end)
        merged.append(token)
    return merged


def _table_regions(lines: "_Lines"):
    """(first data line, last data line) of each run of data lines that belongs together, each given
    when it ends; between tables the lines no table can reach back to are released."""
    start = last = None
    for line in lines:
        if line.is_data:
            if start is None:
                start = line.index
            last = line.index
            continue
        if start is None:
            lines.release(line.index - _MAX_PREFACE)
            continue
        following = lines[line.index + 1] if line.index + 1 < len(lines) else None
        if _breaks_table(line, following) or line.index - last > _MAX_GAP:
            yield start, _extend_over_rules(lines, last)
            start = last = None
    if start is not None:
        yield start, _extend_over_rules(lines, last)


def _extend_over_rules(lines: "_Lines", last: int) -> int:
    """The underlines printed below a table's last line belong to it."""
    end = last
    for line in lines[last + 1 : last + 4]:
        if line.is_rule:
            end = line.index
        elif not line.is_blank:
            break
    return end


def _breaks_table(line: _Line, following: _Line | None) -> bool:
    """A statement title, or running text (a long line of words not wrapping on to a line of values)."""
    text = line.text.strip()
    if _STATEMENT_TITLE.search(text):
        return True
    return _is_prose(text) and not (following is not None and following.is_data)


def _is_prose(text: str) -> bool:
    words = text.split()
    return len(words) >= 10 and len(text) >= 60 and "   " not in text


def _build_grid(lines: list[_Line], start: int, end: int, floor: int, path: str, first_line: int) -> Grid | None:
    _drop_note_references(lines, start, end, floor)
    _demote_label_numbers(lines, start, end)
    data = [ln for ln in lines[start : end + 1] if ln.is_data]
    columns = _cluster_columns(data)
    if not columns:
        return None
    value_left = _ValueArea(min(t.start for ln in data for t in ln.values), tuple(columns))
    header_start, context_start = _split_preface(lines, start, floor, value_left)
    src = lambda ln, col=0: SourceRef(path, first_line + ln.index, col)  # noqa: E731
    diagnostics: list[Diagnostic] = []
    nearest = _Nearest(columns)
    rows = tuple(  # above the first values, a rule only underlines a section label ("ASSETS" / "------")
        _make_row(ln, columns, src, diagnostics, nearest) for ln in lines[header_start : end + 1] if ln.index >= start
        or not (_is_header_line(ln, value_left) or ln.is_rule)
    )
    header_lines = [ln for ln in lines[header_start:start] if _is_header_line(ln, value_left)]
    header, aside = _header_rows(header_lines, columns, src)
    context = tuple(
        ContextLine(ln.text.strip(), src(ln, ln.indent + 1)) for ln in lines[context_start:header_start] if not ln.is_blank
    ) + aside
    return Grid(src(lines[start]), context, header, len(columns), rows, tuple(diagnostics))


_NOTES_HEADING = re.compile(r"notes?|note\s+ref(?:erences?|s?\.)?", re.IGNORECASE)
_NOTE_REFERENCE = re.compile(r"\(?(?:\d{1,2}[a-z]?|[A-Za-z])(?:\([a-z0-9]{1,2}\))?(?:,\s?(?:\d{1,2}[a-z]?|[A-Za-z]))*\)?")


def _drop_note_references(lines: list[_Line], start: int, end: int, floor: int) -> None:
    """A column headed "Notes" between the labels and the amounts holds note references ("3",
    "4(a)", "B"): neither amounts nor label text. They are blanked out of the table's lines."""
    heading = None
    for ln in lines[floor:start]:
        for m in re.finditer(r"\S+(?: \S+)*", ln.text):
            if m.start() >= 20 and _NOTES_HEADING.fullmatch(m.group(0)):
                heading = (m.start() - 3, m.end() + 3)
    if heading is None:
        return
    left, right = heading
    for ln in lines[start : end + 1]:
        refs = [m for m in re.finditer(r"\S+", ln.text) if left <= m.start() and m.end() <= right and _NOTE_REFERENCE.fullmatch(m.group(0))]
        if not refs or refs[0].start() - len(ln.text[: refs[0].start()].rstrip()) < 2:
            continue  # nothing under the heading, or a word of the label running into it
        text = "".join(" " * len(c) if any(m.start() <= i < m.end() for m in refs) else c for i, c in enumerate(ln.text)).rstrip()
        values, loose, label_end = _trailing_values(text, ln.cut)
        lines[ln.index] = replace(ln, text=text, values=values, label_end=label_end, loose=loose)


def _demote_label_numbers(lines: list[_Line], start: int, end: int) -> None:
    """Numbers printed inside a wrapped label ("10,000,000 / shares authorized") are label text:
    a line whose numbers all stand left of the table's value columns is no data line.

    Where the table has columns printed side by side, its value columns are those whose values
    share a line with another column's value: a run of label numbers, however many, never does.
    A table of one column (or one column set off from its subtotals) has only its
    well-supported columns to go by."""
    data = [ln for ln in lines[start : end + 1] if ln.is_data]
    clusters = _cluster_columns(data)
    holding = _Containing(clusters)
    placed = [{i for t in ln.values for i in holding.columns_of(t)} for ln in data]
    main = [c for i, c in enumerate(clusters) if any(i in found and len(found) > 1 for found in placed)]
    if not main:
        support = [0] * len(clusters)
        for found in placed:
            for i in found:
                support[i] += 1
        main = [c for c, n in zip(clusters, support) if n >= max(2, len(data) // 10)]
    if not main:
        return
    value_left = min(left for left, _, _ in main)
    for ln in data:
        if max(t.end for t in ln.values + ln.loose) < value_left:
            lines[ln.index] = replace(ln, values=(), label_end=len(ln.text), loose=())


class _Containing:
    """The columns whose extent holds a token whole, found without scanning every column: a column
    extent ends past the token only from the first column whose running maximum right passes it,
    and starts before it only while some column from there on starts before it."""

    def __init__(self, columns: list[tuple[int, int, int]]):
        self.columns = columns
        self.max_right: list[int] = []
        for _, _, right in columns:
            self.max_right.append(max(right, self.max_right[-1]) if self.max_right else right)
        self.min_left = [0] * len(columns)
        low = None
        for i in range(len(columns) - 1, -1, -1):
            low = columns[i][0] if low is None else min(low, columns[i][0])
            self.min_left[i] = low

    def columns_of(self, token: _Token):
        i = bisect.bisect_left(self.max_right, token.end)
        while i < len(self.columns) and self.min_left[i] <= token.start:
            left, _, right = self.columns[i]
            if left <= token.start and token.end <= right:
                yield i
            i += 1


def _cluster_columns(data: list[_Line]) -> list[tuple[int, int, int]]:
    """Columns as (left, right edge, right) extents, from the right edges of the values.

    Dashes printed for zero are often centred rather than right-aligned: they place no column.
    """
    tokens = [t for ln in data for t in ln.values if not _is_nil(t)] or [t for ln in data for t in ln.values]
    tokens.sort(key=lambda t: t.edge)
    edges = [t.edge for t in tokens]
    clusters: list[list[int]] = []
    for edge in edges:
        if clusters and edge - clusters[-1][-1] <= _EDGE_SLACK:
            clusters[-1].append(edge)
        else:
            clusters.append([edge])
    clusters = _merge_misaligned(clusters, data)
    columns = []
    first = 0
    for cluster in clusters:  # a cluster is a run of the sorted edges: its tokens the same run
        members = tokens[first : first + len(cluster)]
        first += len(cluster)
        counts = collections.Counter(cluster)
        common = max(counts, key=lambda e: (counts[e], -e))  # the most frequent edge, the leftmost of a tie
        columns.append((min(t.start for t in members), common, max(t.end for t in members)))
    return columns


_MISALIGNED = 5  # two clusters this close that never share a line are one column printed unevenly


def _merge_misaligned(clusters: list[list[int]], data: list[_Line]) -> list[list[int]]:
    """Close clusters that never share a line are one column. The lines with a value within a
    merged cluster's edges are kept as that cluster grows, each value looked at once."""
    if not clusters:
        return []
    marks = sorted((t.edge, n) for n, ln in enumerate(data) for t in ln.values)
    at = [edge for edge, _ in marks]

    def lines_within(low: float, high: float) -> set[int]:
        return {n for _, n in marks[bisect.bisect_left(at, low) : bisect.bisect_right(at, high)]}

    merged = [clusters[0]]
    previous_lines = lines_within(clusters[0][0], clusters[0][-1])
    for cluster in clusters[1:]:
        previous = merged[-1]
        close = cluster[0] - previous[-1] <= _MISALIGNED
        own = lines_within(cluster[0], cluster[-1])
        if close and previous_lines.isdisjoint(own):
            previous_lines |= lines_within(previous[-1] + 0.5, cluster[0] - 0.5) | own
            merged[-1] = previous + cluster  # both sorted, the second above the first
        else:
            merged.append(cluster)
            previous_lines = own
    return merged


def _split_preface(lines: list[_Line], start: int, floor: int, value_left: "_ValueArea") -> tuple[int, int]:
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
    text = line.text.strip()
    return line.is_data or (_is_prose(text) and not _is_period_heading(text))


def _is_period_heading(text: str) -> bool:
    """A long line in capitals naming dates ("YEAR ENDED JUNE 30, 2001 AND PERIOD FROM AUGUST 9,
    2000 (INCEPTION) TO ...") heads a statement: running text is not printed in capitals."""
    return text.isupper() and bool(_DATE_START.search(text))


@dataclass(frozen=True)
class _ValueArea:
    """Where a table's numbers are: the left edge of the leftmost and each column's extent."""

    left: int
    columns: tuple[tuple[int, int, int], ...]

    def covers(self, position: float) -> bool:
        """Whether a position lies over the value columns (between the first and the last)."""
        return self.left - 3 <= position <= max(right for _, _, right in self.columns) + 3

    def centred(self, start: int, end: int) -> bool:
        """Whether a phrase is centred over one column or a run of columns."""
        return _centred(start, end, self.columns)


def _centred(start: int, end: int, columns) -> bool:
    center = (start + end) / 2
    return any(abs(center - (columns[i][0] + columns[j][2]) / 2) <= 3 for i in range(len(columns)) for j in range(i, len(columns)))


def _is_header_line(line: _Line, area: _ValueArea) -> bool:
    """A line printed over the value columns (or a rule there): part of the column headers.

    Text in the label area beside the headers (a title, a units note, the period: "(In millions)
    1993  1992") is set aside as context; a rule only under a section label ("ASSETS" / "------")
    heads nothing.
    """
    if line.is_blank or line.is_data or line.opens_table:
        return False
    phrases = _phrases(line.text)
    over = [p for p in phrases if p[1] >= area.left - 2]  # label-area text beside the headers is ignored
    if not over or any(_STATEMENT_TITLE.search(line.text[a:b]) for a, b in over):
        return False
    if line.is_rule or _rule_over(line, area.left):
        return True  # rules separate header rows
    if line.indent >= area.left - 2:
        return True  # anything printed over the columns heads them
    if not _HEADER_WORDS.search(line.text):
        return False  # a title centred over the columns, not a column header
    over = _beside_headers(over, area)
    if any(_SCALE_NOTE.search(line.text[a:b]) for a, b in over) and not _DATE_START.search(line.text):
        return False  # a scale note running over the columns; one in the label area beside years is aside
    if len(over) == 1 and over[0][0] < area.left - 2 and not area.centred(*over[0]):
        return False  # one phrase running from the label area into the columns, centred on none: a title
    words = [(a + m.start() + a + m.end()) / 2 for a, b in over for m in re.finditer(r"\S+", line.text[a:b])]
    return bool(words) and sum(area.covers(w) for w in words) >= 0.6 * len(words)


def _beside_headers(over: list[tuple[int, int]], area: "_ValueArea") -> list[tuple[int, int]]:
    """The phrases heading columns: a label-area phrase running a little into the columns beside
    headings there ("Three fiscal years ended September 27, 1996   1996   1995") is set aside."""
    inside = [p for p in over if p[0] >= area.left - 2]
    if inside and len(inside) < len(over) and _mostly_left(*over[0], area.left - 2) and not area.centred(*over[0]):
        return inside
    return over


def _mostly_left(start: int, end: int, left: int) -> bool:
    """Whether a phrase lies mostly left of where the value columns begin."""
    return left - start > end - left


def _rule_over(line: _Line, left: int) -> bool:
    """A section label with the header's rule printed beside it ("EARNINGS    -------  -------")."""
    over = line.text[max(0, left - 2) :]
    return not line.is_rule and bool(over.strip()) and bool(_RULE.match(over))


def _make_row(line: _Line, columns, src, diagnostics: list[Diagnostic], nearest: "_Nearest | None" = None) -> Row:
    if line.is_blank:
        return Row(RowKind.BLANK, "", 0, (None,) * len(columns), src(line))
    if line.is_rule:
        return Row(RowKind.RULE, "", line.indent, (None,) * len(columns), src(line), "=" in line.text)
    value_left = min(left for left, _, _ in columns)
    in_label = [t for t in line.loose if t.end <= value_left]  # left of every value column: label text
    label = line.text[: max([line.label_end] + [t.end for t in in_label])].strip()
    if not line.is_data or len(in_label) == len(line.loose) and not line.values:
        return Row(RowKind.TEXT, label, line.indent, (None,) * len(columns), src(line, line.indent + 1))
    nearest = nearest or _Nearest(columns)
    cells: list[Cell | None] = [None] * len(columns)
    rejected: list[Rejected] = []
    for token in sorted(line.values + tuple(t for t in line.loose if t not in in_label), key=lambda t: t.start):
        reason = _rejection(line, token, columns)
        if reason:
            rejected.append(Rejected(Cell(token.text, src(line, token.start + 1)), reason))
            if reason != _CUT_REASON:
                diagnostics.append(warning("XC202", f"{reason}: not read as a value", src(line, token.start + 1)))
            continue
        col = nearest.column(token)
        if cells[col] is not None:
            diagnostics.append(warning("XC201", f"two values in one column: {cells[col].text!r} and {token.text!r}", src(line, token.start + 1)))
        cells[col] = Cell(token.text, src(line, token.start + 1))
    if line.cut and (any(r.reason == _CUT_REASON for r in rejected) or cells[-1] is None):
        diagnostics.append(_cut_warning(line, label, rejected, src))
    return Row(RowKind.DATA, label, line.indent, tuple(cells), src(line, line.indent + 1), rejected=tuple(rejected))


_CUT_REASON = "the input ends in the middle of this row: the number may be cut short"


def _rejection(line: _Line, token: _Token, columns) -> str | None:
    """Why a token in the value columns is not read as a value, if it is not."""
    if not _is_value_text(token.text):
        return _CUT_REASON if line.cut and token == line.loose[-1] else f"malformed number {token.text!r}"
    if line.cut and token in line.loose and not _is_nil(token) and token.edge < columns[_nearest_column(token, columns)][1]:
        return _CUT_REASON  # the input ends in a number short of its column's edge
    return None


def _cut_warning(line: _Line, label: str, rejected: list[Rejected], src) -> Diagnostic:
    cut = [r.cell for r in rejected if r.reason == _CUT_REASON]
    what = f"its last number {cut[0].text!r} may be cut short, not read" if cut else "the values of its last columns are missing"
    return warning("XC203", f"the input ends in the middle of this row ({label!r}): {what}", cut[0].source if cut else src(line))


def _is_nil(token: _Token) -> bool:
    return bool(_NIL.match(token.text.lstrip("$ ")))


def _nearest_column(token: _Token, columns) -> int:
    if _is_nil(token):
        center = (token.start + token.end) / 2
        return min(range(len(columns)), key=lambda c: _distance(center, columns[c]))
    return min(range(len(columns)), key=lambda c: abs(columns[c][1] - token.edge))


class _Nearest:
    """_nearest_column by bisection: the right edges of the columns rise, and their extents, where
    they do not overlap, too (columns that overlap are searched whole, as _nearest_column does)."""

    def __init__(self, columns):
        self.columns = columns
        self.edges = [edge for _, edge, _ in columns]
        self.lefts = [left for left, _, _ in columns]
        self.apart = all(a[2] < b[0] for a, b in zip(columns, columns[1:])) and all(left <= right for left, _, right in columns)
        self.rising = all(a < b for a, b in zip(self.edges, self.edges[1:]))

    def column(self, token: _Token) -> int:
        if _is_nil(token):
            return self._by_extent((token.start + token.end) / 2) if self.apart else _nearest_column(token, self.columns)
        return self._by_edge(token.edge) if self.rising else _nearest_column(token, self.columns)

    def _by_edge(self, edge: int) -> int:
        k = bisect.bisect_left(self.edges, edge)
        if k == 0:
            return 0
        if k == len(self.edges) or abs(self.edges[k - 1] - edge) <= abs(self.edges[k] - edge):
            return k - 1
        return k

    def _by_extent(self, center: float) -> int:
        k = bisect.bisect_right(self.lefts, center)  # columns[k - 1] starts at or left of the centre
        if k == 0:
            return 0
        if k == len(self.columns) or _distance(center, self.columns[k - 1]) <= _distance(center, self.columns[k]):
            return k - 1
        return k


def _header_rows(header_lines: list[_Line], columns, src) -> tuple[tuple[tuple[HeaderCell, ...], ...], tuple[ContextLine, ...]]:
    """Header phrases with the value columns each spans, top row first.

    A phrase is a run of words with single spaces between them; the dash rule printed under a line
    splits a phrase that runs over two groups ("Three Months Ended Six Months Ended"). A phrase spans
    the columns it overlaps; one that barely touches a single column ("June 30," centred over two)
    spans what the phrase above it spans.
    """
    rows: list[tuple[HeaderCell, ...]] = []
    aside: list[ContextLine] = []  # text printed in the label area beside the headers ("(in 000s,")
    placed: list[tuple[int, int, tuple[int, int]]] = []  # (start, end, span) of phrases in upper rows
    label_area = columns[0][0] - 2
    for pos, line in enumerate(header_lines):
        if line.is_rule:
            continue
        if _rule_over(line, label_area + 2):
            aside.extend(ContextLine(line.text[a:b], src(line, a + 1)) for a, b in _phrases(line.text) if b < label_area)
            continue
        segments = [g for g in _segments_below(header_lines[pos + 1 :], label_area) if g[0] >= label_area]
        phrases = _split_dates(_split_by_segments(_phrases(line.text), line.text, segments), line.text)
        if _separates(header_lines[pos:], segments, label_area):
            segments = []
        row = []
        inside = [p for p in phrases if p[0] >= label_area]
        for start, end in phrases:
            if end < label_area or (start < label_area and inside and _mostly_left(start, end, label_area) and not _centred(start, end, columns)):
                aside.append(ContextLine(line.text[start:end], src(line, start + 1)))
                continue
            span = _segment_columns(start, end, segments, columns) or _phrase_span(start, end, columns, placed)
            row.append((start, end, span, HeaderCell(line.text[start:end], span[0], span[1], src(line, start + 1))))
            placed.append((start, end, span))
        if row:
            rows.append(_share_row(row, columns))
    return tuple(tuple(cell for *_, cell in row) for row in _group_unclaimed(rows, columns)), tuple(aside)


def _share_row(row, columns):
    """Headings of one row head different columns: columns two neighbours both claim go to the one
    printed nearer ("March 27, 1999   September 25,1998", the second wider than its column)."""
    def distance(phrase, c):
        left, _, right = columns[c]
        return max(0, left - phrase[1], phrase[0] - right)

    spans = [list(span) for _, _, span, _ in row]
    for k in range(len(row) - 1):
        (a0, b0), (a1, b1) = spans[k], spans[k + 1]
        if b0 < a1 or a0 >= b1:
            continue  # apart, or both over one and the same column: nothing to share
        split = a1 - 1
        while split < b0 and distance(row[k], split + 1) <= distance(row[k + 1], split + 1):
            split += 1
        split = min(max(split, a0), b1 - 1)
        spans[k][1], spans[k + 1][0] = split, split + 1
    return [(start, end, tuple(span), replace(cell, first=span[0], last=span[1])) for (start, end, _, cell), span in zip(row, spans)]


def _group_unclaimed(rows, columns):
    """The header block as a unit: a column headed only in the bottom row (its year) belongs to the
    heading above that it touches ("For the year ended December 31" printed over three years), or,
    when a row holds one heading only ("March 31," over "2003   2002"), to that heading."""
    if len(rows) < 2:
        return rows
    claimed = {c for row in rows[:-1] for *_, (a, b), _cell in row for c in range(a, b + 1)}
    result = []
    for row in reversed(rows[:-1]):  # the heading nearest the years first
        cells = []
        for start, end, (a, b), cell in row:
            near = lambda c: len(row) == 1 or start <= columns[c][2] + 1 and end >= columns[c][0] - 1  # noqa: E731
            while a > 0 and a - 1 not in claimed and near(a - 1):
                a -= 1
            while b < len(columns) - 1 and b + 1 not in claimed and near(b + 1):
                b += 1
            claimed.update(range(a, b + 1))
            cells.append((start, end, (a, b), replace(cell, first=a, last=b)))
        result.insert(0, cells)
    for upper, lower in zip(reversed(result[:-1]), reversed(result[1:])):  # "Year Ended" over "September 30," over two years
        for k, (start, end, (a, b), cell) in enumerate(upper):
            taken = {c for i, (*_, (x, y), _c) in enumerate(upper) if i != k for c in range(x, y + 1)}
            for *_, (x, y), _c in lower:
                if x <= b and y >= a and not taken & set(range(min(a, x), max(b, y) + 1)):
                    a, b = min(a, x), max(b, y)
            upper[k] = (start, end, (a, b), replace(cell, first=a, last=b))
    return result + rows[-1:]


def _separates(lines: list[_Line], segments, label_area: int) -> bool:
    """Whether a rule under header lines only separates them from the body: some line between
    has several headings over one of its groups."""
    for line in lines:
        if line.is_rule or _rule_over(line, label_area + 2):
            return False
        phrases = _phrases(line.text)
        if any(sum(a - 1 <= start and end <= b + 1 for start, end in phrases) > 1 for a, b in segments):
            return True
    return False


def _segments_below(lines: list[_Line], label_area: int) -> list[tuple[int, int]]:
    """The dash groups of the nearest rule under a header line: they show what each header spans."""
    for line in lines:
        if line.is_rule or _rule_over(line, label_area + 2):
            return [(m.start(), m.end()) for m in re.finditer(r"[-=_]+", line.text)]
    return []


def _phrases(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\S+(?: \S+)*", text)]


def _split_by_segments(phrases, text: str, segments) -> list[tuple[int, int]]:
    result = []
    for start, end in phrases:
        groups: dict[int, list[tuple[int, int]]] = {}
        for m in re.finditer(r"\S+", text[start:end]):
            center = start + (m.start() + m.end()) / 2
            owner = next((i for i, (a, b) in enumerate(segments) if a - 1 <= center <= b + 1), -1)
            groups.setdefault(owner, []).append((start + m.start(), start + m.end()))
        parts = [(words[0][0], words[-1][1]) for words in groups.values()]
        if len(groups) > 1 and -1 not in groups and not any(re.fullmatch(r"\d{1,2},?", text[a:b]) for a, b in parts):
            result.extend(parts)  # but "JULY 31," centred over two columns is one date, not two headings
        else:
            result.append((start, end))
    return result


def _segment_columns(start: int, end: int, segments, columns) -> tuple[int, int] | None:
    """The columns under the dash rule a phrase is printed over, when the rule is wider than the
    phrase (a rule as wide as its text only underlines it)."""
    for seg_start, seg_end in segments:
        if seg_start - 1 <= start and end <= seg_end + 1 and seg_end - seg_start >= end - start + 2:
            inside = [i for i, (left, _, right) in enumerate(columns) if seg_start - 1 <= (left + right) / 2 <= seg_end + 1]
            if inside:
                return inside[0], inside[-1]
    return None


def _phrase_span(start: int, end: int, columns, placed) -> tuple[int, int]:
    """The contiguous columns a header phrase is centred over.

    A group of columns must overlap the phrase and, when it has several columns, be at most twice
    as wide as the phrase. A phrase that only grazes one column takes the span of the phrase above
    it that contains it ("June 30," under "Three Months Ended").
    """
    width, center = end - start, (start + end) / 2
    own = [i for i, (left, _, right) in enumerate(columns) if left <= center < right]
    touched = [i for i, (left, _, right) in enumerate(columns) if start < right + 1 and end > left - 1]
    if own and set(touched) <= set(own):
        return own[0], own[0]  # printed over one column only
    for upper_start, upper_end, span in reversed(placed):
        if span[1] > span[0] and abs(center - (upper_start + upper_end) / 2) <= 1.5 and width < upper_end - upper_start:
            return span  # centred between columns under a spanning header: one more line of it
    best = None
    for i in range(len(columns)):
        for j in range(i, len(columns)):
            left, right = columns[i][0], columns[j][2]
            if end <= left - 1 or start >= right + 1 or (j > i and 2 * width < right - left):
                continue
            key = (abs(center - (left + right) / 2), j - i)
            if best is None or key < best[0]:
                best = (key, (i, j))
    if best is not None:
        i, j = best[1]
        left, right = columns[i][0], columns[j][2]
        if j > i or left - 1 <= center <= right + 1:
            return best[1]
    for upper_start, upper_end, span in reversed(placed):
        if upper_start <= center <= upper_end and span[1] > span[0]:
            return span
    if best is not None:
        return best[1]
    nearest = min(range(len(columns)), key=lambda c: _distance(center, columns[c]))
    return nearest, nearest


_DATE_START = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b", re.IGNORECASE)


def _split_dates(phrases: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """ "March 28, March 29," printed with single spaces is two column headers, not one."""
    result = []
    for start, end in phrases:
        starts = [m.start() for m in _DATE_START.finditer(text, start, end)]
        if len(starts) < 2:
            result.append((start, end))
            continue
        bounds = [start] + starts[1:] + [end]
        result.extend((a, text[:b].rstrip().__len__() if b != end else b) for a, b in zip(bounds, bounds[1:]))
    return result


def _distance(x: float, column) -> float:
    left, _, right = column
    return 0.0 if left <= x <= right else min(abs(x - left), abs(x - right))
