"""The cover page's count of common shares outstanding (dei:EntityCommonStockSharesOutstanding).

A 10-K or 10-Q cover states it in one sentence, worded many ways:
  "As of <date>, there were N shares of the registrant's common stock outstanding."
  "At <date> there were N shares outstanding of the Registrant's $.10 par value Common Stock."
  "As of <date>, N shares of common stock, $0.0001 par value were outstanding."
  "N shares of Common Stock Issued and Outstanding as of <date>"
  "The number of shares outstanding of the registrant's Common Stock as of <date> was N shares."
  "Number of shares of common stock outstanding as of <date>" with N on the next line, or after a colon
  or the class's par value (a table of classes with one row).
The cover's lines are joined (a text filing wraps its sentences) and read a sentence at a time: one
that says "outstanding", names shares and a date, and counts exactly one class of common stock. A
sentence counting two classes ("N shares of Common Stock and M shares of Class B Stock") gives
nothing: each class would need its own fact on the class-of-stock axis. Preferred stock, units and
what a parenthesis excludes ("(excluding N shares held by subsidiaries)") are not counted.
"""
from __future__ import annotations

import re
from datetime import date

from .diagnostics import SourceRef
from .source import SharesOutstanding

_MONTHS = {m: n for n, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"), ("october", "oct"), ("november", "nov"),
    ("december", "dec")), start=1) for m in names}
_DATE = re.compile(r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?\s+(\d{1,2}),?\s+((?:19|20)\d\d)\b", re.I)
_COUNT = re.compile(r"(?<![\d$.,])\d{1,3}(?:,\d{3})+(?![\d,]*\.\d)(?!\s*%)")
# the words after a count up to "shares", and the class they count ("of the Registrant's Common Stock")
_SHARES_AFTER = re.compile(r"\s+(?:[A-Za-z$.\d'\u2019]+\s+){0,3}?shares?\b(?P<kind>(?:(?!\d{1,3},\d{3}).){0,80})", re.I | re.S)
# between the date and the count of a table-like cover: a colon, a verb, the class's par value
_AFTER_DATE = re.compile(r"^\s*(?:[:\-]|was|were|is|are)?\s*(?:\$\s?[\d.]+\s+par\s+value(?:\s+per\s+share)?\s*)?$", re.I)
_SENTENCE_END = re.compile(r"(?<=[a-z)\d][.;])\s+(?=[A-Z(\d])")
_ABBREVIATION = re.compile(r"\b(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|no|inc|corp|co)\.$", re.I)
_NOT_COMMON = re.compile(r"\b(?:preferred|units?|warrants?|debentures?|notes|options)\b", re.I)
_PARENTHESIS = re.compile(r"\([^()]*\)")


def shares_outstanding(lines: list[tuple[str, SourceRef]]) -> SharesOutstanding | None:
    """The one common-stock count the cover lines state with its date, or None."""
    text, starts = _joined(lines)
    for sentence, offset in _sentences(text):
        found = _read_sentence(sentence)
        if found is not None:
            count, day, at = found
            return SharesOutstanding(count, day, _source(lines, starts, offset + at))
    return None


def _joined(lines: list[tuple[str, SourceRef]]) -> tuple[str, list[int]]:
    starts, parts, offset = [], [], 0
    for text, _ in lines:
        starts.append(offset)
        parts.append(text)
        offset += len(text) + 1
    return " ".join(parts), starts


def _sentences(text: str):
    offset = 0
    for match in _SENTENCE_END.finditer(text):
        if _ABBREVIATION.search(text, 0, match.start()):
            continue
        yield text[offset:match.start()], offset
        offset = match.end()
    yield text[offset:], offset


def _read_sentence(sentence: str) -> tuple[int, date, int] | None:
    if not re.search(r"\boutstanding\b", sentence, re.I) or not re.search(r"\bshares?\b", sentence, re.I):
        return None
    # what a parenthesis says is excluded or explained, not the count itself (kept in place: offsets stay)
    plain = _PARENTHESIS.sub(lambda m: " " * len(m.group(0)), sentence)
    dates = [m for m in _DATE.finditer(plain) if _date(m) is not None]
    if not dates:
        return None
    counts = [m for m in _COUNT.finditer(plain) if not any(d.start() <= m.start() < d.end() for d in dates)]
    common = []
    for match in counts:
        after = _SHARES_AFTER.match(plain, match.end())
        if after and not _NOT_COMMON.search(after.group("kind").split(" and ")[0]):
            common.append(match)
        elif after is None and _NOT_COMMON.search(plain[match.end():match.end() + 40]):
            return None  # "N Series C Membership Units": not shares of common stock
    if not common:  # "... outstanding as of <date>: N", or N on the line after the date
        common = [m for m in counts if any(_AFTER_DATE.match(plain[d.end():m.start()]) for d in dates if d.end() <= m.start())]
    if len(common) != 1:
        return None
    count = common[0]
    nearest = min(dates, key=lambda d: min(abs(d.start() - count.end()), abs(count.start() - d.end())))
    return int(count.group(0).replace(",", "")), _date(nearest), count.start()


def _date(match: re.Match) -> date | None:
    try:
        return date(int(match.group(3)), _MONTHS[match.group(1).lower()], int(match.group(2)))
    except ValueError:
        return None


def _source(lines: list[tuple[str, SourceRef]], starts: list[int], at: int) -> SourceRef:
    index = max(i for i, start in enumerate(starts) if start <= at)
    return lines[index][1]
