"""HTML tables: every table of an HTML (or inline XBRL) document as a Grid.

The document is parsed with lxml's forgiving HTML parser and walked in reading order. Text outside
tables becomes lines; the lines since the previous table that sit nearest above a table are its
context (title, period phrase, scale note). Tables that hold other tables are page layout and are
walked through. Runs of monospace lines (Courier <p> lines padded with &nbsp;, <pre> blocks) are
fixed-width tables printed as HTML and go to the text reader.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

import lxml.etree
import lxml.html

from ..diagnostics import Diagnostic, SourceRef, warning
from .grid import ContextLine, Grid
from .html_grid import SKIPPED_TAGS, cell_texts, is_superscript, parse_style, table_grid
from .html_source import Locator
from .text import read_text_tables

_BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol center table tr td th hr pre blockquote dl dt dd section "
    "article header footer address form caption body html".split()
)
_MONO_TAGS = frozenset({"pre", "tt", "code", "xmp", "listing", "plaintext"})
_MONO_FONT = re.compile(r"courier|monospace|consolas|lucida\s+console", re.IGNORECASE)
_WHITESPACE = re.compile(r"[ \t\r\n\f]+")
_DISPLAY_NONE = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_PAGE_BREAK = re.compile(r"(?:page-break|break)-(before|after)\s*:\s*(?:always|page|left|right)", re.IGNORECASE)
_MAX_CONTEXT = 8  # lines above a table kept as its context
_MIN_MONO_LINES = 3  # monospace lines that make a fixed-width block worth reading


@dataclass(frozen=True)
class _Line:
    text: str  # as a reader sees it, whitespace collapsed
    mono: str | None  # the line with its spacing kept, when printed in a monospace font
    source: SourceRef


def read_html_tables(text: str, path: str, first_line: int = 1,
                     diagnostics: list[Diagnostic] | None = None) -> tuple[Grid, ...]:
    """Every table of an HTML document, as grids, in document order; problems reading the HTML itself
    (nesting deeper than the parser allows) are appended to diagnostics."""
    text = _unwrap(text)
    root, depth_error = _parse(text)
    if depth_error is not None:
        text, source = _flatten(text), SourceRef(path, depth_error[0] + first_line - 1, depth_error[1])
        root, still = _parse(text)
        problems = [warning("XC004", "HTML nested deeper than the parser allows: read again with its inline "
                                     "and block wrappers (font, span, div, p, ...) taken out", source)]
        if still is not None:
            problems.append(warning("XC005", "HTML nested too deeply even without its wrappers: what follows "
                                             "this point is not read", SourceRef(path, still[0] + first_line - 1, still[1])))
        if diagnostics is not None:
            diagnostics.extend(problems)
    if root is None:
        return ()
    locate = Locator(text, path, first_line)
    locate.index(root)
    walker = _Walker(locate)
    walker.walk(root)
    return tuple(walker.grids)


def _unwrap(text: str) -> str:
    """Undo a hard wrap at a fixed width that cut entities and tags ("&nbs" / "p;").

    Some stored submissions were re-wrapped at 1023 characters. A cut inside a word moves to the
    next space of the following line, so the line count stays the same."""
    lines = text.split("\n")
    lengths: dict[int, int] = {}
    for line in lines:
        lengths[len(line)] = lengths.get(len(line), 0) + 1
    width, count = max(lengths.items(), key=lambda item: item[1]) if lengths else (0, 0)
    if width < 200 or count < max(10, len(lines) // 2):
        return text
    cut = [len(line) == width for line in lines]
    for i in range(len(lines) - 1):
        line, following = lines[i], lines[i + 1]
        if not cut[i] or not line[-1:].strip() or not following[:1].strip():
            continue
        space = following.find(" ")
        if space > 0:
            lines[i], lines[i + 1] = line + following[:space], following[space + 1 :]
    return "\n".join(lines)


def _parse(text: str):
    """The document's tree (None when nothing can be parsed) and, when the parser stopped at its
    nesting limit, the (line, column) where it did."""
    parser = lxml.html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True, huge_tree=True
    )
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8", "surrogatepass"), parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return None, None
    deep = [e for e in parser.error_log if e.type_name == "ERR_RESOURCE_LIMIT" and "depth" in e.message.lower()]
    return root, ((deep[0].line, deep[0].column) if deep else None)


_WRAPPER_TAG = re.compile(
    r"</?(?:font|span|b|i|u|a|small|big|strong|em|sup|sub|s|strike|ins|del|nobr|o:p|"
    r"(div|p|center|blockquote|section|article))\b[^<>]*>", re.IGNORECASE)


def _flatten(text: str) -> str:
    """The text with its wrapper tags taken out, so that the nesting left is the tables': inline tags
    become spaces of their length, block tags line breaks, so lines and most columns stay where they were.
    Unclosed <font> tags, nested by the parser one inside the other, are what makes legacy HTML so deep."""
    def replace(match: re.Match) -> str:
        width = len(match.group(0))
        return "<br>".ljust(width) if match.group(1) and width >= 4 else " " * width
    return _WRAPPER_TAG.sub(replace, text)


class _Walker:
    """Reading order through the document: lines of text, grids of the tables between them."""

    def __init__(self, locate: Locator):
        self.locate = locate
        self.grids: list[Grid] = []
        self.lines: list[_Line] = []  # lines since the previous grid
        self.page_start = 0  # index in self.lines of the first line after the last page break
        self.parts: list[str] = []
        self.mono_parts: list[str] = []
        self.line_el = None
        self.mono_depth = 0
        self.pre_depth = 0
        self.all_mono = True
        self.keep_blank = False  # the current line is printed even if empty

    def walk(self, root) -> None:
        walker = lxml.etree.iterwalk(root, events=("start", "end"))
        flags: list[tuple[bool, bool]] = []  # (monospace, pre) of each open element
        for event, el in walker:
            tag = el.tag if isinstance(el.tag, str) else ""
            if event == "end":
                is_mono, is_pre = flags.pop()
                self.mono_depth -= is_mono
                self.pre_depth -= is_pre
                if tag in _BLOCK_TAGS:
                    self._flush()
                if _page_break(el) == "after":
                    self._flush()
                    self._page_break()
                self._text(el.tail, el)
                continue
            if not tag or tag in SKIPPED_TAGS or _hidden(el) or _raised(el):
                walker.skip_subtree()
                flags.append((False, False))
                continue
            if _page_break(el) == "before":
                self._flush()
                self._page_break()
            flags.append((_is_mono(el, tag), tag == "pre"))
            self.mono_depth += flags[-1][0]
            self.pre_depth += flags[-1][1]
            if tag == "table" and el.find(".//table") is None:
                self._table(el)
                walker.skip_subtree()
                continue
            if tag == "br":
                self._line_break(el)
            elif tag in _BLOCK_TAGS:
                self._flush()
            self._text(el.text, el)
        self._flush()
        self._end_mono_block()

    def _page_break(self) -> None:
        """Lines printed before a page break (a footer, the end of the previous page's text) are no
        context of a table on the next page."""
        self.page_start = len(self.lines)

    def _line_break(self, el) -> None:
        """<br> ends the line; on an empty line it prints a blank line (<p><br></p>)."""
        if self.line_el is None or not "".join(self.parts).strip(" \t\r\n"):
            self.line_el, self.keep_blank = el, True
        self._flush()

    def _text(self, text: str | None, el) -> None:
        if not text:
            return
        if self.pre_depth:
            lines = text.split("\n")
            for i, piece in enumerate(lines):
                if i:
                    self.keep_blank = True
                    self._flush()
                self._add(piece, piece, el)
            return
        self._add(text, _WHITESPACE.sub(" ", text).replace("\xa0", " ") if self.mono_depth else None, el)

    def _add(self, text: str, mono: str | None, el) -> None:
        if self.line_el is None:
            self.line_el = el
        self.parts.append(text)
        if mono is None:
            if text.strip(" \t\r\n\xa0"):
                self.all_mono = False
        else:
            self.mono_parts.append(mono)

    def _flush(self) -> None:
        if self.line_el is None:
            return
        text = _WHITESPACE.sub(" ", "".join(self.parts).replace("\xa0", " ").replace("\u200b", "")).strip()
        mono = "".join(self.mono_parts).rstrip() if self.all_mono and self.mono_parts else None
        el, keep = self.line_el, self.keep_blank or self.pre_depth > 0
        self.parts, self.mono_parts, self.line_el, self.all_mono, self.keep_blank = [], [], None, True, False
        if not text and not keep:
            return
        if mono is None and text:
            self._end_mono_block()
        self.lines.append(_Line(text, mono, self.locate(el, text)))

    def _table(self, table) -> None:
        self._flush()
        self._end_mono_block()
        grid = table_grid(table, _context(self._page_lines()), self.locate)
        if grid is not None:
            self.grids.append(grid)
            self.lines, self.page_start = [], 0
            return
        for tr, text in cell_texts(table):
            self.lines.append(_Line(text, None, self.locate(tr, text)))

    def _page_lines(self) -> list[_Line]:
        """The lines since the last page break, or all lines when nothing is printed after it."""
        page = self.lines[self.page_start :]
        return page if any(line.text for line in page) else self.lines

    def _end_mono_block(self) -> None:
        """Hand the monospace lines at the end of self.lines to the fixed-width text reader."""
        start = len(self.lines)
        while start > 0 and (self.lines[start - 1].mono is not None or not self.lines[start - 1].text):
            start -= 1
        block = self.lines[start:]
        if sum(1 for line in block if line.mono) < _MIN_MONO_LINES:
            return
        grids = read_text_tables("\n".join(line.mono or "" for line in block), self.locate.path, 1)
        if grids:
            self.grids.extend(_relocated(grid, [line.source for line in block]) for grid in grids)
            self.lines, self.page_start = [], 0


def _hidden(el) -> bool:
    style = el.get("style")
    return bool(style and _DISPLAY_NONE.search(style))


def _page_break(el) -> str:
    """ "before" or "after" for an element that starts or ends a printed page, else ""."""
    style = el.get("style")
    match = _PAGE_BREAK.search(style) if style and "break" in style else None
    return match.group(1).lower() if match else ""


def _raised(el) -> bool:
    style = el.get("style")
    return bool(style and ("super" in style or "relative" in style) and is_superscript(parse_style(style)))


def _is_mono(el, tag: str) -> bool:
    if tag in _MONO_TAGS:
        return True
    if tag == "font" and _MONO_FONT.search(el.get("face") or ""):
        return True
    family = parse_style(el.get("style")).get("font-family") if el.get("style") else None
    return bool(family and _MONO_FONT.search(family))


def _context(lines: list[_Line]) -> tuple[ContextLine, ...]:
    """The lines nearest above a table, top to bottom, stopping at prose."""
    picked: list[ContextLine] = []
    for line in reversed(lines):
        if not line.text:
            continue
        if _is_prose(line.text) or len(picked) >= _MAX_CONTEXT:
            break
        picked.append(ContextLine(line.text, line.source))
    return tuple(reversed(picked))


_SCALE_WORDS = re.compile(r"\b(?:thousands|millions|billions)\b|\b000['’]?s\b", re.I)


def _is_prose(text: str) -> bool:
    """A sentence of running text, not a title or scale note (which may be long but are bracketed)."""
    if text.startswith("(") and text.endswith(")"):
        return False
    if (text.startswith("(") or text.endswith(")")) and _SCALE_WORDS.search(text):
        return False  # a scale note wrapped over two lines: "(In millions, except number of shares," / "... amounts)"
    words = len(text.split())
    return (len(text) >= 80 and words >= 12) or (words >= 6 and text.endswith((":", ".")) and not text.isupper())


def _relocated(grid: Grid, sources: list[SourceRef]) -> Grid:
    """A grid read from joined monospace lines, with line numbers of the HTML file."""

    def fix(ref: SourceRef) -> SourceRef:
        index = ref.line - 1
        return sources[index] if 0 <= index < len(sources) else ref

    rows = tuple(
        replace(row, source=fix(row.source), cells=tuple(replace(c, source=fix(c.source)) if c else None for c in row.cells))
        for row in grid.rows
    )
    return replace(
        grid,
        source=fix(grid.source),
        context=tuple(replace(line, source=fix(line.source)) for line in grid.context),
        header=tuple(tuple(replace(h, source=fix(h.source)) for h in row) for row in grid.header),
        rows=rows,
        diagnostics=tuple(replace(d, source=fix(d.source)) if d.source else d for d in grid.diagnostics),
    )
