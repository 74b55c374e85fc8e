"""The numbers printed inside a caption, with the words that say what each one is.

"Common stock, $0.01 par value; 500,000,000 shares authorized; 120,000,000 and 118,500,000 shares
issued" holds a par value, a number of shares authorized, and two numbers of shares issued, one per
column in printed order. The reader knows only words and numbers: which quantity a cue names comes
from the caller (taxonomy/caption-quantities.csv), which concept and column from the parenthetical
stage (parenthetical.py).

A number's quantity is the cue printed right after it ("500,000 shares authorized"), else right
before it ("authorized: 10,000 shares", "allowance of $1,234"). Numbers joined by "and" or commas
form a list ("$1,234 and $1,100"); dates printed beside a number ("1,796 shares at July 30, 2023",
"2023 - $424", "6/30/23 - 304,751,527") or after a whole list ("... issued at June 30, 2023 and
December 31, 2022") say which columns it is for.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Mapping

from ..periods import DateParts, parse_date_parts


@dataclass(frozen=True)
class CaptionNumber:
    value: Decimal  # as printed, without sign or scale; 0 for "none", "zero", "no shares"
    printed: str
    places: int  # digits printed after the decimal point
    power: int | None  # the number's own scale word: 6 for "2.6 million"; None: the statement's scale
    offset: int  # where it starts in the caption text
    dates: tuple[DateParts, ...] = ()  # the dates printed for it; () when it prints none


@dataclass(frozen=True)
class CaptionQuantity:
    """A number, or a list printed for the columns in order, and the quantities its cue names."""

    quantities: tuple[str, ...]  # ("issued", "outstanding") for "issued and outstanding"; () printed with no cue
    numbers: tuple[CaptionNumber, ...]
    list_dates: tuple[DateParts, ...] = ()  # dates printed after the list, for its numbers in order


@dataclass(frozen=True)
class Caption:
    text: str
    head: str  # the words before the first number: what the line is ("Common stock, ")
    quantities: tuple[CaptionQuantity, ...]


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


@dataclass(frozen=True)
class _Date(_Span):
    parts: tuple[DateParts, ...]  # a list: "June 30, 2023 and December 31, 2022"


@dataclass(frozen=True)
class _Cue(_Span):
    quantities: tuple[str, ...]


@dataclass(frozen=True)
class _Item(_Span):
    """A number with the dates printed right beside it; start and end take those dates in."""

    number: CaptionNumber


_MONTH = "|".join(sorted({m.lower() for m in calendar.month_name[1:]} | {m.lower() for m in calendar.month_abbr[1:]} | {"sept"}, key=len, reverse=True))
_ONE_DATE = (rf"(?:(?:{_MONTH})\.?\s+\d{{1,2}}(?:,\s*|\s+)(?:19|20)\d\d"
             r"|\d{1,2}/\d{1,2}/(?:\d{4}|\d\d)(?!\d)"
             rf"|(?<![\d,.$])(?:19|20)\d\d(?![\d%]|[,.]\d))")
_DATE_LIST = re.compile(rf"(?:{_ONE_DATE})(?:(?:\s*,\s*|\s*,?\s*(?:and|&)\s*)(?:{_ONE_DATE}))*", re.I)
_ONE_DATE_RE = re.compile(_ONE_DATE, re.I)
_NUMBER = re.compile(
    r"(?P<dollar>\$\s*)?\(?\s*(?P<dollar2>\$\s*)?(?P<digits>\d[\d,]*(?:\.\d+)?|\.\d+)\s*\)?"
    r"(?:\s*(?P<word>thousand|million|billion)\b)?"
    r"|(?P<zero>\bnone\b|\bzero\b|\bnil\b|\bno\b(?=\s+(?:[a-z]+\s+){0,2}shares?\b))", re.I)
_POWERS = {"thousand": 3, "million": 6, "billion": 9}
# Numbers that are not amounts: note and item references, footnote marks, percentages, fractions.
_NOT_AMOUNT_BEFORE = re.compile(r"(?:\d/|\bnotes?|\bitems?|\blevel|\bseries|\btier|\bschedule|\bexhibit|\bpage|\bclass)\s*$", re.I)
_NOT_AMOUNT_AFTER = re.compile(r"^\s*(?:%|percent|/\d|-for-)", re.I)
# "(Class A 180,000, Class B 60,000)": a breakdown of the number before it by class, read as text.
_BREAKDOWN = re.compile(r"\((?=[^()]*\bclass\s+[a-z]\b)[^()]*\d[^()]*\)", re.I)
# Words that may stand between a number and its cue: "5,000 million Class A shares authorized".
_FILLER = re.compile(r"\b(?:shares?|stock|units?|common|preferred|ordinary|class\s+[a-z]|series\s+[a-z0-9-]+|voting|non-?voting"
                     r"|respectively|each|per\s+share|of|at|as\s+of|as\s+at|in|on|is|are|was|were|totall?ing|held)\b", re.I)
_RIGHT_GAP = re.compile(r"^[\s\-\u2013\u2014]*$")
_LEFT_GAP = re.compile(r"^[\s:,=\-\u2013\u2014(]*$")
_JOIN_GAP = re.compile(r"^[\s,;()]*(?:(?:and|or|&)[\s,;()]*)?$", re.I)
_CHAIN_GAP = re.compile(r"^\s*(?:and|or|&|/)\s*$", re.I)
_AFTER_DATE_GAP = re.compile(r"^[\s,]*(?:shares?\s+)?(?:held\s+)?(?:at|as\s+of|as\s+at|in|on|for)?\s*$", re.I)
_BEFORE_DATE_GAP = re.compile(r"^\s*[:,=\-\u2013\u2014]+\s*$")
_SEGMENT_BREAK = re.compile(r";|\.\s+(?=[A-Z])")


def read_caption(text: str, cues: Mapping[str, re.Pattern]) -> Caption:
    """The quantities a caption prints; cues maps each quantity to the words that name it."""
    masked = _BREAKDOWN.sub(lambda m: " " * len(m.group()), text)
    dates = [_Date(m.start(), m.end(), _date_parts(m.group())) for m in _DATE_LIST.finditer(masked)]
    masked = _blank(masked, dates)
    numbers = _numbers(masked)
    found_cues = _cues(masked, cues)
    items, loose = _attach_dates(numbers, dates, masked)
    groups = [_spread_dates(group) for group in _groups(items, masked)]
    quantities = []
    for group in groups:
        quantities.append(CaptionQuantity(_cue_of(group, found_cues, masked), tuple(item.number for item in group)))
    quantities = _with_segment_dates(quantities, loose, text)
    head = masked[: numbers[0].offset] if numbers else text
    return Caption(text, head, tuple(quantities))


def _date_parts(text: str) -> tuple[DateParts, ...]:
    """Each date of a printed list; a bare year takes the month and day of the date before it
    ("January 31, 2025 and 2024")."""
    result: list[DateParts] = []
    for match in _ONE_DATE_RE.finditer(text):
        parts = parse_date_parts(match.group())
        if parts.month is None and result:
            parts = DateParts(result[-1].month, result[-1].day, parts.year)
        result.append(parts)
    return tuple(result)


def _blank(text: str, spans) -> str:
    chars = list(text)
    for span in spans:
        chars[span.start:span.end] = " " * (span.end - span.start)
    return "".join(chars)


def _numbers(masked: str) -> list[CaptionNumber]:
    found = []
    for match in _NUMBER.finditer(masked):
        if match.group("zero"):
            found.append(CaptionNumber(Decimal(0), match.group(), 0, 0, match.start()))
            continue
        digits = match.group("digits")
        before, after = masked[: match.start()], masked[match.end():]
        if _NOT_AMOUNT_BEFORE.search(before) or _NOT_AMOUNT_AFTER.match(after) or _footnote(match, before):
            continue
        plain = digits.replace(",", "")
        places = len(plain.split(".")[1]) if "." in plain else 0
        word = match.group("word")
        printed = match.group().rstrip()
        offset = match.start() + len(printed) - len(printed.lstrip())
        found.append(CaptionNumber(Decimal(plain), printed.strip(), places, _POWERS[word.lower()] if word else None, offset))
    return found


def _footnote(match: re.Match, before: str) -> bool:
    """ "(1)" printed against a word: a footnote mark, not an amount."""
    text = match.group().strip()
    return bool(re.fullmatch(r"\(\d\)", text)) and not before[-1:].isspace()


def _cues(masked: str, cues: Mapping[str, re.Pattern]) -> list[_Cue]:
    """Every cue printed, the longest first where two overlap; cues joined by "and" or "or" are one
    ("issued and outstanding")."""
    matches = sorted(((m.start(), -m.end(), name) for name, pattern in cues.items() for m in pattern.finditer(masked)))
    taken: list[_Cue] = []
    for start, negative_end, name in matches:
        if taken and start < taken[-1].end:
            continue
        taken.append(_Cue(start, -negative_end, (name,)))
    chained: list[_Cue] = []
    for cue in taken:
        if chained and _CHAIN_GAP.match(masked[chained[-1].end:cue.start]):
            last = chained[-1]
            chained[-1] = _Cue(last.start, cue.end, last.quantities + tuple(q for q in cue.quantities if q not in last.quantities))
        else:
            chained.append(cue)
    return chained


def _attach_dates(numbers: list[CaptionNumber], dates: list[_Date], masked: str) -> tuple[list[_Item], list[_Date]]:
    """Numbers with the dates printed right beside them, and the dates printed beside none."""
    items = [_Item(n.offset, n.offset + len(n.printed), n) for n in numbers]
    loose = []
    for date in dates:
        after = next((i for i in reversed(range(len(items))) if items[i].end <= date.start), None)
        before = next((i for i in range(len(items)) if items[i].start >= date.end), None)
        if before is not None and _BEFORE_DATE_GAP.match(masked[date.end:items[before].start]) and not items[before].number.dates:
            item = items[before]
            items[before] = _Item(date.start, item.end, _dated(item.number, date))
        elif after is not None and _AFTER_DATE_GAP.match(masked[items[after].end:date.start]) and not items[after].number.dates:
            item = items[after]
            items[after] = _Item(item.start, date.end, _dated(item.number, date))
        else:
            loose.append(date)
    return items, loose


def _dated(number: CaptionNumber, date: _Date) -> CaptionNumber:
    return CaptionNumber(number.value, number.printed, number.places, number.power, number.offset, date.parts)


def _groups(items: list[_Item], masked: str) -> list[list[_Item]]:
    """Numbers printed as one list: "$1,234 and $1,100", "120,000,000 and 118,500,000"; across a
    semicolon only numbers printed each with its date ("2023 - $424; 2022 - $457")."""
    groups: list[list[_Item]] = []
    for item in items:
        if groups and _joins(groups[-1][-1], item, masked):
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def _joins(last: _Item, item: _Item, masked: str) -> bool:
    raw = masked[last.end:item.start]
    gap = _FILLER.sub(" ", raw)
    if not _JOIN_GAP.match(gap) or _is_money(last.number) != _is_money(item.number):
        return False
    if re.search(r"\bshares?\b", raw, re.I) and not re.search(r"\b(?:and|or)\b", raw, re.I):
        return False  # "authorized 32 million shares, none issued": two quantities, not a list
    return ";" not in gap or bool(last.number.dates and item.number.dates)


def _is_money(number: CaptionNumber) -> bool:
    return "$" in number.printed


def _spread_dates(group: list[_Item]) -> list[_Item]:
    """ "$359 and $359 as of July 31, 2023 and April 30, 2023": the last number's dates are the list's,
    one each, when it prints as many as the list has numbers and the others print none."""
    last = group[-1].number
    if len(group) > 1 and len(last.dates) == len(group) and not any(i.number.dates for i in group[:-1]):
        return [_Item(i.start, i.end, _dated(i.number, _Date(0, 0, (d,)))) for i, d in zip(group, last.dates)]
    return group


def _cue_of(group: list[_Item], cues: list[_Cue], masked: str) -> tuple[str, ...]:
    last = group[-1].number
    start, end = group[0].start, last.offset + len(last.printed)
    right = next((c for c in cues if c.start >= end), None)
    left = next((c for c in reversed(cues) if c.end <= start), None)
    left_gap = _FILLER.sub(" ", masked[left.end:start]) if left is not None else None
    glued = right is not None and right.start == end  # "2,000,000,000Issued": the next cell's text
    if glued and ":" in left_gap and _LEFT_GAP.match(left_gap):
        return left.quantities  # "Authorized shares: 2,000,000,000": a label and its value
    if right is not None and _RIGHT_GAP.match(_FILLER.sub(" ", masked[end:right.start])):
        return right.quantities
    if left_gap is not None and _LEFT_GAP.match(left_gap):
        return left.quantities
    return ()  # no cue beside it: a count the caption's subject alone may name ("Treasury stock, 1,500 shares")


def _with_segment_dates(quantities: list[CaptionQuantity], loose: list[_Date], text: str) -> list[CaptionQuantity]:
    """A date list printed beside no number is for the lists of its clause that print no dates
    ("1,247 shares issued and 1,228 shares outstanding at July 1, 2023; ...")."""
    if not loose:
        return quantities
    breaks = [m.start() for m in _SEGMENT_BREAK.finditer(text)]

    def segment(offset: int) -> int:
        return sum(1 for b in breaks if b < offset)

    result = []
    for quantity in quantities:
        first = quantity.numbers[0].offset
        dated = any(n.dates for n in quantity.numbers)
        own = [d for d in loose if segment(d.start) == segment(first)] if not dated else []
        result.append(CaptionQuantity(quantity.quantities, quantity.numbers, own[0].parts) if own else quantity)
    return result
