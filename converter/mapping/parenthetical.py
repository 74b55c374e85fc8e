"""Parenthetical facts: the numbers a balance sheet prints inside its captions.

"Common stock, $0.01 par value; 500,000,000 shares authorized; 120,000,000 and 118,500,000 shares
issued" gives CommonStockParOrStatedValuePerShare 0.01 and CommonStockSharesAuthorized 500000000 at
every column's date, and CommonStockSharesIssued 120000000 at the first and 118500000 at the second.
captions.py reads the numbers and their cues; taxonomy/caption-quantities.csv says which concept
each quantity is for the line's subject (common, preferred or treasury stock, receivables, ...).
Lines of text printed under a caption ("Shares outstanding - June 30, 2023: 551,992,430") are read
as captions of the line above them.

Money amounts are in the statement's scale, share counts in its share scale, unless the number
prints its own ("2.6 billion shares"); a count printed with every digit ("944,033,056 shares", in a
statement "in millions") is read as printed. Par values are never scaled.
"""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from decimal import Decimal

from ..diagnostics import Diagnostic, SourceRef, info
from ..periods import DateParts, Period
from ..resources import taxonomy_dir
from ..statements import Column, LabelPart, Statement, StatementKind, StatementLine, UnitKind
from .captions import Caption, CaptionNumber, CaptionQuantity, read_caption

_UNITS = {"per_share": UnitKind.PER_SHARE, "shares": UnitKind.SHARES, "money": UnitKind.MONEY}
INF = "INF"
BARE = "bare"  # the quantity of a number printed with no cue: taxonomy/caption-quantities.csv names it for some subjects


@dataclass(frozen=True)
class CaptionConcept:
    """A row of taxonomy/caption-quantities.csv."""

    quantity: str
    subject: re.Pattern
    concept: str  # a us-gaap name; "" for a quantity recognized but without a US GAAP concept
    unit: UnitKind


@dataclass(frozen=True)
class CaptionTable:
    cues: dict[str, re.Pattern]  # quantity -> the words that name it
    concepts: tuple[CaptionConcept, ...]

    def concept_for(self, quantity: str, subjects: tuple[str, ...]) -> CaptionConcept | None:
        rows = [row for row in self.concepts if row.quantity == quantity]
        for text in subjects:
            for row in rows:
                if row.subject.search(text):
                    return row
        return None


@dataclass(frozen=True)
class ParentheticalFact:
    concept: str  # us-gaap local name
    period: Period  # the instant of the column
    value: Decimal
    unit: UnitKind
    decimals: int | str  # "INF" for a count or par value printed with every digit
    source: SourceRef  # where the number is printed
    label: str  # the caption it is printed in
    is_member: bool = False  # the caption is of one class or series ("Preferred Series A; 200,000 shares authorized")


@functools.lru_cache(maxsize=1)
def load_caption_table(path: str | None = None) -> CaptionTable:
    cues: dict[str, re.Pattern] = {}
    concepts: list[CaptionConcept] = []
    with open(path or taxonomy_dir() / "caption-quantities.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            quantity = row["quantity"].strip()
            if row["cue"].strip():
                cues[quantity] = re.compile(row["cue"].strip(), re.I)
            concepts.append(CaptionConcept(quantity, re.compile(row["subject"].strip(), re.I), row["concept"].strip(), _UNITS[row["unit"].strip()]))
    return CaptionTable(cues, tuple(concepts))


def parenthetical_facts(statements: tuple[Statement, ...], table: CaptionTable | None = None) -> tuple[tuple[ParentheticalFact, ...], list[Diagnostic]]:
    """The facts printed inside the captions of every balance sheet; a concept given two values for
    one date (two classes of common stock, each with its own count) is left out, with a note."""
    table = table or load_caption_table()
    diagnostics: list[Diagnostic] = []
    found: list[ParentheticalFact] = []
    weighted = _weighted_shares(statements)
    for statement in statements:
        if statement.kind is StatementKind.BALANCE_SHEET:
            found.extend(_statement_facts(statement, table, weighted, diagnostics))
    return _consistent(found, diagnostics), diagnostics


@dataclass(frozen=True)
class _Printed:
    """A caption as the statement prints it: its numbers, its rows, what it may be about."""

    caption: Caption
    parts: tuple[LabelPart, ...]
    subjects: tuple[str, ...]  # the caption's head, then the texts its subject may be inherited from
    line: StatementLine | None  # None for a row of text printed under a caption


def _statement_facts(statement: Statement, table: CaptionTable, weighted: Decimal | None, diagnostics: list[Diagnostic]) -> list[ParentheticalFact]:
    columns = tuple(c for c in statement.columns if c.is_value and c.period is not None and c.period.is_instant)
    if not columns:
        return []
    printed = [p for p in _captions(statement, table) if p.caption.quantities]
    powers = [_share_power(p, statement.share_scale, weighted) for p in printed]
    # the captions of a statement print their counts alike: one that shows its scale shows the others'
    shown = next((power for power in powers if power is not None), None)
    facts: list[ParentheticalFact] = []
    for item, power in zip(printed, powers):
        facts.extend(_caption_facts(item, statement, columns, table, diagnostics, shown if power is None else power))
    return facts


def _captions(statement: Statement, table: CaptionTable):
    previous = ""  # the head of the caption above: what a line of text printed under it is about
    for line in statement.lines:
        for note in line.preceding:
            caption = read_caption(" ".join(p.text for p in note), table.cues)
            yield _Printed(caption, note, (caption.head, previous), None)
        caption = read_caption(line.label, table.cues)
        yield _Printed(caption, line.parts or (LabelPart(line.label, line.source),), (caption.head,) + tuple(reversed(line.sections)), line)
        previous = caption.head


_MEMBER = re.compile(r"\b(?:series|class)\s+[a-z0-9]{1,3}\b", re.I)


def _caption_facts(item: _Printed, statement, columns, table, diagnostics, share_power: int | None) -> list[ParentheticalFact]:
    """A caption's facts; where it prints a concept twice for a date ("50,000,000 shares authorized;
    including Series A ..., 10,000,000 authorized") the first is the caption's own."""
    caption, parts = item.caption, item.parts
    facts: list[ParentheticalFact] = []
    member = bool(_MEMBER.search(caption.head))
    for quantity in caption.quantities:
        for name in quantity.quantities or (BARE,):
            row = table.concept_for(name, item.subjects)
            if row is None or not row.concept:
                continue
            for number, column in _per_column(quantity, columns, caption, parts, diagnostics):
                if name == BARE and "$" in number.printed:
                    continue  # an amount with no cue is not a share count
                if any(f.concept == row.concept and f.period == column.period for f in facts):
                    continue
                value, decimals = _scaled(number, row.unit, statement, share_power)
                facts.append(ParentheticalFact(row.concept, column.period, value, row.unit, decimals,
                                               _source(parts, number.offset), caption.text, member))
    return facts


def _per_column(quantity: CaptionQuantity, columns: tuple[Column, ...], caption: Caption, parts, diagnostics) -> list[tuple[CaptionNumber, Column]]:
    """Which column each number is for: by the dates printed with it, else in printed order
    ("X and Y"), else one number for every column."""
    numbers = quantity.numbers
    if any(n.dates for n in numbers):
        return _by_dates(numbers, columns)
    if quantity.list_dates:
        if len(numbers) == 1:
            return [(numbers[0], c) for c in _columns_at(quantity.list_dates, columns)]
        if len(numbers) == len(quantity.list_dates):
            return [(n, c) for n, d in zip(numbers, quantity.list_dates) for c in _columns_at((d,), columns)]
    if len(numbers) == 1:
        return [(numbers[0], c) for c in columns]
    if len(numbers) == len(columns):
        return list(zip(numbers, columns))
    diagnostics.append(info("XC411", f"{len(numbers)} values for {len(columns)} columns in caption {caption.text!r}: not converted",
                            _source(parts, numbers[0].offset)))
    return []


def _by_dates(numbers: tuple[CaptionNumber, ...], columns: tuple[Column, ...]) -> list[tuple[CaptionNumber, Column]]:
    pairs = [(n, c) for n in numbers if n.dates for c in _columns_at(n.dates, columns)]
    undated = [n for n in numbers if not n.dates]
    left = [c for c in columns if all(c is not taken for _, taken in pairs)]
    if len(undated) == 1 and len(left) == 1:  # "$95,781 ($93,386 as of December 31, 2022)"
        pairs.append((undated[0], left[0]))
    return pairs


def _columns_at(dates: tuple[DateParts, ...], columns: tuple[Column, ...]) -> list[Column]:
    """The columns of the dates printed: the same day, else the only column of that year."""
    result = []
    for parts in dates:
        day = parts.to_date() if parts.day else None
        same_day = [c for c in columns if day is not None and c.period.end == day]
        same_year = [c for c in columns if c.period.end.year == parts.year]
        for column in same_day or (same_year if len(same_year) == 1 else []):
            if column not in result:
                result.append(column)
    return result


def _scaled(number: CaptionNumber, unit: UnitKind, statement: Statement, share_power: int | None) -> tuple[Decimal, int | str]:
    if unit is UnitKind.PER_SHARE or number.value == 0:
        return number.value, INF
    if number.power is not None:
        power = number.power
    elif unit is UnitKind.SHARES and _printed_in_full(number, statement.share_scale):
        power = 0
    elif unit is UnitKind.SHARES:
        power = statement.share_scale if share_power is None else share_power
    else:
        power = statement.scale
    value = number.value.scaleb(power)
    if unit is UnitKind.SHARES and power == 0 and number.places == 0:
        return value, INF
    return value, number.places - power


def _printed_in_full(number: CaptionNumber, share_scale: int) -> bool:
    """ "944,033,056 shares issued" under "in millions": read in the share scale it would be over
    10^12 shares, which no company has."""
    return share_scale > 0 and number.value.scaleb(share_scale) > Decimal(10) ** 12


def _share_power(item: _Printed, share_scale: int, weighted: Decimal | None) -> int | None:
    """The scale of a caption's share counts, when the document shows it: the line's amount is the par
    value times the shares issued ("Common stock, $0.01 par value; 45,123,456 shares issued" on a line
    of 451 in thousands is in full), or the shares issued or outstanding are of the size of the
    weighted average shares of the statement of operations. None when neither tells."""
    if share_scale == 0:
        return None
    caption = item.caption
    counts = [n.value for q in caption.quantities if {"issued", "outstanding"} & set(q.quantities) for n in q.numbers if n.power is None and n.value]
    if not counts:
        return None
    par = next((q.numbers[0].value for q in caption.quantities if "par" in q.quantities and q.numbers[0].value), None)
    amounts = [abs(v.amount) for v in item.line.values if v is not None and v.amount] if item.line is not None else []
    by_par = [power for power in (0, share_scale)
              if par is not None and any(_close(par * count.scaleb(power), amount) for count in counts for amount in amounts)]
    if len(by_par) == 1:
        return by_par[0]
    by_weighted = [power for power in (0, share_scale)
                   if weighted is not None and Decimal("0.25") <= max(counts).scaleb(power) / weighted <= 4]
    return by_weighted[0] if len(by_weighted) == 1 else None


def _weighted_shares(statements: tuple[Statement, ...]) -> Decimal | None:
    """The largest weighted average number of shares the statements of operations print, in full."""
    counts = [abs(v.amount) for s in statements if s.kind in (StatementKind.INCOME, StatementKind.COMPREHENSIVE_INCOME)
              for line in s.lines if line.unit is UnitKind.SHARES for v in line.values if v is not None and v.amount]
    return max(counts) if counts else None


def _close(product: Decimal, amount: Decimal) -> bool:
    return abs(product - amount) <= max(amount * Decimal("0.02"), Decimal(1))


def _source(parts: tuple[LabelPart, ...], offset: int) -> SourceRef:
    """Where the number at offset of the joined label is printed: the row it is on, and the label's
    column plus its offset in the row's text (in HTML, where the cell holds markup, approximate)."""
    start = 0
    for part in parts:
        end = start + len(part.text)
        if offset < end or part is parts[-1]:
            column = part.source.column + (offset - start) if part.source.column else 0
            return part.source.at(column=column)
        start = end + 1
    return parts[0].source


def _consistent(facts: list[ParentheticalFact], diagnostics: list[Diagnostic]) -> tuple[ParentheticalFact, ...]:
    by_key: dict[tuple[str, Period], list[ParentheticalFact]] = {}
    for fact in facts:
        by_key.setdefault((fact.concept, fact.period), []).append(fact)
    result = []
    for (concept, period), group in by_key.items():
        whole = [f for f in group if not f.is_member]  # the class as a whole, over its series or classes
        for candidates in (whole, group):
            if candidates and len({f.value for f in candidates}) == 1:
                result.append(candidates[0])
                break
        else:
            values = ", ".join(str(f.value) for f in group)
            diagnostics.append(info("XC412", f"{concept} at {period} is printed with different values ({values}), in captions of"
                                    f" different classes or series: not converted", group[0].source))
    return tuple(result)
