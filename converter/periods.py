"""Column headers to periods: "Three Months Ended / June 30, / 2007" becomes 2007-04-01/2007-06-30.

A column's header text gives an end date (month, day, year, in any of the printed forms) and,
for flows, a length (3/6/9/12 months, 13/26/39/52/53 weeks, quarter, year). What a column does
not print itself is taken from the lines above the table ("For the three and six months ended
June 30, 2007 and 2006").
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable


@dataclass(frozen=True, order=True)
class Period:
    """An instant (start is None) or a duration from start to end, both dates inclusive as XBRL has them."""

    end: date
    start: date | None = None

    @property
    def is_instant(self) -> bool:
        return self.start is None

    @property
    def months(self) -> int:
        """Length of a duration in whole months, rounded (a 13-week quarter is 3)."""
        if self.start is None:
            return 0
        return round(((self.end - self.start).days + 1) / 30.44)

    def __str__(self) -> str:
        return self.end.isoformat() if self.start is None else f"{self.start.isoformat()}/{self.end.isoformat()}"


@dataclass(frozen=True)
class Length:
    months: int = 0
    weeks: int = 0


_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH_RE = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_MONTH_DAY = re.compile(_MONTH_RE + r"\s*(?P<day>\d{1,2})\b,?", re.IGNORECASE)
# "Dec 31,2007", "September24, 1993": a day printed against its month or its year.
_GLUED = re.compile(_MONTH_RE.replace("?P<month>", "?:") + r"\s*\d{1,2},(?=(?:19|20)\d\d\b)", re.IGNORECASE)
# "30 September 2018", the day printed first (filings of companies with European habits).
_DAY_MONTH = re.compile(r"\b(?P<day>\d{1,2})\s+" + _MONTH_RE + r"(?=[\s,]|$)", re.IGNORECASE)
_MONTH_ONLY = re.compile(r"\b" + _MONTH_RE + r"(?=[\s,]|$)", re.IGNORECASE)
_YEAR = re.compile(r"(?<![\d,.$])(?P<year>(?:19|20)\d\d)(?![\d,])")
_YEAR_AFTER_DAY = re.compile(r"(?P<year>(?:19|20)\d\d)(?!\d)")  # "September 27, 1996, and ...": a comma may follow
_SHORT_YEAR = re.compile(r"(?:,|')\s*(?P<year>\d\d)\b")
_NUMERIC_DATE = re.compile(r"\b(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{2}|\d{4})\b")
_WORD_NUMBERS = {
    "one": 1, "three": 3, "six": 6, "nine": 9, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "twenty-six": 26, "twenty six": 26, "thirty-nine": 39, "thirty nine": 39, "fifty-two": 52,
    "fifty two": 52, "fifty-three": 53, "fifty three": 53, "twenty-seven": 27, "forty": 40,
}
_COUNT = r"(?P<n>\d{1,2}|" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True)) + r")"
_MONTHS_LEN = re.compile(_COUNT + r"[\s-]+months?", re.IGNORECASE)
_WEEKS_LEN = re.compile(_COUNT + r"[\s-]+weeks?", re.IGNORECASE)
_QUARTER = re.compile(r"\bquarters?\b|\bqtr\b|\b(?:first|second|third|fourth|[1-4](?:st|nd|rd|th))\s+quarter", re.IGNORECASE)
_YEAR_LEN = re.compile(r"\b(?:fiscal\s+)?years?\b|\bannual\b|\btwelve\b|\bfull[\s-]year\b", re.IGNORECASE)
_YEAR_TO_DATE = re.compile(r"year[\s-]+to[\s-]+date|\bytd\b", re.IGNORECASE)


def parse_length(text: str) -> Length | None:
    """The length of the periods a header text speaks of, or None."""
    match = _WEEKS_LEN.search(text)
    if match:
        return Length(weeks=_count(match.group("n")))
    match = _MONTHS_LEN.search(text)
    if match:
        return Length(months=_count(match.group("n")))
    if _QUARTER.search(text):
        return Length(months=3)
    if _YEAR_LEN.search(text) and not _YEAR_TO_DATE.search(text):
        return Length(months=12)
    return None


def parse_lengths(text: str) -> list[Length]:
    """Every period length a sentence names, in order: "three and six months ended" gives 3 and 6."""
    lengths = []
    for match in re.finditer(_COUNT + r"(?=(?:\s+and\s+\w+|,\s*\w+)*[\s-]+(?P<unit>months?|weeks?))", text, re.IGNORECASE):
        n = _count(match.group("n"))
        lengths.append(Length(weeks=n) if match.group("unit").lower().startswith("week") else Length(months=n))
    if not lengths and _YEAR_LEN.search(text):
        lengths.append(Length(months=12))
    return lengths


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _WORD_NUMBERS[word.lower()]


@dataclass(frozen=True)
class DateParts:
    month: int | None = None
    day: int | None = None
    year: int | None = None

    def merged(self, other: "DateParts") -> "DateParts":
        """Fill what this lacks from other."""
        return DateParts(self.month or other.month, self.day or other.day, self.year or other.year)

    def to_date(self) -> date | None:
        if not (self.month and self.year):
            return None
        last = calendar.monthrange(self.year, self.month)[1]
        day = self.day or last
        if day > last:
            return None
        return date(self.year, self.month, day)


def parse_date_parts(text: str) -> DateParts:
    """Month, day and year printed in a header text; the last one printed wins."""
    text = _unglue(text)
    numeric = list(_NUMERIC_DATE.finditer(text))
    if numeric:
        m = numeric[-1]
        year = int(m.group("y"))
        return DateParts(int(m.group("m")), int(m.group("d")), year + (1900 if year >= 50 else 2000) if year < 100 else year)
    month = day = year = None
    month_days = list(_MONTH_DAY.finditer(text)) or _day_months(text)
    if month_days:
        month, day = _MONTHS[month_days[-1].group("month").lower()], int(month_days[-1].group("day"))
    else:
        months = list(_MONTH_ONLY.finditer(text))
        if months:
            month = _MONTHS[months[-1].group("month").lower()]
    years = list(_YEAR.finditer(text))
    if years:
        year = int(years[-1].group("year"))
    elif month_days:
        short = _SHORT_YEAR.search(text, month_days[-1].end() - 1)
        if short:
            year = 2000 + int(short.group("year")) if int(short.group("year")) < 50 else 1900 + int(short.group("year"))
    if day is not None and not 1 <= day <= 31:
        day = None
    return DateParts(month, day, year)


def _day_months(text: str) -> list[re.Match]:
    """ "30 September": the day first, the month capitalised (so "10 may" in prose is no date)."""
    return [m for m in _DAY_MONTH.finditer(text) if m.group("month")[0].isupper() and 1 <= int(m.group("day")) <= 31]


def _unglue(text: str) -> str:
    return _GLUED.sub(lambda m: m.group(0) + " ", text)


def all_date_parts(text: str) -> list[DateParts]:
    """Every "Month day, year" (or "Month day") a sentence names, in order."""
    text = _unglue(text)
    found = []
    matches = list(_MONTH_DAY.finditer(text))
    taken = [range(m.start(), m.end()) for m in matches]
    matches += [m for m in _day_months(text) if not any(m.start() in r or m.end() - 1 in r for r in taken)]
    for match in sorted(matches, key=lambda m: m.start()):
        year = _YEAR_AFTER_DAY.match(text, match.end() + (1 if text[match.end():match.end() + 1] == " " else 0))
        found.append(DateParts(_MONTHS[match.group("month").lower()], int(match.group("day")), int(year.group("year")) if year else None))
    return found


def start_for(end: date, length: Length) -> date:
    """The first day of a period of the given length ending on end (inclusive)."""
    if length.weeks:
        return end - timedelta(weeks=length.weeks) + timedelta(days=1)
    last_of_month = calendar.monthrange(end.year, end.month)[1]
    if end.day == last_of_month:
        month_index = end.year * 12 + end.month - length.months  # months after which the period starts
        return date(month_index // 12, month_index % 12 + 1, 1)
    return _add_months(end, -length.months) + timedelta(days=1)


# How far a 52/53-week period's first day may lie from the one calendar months give: a quarter end
# drifts up to six days about its month end, and a 53rd week adds seven. Period ends printed in one
# document lie a quarter (thirteen weeks) apart, so the nearest one within this is the right one.
FISCAL_SLACK_DAYS = 14


def fiscal_start(derived: date, ends: Iterable[date], balances: Iterable[date] = (), slack_days: int = FISCAL_SLACK_DAYS) -> date:
    """The first day of a period whose start was computed by calendar months (start_for), given
    the days a document prints elsewhere as period ends (balance sheet dates, other columns' ends)
    and as balances (" Balance as of December 25, 2021", which may be a period's end or its start).

    A period begins the day after the one before it ended: the day after the printed day nearest
    the computed start within slack_days (a 52/53-week year), or the computed start when none is
    near, when the day before it is printed (a calendar company's year-end), or when it is itself
    printed as a balance and never as an end ("Balance at January 1").
    """
    ends = set(ends)
    days = ends | set(balances)
    if derived - timedelta(days=1) in days or (derived in days and derived not in ends):
        return derived
    near = [day + timedelta(days=1) for day in days if abs((day + timedelta(days=1) - derived).days) <= slack_days]
    return min(near, key=lambda start: (abs((start - derived).days), start)) if near else derived


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def fact_period(column: Period, period_type: str, opening: bool = False) -> Period:
    """The period of a fact in a column: an instant concept in a duration column is a balance at
    its end, or, for an opening balance ("cash at beginning of period"), the day before it starts."""
    if period_type != "instant" or column.is_instant:
        return column
    if opening:
        return Period(column.start - timedelta(days=1))
    return Period(column.end)


def same_fiscal_day(known: date, year: int) -> date:
    """The year-end in another year of a company whose year ended on known.

    A year ending on the last day of a month ends there every year. Otherwise it is a 52/53-week
    year ending on one weekday: the last one of its month (Apple, the last Saturday of September),
    or, when known falls in a month's first week, the one nearest the end of the month before
    (Dell, the Friday nearest January 31).
    """
    last = calendar.monthrange(known.year, known.month)[1]
    if known.day == last or year == known.year:
        return date(year, known.month, min(known.day, calendar.monthrange(year, known.month)[1]))
    weekday = known.weekday()
    if known.day <= 7:
        month_end = date(year, known.month, 1) - timedelta(days=1)
        offset = (weekday - month_end.weekday() + 3) % 7 - 3  # nearest such weekday, either side
        return month_end + timedelta(days=offset)
    month_last = date(year, known.month, calendar.monthrange(year, known.month)[1])
    return month_last - timedelta(days=(month_last.weekday() - weekday) % 7)


_QUARTER_HEADER = re.compile(r"\b(?:(?P<a>[1-4])Q|Q(?P<b>[1-4]))\s*'?(?P<year>(?:19|20)?\d\d)\b", re.I)


def quarter_period(text: str) -> Period | None:
    """ "4Q21", "Q4 2021": a calendar quarter (banks' supplements print their columns so)."""
    match = _QUARTER_HEADER.search(text)
    if match is None:
        return None
    quarter = int(match.group("a") or match.group("b"))
    year = int(match.group("year"))
    year += 2000 if year < 50 else 1900 if year < 100 else 0
    end_month = quarter * 3
    end = date(year, end_month, calendar.monthrange(year, end_month)[1])
    return Period(end, date(year, end_month - 2, 1))
