"""Grids to statements: kind, scale, columns with their periods, and lines with values.

A Statement says what was printed, in full units and with the printed sign: "(499)" in a table
"in thousands" is -499000 here. Which concept a line is, and which sign XBRL wants, is decided
by the mapping stage.
"""
from __future__ import annotations

import enum
import re
from dataclasses import dataclass, replace
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from .coverage import conflicting_period, unconverted_statement
from .diagnostics import Diagnostic, SourceRef, warning
from .face import continues_table, figure_tables_before, find_title, leading_rows, not_face_reason
from .periods import DateParts, Length, Period, all_date_parts, parse_date_parts, parse_length, parse_lengths, quarter_period, same_fiscal_day, start_for
from .tables.grid import Grid, Rejected, Row, RowKind, without_note_marks
from .templates import statement_templates


class StatementKind(enum.Enum):
    BALANCE_SHEET = "balance_sheet"
    INCOME = "income"
    COMPREHENSIVE_INCOME = "comprehensive_income"
    CASH_FLOW = "cash_flow"
    EQUITY = "equity"


class UnitKind(enum.Enum):
    MONEY = "USD"
    SHARES = "shares"
    PER_SHARE = "USD/shares"


@dataclass(frozen=True)
class Value:
    amount: Decimal  # in full units, with the sign as printed
    printed: str
    decimals: int  # XBRL decimals: -3 for a whole number in thousands, 2 for "0.02"
    source: SourceRef
    is_percent: bool = False  # "24.1%": a ratio printed among amounts, not an amount


@dataclass(frozen=True)
class Column:
    index: int
    header: str  # the header texts above the column, joined
    period: Period | None
    is_value: bool = True  # False for "% change" and similar columns, which are not facts
    source: SourceRef | None = None
    note: str = ""  # why a column is not converted
    # a duration whose start is not printed but computed back from its end by calendar months; a
    # 52/53-week year's start is the day after a period end printed elsewhere (fiscal.py)
    start_derived: bool = False


@dataclass(frozen=True)
class LabelPart:
    """A printed row of a label: its text and where it is."""

    text: str
    source: SourceRef


@dataclass(frozen=True)
class StatementLine:
    label: str  # as printed, wrapped parts joined
    sections: tuple[str, ...]  # enclosing section headers, outermost first
    indent: int
    values: tuple[Value | None, ...]  # one per column
    unit: UnitKind
    is_total: bool
    source: SourceRef
    parts: tuple[LabelPart, ...] = ()  # the rows the label was joined from, in order
    # the label-only rows printed between the line before and this one (section headers, and lines
    # of text under a caption such as "Shares outstanding - June 30, 2023: 551,992,430"), each as its rows
    preceding: tuple[tuple[LabelPart, ...], ...] = ()
    # "opening" or "closing" for a balance among flows named by a date ("Cash at January 1"), from
    # the columns' periods; lines naming "beginning of period" are opening by their wording
    balance: str = ""
    supplemental: bool = False  # printed below a cash flow statement's closing cash balance ("Interest paid")
    rejected: tuple[Rejected, ...] = ()  # what the row prints in its value columns that is no value, and why

    @property
    def is_opening_balance(self) -> bool:
        """ "Cash and cash equivalents, beginning of period": a balance at the start of the column's period."""
        return self.balance == "opening" or bool(_OPENING.search(self.full_label))

    @property
    def full_label(self) -> str:
        """The label with the header it hangs under, for lines like "Basic and diluted"."""
        if self.sections and (_is_generic_label(self.label) or _BALANCE_POINT.match(self.label)):
            return f"{self.sections[-1].rstrip(':')}, {self.label[0].lower()}{self.label[1:]}"
        return self.label


@dataclass(frozen=True)
class Statement:
    kind: StatementKind
    title: str
    columns: tuple[Column, ...]
    lines: tuple[StatementLine, ...]
    scale: int  # power of ten of money amounts: 3 for "in thousands"
    share_scale: int
    source: SourceRef
    diagnostics: tuple[Diagnostic, ...] = ()
    heading: tuple[str, ...] = ()  # the lines printed above the table: company, title, period, scale
    # lines printed but left out, with why (a subtotal carried forward, the statement printed again):
    # their values are report entries, not facts (assembly.py)
    set_aside: tuple[tuple[StatementLine, str], ...] = ()


# "(in millions)", "(millions, except per share amounts)", "millions of dollars", "($000)".
_SCALES = (
    (re.compile(r"in\s+billions|\$\s*billions|\(\s*billions\b|\bbillions\s+of\s+(?:u\.?s\.?\s+)?dollars", re.I), 9),
    (re.compile(r"in\s+millions|\$\s*millions|\(\s*millions\b|\bmillions\s+of\s+(?:u\.?s\.?\s+)?dollars|000,000['’]?s?\s+omitted", re.I), 6),
    (re.compile(r"in\s+thousands|\$\s*thousands|\(\s*thousands\b|\bthousands\s+of\s+(?:u\.?s\.?\s+)?dollars|000['’]?s\s+omitted|"
                r"\(\$?\s*000['’]?s?\)|in\s+000['’]?s|\$000['’]?s", re.I), 3),
)
_SHARES_UNSCALED = re.compile(r"except\s+(?:for\s+)?(?:number\s+of\s+)?shares?(?!\s*amounts?\s+per)|except\s+(?:per\s+share\s+and\s+)?share\s+(?:data|amounts|information|counts)", re.I)
_PER_SHARE = re.compile(r"per\s+(?:common\s+|basic\s+|diluted\s+|weighted\s+average\s+)?(?:(?:and\s+)?common\s+equivalent\s+|and\s+common\s+)?(?:share|unit)|"
                        r"\beps\b|earnings\s+\(loss\)\s+per|income\s+\(loss\)\s+per", re.I)
_SHARES = re.compile(r"\bshares\b|weighted\s+average\s+(?:number|common|basic|diluted)|\bunits\s+outstanding", re.I)
_SHARE_COUNT = re.compile(r"shares\s+used|(?:weighted\s+)?average\s+(?:number\s+of\s+)?(?:common\s+)?shares|number\s+of\s+(?:common\s+)?shares|shares\s+outstanding", re.I)
_NON_VALUE_HEADER = re.compile(r"%|percent|\bchange\b|increase|decrease|variance|\bvar\b", re.I)
_TOTAL_LABEL = re.compile(r"^total\b", re.I)
# A row ending in a word that needs what follows ("Cash generated by", "Proceeds from", "net of").
_CONTINUES = re.compile(r"(?:\b(?:and|or|of|for|to|in|into|from|on|by|with|at|as|the|net|before|after|under)|,|;|-|&|/)$", re.I)
_OPENING = re.compile(r"\bbeginning\s+balances?\b|beginning\s+of\s+(?:the\s+)?(?:period|year|quarter|month)|at\s+beginning|,\s*beginning\b|opening\s+balance|balance,?\s+beginning", re.I)
# "Beginning" and "Ending" under a "Cash and cash equivalents" header.
_BALANCE_POINT = re.compile(r"^\s*(?:beginning|ending|end)(?:\s+of\s+(?:the\s+)?(?:period|year|quarter|month))?(?:\s+balance)?\s*$", re.I)
_GENERIC = re.compile(r"^[-\u2013\u2014]?\s*(?:basic|diluted|basic and diluted|assuming dilution|primary|fully diluted)\b", re.I)


# a header that is only such a word ("Primary:", "Fully diluted")
_BARE_GENERIC = re.compile(r"^[-\u2013\u2014]?\s*(?:basic|diluted|basic and diluted|assuming dilution|primary|fully diluted)\s*:?\s*$", re.I)


def _is_generic_label(label: str) -> bool:
    return bool(_GENERIC.match(label))


_NOT_GAAP = re.compile(r"pro\s*-?\s*forma|non-?\s*gaap|as\s+adjusted|reconciliation|unaudited\s+supplemental", re.I)


def build_statements(grids: tuple[Grid, ...], unprinted_scale: int = 0) -> tuple[Statement, ...]:
    """The face statements among a document's grids, in document order.

    A table titled as a statement wins over tables recognized only by their line labels (MD&A
    summaries); pro forma and non-GAAP tables are not statements, nor are tables that as a whole
    are something else (face.not_face_reason: contents, summaries, quarterly data, consolidating
    schedules).
    """
    found, rejected = [], None  # rejected: the table before, when it is no statement
    before = figure_tables_before(grids)
    for index, grid in enumerate(grids):
        kind, title = classify(grid)
        if kind is None:
            rejected = grid if title else None  # "SELECTED QUARTERLY FINANCIAL DATA"
            continue
        if rejected is not None and continues_table(rejected, grid, title):
            rejected = grid
            continue  # the next page or the next section ("BALANCE SHEET DATA") of a table that is no statement
        if _NOT_GAAP.search(" ".join([title] + [line.text for line in grid.context[-3:]])) or not_face_reason(grid, kind.value):
            rejected = grid
            continue
        rejected = None
        found.append((grid, kind, title, index))
    titled = {kind for _, kind, title, _ in found if title}
    if StatementKind.COMPREHENSIVE_INCOME in titled:
        titled.add(StatementKind.INCOME)  # "STATEMENT OF EARNINGS AND COMPREHENSIVE INCOME" is the income statement
    kept, previous = [], None
    for grid, kind, title, index in found:
        # An untitled table right after a statement of its kind, with as many columns, continues it
        # (a page break); printed without headers, it has the columns and notes of the table it continues.
        # Right after: no table of figures between (a summary in the discussion pages is not the next page).
        follows = (previous is not None and kind is previous[1] and grid.column_count == previous[0].column_count
                   and before[index] == before[previous[2] + 1])
        if title or kind not in titled or follows:
            if not title and follows and not grid.header:
                grid = replace(grid, header=previous[0].header, context=previous[0].context + grid.context)
            continues = previous and kind is previous[1] and (not title or is_continuation_title(title))
            scale = kept[-1].scale if continues and kept else unprinted_scale  # "(Continued)" prints no scale note
            kept.append(build_statement(grid, kind, title, scale))
            previous = (grid, kind, index)
    return tuple(kept)



def is_continuation_title(title: str) -> bool:
    return bool(re.search(r"continued|cont['’]?d", title, re.I))


def classify(grid: Grid) -> tuple[StatementKind | None, str]:
    """The statement kind, from the nearest heading above the table or else from its line labels.

    A nearest heading that names another kind of table ("SELECTED QUARTERLY FINANCIAL DATA") makes
    it no statement, whatever its lines. Recognized by its lines alone, a table also prints the line
    its template requires: an income statement its expenses or taxes beside its net income (not an
    earnings-per-share note).
    """
    kind, title, other = find_title(grid)
    if kind is not None:
        return StatementKind(kind), title
    if other:
        return None, title
    labels = _data_labels(grid)
    if len(labels) >= 4 and not any(_NOT_GAAP.search(label) for label in labels):  # "Net income on a non-GAAP basis"
        for template in statement_templates():
            if any(p.search(label) for p in template.labels for label in labels) and \
                    (template.requires is None or any(template.requires.search(label) for label in labels)):
                return StatementKind(template.kind), ""
    return None, ""


def _data_labels(grid: Grid) -> list[str]:
    """The labels of the lines of figures, a label wrapped over the rows above its figures joined
    ("Total liabilities and" / "shareholders' equity   $189,632"), blank rows between them or not."""
    labels, pending = [], []
    for row in grid.rows:
        if row.kind is RowKind.TEXT and row.label:
            pending.append(row.label)
        elif row.kind is RowKind.DATA:
            labels.append(" ".join(pending[-1:] + [row.label]) if pending and row.label[:1].islower() else row.label)
            pending = []
        elif row.kind is RowKind.RULE:
            pending = []  # blank rows do not part a label from its figures: some documents are double spaced
    return labels


def build_statement(grid: Grid, kind: StatementKind, title: str, unprinted_scale: int = 0) -> Statement:
    """A statement from its grid; unprinted_scale is the scale of money amounts when no note says it."""
    diagnostics: list[Diagnostic] = list(grid.diagnostics)
    context_text = " ".join(line.text for line in grid.context)
    # The note may be printed among the header lines or under them ("(In millions except share data)"
    # below the rule under the years): the header block is read as a unit.
    note = " ".join([context_text] + [cell.text for row in grid.header for cell in row] + [row.label for row in leading_rows(grid)])
    scale = parse_scale(note)
    share_scale = _share_scale(note, scale)
    if not scale and not has_scale_note(note) and unprinted_scale:
        scale = unprinted_scale  # share counts stay as printed
        diagnostics.append(warning("XC303", f"no scale note printed: amounts read as 10^{scale} from the figures in the text", grid.source))
    columns = _columns(grid, kind, _own_heading(grid, title), diagnostics)
    lines = _lines(grid, columns, scale, share_scale, diagnostics, kind)
    columns = _repeated_periods(columns, lines, diagnostics)
    checked = _share_scale_by_eps(lines, share_scale, columns)
    if checked != share_scale:
        diagnostics.append(warning("XC304", f"share counts read as 10^{checked}, not 10^{share_scale}: so earnings per share equals net income per share", grid.source))
        share_scale = checked
        lines = _lines(grid, columns, scale, share_scale, [], kind)
    if kind is not StatementKind.BALANCE_SHEET:
        lines = _balances(lines, columns, kind)
    heading = tuple(line.text for line in grid.context)
    diagnostics.extend(unconverted_statement(title or kind.value, columns, lines, grid.source))
    return Statement(kind, title, columns, lines, scale, share_scale, grid.source, tuple(diagnostics), heading)


_DOLLARS_NOTE = re.compile(r"in\s+(?:whole\s+|actual\s+)?dollars|\(dollars\)", re.I)


def has_scale_note(text: str) -> bool:
    return bool(parse_scale(text) or _DOLLARS_NOTE.search(text))


_SHARES_SCALED = re.compile(r"shares?\b(?:\s+\w+){0,4}?\s+(?:are\s+|is\s+)?(?:reflected|presented|stated|shown|expressed|reported)?\s*in\s+(thousands|millions)", re.I)


def _share_scale(note: str, scale: int) -> int:
    """Share counts follow the money scale unless the note says otherwise: "except share data"
    leaves them whole, "share amounts which are reflected in thousands" gives them their own scale."""
    explicit = _SHARES_SCALED.search(note)
    if explicit:
        return 3 if explicit.group(1).lower() == "thousands" else 6
    return 0 if _SHARES_UNSCALED.search(note) else scale


def _share_scale_by_eps(lines: tuple[StatementLine, ...], share_scale: int, columns: tuple[Column, ...] = ()) -> int:
    """The share-count scale at which basic earnings per share is net income over the weighted shares.

    Notes like "in 000s, except per share data" above share counts printed whole are common; the
    statement's own arithmetic tells. Keeps the printed reading when nothing can be checked.
    """
    income = next((l for l in lines if l.unit is UnitKind.MONEY and re.match(r"net\s+(?:income|earnings|loss)", l.label, re.I)), None)
    eps = next((l for l in lines if l.unit is UnitKind.PER_SHARE and not re.search(r"dilut", l.full_label, re.I)), None)
    shares = next((l for l in lines if l.unit is UnitKind.SHARES and not re.search(r"dilut", l.full_label, re.I)), None)
    if not (income and eps and shares):
        return share_scale
    value_columns = [c.is_value for c in columns] or [True] * len(income.values)  # not "% change" columns
    triples = [(i.amount, e.amount, s.amount.scaleb(-share_scale)) for i, e, s, kept in zip(income.values, eps.values, shares.values, value_columns)
               if kept and i and e and s and e.amount and s.amount and not (i.is_percent or e.is_percent or s.is_percent)]
    if not triples:
        return share_scale

    def fits(power: int) -> bool:
        return all(abs(i / n.scaleb(power) - e) <= max(Decimal("0.015"), abs(e) * Decimal("0.03")) for i, e, n in triples)

    if fits(share_scale):
        return share_scale
    return next((p for p in (0, 3, 6) if fits(p)), share_scale)


def parse_scale(text: str) -> int:
    for pattern, power in _SCALES:
        if pattern.search(text):
            return power
    return 0


_YEARS = re.compile(r"(?<![\d,.$])(?:19|20)\d\d(?![\d,])")


def _years_in_turn(texts: list[str]) -> list[str]:
    """Header texts to date columns by: one heading naming as many years as the columns it spans
    ("June 30, 2004 and 2003" over two columns) gives each column its year in turn."""
    result = list(texts)
    i = 0
    while i < len(texts):
        j = i
        while j + 1 < len(texts) and texts[j + 1] == texts[i]:
            j += 1
        years = list(dict.fromkeys(_YEARS.findall(texts[i])))
        if j > i and len(years) == j - i + 1:
            bare = _YEARS.sub(" ", texts[i])
            for k in range(i, j + 1):
                result[k] = f"{bare} {years[k - i]}"
        i = j + 1
    return result


def _own_heading(grid: Grid, title: str) -> str:
    """The lines that date a statement's columns: its title and what is printed under it (period,
    units, text beside the headers), not a report or signature date printed above the title."""
    texts = [line.text for line in grid.context]
    first = next((i for i in range(len(texts) - 1, -1, -1) if texts[i] and texts[i] in title), None) if title else None
    if first is not None and first > 0 and texts[first - 1] and texts[first - 1] in title:
        first -= 1  # a title printed over two lines
    return " ".join(texts[first or 0 :])


def _columns(grid: Grid, kind: StatementKind, context_text: str, diagnostics: list[Diagnostic]) -> tuple[Column, ...]:
    headers = [grid.column_headers(i) for i in range(grid.column_count)]
    texts = [" ".join(cell.text for cell in cells) for cells in headers]
    context_dates = all_date_parts(context_text)
    # a change column ("One Year Change") lends no length to its neighbours
    lengths = _column_lengths(["" if _NON_VALUE_HEADER.search(t) else t for t in texts], parse_lengths(context_text))
    dating = _years_in_turn(texts)
    columns = []
    for i, text in enumerate(texts):
        source = headers[i][0].source if headers[i] else grid.source
        if _NON_VALUE_HEADER.search(text) or _all_percent(grid, i):
            columns.append(Column(i, text, None, False, source))
            continue
        if _NOTES_HEADER.fullmatch(text.strip()):
            columns.append(Column(i, text, None, False, source, f"column {i + 1} ({text!r}) holds note references, not amounts"))
            continue
        period = _column_period(dating[i], kind, context_dates, lengths[i])
        if kind is not StatementKind.BALANCE_SHEET and period is not None and parse_length(text) is None:
            period = _heading_range(context_text, text, period) or period
        if period is None:
            diagnostics.append(warning("XC301", f"no period found for column {i + 1} (header {text!r})", source))
        derived = _start_derived(dating[i], period, lengths[i])
        columns.append(Column(i, text, period, True, source, start_derived=derived))
    return tuple(columns)


def _start_derived(text: str, period: Period | None, length: Length | None) -> bool:
    """Whether a column's start was computed from its end by calendar months, not printed (a range,
    a bank's "4Q21") nor counted in weeks."""
    if period is None or period.is_instant or length is None or not length.months:
        return False
    if _explicit_range(text) is not None or quarter_period(text) is not None:
        return False
    return period.start == start_for(period.end, length)


def redated(statement: "Statement", columns: tuple[Column, ...]) -> "Statement":
    """A statement with its columns' periods changed, its balances among flows named by a date
    ("Cash at December 25, 2021") read again against them."""
    lines = statement.lines if statement.kind is StatementKind.BALANCE_SHEET else _balances(statement.lines, columns, statement.kind)
    return replace(statement, columns=columns, lines=lines)


_NOTES_HEADER = re.compile(r"notes?|note\s+ref(?:erences?|s?\.)?", re.I)
_CONSOLIDATED = re.compile(r"consolidated|\btotal\b|combined", re.I)


def _repeated_periods(columns: tuple[Column, ...], lines: tuple[StatementLine, ...], diagnostics: list[Diagnostic]) -> tuple[Column, ...]:
    """Columns that repeat a period: with the same figures they are one column printed twice (a
    stub period under both "Three Months" and "Nine Months"), and the first is kept; with other
    figures they are sectors or segments (Automotive, Financial Services), and only a consolidated
    or total column among them is reported. With none such, the period's values are all set aside:
    warning XC121 (headers that do not date the columns, a restatement beside the figures as reported)."""
    by_period: dict[Period, list[Column]] = {}
    for column in columns:
        if column.is_value and column.period is not None:
            by_period.setdefault(column.period, []).append(column)
    result = list(columns)
    for period, group in by_period.items():
        if len(group) < 2:
            continue
        if _same_figures(group, lines):
            for column in group[1:]:
                note = f"column {column.index + 1} ({column.header!r}) repeats column {group[0].index + 1}"
                result[column.index] = replace(column, is_value=False, note=note)
            continue
        keep = [c for c in group if _CONSOLIDATED.search(c.header)][:1]
        if not keep:
            diagnostics.append(conflicting_period(period, group))
        for column in group:
            if column not in keep:
                note = f"column {column.index + 1} ({column.header!r}) repeats the period {period} of other columns: a sector or segment, not a consolidated amount"
                result[column.index] = replace(column, is_value=False, note=note)
    return tuple(result)


def _same_figures(group: list[Column], lines: tuple[StatementLine, ...]) -> bool:
    for line in lines:
        amounts = {line.values[c.index].amount for c in group if line.values[c.index] is not None}
        if len(amounts) > 1:
            return False
    return True


def _column_lengths(texts: list[str], context_lengths: list[Length]) -> list[Length | None]:
    """Each column's period length: from its header, else from its neighbours or the title.

    A spanning header printed off-centre ("Six Months Ended" over two columns) may miss a column:
    it has the one length the others show, or its left neighbour's.
    """
    own = [parse_length(text) for text in texts]
    if not any(own):
        return [_length_from_context(i, len(texts), context_lengths) for i in range(len(texts))]
    distinct = set(own) - {None}
    following = [None] * len(own)  # the nearest length to the right of each column
    for i in range(len(own) - 2, -1, -1):
        following[i] = own[i + 1] if own[i + 1] else following[i + 1]
    result = []
    preceding = None  # the nearest length to the left
    for i, length in enumerate(own):
        if length is None:
            length = next(iter(distinct)) if len(distinct) == 1 else (preceding if preceding else following[i])
        result.append(length)
        preceding = own[i] if own[i] else preceding
    return result


def _all_percent(grid: Grid, column: int) -> bool:
    cells = [row.cells[column] for row in grid.rows if row.kind is RowKind.DATA and row.cells[column] is not None]
    return bool(cells) and all(cell.text.endswith("%") for cell in cells)


def _column_period(text: str, kind: StatementKind, context_dates, length: Length | None) -> Period | None:
    explicit = _explicit_range(text)
    if explicit is not None and kind is not StatementKind.BALANCE_SHEET:
        return explicit
    quarter = quarter_period(text)
    if quarter is not None and kind is not StatementKind.BALANCE_SHEET:
        return quarter
    parts = parse_date_parts(text)
    if quarter is not None and parts.month is None:
        return Period(quarter.end)
    if parts.month is None or parts.day is None:
        # "September 30, 2008 and 2007" above columns headed "2008" and "2007": the same day each year.
        same_year = [c for c in context_dates if parts.year is None or c.year in (None, parts.year)]
        for candidate in same_year or context_dates[:1]:
            known = candidate.to_date()
            if parts.year and known and parts.year != known.year:
                day = same_fiscal_day(known, parts.year)  # "Three years ended September 25, 2010" over "2009"
                parts = DateParts(day.month, day.day, day.year)
            else:
                parts = parts.merged(replace(candidate, year=parts.year or candidate.year))
            break
    end = parts.to_date()
    if end is None:
        return None
    if kind is StatementKind.BALANCE_SHEET:
        return Period(end)
    if length is None:
        return None
    return Period(end, start_for(end, length))


_RANGE_WORDS = re.compile(r"\b(?:to|through|thru|inception)\b|-", re.I)


_RANGE = re.compile(r"\b(?:from\s+)?(?P<start>[A-Za-z]{3,9}\.?\s+\d{1,2}(?:,\s*\d{4})?)\s*(?:\(.*?\)\s*)?(?:to|through|thru|-|\u2013)\s*(?P<end>[A-Za-z]{3,9}\.?\s+\d{1,2}(?:,\s*\d{4})?)", re.I)


def _explicit_range(text: str) -> Period | None:
    """A period printed with both ends: "March 28, 2005 (Date of Inception) to September 30, 2008",
    or "July 1 to July 21" under a column of 2023 (a predecessor's stub period)."""
    match = _RANGE.search(text)
    if match is None:
        return None
    start, end = parse_date_parts(match.group("start")), parse_date_parts(match.group("end"))
    year = end.year or start.year or parse_date_parts(text).year
    if None in (start.month, start.day, end.month, end.day) or year is None:
        return None
    end_date = replace(end, year=end.year or year).to_date()
    start_year = start.year or (year - 1 if (start.month, start.day) > (end.month, end.day) else year)
    start_date = replace(start, year=start_year).to_date()
    if start_date and end_date and start_date < end_date:
        return Period(end_date, start_date)
    return None


def _heading_range(heading: str, header: str, period: Period) -> Period | None:
    """A range printed in the statement's heading ("YEAR ENDED JUNE 30, 2001 AND PERIOD FROM AUGUST 9,
    1999 (INCEPTION) TO JUNE 30, 2000") for the column ending where it ends: one headed by its year
    when the rest of the heading names no period ending that year, else one headed by no year
    ("Cumulative")."""
    for match in _RANGE.finditer(heading):
        found = _explicit_range(match.group(0) + " " + heading[match.end() : match.end() + 6])
        if found is None or found.end != period.end:
            continue
        rest = heading[: match.start()] + " " + heading[match.end() :]
        if parse_date_parts(header).year is None or str(period.end.year) not in rest:
            return found
    return None


def _length_from_context(index: int, count: int, lengths: list[Length]) -> Length | None:
    """ "For the three and six months ended ...": the columns split evenly among the lengths named."""
    if not lengths:
        return None
    if len(lengths) == 1 or count % len(lengths):
        return lengths[0]
    return lengths[index * len(lengths) // count]


def _lines(grid: Grid, columns, scale: int, share_scale: int, diagnostics: list[Diagnostic], kind: StatementKind) -> tuple[StatementLine, ...]:
    lines: list[StatementLine] = []
    sections: list[tuple[int, str]] = []  # (indent, text) of open section headers
    pending: list[int] = []  # positions of label rows waiting for the rest of a wrapped label
    texts: list[tuple[LabelPart, ...]] = []  # label-only rows since the last line
    rows = list(grid.rows)
    for pos, row in enumerate(rows):
        if row.kind in (RowKind.BLANK, RowKind.RULE):
            continue
        if row.kind is RowKind.TEXT and not pending and lines and _ends_label_above(rows, pos, lines[-1]):
            previous = lines[-1]
            lines[-1] = replace(previous, label=f"{previous.label} {row.label}", parts=previous.parts + (LabelPart(row.label, row.source),))
            continue
        if row.kind is RowKind.TEXT and (_continues(row, _next_content_row(rows, pos)) or _labels_number_below(rows, pos)):
            pending.append(pos)
            continue
        first = rows[pending[0]] if pending else row
        first_pos = pending[0] if pending else pos
        label = " ".join(rows[p].label for p in pending + [pos] if rows[p].label)
        parts = tuple(LabelPart(rows[p].label, rows[p].source) for p in pending + [pos])
        pending = []
        indent = first.indent
        if not label and row.kind is RowKind.DATA:
            label = _unlabeled_total(sections, grid, lines)
            indent = sections[-1][0] if sections else 0  # its "indent" is where its numbers start
        elif row.kind is RowKind.DATA and lines:
            label = _with_dashed_stem(label, lines[-1].label)
        while sections and _closes(sections[-1], indent, label, row.kind is RowKind.DATA, _looks_per_share(row, columns)):
            sections.pop()
        if row.kind is RowKind.TEXT:
            sections.append((indent, label))
            texts.append(parts)
            continue
        section_texts = tuple(text for _, text in sections)
        unit = _unit_of(label, section_texts, kind)
        if unit is UnitKind.MONEY and scale and _looks_per_share(row, columns):
            unit = UnitKind.PER_SHARE
        elif unit is UnitKind.MONEY and _DILUTION.search(label) and kind in _SHARE_RECONCILING and not _looks_per_share(row, columns):
            unit = UnitKind.SHARES  # "Effect of dilutive securities" between basic and diluted shares
        values = tuple(
            _value(cell, unit, scale, share_scale, label, section_texts, diagnostics) if cell else None
            for cell in row.cells
        )
        is_total = bool(_TOTAL_LABEL.match(label)) or _rule_above(rows, first_pos)
        lines.append(StatementLine(label, section_texts, indent, values, unit, is_total, first.source, parts, tuple(texts),
                                   rejected=row.rejected))
        texts = []
        if is_total and sections and sections[-1][1].endswith(":") and indent >= sections[-1][0]:
            sections.pop()  # a total ends the "Costs and expenses:" block it sums
    return tuple(lines)


_DATED = re.compile(r"(?:\bat|\bas\s+of|,)\s+(?P<date>[A-Za-z]{3,9}\.?\s+\d{1,2}(?:,?\s*(?:19|20)\d\d)?)\s*$", re.I)
_CLOSING = re.compile(r"\bend\s+of\s+(?:the\s+)?(?:period|year|quarter|month)|\bat\s+end\b|,\s*end(?:ing)?\b|ending\s+balance|balance,?\s+end", re.I)
_CASH = re.compile(r"\bcash\b", re.I)
_ACTIVITY = re.compile(r"\b(?:operating|investing|financing)\s+activities\b", re.I)


def _balances(lines: tuple[StatementLine, ...], columns: tuple[Column, ...], kind: StatementKind) -> tuple[StatementLine, ...]:
    """Balances among flows named by a date, and the disclosures printed below a closing cash balance.

    "Cash and restricted cash at January 1" is the opening balance of columns starting on January 1
    (or the day after it), "... at June 30" the closing one of columns ending then. Lines below the
    last closing balance of cash ("Interest paid", a reconciliation of restricted cash) are not flows
    of any activity.
    """
    periods = [c.period for c in columns if c.is_value and c.period is not None and not c.period.is_instant]
    result = list(lines)
    for i, line in enumerate(lines):
        match = _DATED.search(line.label)
        if match is None or not periods:
            continue
        parts = parse_date_parts(match.group("date"))
        if parts.month is None or parts.day is None:
            continue
        result[i] = replace(line, balance=_balance_side(parts, periods))
    if kind is StatementKind.CASH_FLOW:
        closing = [i for i, line in enumerate(result) if _CASH.search(" ".join(line.sections[-1:] + (line.label,)))
                   and (line.balance == "closing" or (not line.is_opening_balance and _CLOSING.search(line.full_label)))]
        below = result[closing[-1] + 1 :] if closing else []
        # a reconciliation of net income to operating cash printed below is a part of the flows
        if below and not any(_ACTIVITY.search(" ".join(line.sections + (line.label,))) for line in below):
            result[closing[-1] + 1 :] = [replace(line, supplemental=True) for line in below]
    return tuple(result)


def _balance_side(parts: DateParts, periods: list[Period]) -> str:
    """Whether a date printed in a balance's label is its columns' start (or the day before) or their end.

    Without a year, "December 31" in calendar-year columns is their end, "January 1" their start."""
    def same(day, when) -> bool:
        return (day.month, day.day) == (when.month, when.day) and (parts.year is None or parts.year == day.year)

    starts = sum(same(p.start, parts) for p in periods)
    before = sum(same(p.start - timedelta(days=1), parts) for p in periods)
    ends = sum(same(p.end, parts) for p in periods)
    if starts or (before and (parts.year is not None or not ends)):
        return "opening"
    return "closing" if ends else ""


def _closes(section: tuple[int, str], indent: int, label: str, is_data: bool, per_share_values: bool = False) -> bool:
    """Whether a line at this indent ends an open section.

    Lines indented deeper stay inside. At the header's own indent, a "Total ..." line stays inside,
    and so does every line under a header ending in a colon, until a total closes it. Under a header
    naming a unit and printed at the indent of its lines ("Earnings Per Common Share" / "Basic",
    "Average shares (in millions)" / "Diluted") the lines of that unit stay: generic ones, and
    under a per-share header the lines printed with cents, or under a share count its share lines.
    """
    header_indent, header = section
    if indent > header_indent:
        return False
    if indent < header_indent:
        return True
    if is_data and not header.endswith(":") and _names_unit(header) and not _names_unit(label):
        if _is_generic_label(label):
            return False
        if _PER_SHARE.search(header):
            return not per_share_values
        return not _SHARE_LINE.search(label)
    if is_data and _TOTAL_LABEL.match(label):
        return False
    return not (header.endswith(":") and is_data)


def _names_unit(text: str) -> bool:
    """A per-share amount or a share count named by a label or header (not a stock's par value)."""
    return bool((_PER_SHARE.search(text) or _SHARE_COUNT.search(text)) and not _MONEY_WORDING.search(text))


_SHARE_LINE = re.compile(r"\boutstanding\b|dilut|equivalents?\b|\boptions\b|\bwarrants\b", re.I)


_DASHED = re.compile(r"^[-\u2013\u2014]\s*(?P<tail>\S.*)$")
_DASHED_TAIL = re.compile(r"^(?P<stem>.*\S)\s+[-\u2013\u2014]\s*(?P<tail>\S.*)$")


def _with_dashed_stem(label: str, above: str) -> str:
    """ "- Diluted" under "Net income per share - Basic": the stem of the line above, with its own tail."""
    own, stem = _DASHED.match(label), _DASHED_TAIL.match(above)
    if own is None or stem is None or not (_is_generic_label(own.group("tail")) and _is_generic_label(stem.group("tail"))):
        return label
    return f"{' '.join(stem.group('stem').split())} - {own.group('tail')}"


def _labels_number_below(rows: list[Row], pos: int) -> bool:
    """A label printed alone with its numbers alone on the next line ("Total assets" / "  1,000  900")."""
    row = rows[pos]
    if row.label.endswith(":"):
        return False
    for following in rows[pos + 1 :]:
        if following.kind is RowKind.BLANK:
            continue
        return following.kind is RowKind.DATA and not following.label
    return False


def _ends_label_above(rows: list[Row], pos: int, line: StatementLine) -> bool:
    """A label-only row right under a line of numbers that finishes its label ("Minority interest in
    net earnings   151" / "   of consolidated affiliates"): lower case or a parenthesis, printed at or
    beyond the line's indent, not itself wrapping on to the next row."""
    row, above = rows[pos], rows[pos - 1] if pos else None
    if above is None or not above.label or not line.parts or line.parts[-1].source != above.source:
        return False  # the row just above is the last row of the line
    if row.indent < line.indent or row.label.endswith(":") or not (row.label[:1].islower() or re.match(r"\(\s*[a-z]", row.label)):
        return False
    following = _next_content_row(rows, pos)
    return not _continues(row, following) or bool(re.search(r",\s*net$", row.label))  # "(expense), net" ends a label


def _unlabeled_total(sections: list[tuple[int, str]], grid: Grid, lines: list[StatementLine]) -> str:
    """A line of numbers with no label is the net of the line before a "Less ..." line, or the total
    of the section it closes."""
    if len(lines) >= 2 and re.match(r"\s*less\b", lines[-1].label, re.I):
        return f"{lines[-2].label.rstrip(':')}, net"
    if sections:
        return f"Total {sections[-1][1].rstrip(':').strip()}"
    for line in reversed(grid.context):
        if re.fullmatch(r"assets|liabilities\s+and\s+(?:stockholders|shareholders|members|partners)['’]?\s+(?:equity|capital|deficit)", line.text.strip(), re.I):
            return f"Total {line.text.strip().lower()}"
    return "Total"


def _next_content_row(rows: list[Row], pos: int) -> Row | None:
    for row in rows[pos + 1 :]:
        if row.kind in (RowKind.TEXT, RowKind.DATA):
            return row
    return None


def _continues(row: Row, following: Row | None) -> bool:
    """Whether a label-only row wraps on to the next row rather than heading a section."""
    if following is None or row.label.endswith(":"):
        return False
    if following.label[:1].islower() or re.match(r"\(\s*[a-z]", following.label) or _CONTINUES.search(row.label):
        return True
    return False


def _rule_above(rows: list[Row], pos: int) -> bool:
    for previous in reversed(rows[:pos]):
        if previous.kind is RowKind.BLANK:
            continue
        return previous.kind is RowKind.RULE
    return False


_DILUTION = re.compile(r"^\s*(?:(?:the\s+)?(?:net\s+)?(?:effect|impact)\s+of\s+(?:potentially\s+)?dilut|dilutive\s+(?:effect|securities|stock|options|potential|shares|common))|"
                       r"common\s+stock\s+equivalents", re.I)
_SHARE_RECONCILING = (StatementKind.INCOME, StatementKind.COMPREHENSIVE_INCOME)
_MONEY_WORDING = re.compile(r"par\s+value|stated\s+value|at\s+cost|\bissued\b.*\boutstanding\b|\bauthorized\b", re.I)


def _unit_of(label: str, sections: tuple[str, ...], kind: StatementKind | None = None) -> UnitKind:
    """Money, a share count or a per-share amount, from the line's wording and the header above it.

    Stock lines that mention their shares or par value ("Common stock, $.01 par value; 30,000,000
    shares authorized", "Treasury stock, 64,677 shares at cost") are money; so is every balance
    sheet line that does not start by naming a share count, and every cash flow line that names
    shares without counting them ("Purchase of shares for treasury").
    """
    immediate = sections[-1] if sections else ""
    # under "Per share:" / "Primary:" the unit is the per-share header's
    nearest = next((text for text in reversed(sections) if not _BARE_GENERIC.match(text)), "")
    if _MONEY_WORDING.search(label) and not re.match(r"\s*(?:number\s+of\s+)?shares\b|weighted", label, re.I):
        return UnitKind.MONEY
    if _SHARE_COUNT.search(nearest) and not _PER_SHARE.search(label):
        return UnitKind.SHARES  # every line under "Weighted average shares outstanding:"
    if kind is StatementKind.BALANCE_SHEET and not re.match(r"\s*(?:number\s+of\s+)?(?:common\s+)?shares\b", label, re.I):
        return UnitKind.MONEY
    for text in (label, nearest if _is_generic_label(label) or not label or _BARE_GENERIC.match(immediate) else ""):
        if _SHARE_COUNT.search(text):
            return UnitKind.SHARES
        if _PER_SHARE.search(text):
            return UnitKind.PER_SHARE
        # a statement of cash flows prints money: "Purchase of shares for treasury" is what they cost
        if (_SHARES.search(text) and kind is not StatementKind.CASH_FLOW
                and not re.search(r"\$|amount|value|proceeds|repurchase|issuance|dividend", text, re.I)):
            return UnitKind.SHARES
    return UnitKind.MONEY


def _looks_per_share(row: Row, columns=None) -> bool:
    """In a table of thousands or millions, a line printed with cents ("$ (3.02)", "$.84", ".245") is per share.

    Percentages in change columns ("5%") say nothing either way."""
    cells = [c for i, c in enumerate(row.cells) if c is not None and (columns is None or i >= len(columns) or columns[i].is_value)]
    texts = [c.text.replace("$", "").replace(" ", "").strip("()-") for c in cells if "%" not in c.text]
    amounts = [t for t in texts if any(ch.isdigit() for ch in t)]
    return bool(amounts) and all(re.fullmatch(r"\d{1,3}\.\d\d|0?\.\d{2,3}", t) for t in amounts)


def _value(cell, unit: UnitKind, scale: int, share_scale: int, label: str, sections, diagnostics) -> Value | None:
    printed = cell.text
    text = without_note_marks(printed.replace("$", "").replace(" ", "")).rstrip("*")
    is_percent = "%" in text
    text = text.replace("%", "")
    negative = text.startswith("(") or text.startswith("-") and len(text) > 1 and text[1:2].isdigit()
    digits = text.strip("()-+").replace(",", "")
    if not digits or not any(c.isdigit() for c in digits):
        digits = "0"  # a dash prints a zero
    try:
        amount = Decimal(digits)
    except InvalidOperation:
        diagnostics.append(warning("XC302", f"not a number: {printed!r}", cell.source))
        return None
    power = 0 if is_percent else _line_scale(unit, scale, share_scale, label, sections)
    places = -amount.as_tuple().exponent if "." in digits else 0
    amount = amount.scaleb(power)
    if negative:
        amount = -amount
    return Value(amount, printed, places - power, cell.source, is_percent)


def _line_scale(unit: UnitKind, scale: int, share_scale: int, label: str, sections) -> int:
    if unit is UnitKind.PER_SHARE:
        return 0
    own = parse_scale(" ".join((label,) + tuple(sections[-1:])))
    if unit is UnitKind.SHARES:
        return own or share_scale
    return own or scale
