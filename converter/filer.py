"""Who filed the document and what form it is: company name, ticker and form type.

Read from the submission header where there is one, else from what every filing prints: the cover
page of a 10-K or 10-Q (the line above "(Exact name of registrant as specified in its charter)", the
"Trading Symbol(s)" table, "FORM 10-Q", "QUARTERLY REPORT PURSUANT TO SECTION 13"), the company line
printed above a statement's title ("ACME CORPORATION AND SUBSIDIARIES" / "CONSOLIDATED BALANCE
SHEETS"), and a release's "(NASDAQ: ACME)". HTML parts are read as their visible lines.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterator

from .diagnostics import SourceRef
from .edgar import ANY_TAG, INVISIBLE_HTML
from .shares_outstanding import shares_outstanding
from .source import DocumentPart, Filer, SubmissionHeader

_FORMS = {"10-K": "10-K", "10-K405": "10-K", "10-KSB": "10-K", "10-KT": "10-K", "10-Q": "10-Q", "10-QSB": "10-Q",
          "8-K": "8-K", "20-F": "20-F", "40-F": "40-F", "6-K": "6-K"}

_FORM_LINE = re.compile(r"^\s*(?:FORM|Form)\s+(10-K405|10-KSB|10-QSB|10-KT|10-K|10-Q|8-K|20-F|40-F|6-K)\b")
_FORM_PHRASES = (  # the cover page's checked box names the report
    (re.compile(r"\bANNUAL\s+REPORT\s+PURSUANT\s+TO\s+SECTION", re.I), "10-K"),
    (re.compile(r"\bQUARTERLY\s+REPORT\s+PURSUANT\s+TO\s+SECTION", re.I), "10-Q"),
    (re.compile(r"\bCURRENT\s+REPORT\s+PURSUANT\s+TO\s+SECTION", re.I), "8-K"),
)
# An earnings release is filed as an exhibit to a current report.
_RELEASE = re.compile(r"\bexhibit\s+99\b|\bfor\s+immediate\s+release\b|\bnews\s+release\b|\bpress\s+release\b", re.I)

_REGISTRANT = re.compile(r"\(\s*exact\s+name\s+of\s+(?:the\s+)?registrant", re.I)
_COMPANY_LINE = re.compile(
    r"^[A-Z0-9][\w.,&'\- ]*?\b(?:Inc|Corp|Corporation|Company|Co|Ltd|LLC|L\.P|Incorporated|Group|Holdings|Bancorp|plc|N\.V|S\.A|AG|SE)\b\.?$", re.I)
_SUBSIDIARIES = re.compile(r",?\s+and\s+(?:its\s+)?(?:consolidated\s+)?(?:subsidiar(?:y|ies)|affiliates)\s*$", re.I)
_NOT_A_NAME = re.compile(r"^(?:about|table\s+of\s+contents|copyright|contact)\b|\b(?:exchange|commission|act\s+of)\b", re.I)
_STATEMENT_TITLE = re.compile(
    r"\b(?:balance\s+sheets?|statements?\s+of\s+(?:consolidated\s+)?(?:operations|income|earnings|cash\s+flows?|financial\s+(?:position|condition))"
    r"|(?:income|earnings|cash\s+flows?)\s+statements?)\b", re.I)

_TICKER = re.compile(r"\((?:NASDAQ|Nasdaq|NYSE|AMEX|Amex|NYSE\s+Amex|NYSE\s+American|OTC\s?BB|OTC)\s*(?:[A-Za-z]+\s*)?:\s*([A-Z][A-Z.]{0,5})\)")
_TRADING_SYMBOL = re.compile(r"trading\s+symbol", re.I)
_SYMBOL_BEFORE_EXCHANGE = re.compile(
    r"(?:^|\s)([A-Z]{1,5}(?:[.-][A-Z]{1,2})?)\s+(?:The\s+)?(?:New\s+York|Nasdaq|NASDAQ|NYSE|Chicago|Cboe|CBOE|Boston|Philadelphia)\b")

_COVER_LINES = 80  # a cover page's facts sit in its first lines
_HEADING_GAP = 3  # the company line sits at most this many lines above a statement title


def identify_filer(header: SubmissionHeader, parts: tuple[DocumentPart, ...], path: str) -> Filer:
    """The filer as the header says, with what it leaves open read from the parts (best first)."""
    lines = [list(visible_lines(part, path)) for part in parts[:3]]
    cover = lines[0][:_COVER_LINES] if lines else []
    name, name_source = (header.company_name, None) if header.company_name else _company(cover, lines)
    ticker = header.ticker or _ticker(cover, [line for part in lines for line in part[:400]])
    return Filer(company_name=name, ticker=ticker, form=_form(header.form_type, cover), name_source=name_source,
                 shares_outstanding=shares_outstanding(cover))


def visible_lines(part: DocumentPart, path: str) -> Iterator[tuple[str, SourceRef]]:
    """The part's non-blank lines as a reader sees them, each with the line it starts on."""
    if not part.is_html:
        for index, line in enumerate(part.lines):
            if line.strip():
                yield " ".join(line.split()), part.source(path, index)
        return
    text = INVISIBLE_HTML.sub(lambda m: "\n" * m.group(0).count("\n"), part.text)
    offset, line_number = 0, part.first_line
    for match in _BLOCK_END.finditer(text + "</p>"):
        chunk = text[offset:match.start()]
        shown = " ".join(html.unescape(ANY_TAG.sub(" ", _CELL_END.sub(" \t ", chunk))).replace("\xa0", " ").split())
        if shown:
            lead = len(chunk) - len(chunk.lstrip())
            yield shown, SourceRef(path, line_number + chunk[:lead].count("\n"))
        line_number += text[offset:match.end()].count("\n")
        offset = match.end()


_BLOCK_END = re.compile(r"<br\s*/?>|</(?:p|div|tr|h[1-6]|li|table|center|pre)\s*>", re.I)
_CELL_END = re.compile(r"</t[dh]\s*>", re.I)


def _form(form_type: str | None, cover: list[tuple[str, SourceRef]]) -> str:
    if form_type:
        return _FORMS.get(form_type.upper().split("/")[0].strip(), "Other")
    for text, _ in cover:
        if match := _FORM_LINE.match(text):
            return _FORMS[match.group(1).upper()]
    for text, _ in cover:
        for pattern, form in _FORM_PHRASES:
            if pattern.search(text):
                return form
    if any(_RELEASE.search(text) for text, _ in cover[:30]):
        return "8-K"
    return "Other"


def _company(cover: list[tuple[str, SourceRef]], parts: list[list[tuple[str, SourceRef]]]) -> tuple[str | None, SourceRef | None]:
    for i, (text, source) in enumerate(cover):
        if _REGISTRANT.search(text):
            named = _name(_REGISTRANT.split(text)[0]) or (_name(cover[i - 1][0]) if i else None)
            if named:
                return named, (source if _name(_REGISTRANT.split(text)[0]) else cover[i - 1][1])
    for lines in parts:
        for i, (text, _) in enumerate(lines):
            if _STATEMENT_TITLE.search(text) and len(text) < 90:
                for above, source in reversed(lines[max(0, i - _HEADING_GAP):i]):
                    if (named := _name(above)) and _COMPANY_LINE.match(named):
                        return named, source
    for text, source in cover[:30]:
        if (match := _HEADLINE.match(text)) and (named := _name(match.group(1))):
            return named, source
    for text, source in cover:
        if (named := _name(text)) and _COMPANY_LINE.match(named):
            return named, source
    return None, None


# A release's headline names the company as its subject: "Acme Corp. Reports Third Quarter Results".
_HEADLINE = re.compile(r"^([A-Z][\w.,&'\- ]{1,58}?)\s+(?:Reports|Announces|Posts|Reported|Announced)\s+[A-Z]")


def _name(text: str) -> str | None:
    """The company name a line prints, without "and subsidiaries" or a table-of-contents lead."""
    name = re.sub(r"^table\s+of\s+contents\s+", "", text.strip(), flags=re.I)
    name = _SUBSIDIARIES.sub("", name).strip(" ,;:")
    if not name or len(name) > 60 or _NOT_A_NAME.search(name) or not re.search(r"[A-Za-z]{2}", name):
        return None
    if any(word[0].islower() and word not in _NAME_CONNECTORS for word in name.split()):
        return None  # "Net income attributable to ..." is a line of a statement, not a name
    return name


_NAME_CONNECTORS = frozenset({"and", "of", "the", "for", "de", "du", "la", "y", "et", "plc", "inc.", "inc", "ltd.", "llc"})


def _ticker(cover: list[tuple[str, SourceRef]], opening: list[tuple[str, SourceRef]]) -> str | None:
    for i, (text, _) in enumerate(cover):
        if _TRADING_SYMBOL.search(text):  # the table's cells may print on one line or on several
            table = " ".join(below for below, _ in cover[i : i + 8])
            if match := _SYMBOL_BEFORE_EXCHANGE.search(_TRADING_SYMBOL.sub(" ", table)):
                return match.group(1)
    match = _TICKER.search(" ".join(text for text, _ in opening))  # "(NASDAQ:" may end a line
    return match.group(1) if match else None
