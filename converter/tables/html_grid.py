"""One HTML <table> as a Grid, laid out as a browser lays it out.

Cells are placed on a physical column raster (colspan, rowspan). Cells that print only "$", "(",
")" or "%" are merged into the number beside them. Value columns are the groups of physical
columns that hold numbers in data rows; spacer columns that hold nothing disappear. Header cells
map to the value columns they span; borders and underline cells become RULE rows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from ..diagnostics import Diagnostic, SourceRef, warning
from .grid import Cell, ContextLine, Grid, HeaderCell, Rejected, Row, RowKind, looks_like_number, without_note_marks

# Where an element was read from: (element, text printed in it) -> SourceRef.
Locate = Callable[[object, str], SourceRef]

_NUMBER = re.compile(r"^\$?\(?\$?[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?\)?%?\)?\*{0,3}$")
_NIL = re.compile(r"^\$?\(?(?:-{1,3}|\u2013|\u2014|\u2012|-0-|n/?a|nm|nil)\)?$", re.IGNORECASE)
_PREFIX = re.compile(r"^(?:\$|\(|\$\(|\(\$)$")
_SUFFIX = re.compile(r"^(?:\)|%|\)%|%\)|\*{1,3}|\)\*{1,3})$")
_UNDERLINE = re.compile(r"^(?:[-_=\u2014\u2013]{2,}\s*)+$")
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_WHITESPACE = re.compile(r"[\s\u00a0\u200b\ufeff]+")
_STYLE_ITEM = re.compile(r"([a-zA-Z-]+)\s*:\s*([^;]+)")
_LENGTH = re.compile(r"(-?\d*\.?\d+)\s*(pt|px|em|rem|ex|in|cm|mm|pc|%)?", re.IGNORECASE)
_UNIT_POINTS = {"pt": 1.0, "px": 0.75, "em": 10.0, "rem": 10.0, "ex": 5.0, "in": 72.0, "cm": 28.35,
                "mm": 2.835, "pc": 12.0, "%": 5.0, None: 0.75}
_NBSP_POINTS = 2.5  # a non-breaking space in a 10pt font
_COLUMN_POINTS = 10.0  # a label that starts one (spacer) column further right
_LINE_STYLES = re.compile(r"solid|dotted|dashed|groove|ridge|inset|outset|double|windowtext", re.IGNORECASE)
_ZERO_WIDTH = re.compile(r"(?:^|\s)0(?:\.0+)?(?:px|pt|em|in)?(?:\s|$)")
SKIPPED_TAGS = frozenset({"sup", "script", "style", "head", "title", "noscript", "ix:header"})
_MAX_SPAN = 1000
_DISPLAY_NONE = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_MAX_HEADER = 200
_NOTE_HEADER = re.compile(r"^notes?\b", re.IGNORECASE)
_NOTE_NUMBER = re.compile(r"^\d{1,2}[A-Za-z]?$")


@dataclass
class _Content:
    text: str = ""
    indent: float = 0.0  # points from the cell's left edge to its first character
    top: int = 0  # border above: 0 none, 1 single, 2 double
    bottom: int = 0
    has_rule: bool = False  # an <hr> or a run of underscores


@dataclass
class _Cell:
    el: object
    start: int  # first physical column
    end: int  # last physical column (inclusive)
    content: _Content
    kind: str = "text"  # text, value, prefix, suffix, empty, malformed (looks like a number, is none whole)
    value: str = ""  # the number as printed, "$" and ")" merged in


@dataclass
class _Table:
    rows: list[list[_Cell]]
    trs: list[object]
    label_col: int = 0
    groups: list[tuple[int, int]] = field(default_factory=list)
    ignored: list[tuple[int, int]] = field(default_factory=list)  # columns of note numbers


def table_grid(table, context: tuple[ContextLine, ...], locate: Locate) -> Grid | None:
    """The grid of a table without nested tables, or None when it holds no numbers."""
    trs = [tr for tr in table.iter("tr") if _visible(tr)]
    layout = _Table(_layout(trs), trs)
    for row in layout.rows:
        _merge_affixes(row)
        _mark_malformed(row)
    layout.label_col = _label_column(layout.rows)
    layout.groups = _value_groups(layout)
    if not layout.groups:
        return None
    first_data = next((i for i, row in enumerate(layout.rows) if _is_data_row(row, layout)), None)
    if first_data is None:
        return None
    header_end = _header_end(layout, first_data)
    layout.ignored = [g for g in layout.groups if _is_note_column(g, layout, header_end)]
    layout.groups = [g for g in layout.groups if g not in layout.ignored]
    if not layout.groups:
        return None
    caption = _caption(table, locate)
    head_context, header = _header(layout, header_end, locate)
    notes, skipped = _notes_above_data(layout, header_end, first_data, locate)
    diagnostics: list[Diagnostic] = []
    rows = _body_rows(layout, header_end, locate, diagnostics, skipped)
    source = locate(table, "")
    return Grid(source, context + caption + head_context + notes, header, len(layout.groups), tuple(rows), tuple(diagnostics))


def cell_texts(table) -> list[tuple[object, str]]:
    """The rows of a table as (tr, text) with cells joined by spaces: for tables without numbers."""
    result = []
    for tr in table.iter("tr"):
        texts = [_content(td).text for td in tr if _is_cell(td)]
        text = " ".join(t for t in texts if t)
        if text:
            result.append((tr, text))
    return result


# ----------------------------------------------------------------------------- layout

def _is_cell(el) -> bool:
    return el.tag in ("td", "th") and _visible(el)


def _visible(el) -> bool:
    style = el.get("style")
    return not (style and _DISPLAY_NONE.search(style)) and el.get("hidden") is None


def _span(el, name: str) -> int:
    match = re.search(r"\d+", el.get(name) or "")
    return min(max(int(match.group(0)), 1), _MAX_SPAN) if match else 1


def _layout(trs) -> list[list[_Cell]]:
    """Cells placed on physical columns; a rowspan keeps its columns taken in the rows below."""
    taken: dict[int, set[int]] = {}
    rows = []
    for r, tr in enumerate(trs):
        busy = taken.pop(r, set())
        col = 0
        cells = []
        for td in tr:
            if not isinstance(td.tag, str) or not _is_cell(td):
                continue
            while col in busy:
                col += 1
            width, height = _span(td, "colspan"), _span(td, "rowspan")
            cells.append(_Cell(td, col, col + width - 1, _content(td)))
            for below in range(r + 1, min(r + height, len(trs))):
                taken.setdefault(below, set()).update(range(col, col + width))
            col += width
        for cell in cells:
            cell.kind = _kind(cell.content)
        rows.append(cells)
    return rows


def _kind(content: _Content) -> str:
    compact = content.text.replace(" ", "").replace("\u2212", "-")
    if not compact:
        return "empty"
    if (_NUMBER.match(without_note_marks(compact)) and any(c.isdigit() for c in compact)) or _NIL.match(compact):
        return "value"
    if _PREFIX.match(compact):
        return "prefix"
    if _SUFFIX.match(compact):
        return "suffix"
    return "text"


def _merge_affixes(row: list[_Cell]) -> None:
    """ "$" and "(" cells join the number to their right, ")" and "%" cells the number to their left."""
    for cell in row:
        if cell.kind == "value":
            cell.value = _compact_value(cell.content.text)
    filled = [c for c in row if c.kind != "empty"]
    for i, cell in enumerate(filled):
        if cell.kind == "prefix" and i + 1 < len(filled) and filled[i + 1].kind == "value":
            target = filled[i + 1]
            prefix = cell.content.text.replace(" ", "")
            dollar = "$ " if "$" in prefix else ""
            target.value = dollar + prefix.replace("$", "") + target.value.removeprefix("$ ")
            cell.kind = "empty"
        elif cell.kind == "suffix" and i > 0 and filled[i - 1].kind == "value":
            filled[i - 1].value += cell.content.text.replace(" ", "")
            cell.kind = "empty"


def _mark_malformed(row: list[_Cell]) -> None:
    """A number left with unbalanced parentheses once its affixes are merged ("(5", "5)"), or text
    that looks like a number but is none whole ("12..5", "1,23,4"), is neither a value nor a label."""
    for cell in row:
        if cell.kind == "value" and cell.value.count("(") != cell.value.count(")"):
            cell.kind = "malformed"
        elif cell.kind == "text" and looks_like_number(cell.content.text.replace(" ", "")):
            cell.kind = "malformed"
            cell.value = _compact_value(cell.content.text)


def _compact_value(text: str) -> str:
    compact = text.replace(" ", "").replace("\u2212", "-")
    return "$ " + compact[1:] if compact.startswith("$") and len(compact) > 1 else compact


# ----------------------------------------------------------------------------- cell content

def _content(td) -> _Content:
    """The text a reader sees in a cell, where its first character sits, and its borders."""
    content = _Content()
    parts: list[str] = []
    first_indent: float | None = None
    stack: list[tuple[object, float, bool]] = [(td, 0.0, True)]
    while stack:
        node, inherited, is_element = stack.pop()
        if not is_element:
            if first_indent is None and node.strip(" \t\r\n\xa0"):
                first_indent = inherited + _leading_nbsp("".join(parts) + node) * _NBSP_POINTS
            parts.append(node)
            continue
        if node is not td and node.tail:
            stack.append((node.tail, inherited, False))
        if not isinstance(node.tag, str) or node.tag in SKIPPED_TAGS or not _visible(node):
            continue
        raw_style = node.get("style")
        style = parse_style(raw_style)
        if is_superscript(style):
            continue
        own = inherited + _left_offset(style)
        if raw_style and "border" in raw_style.lower():
            content.top = max(content.top, border(style, "top"))
            content.bottom = max(content.bottom, border(style, "bottom"))
        if node.tag == "br":
            parts.append(" ")
        elif node.tag == "hr":
            content.has_rule = True
        for child in reversed(node):
            stack.append((child, own, True))
        if node.text:
            stack.append((node.text, own, False))
    content.text = _WHITESPACE.sub(" ", "".join(parts)).strip()
    content.indent = max(first_indent or 0.0, 0.0)
    if _UNDERLINE.match(content.text):
        content.has_rule, content.text = True, ""
    return content


def _leading_nbsp(text: str) -> int:
    count = 0
    for char in text:
        if char == "\xa0":
            count += 1
        elif not char.isspace():
            break
    return count


def is_superscript(style: dict[str, str]) -> bool:
    """A footnote marker drawn raised: vertical-align:super, or shifted up with position:relative."""
    if not style:
        return False
    if style.get("vertical-align", "").startswith(("super", "sup", "text-top")):
        return True
    return style.get("position") == "relative" and (style.get("top", "").startswith("-") or bool(style.get("bottom")))


def parse_style(style: str | None) -> dict[str, str]:
    if not style:
        return {}
    return {m.group(1).lower(): m.group(2).strip().lower() for m in _STYLE_ITEM.finditer(style)}


def _left_offset(style: dict[str, str]) -> float:
    """Points by which padding, margin and text-indent move the first line of text right."""
    if not style:
        return 0.0
    total = _length(style.get("padding-left")) + _length(style.get("margin-left")) + _length(style.get("text-indent"))
    for name in ("padding", "margin"):
        if name in style and f"{name}-left" not in style:
            total += _shorthand_left(style[name])
    return total


def _shorthand_left(value: str) -> float:
    parts = value.split()
    if not parts:
        return 0.0
    return _length(parts[3] if len(parts) == 4 else parts[1] if len(parts) > 1 else parts[0])


def _length(value: str | None) -> float:
    if not value:
        return 0.0
    match = _LENGTH.match(value.strip())
    if not match:
        return 0.0
    return float(match.group(1)) * _UNIT_POINTS[match.group(2).lower() if match.group(2) else None]


def border(style: dict[str, str], side: str) -> int:
    """0 without a border on that side, 1 for a single line, 2 for a double line."""
    value = " ".join(v for k, v in style.items() if k.startswith(f"border-{side}"))
    if not value or "none" in value or "hidden" in value or not _LINE_STYLES.search(value):
        return 0
    width = style.get(f"border-{side}-width", value)
    if _ZERO_WIDTH.search(f" {width} ") and not re.search(r"[1-9]", width):
        return 0
    return 2 if "double" in value else 1


# ----------------------------------------------------------------------------- columns

def _label_column(rows: list[list[_Cell]]) -> int:
    """The physical column where labels start: the leftmost first text cell of a row."""
    starts = []
    for row in rows:
        first = next((c for c in row if c.kind != "empty"), None)
        if first is not None and first.kind == "text":
            starts.append(first.start)
    return min(starts) if starts else -1


def _values(row: list[_Cell], layout: _Table) -> list[_Cell]:
    return [c for c in row if c.kind == "value" and c.start > layout.label_col and not _is_ignored(c, layout)]


def _is_ignored(cell: _Cell, layout: _Table) -> bool:
    return any(_covers(cell, group) for group in layout.ignored)


def _is_year_row(row: list[_Cell], layout: _Table) -> bool:
    values = _values(row, layout)
    return bool(values) and all(_YEAR.match(without_note_marks(c.value)) for c in values)


def _value_groups(layout: _Table) -> list[tuple[int, int]]:
    """Physical column ranges of the value columns: overlapping number cells form one column.

    Narrow cells are placed first; a cell that straddles two columns joins neither."""
    spans = {(c.start, c.end) for row in layout.rows if not _is_year_row(row, layout) for c in _values(row, layout)}
    groups: list[list[int]] = []
    for start, end in sorted(spans, key=lambda s: (s[1] - s[0], s[0])):
        hits = [g for g in groups if g[0] <= end and start <= g[1]]
        if not hits:
            groups.append([start, end])
        elif len(hits) == 1:
            hits[0][0], hits[0][1] = min(hits[0][0], start), max(hits[0][1], end)
    merged: list[list[int]] = []
    for group in sorted(groups):
        if merged and group[0] <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], group[1])
        else:
            merged.append(group)
    return [(a, b) for a, b in merged]


def _group_of(start: int, end: int, groups: list[tuple[int, int]]) -> int:
    """The value column a cell belongs to: the one holding its right edge, else the nearest."""
    for i, (a, b) in enumerate(groups):
        if a <= end <= b:
            return i
    overlapping = [i for i, (a, b) in enumerate(groups) if a <= end and start <= b]
    if overlapping:
        return overlapping[-1]
    return min(range(len(groups)), key=lambda i: _gap(start, end, groups[i]))


def _gap(start: int, end: int, group: tuple[int, int]) -> int:
    return max(group[0] - end, start - group[1], 0)


def _is_data_row(row: list[_Cell], layout: _Table) -> bool:
    return bool(_values(row, layout)) and not _is_year_row(row, layout)


# ----------------------------------------------------------------------------- header

def _is_label_area(cell: _Cell, layout: _Table) -> bool:
    return cell.start <= layout.label_col


def _header_end(layout: _Table, first_data: int) -> int:
    """Index of the last header row: the last row above the data with text over the values."""
    end = -1
    for i, row in enumerate(layout.rows[:first_data]):
        if any(c.kind not in ("empty",) and not _is_label_area(c, layout) for c in row):
            end = i
    return end


def _header(layout: _Table, header_end: int, locate: Locate):
    context: list[ContextLine] = []
    header = []
    for row in layout.rows[: header_end + 1]:
        cells = []
        for cell in row:
            text = _cell_text(cell)
            if not text or len(text) > _MAX_HEADER or _is_ignored(cell, layout):
                continue  # a long commentary cell spanning the rows beside a small table
            if _is_label_area(cell, layout):
                context.append(ContextLine(text, locate(cell.el, text)))
                continue
            first, last = _header_span(cell, layout.groups)
            cells.append(HeaderCell(text, first, last, locate(cell.el, text)))
        if cells:
            header.append(tuple(sorted(cells, key=lambda h: (h.first, h.last))))
    return tuple(context), tuple(header)


def _is_note_column(group: tuple[int, int], layout: _Table, header_end: int) -> bool:
    """A "Note" column of a 10-K statement: note numbers are no amounts."""
    heads = [c.content.text for row in layout.rows[: header_end + 1] for c in row if _covers(c, group)]
    if not any(_NOTE_HEADER.match(text) for text in heads):
        return False
    values = [c.value for row in layout.rows[header_end + 1 :] for c in _values(row, layout) if _covers(c, group)]
    return all(_NOTE_NUMBER.match(v) for v in values)


def _covers(cell: _Cell, group: tuple[int, int]) -> bool:
    a, b = group
    return 2 * (min(b, cell.end) - max(a, cell.start) + 1) > b - a + 1


def _cell_text(cell: _Cell) -> str:
    return cell.value if cell.kind == "value" else cell.content.text


def _header_span(cell: _Cell, groups: list[tuple[int, int]]) -> tuple[int, int]:
    """The value columns under a header cell: those it covers more than half of, else the nearest.

    Word's HTML export cuts header and body rows on different column boundaries."""
    covered = [i for i, group in enumerate(groups) if _covers(cell, group)]
    if covered:
        return covered[0], covered[-1]
    nearest = min(range(len(groups)), key=lambda i: _gap(cell.start, cell.end, groups[i]))
    return nearest, nearest


def _notes_above_data(layout: _Table, header_end: int, first_data: int, locate: Locate) -> tuple[tuple[ContextLine, ...], set[int]]:
    """Bracketed label-only rows between the column headers and the first line of figures
    ("(In millions, except par value)"): notes on the whole table, printed under its headers, never
    section headers."""
    notes: list[ContextLine] = []
    skipped: set[int] = set()
    for i in range(header_end + 1, first_data):
        texts = [c for c in layout.rows[i] if c.kind != "empty"]
        if len(texts) != 1 or not _is_label_area(texts[0], layout):
            continue
        text = texts[0].content.text
        if text.startswith("(") and text.endswith(")") and not _NOTE_NUMBER.match(text.strip("()")):
            notes.append(ContextLine(text, locate(texts[0].el, text)))
            skipped.add(i)
    return tuple(notes), skipped


def _caption(table, locate: Locate) -> tuple[ContextLine, ...]:
    caption = table.find("caption")
    if caption is None:
        return ()
    text = _content(caption).text
    return (ContextLine(text, locate(caption, text)),) if text else ()


# ----------------------------------------------------------------------------- body

def _body_rows(layout: _Table, header_end: int, locate: Locate, diagnostics: list[Diagnostic], skipped: set[int] = frozenset()) -> list[Row]:
    rows: list[Row] = []
    width = len(layout.groups)
    body = [(i, tr, cells, _body_row(tr, cells, layout, locate, diagnostics))
            for i, (tr, cells) in enumerate(zip(layout.trs[header_end + 1 :], layout.rows[header_end + 1 :]), header_end + 1)
            if i not in skipped]
    separators = _ruled_throughout([(_rules(cells, layout), row) for _, _, cells, row in body])
    for _, tr, cells, row in body:
        top, bottom = _rules(cells, layout)
        if separators:
            top, bottom = (top if top > 1 else 0), (bottom if bottom > 1 else 0)
        if row.kind is RowKind.BLANK and (top or bottom):
            _add_rule(rows, tr, max(top, bottom), width, locate)
            continue
        if top:
            _add_rule(rows, tr, top, width, locate)
        rows.append(row)
        if bottom:
            _add_rule(rows, tr, bottom, width, locate)
    # The rule under the column headers marks no total.
    while rows and rows[0].kind in (RowKind.RULE, RowKind.BLANK):
        rows.pop(0)
    return rows


GRID_SHARE = 0.6  # a single rule at this share of the rows or more separates rows: it marks no total
GRID_ROWS = 6


def _ruled_throughout(rules: list[tuple[tuple[int, int], Row]]) -> bool:
    """Whether the table draws a single line between (nearly) all its rows, a grid style: a rule is a
    total's mark only where it is the exception. Double rules keep their meaning."""
    data = [(top, bottom) for (top, bottom), row in rules if row.kind is RowKind.DATA]
    ruled = sum(1 for top, bottom in data if top == 1 or bottom == 1)
    return len(data) >= GRID_ROWS and ruled >= GRID_SHARE * len(data)


def _body_row(tr, cells: list[_Cell], layout: _Table, locate: Locate, diagnostics: list[Diagnostic]) -> Row:
    width = len(layout.groups)
    label_cell = next((c for c in cells if c.kind in ("text", "prefix", "suffix") or (c.kind in ("value", "malformed") and _is_label_area(c, layout))), None)
    label = label_cell.content.text if label_cell else ""
    source = locate(label_cell.el, label) if label_cell else locate(tr, "")
    indent = _indent(label_cell, layout) if label_cell else 0
    values = [] if _is_year_row(cells, layout) else _values(cells, layout)
    malformed = [c for c in cells if c.kind == "malformed" and c.start > layout.label_col and not _is_ignored(c, layout)]
    if not values and not malformed:
        kind = RowKind.TEXT if label else RowKind.BLANK
        return Row(kind, label, indent if label else 0, (None,) * width, source)
    rejected = tuple(_rejected(cell, locate, diagnostics) for cell in malformed)
    slots: list[Cell | None] = [None] * width
    for cell in values:
        column = _group_of(cell.start, cell.end, layout.groups)
        digits = _DIGITS.search(cell.content.text)
        where = locate(cell.el, digits.group(0) if digits else "")
        if slots[column] is not None:
            diagnostics.append(warning("XC201", f"two values in one column: {slots[column].text!r} and {cell.value!r}", where))
            continue
        slots[column] = Cell(cell.value, where)
    return Row(RowKind.DATA, label, indent, tuple(slots), source, rejected=rejected)


def _rejected(cell: _Cell, locate: Locate, diagnostics: list[Diagnostic]) -> Rejected:
    digits = _DIGITS.search(cell.content.text)
    where = locate(cell.el, digits.group(0) if digits else "")
    reason = f"malformed number {cell.value!r}"
    diagnostics.append(warning("XC202", f"{reason}: not read as a value", where))
    return Rejected(Cell(cell.value, where), reason)


def _indent(cell: _Cell, layout: _Table) -> int:
    return round(cell.content.indent + max(cell.start - layout.label_col, 0) * _COLUMN_POINTS)


def _rules(cells: list[_Cell], layout: _Table) -> tuple[int, int]:
    """Borders drawn over and under the value cells of a row (an underline cell counts as under)."""
    first_value = layout.groups[0][0]
    top = bottom = 0
    for cell in cells:
        if cell.end < first_value or _is_label_area(cell, layout):
            continue
        top = max(top, cell.content.top)
        bottom = max(bottom, cell.content.bottom, 1 if cell.content.has_rule else 0)
    return top, bottom


def _add_rule(rows: list[Row], tr, weight: int, width: int, locate: Locate) -> None:
    if rows and rows[-1].kind is RowKind.RULE:
        if weight == 2 and not rows[-1].double_rule:
            rows[-1] = Row(RowKind.RULE, "", 0, rows[-1].cells, rows[-1].source, True)
        return
    rows.append(Row(RowKind.RULE, "", 0, (None,) * width, locate(tr, ""), weight == 2))
