"""Where an element of a parsed HTML document was written: file line and column.

lxml gives only a line (capped at 65535), and many EDGAR documents put a whole statement on one
line. So the start tags of the source are matched, in order, with the parsed elements; an
element's text is then looked up just after its tag.
"""
from __future__ import annotations

import bisect
import re

from ..diagnostics import SourceRef

# Comments, CDATA and script/style bodies hold no elements; everything else that opens a tag does.
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)|<(script|style)\b[^>]*>.*?(?:</\1\s*>|\Z)|<([A-Za-z][\w:.-]*)([^>]*)>",
    re.IGNORECASE | re.DOTALL,
)
_LOOKAHEAD = 8  # source tags an element may be ahead of (the parser's implied elements have none)
_TEXT_WINDOW = 3000  # characters after its tag where an element's text is looked for
_PLAIN_PREFIX = re.compile(r"[A-Za-z0-9,.()$%:;/\-]+(?: [A-Za-z0-9,.()$%:;/\-]+)*")


class Locator:
    def __init__(self, text: str, path: str, first_line: int):
        self.text = text
        self.path = path
        self.offset = first_line - 1
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.positions: dict[object, int] = {}

    def index(self, root) -> None:
        """Match the document's elements, in document order, with the start tags of the source."""
        tags = [(name, _has_attributes(m), m.start()) for m in _TOKEN.finditer(self.text) if (name := _tag_name(m))]
        j = 0
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            name, attributed = el.tag.lower(), bool(el.attrib)
            for k in range(j, min(j + _LOOKAHEAD, len(tags))):
                if tags[k][0] == name and tags[k][1] == attributed:
                    self.positions[el] = tags[k][2]
                    j = k + 1
                    break

    def __call__(self, el, text: str = "") -> SourceRef:
        position = self.positions.get(el)
        if position is None:
            return SourceRef(self.path, (getattr(el, "sourceline", None) or 1) + self.offset, 0)
        found = self._text_position(position, text)
        line = bisect.bisect_right(self.line_starts, found)
        return SourceRef(self.path, line + self.offset, found - self.line_starts[line - 1] + 1)

    def _text_position(self, position: int, text: str) -> int:
        prefix = _PLAIN_PREFIX.match(text.strip())
        if not prefix:
            return position
        for needle in (prefix.group(0)[:24].strip(), prefix.group(0).split()[0]):
            found = self.text.find(needle, position, position + _TEXT_WINDOW)
            if found >= 0:
                return found
        return position


def _tag_name(match: re.Match) -> str:
    name = match.group(1) or match.group(2)
    return name.lower() if name else ""


def _has_attributes(match: re.Match) -> bool:
    if match.group(1):
        return bool(re.match(r"<\w+\s+[^>\s]", match.group(0)))
    return bool(match.group(3).strip().rstrip("/").strip())
