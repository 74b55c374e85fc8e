"""The text of a document outside its statements: a press release's headline, body and safe-harbour text.

read_narrative(document, statements) -> Narrative: the paragraphs of the parts that hold the statements,
in reading order, without the lines the statements were read from (their headings, column headers,
lines and the rules under them). A text input's paragraphs are its blocks between blank lines; a
block printed in columns (a table that is no statement) keeps its layout. An HTML input's paragraphs
are its block elements; a table that is no statement gives one line per row. The inline writer
shows them around the statements, untagged.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import lxml.etree
import lxml.html

from .diagnostics import SourceRef
from .document import statement_parts
from .source import DocumentPart, SourceDocument
from .statements import Statement
from .tables.html_source import Locator

TEXT, LINES, FIXED = "text", "lines", "fixed"  # a paragraph's lines joined by spaces, one a line, as laid out

_WHITESPACE = re.compile(r"\s+")
_WORD = re.compile(r"[A-Za-z0-9]")
_PAGE_MARK = re.compile(r"^\s*</?PAGE>\s*\d*\s*$", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^\W*(?:page\s+)?\d{1,3}\W*$", re.IGNORECASE)
_COLUMN_GAP = re.compile(r"\S {3,}\S")
_CELL = "\x00"  # between the cells of a table row: two spaces once the row is a line
_HEADING_REACH = 12
_TEXT_REACH = 3000  # characters after a table's last tag where the text of its last cell may sit  # lines above a statement looked at for its heading
_BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol center tr hr pre blockquote dl dt dd section article header footer "
    "address caption body".split())
_SKIPPED_TAGS = frozenset({"script", "style", "head", "title", "noscript", "template"})


@dataclass(frozen=True)
class Paragraph:
    lines: tuple[str, ...]  # TEXT and LINES: whitespace collapsed; FIXED: as printed, indentation trimmed
    kind: str
    source: SourceRef  # its first line

    @property
    def text(self) -> str:
        return " ".join(self.lines) if self.kind == TEXT else "\n".join(self.lines)


@dataclass(frozen=True)
class Narrative:
    paragraphs: tuple[Paragraph, ...] = ()  # in reading order


Position = tuple[int, int]  # (line, column) in the file: HTML puts whole statements on one line


@dataclass(frozen=True)
class _Line:
    text: str  # whitespace collapsed
    raw: str  # as printed
    position: Position
    block: int  # the lines of one paragraph share it
    kind: str = TEXT


def read_narrative(document: SourceDocument, statements: tuple[Statement, ...]) -> Narrative:
    """The paragraphs outside the statements of the parts that hold them, in reading order."""
    paragraphs: list[Paragraph] = []
    for part in _parts_with(document, statements):
        inside = _inside_part(part, statements)
        lines = _html_lines(part, inside, document.path) if part.is_html else _text_lines(part, inside)
        paragraphs.extend(_paragraphs(_without_headings(lines, inside), document.path, part.is_html))
    return Narrative(tuple(paragraphs))


def position(source: SourceRef) -> Position:
    return source.line, source.column


def _parts_with(document: SourceDocument, statements: tuple[Statement, ...]) -> list[DocumentPart]:
    starts = {s.source.line for s in statements}
    parts = [p for p in statement_parts(document) if any(_span(p)[0] <= line <= _span(p)[1] for line in starts)]
    return sorted(parts, key=lambda p: p.first_line)


def _span(part: DocumentPart) -> tuple[int, int]:
    return part.first_line, part.first_line + part.text.count("\n")


def _inside_part(part: DocumentPart, statements: tuple[Statement, ...]) -> list[tuple[Statement, Position, Position]]:
    first, last = _span(part)
    spans = [(s, *_statement_span(s)) for s in statements]
    return sorted((item for item in spans if first <= item[1][0] <= last), key=lambda item: item[1])


def _statement_span(statement: Statement) -> tuple[Position, Position]:
    """Where a statement was read from: its table's first position to its last line's."""
    refs = [statement.source, *(c.source for c in statement.columns)]
    for line in (*statement.lines, *(line for line, _ in statement.set_aside)):
        refs.append(line.source)
        refs.extend(p.source for p in line.parts)
    positions = [position(ref) for ref in refs]
    return min(positions), max(positions)


# --- text inputs ------------------------------------------------------------------------------------------------


def _text_lines(part: DocumentPart, inside: list[tuple[Statement, Position, Position]]) -> list[_Line]:
    lines, block = [], 0
    for index, raw in enumerate(part.lines):
        number = part.first_line + index
        if not raw.strip() or _PAGE_MARK.match(raw) or any(first[0] <= number <= last[0] for _, first, last in inside):
            block += 1
            continue
        lines.append(_Line(_WHITESPACE.sub(" ", raw).strip(), raw.rstrip(), (number, 0), block))
    return lines


# --- HTML inputs ------------------------------------------------------------------------------------------------


def _html_lines(part: DocumentPart, inside: list[tuple[Statement, Position, Position]], path: str) -> list[_Line]:
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True,
                                  huge_tree=True)
    try:
        root = lxml.html.document_fromstring(part.text.encode("utf-8", "surrogatepass"), parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return []
    locate = Locator(part.text, path, part.first_line)
    locate.index(root)
    read = sorted(_offset(locate, ref) for s, _, _ in inside for ref in _statement_refs(s))
    walker = _HtmlWalker(locate, read, [(first, last) for _, first, last in inside])
    walker.walk(root)
    return walker.lines


def _statement_refs(statement: Statement) -> list[SourceRef]:
    return [statement.source, *(line.source for line in statement.lines)]


def _offset(locate: Locator, ref: SourceRef) -> int:
    """A file position as a character offset into the part's text."""
    index = min(max(ref.line - locate.offset - 1, 0), len(locate.line_starts) - 1)
    return locate.line_starts[index] + max(ref.column - 1, 0)


class _HtmlWalker:
    """Block elements in reading order, as lines; statement tables left out, other tables a line per row."""

    def __init__(self, locate: Locator, statement_offsets: list[int], statement_lines: list[tuple[Position, Position]]):
        self.locate, self.statement_offsets, self.statement_lines = locate, statement_offsets, statement_lines
        self.lines: list[_Line] = []
        self.parts: list[str] = []
        self.first = None  # the element the current line's text starts in
        self.block = 0
        self.kind = TEXT

    def walk(self, root) -> None:
        walker = lxml.etree.iterwalk(root, events=("start", "end"))
        for event, element in walker:
            tag = element.tag.lower() if isinstance(element.tag, str) else ""
            if event == "end":
                if tag == "table" and self.kind == LINES:
                    self._flush()
                    self.kind = TEXT
                    self.block += 1
                elif tag == "tr" or (tag in _BLOCK_TAGS or tag == "table") and self.kind != LINES:
                    self._flush()
                self._text(element.tail, element)
                continue
            if not tag or tag in _SKIPPED_TAGS or _hidden(element) or (tag == "table" and self._is_statement(element)):
                walker.skip_subtree()
                continue
            if tag == "pre" and self.kind != LINES:
                self._pre(element)
                walker.skip_subtree()
                continue
            if tag == "table":
                self._flush()
                if element.find(".//table") is None:  # a table holding tables is page layout: walked through
                    self.kind = LINES
            elif tag in ("td", "th"):
                self.parts.append(_CELL)
            elif self.kind == LINES:
                self.parts.append(" ")  # a paragraph or a line break inside a cell
            elif tag == "br":
                self._flush(new_block=False)
            elif tag in _BLOCK_TAGS:
                self._flush()
            self._text(element.text, element)
        self._flush()

    def _pre(self, element) -> None:
        """A <pre> block, line by line as printed: the lines statements were read from left out."""
        self._flush()
        start = self.locate(element).line
        for index, raw in enumerate("".join(element.itertext()).split("\n")):
            number = start + index
            if not raw.strip() or any(first[0] <= number <= last[0] for first, last in self.statement_lines):
                self.block += 1
                continue
            self.lines.append(_Line(_WHITESPACE.sub(" ", raw).strip(), raw.rstrip(), (number, 0), self.block))
        self.block += 1

    def _is_statement(self, table) -> bool:
        if table.find(".//table") is not None:
            return False  # page layout: the statement is one of the tables inside
        offsets = [self.locate.positions[e] for e in table.iter() if e in self.locate.positions]
        if not offsets:
            return False
        first, last = min(offsets), max(offsets)
        at = bisect.bisect_left(self.statement_offsets, first)
        return at < len(self.statement_offsets) and self.statement_offsets[at] <= last + _TEXT_REACH

    def _text(self, text: str | None, element) -> None:
        if text:
            if self.first is None and text.strip():
                self.first = element
            self.parts.append(text)

    def _flush(self, new_block: bool = True) -> None:
        joined = "".join(self.parts).replace("\xa0", " ").replace("\u200b", "")
        cells = (_WHITESPACE.sub(" ", cell).strip() for cell in joined.split(_CELL))
        text = "  ".join(cell for cell in cells if cell)
        if text:
            source = self.locate(self.first, text)
            self.lines.append(_Line(text, text, position(source), self.block, self.kind))
        self.parts, self.first = [], None
        if new_block and self.kind != LINES:
            self.block += 1


def _hidden(element) -> bool:
    style = element.get("style") or ""
    return bool(re.search(r"display\s*:\s*none", style, re.IGNORECASE))


# --- both -------------------------------------------------------------------------------------------------------


def _without_headings(lines: list[_Line], inside: list[tuple[Statement, Position, Position]]) -> list[_Line]:
    """The lines without each statement's heading (company, title, period, scale note) printed above it:
    the paragraphs right above a statement that hold nothing but its heading lines, up to prose."""
    dropped: set[int] = set()
    for statement, first, _ in inside:
        heading = {_key(text) for text in statement.heading} | {_key(statement.title)}
        above = [i for i, line in enumerate(lines) if line.position < first][-_HEADING_REACH:]
        blocks: dict[int, list[int]] = {}
        for i in above:
            blocks.setdefault(lines[i].block, []).append(i)
        for block in reversed(blocks.values()):
            worded = [lines[i].text for i in block if _WORD.search(lines[i].text)]
            if any(_key(text) not in heading or _is_prose(text) for text in worded) or _is_prose(" ".join(worded)):
                break
            dropped.update(block)
    return [line for i, line in enumerate(lines)
            if i not in dropped and _WORD.search(line.text) and not _PAGE_NUMBER.match(line.text)]


def _is_prose(text: str) -> bool:
    """A sentence of running text, not a title or a period or scale note."""
    words = len(text.split())
    return (len(text) >= 80 and words >= 12) or (words >= 6 and text.endswith((":", ".")) and not text.isupper())


def _key(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip().lower()


def _paragraphs(lines: list[_Line], path: str, html: bool) -> list[Paragraph]:
    groups: list[list[_Line]] = []
    for line in lines:
        if groups and groups[-1][-1].block == line.block:
            groups[-1].append(line)
        else:
            groups.append([line])
    return [_paragraph(group, path, html) for group in groups]


def _paragraph(group: list[_Line], path: str, html: bool) -> Paragraph:
    """A text input's lines are a paragraph wrapped; an HTML paragraph's lines were broken by <br>."""
    source = SourceRef(path, *group[0].position)
    kind = LINES if html and len(group) > 1 else group[0].kind
    if kind == TEXT and len(group) > 1 and sum(bool(_COLUMN_GAP.search(line.raw.strip())) for line in group) * 2 >= len(group):
        indent = min(len(line.raw) - len(line.raw.lstrip()) for line in group)
        return Paragraph(tuple(line.raw[indent:].replace("\t", "    ") for line in group), FIXED, source)
    return Paragraph(tuple(line.text for line in group), kind, source)
