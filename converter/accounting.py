"""The converter's own accounting checks: do the converted figures hold together?

accounting_checks(mapped) reads the mapped statements (the lines, their concepts, signs and
calculation relations the XBRL model is built from) and returns one Check per thing checked:
  balance      assets = liabilities + equity, per balance-sheet column
  totals       every printed total equals its items (the calculation relations the instance carries;
               for a total the arithmetic found no items for, the run of lines above it that adds up
               in the most periods, so that a typo in one period is named at its cell)
  net income   net income agrees between the income statement and the statement of cash flows
  cash         cash at the end = cash at the beginning + the net change (+ the exchange-rate effect)
  eps basic, eps diluted
               earnings per share x weighted average shares = income available to common
               stockholders (net income when that is not printed), within the printed rounding
  same value   a concept and period printed more than once has one value
A check whose lines are not printed is "not applicable" (one Check saying why). A failure says
whether the document's own figures do not add up (cause "document": a typo in the filing) or only
the converted ones do (cause "conversion": a sign or a concept the converter chose).

Values are the facts' values (the printed amount times the line's sign); concepts are those the
lines would have had before conflicts.py moved a clashing line to an extension concept.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator

from .diagnostics import SourceRef
from .periods import fact_period
from .statements import StatementKind, UnitKind, Value

OK, FAILS, NOT_APPLICABLE = "ok", "fails", "not applicable"
DOCUMENT, CONVERSION = "document", "conversion"

# name -> what the check states, in the order checks are reported
CHECKS = {
    "balance": "A = L + E",
    "totals": "totals = items",
    "net income": "net income IS = CF",
    "cash": "cash end = begin + change",
    "eps basic": "EPS x shares (basic)",
    "eps diluted": "EPS x shares (diluted)",
    "same value": "same concept, same value",
}

_COUNTED = {"totals": "printed totals", "same value": "values printed twice"}  # what the summary counts; else periods
_KIND_NAMES = {StatementKind.BALANCE_SHEET: "balance sheet", StatementKind.INCOME: "income statement",
               StatementKind.COMPREHENSIVE_INCOME: "comprehensive income", StatementKind.CASH_FLOW: "cash flows",
               StatementKind.EQUITY: "equity"}
NET_INCOME = ("NetIncomeLoss", "ProfitLoss")
CASH_CHANGE = re.compile(r"PeriodIncreaseDecrease")
EXCHANGE_EFFECT = re.compile(r"^EffectOfExchangeRate")
TOTAL_ASSETS = re.compile(r"^\s*total\s+assets\b", re.I)
TOTAL_LIABILITIES_AND_EQUITY = re.compile(r"^\s*total\s+liabilities\s+and\b", re.I)
_TOTAL_CAPTION = re.compile(r"^\s*(?:total|net)\b", re.I)
_ROOTS = frozenset({"Assets", "LiabilitiesAndStockholdersEquity"})  # grand totals: never an item of another
MAX_RUN = 60  # the open lines above a total its items are looked for among


@dataclass(frozen=True)
class Check:
    name: str  # a key of CHECKS
    statement: str  # "balance sheet", "income statement + cash flows", ...
    result: str  # OK | FAILS | NOT_APPLICABLE
    period: str = ""
    expected: Decimal | None = None
    found: Decimal | None = None
    source: SourceRef | None = None  # the printed number checked: the one that does not foot when the check fails
    other: SourceRef | None = None  # the number it is checked against, where that is one cell
    detail: str = ""
    cause: str = ""  # for a failure: DOCUMENT (the printed figures themselves disagree) or CONVERSION

    @property
    def difference(self) -> Decimal | None:
        return None if self.expected is None or self.found is None else self.found - self.expected

    def as_json(self) -> dict:
        return {"check": self.name, "states": CHECKS[self.name], "statement": self.statement, "period": self.period,
                "result": self.result, "expected": _number(self.expected), "found": _number(self.found),
                "difference": _number(self.difference), "source": _text(self.source), "compared_with": _text(self.other),
                "cause": self.cause, "detail": self.detail}


@dataclass(frozen=True)
class _Cell:
    """One printed number of a statement line in a dated amount column: what its fact would be."""

    statement: int
    line: int
    column: int
    concept: str  # local name of the line's (original) first concept
    is_standard: bool
    period: str
    amount: Decimal  # the fact's value
    value: Value
    moved: bool = False  # the line became an extension concept: conflicts.py found its value printed otherwise

    @property
    def printed(self) -> Decimal:
        return self.value.amount


class _Facts:
    """The cells of all statements, by statement and line and by (concept, period)."""

    def __init__(self, mapped: tuple) -> None:
        self.mapped = mapped
        self.lines: list[list[dict[int, _Cell]]] = []
        self.by_key: dict[tuple[str, str], list[_Cell]] = defaultdict(list)
        for s, statement in enumerate(mapped):
            original = {c.extension: c.concept for c in statement.conflicts}
            rows = []
            for i, line in enumerate(statement.lines):
                row = {}
                for column, value in zip(statement.statement.columns, line.line.values):
                    if value is None or column.period is None or not column.is_value or value.is_percent:
                        continue
                    concept = line.concepts[0]
                    qname = original.get(concept.qname, concept.qname)
                    period = fact_period(column.period, concept.period_type, line.line.is_opening_balance)
                    cell = _Cell(s, i, column.index, qname.split(":")[-1], qname.startswith("us-gaap:"), str(period),
                                 value.amount * line.sign, value, qname != concept.qname)
                    row[column.index] = cell
                    self.by_key[(qname, str(period))].append(cell)
                rows.append(row)
            self.lines.append(rows)

    def kind(self, statement: int) -> StatementKind:
        return self.mapped[statement].statement.kind

    def label(self, cell: _Cell) -> str:
        return self.mapped[cell.statement].lines[cell.line].line.full_label

    def line_of(self, statement: int, names: tuple[str, ...], label: re.Pattern | None = None) -> int | None:
        """The first line of a statement with one of the concepts, else the first whose label matches."""
        lines = self.mapped[statement].lines
        for moved in (False, True):
            for i, row in enumerate(self.lines[statement]):
                cell = next(iter(row.values()), None)
                if cell is not None and cell.concept in names and cell.is_standard and cell.moved is moved:
                    return i
        if label is not None:
            return next((i for i, line in enumerate(lines) if self.lines[statement][i] and label.match(line.line.label)), None)
        return None

    def of_kind(self, *kinds: StatementKind) -> list[int]:
        return [s for s in range(len(self.mapped)) if self.kind(s) in kinds]

    def first(self, names: tuple[str, ...], period: str, kinds: tuple[StatementKind, ...] = ()) -> _Cell | None:
        """The first cell of the first of names printed for period (in statements of kinds, when given)."""
        for name in names:
            cells = sorted(self.by_key.get((f"us-gaap:{name}", period), ()), key=lambda c: c.moved)  # the concept's own fact first
            for cell in cells:
                if not kinds or self.kind(cell.statement) in kinds:
                    return cell
        return None


def accounting_checks(mapped: tuple, taxonomy=None) -> tuple[Check, ...]:
    """Every accounting check of the mapped statements (converter.mapping.mapper.MappedStatement)."""
    if taxonomy is None:
        from .mapping.taxonomy import load_taxonomy

        taxonomy = load_taxonomy()
    facts = _Facts(tuple(mapped))
    return (*_balance(facts), *_totals(facts, taxonomy), *_net_income(facts), *_cash(facts),
            *_eps(facts, "basic"), *_eps(facts, "diluted"), *_same_value(facts))


# --- assets = liabilities + equity -----------------------------------------------------------------------------


def _balance(facts: _Facts) -> list[Check]:
    checks = []
    for s in facts.of_kind(StatementKind.BALANCE_SHEET):
        assets = facts.line_of(s, ("Assets",), TOTAL_ASSETS)
        both = facts.line_of(s, ("LiabilitiesAndStockholdersEquity",), TOTAL_LIABILITIES_AND_EQUITY)
        if assets is None or both is None:
            continue
        for column, cell in facts.lines[s][assets].items():
            other = facts.lines[s][both].get(column)
            if other is None:
                continue
            ok = cell.amount == other.amount
            cause = "" if ok else DOCUMENT if abs(cell.printed) != abs(other.printed) else CONVERSION
            checks.append(Check("balance", "balance sheet", OK if ok else FAILS, cell.period, cell.amount, other.amount,
                                other.value.source, cell.value.source,
                                f"{facts.label(cell)} {cell.value.printed}; {facts.label(other)} {other.value.printed}", cause))
    return checks or [Check("balance", "balance sheet", NOT_APPLICABLE,
                            detail="no balance sheet prints both total assets and total liabilities and equity")]


# --- totals ----------------------------------------------------------------------------------------------------


def _totals(facts: _Facts, taxonomy) -> list[Check]:
    checks = []
    for s in range(len(facts.mapped)):
        if facts.kind(s) is not StatementKind.EQUITY:  # its columns roll balances forward: no printed sums
            checks.extend(_statement_totals(facts, s, taxonomy))
    return checks or [Check("totals", "all statements", NOT_APPLICABLE, detail="no printed total with items")]


def _statement_totals(facts: _Facts, s: int, taxonomy) -> Iterator[Check]:
    """Going down the statement as the arithmetic does: the lines not yet summed into a total are open;
    a total takes its items (its calculation relations, else the run of open lines that adds up in the
    most periods) out of them."""
    mapped = facts.mapped[s]
    kind = mapped.statement.kind
    items: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for relation in mapped.calculations:
        items[relation.total].append((relation.component, relation.weight))
    original = {c.extension: c.concept for c in mapped.conflicts}
    sides = [_side(line, kind, taxonomy, original) for line in mapped.lines]
    closing = cash_lines(mapped)[1] if kind is StatementKind.CASH_FLOW else None
    corrected: dict[int, dict[int, Decimal]] = {}  # a failing total: what its items add up to, per column
    open_lines: list[int] = []
    uncounted: list[int] = []  # balance-sheet amounts since the last total given a concept that is no balance
    for i, line in enumerate(mapped.lines):
        row = facts.lines[s][i]
        if kind is StatementKind.BALANCE_SHEET and sides[i] is None and row and line.line.unit is UnitKind.MONEY:
            uncounted.append(i)
        if sides[i] is None or not row:
            continue
        if i in items:
            yield from _foot(facts, s, i, items[i], corrected, "a calculation of the instance")
            used = {c for c, _ in items[i]}
            open_lines = [j for j in open_lines if j not in used]
        elif line.line.is_total and i != closing and not line.line.is_opening_balance:
            run = _best_run(facts, s, i, open_lines, sides, corrected)
            if run is None or not _mostly(facts, s, i, run, sides, corrected):
                yield _unexplained(line, kind, [mapped.lines[j] for j in uncounted])
            else:
                weights = [(j, sides[i] * sides[j]) for j in run]
                yield from _foot(facts, s, i, weights, corrected, "not written as a calculation")
                open_lines = [j for j in open_lines if j not in run]
        if row and next(iter(row.values())).concept not in _ROOTS:
            open_lines.append(i)
        if line.line.is_total:
            uncounted = []


def _unexplained(line, kind: StatementKind, uncounted: list) -> Check:
    """A line printed as a total that no run of the lines above adds up to in most periods: a failure when
    its caption says it is a total (Total ..., Net ...), else an item printed under a rule. An amount
    above it on a balance sheet given a concept that is no balance (a duration, or no debit or credit)
    is not counted: the conversion's doing."""
    if not _TOTAL_CAPTION.match(line.line.label):
        return Check("totals", _KIND_NAMES[kind], NOT_APPLICABLE, "", source=line.line.source,
                     detail=f"{line.line.full_label!r} is printed like a total, but no lines above it add up to it: an item")
    detail = f"{line.line.full_label!r}: no run of the lines above it adds up to it in most periods"
    if uncounted:
        named = ", ".join(f"{u.line.full_label!r} ({u.concepts[0].qname}: {u.concepts[0].period_type}, "
                          f"{u.concepts[0].balance or 'no'} balance)" for u in uncounted[:3])
        return Check("totals", _KIND_NAMES[kind], FAILS, "", source=line.line.source, cause=CONVERSION,
                     detail=f"{detail}; not counted, their concepts being no balance: {named}")
    return Check("totals", _KIND_NAMES[kind], FAILS, "", source=line.line.source, detail=detail)


def _side(line, kind: StatementKind, taxonomy, original: dict[str, str]) -> int | None:
    """The line's direction on the statement's axis (as the arithmetic has it), None when it is no amount.
    A line moved to an extension by a conflict goes by the concept it had."""
    from .mapping.signs import axis

    concept = line.concepts[0]
    natural = "instant" if kind is StatementKind.BALANCE_SHEET else "duration"
    if len(line.concepts) != 1 or not concept.is_monetary or concept.period_type != natural:
        return None
    if concept.qname in original and taxonomy.concept(original[concept.qname]) is not None:
        return axis(taxonomy.concept(original[concept.qname]), kind, taxonomy)
    if line.is_extension:
        return None if concept.balance is None else (1 if concept.balance == "credit" else -1) * (-1 if kind is StatementKind.CASH_FLOW else 1)
    return axis(concept, kind, taxonomy)


def _sum(facts: _Facts, s: int, weights: list[tuple[int, int]], column: int,
         corrected: dict[int, dict[int, Decimal]]) -> tuple[Decimal | None, Decimal | None]:
    """What the items add up to in a column, as printed and with failing totals' items in their place."""
    present = [(facts.lines[s][j][column], w, j) for j, w in weights if column in facts.lines[s][j]]
    if not present:
        return None, None
    printed = sum((cell.amount * w for cell, w, _ in present), Decimal(0))
    mended = sum((corrected.get(j, {}).get(column, cell.amount) * w for cell, w, j in present), Decimal(0))
    return printed, mended


def _foot(facts: _Facts, s: int, total: int, weights: list[tuple[int, int]], corrected, how: str) -> Iterator[Check]:
    kind = facts.kind(s)
    line = facts.mapped[s].lines[total].line
    names = " ".join(f"{'+' if w > 0 else '-'} {facts.mapped[s].lines[j].line.full_label}" for j, w in weights).lstrip("+ ")
    for column, cell in facts.lines[s][total].items():
        printed, mended = _sum(facts, s, weights, column, corrected)
        if printed is None:
            continue
        ok = cell.amount in (printed, mended)
        if not ok:
            corrected.setdefault(total, {})[column] = printed
        note = f"{line.full_label} {cell.value.printed} = {names}"
        if ok and cell.amount != printed:
            note += " (with the total above it that does not foot mended)"
        yield Check("totals", _KIND_NAMES[kind], OK if ok else FAILS, cell.period, printed if cell.amount != mended else mended,
                    cell.amount, cell.value.source, None, f"{note}; {how}" if how.startswith("not") else note,
                    "" if ok else DOCUMENT)


def _mostly(facts: _Facts, s: int, total: int, run: list[int], sides, corrected) -> bool:
    """Whether the run adds up to the total in more periods than not (one of two will do): then a period
    where it does not is the document's own figure, not a guess at the items."""
    weights = [(j, sides[total] * sides[j]) for j in run]
    sums = [(_sum(facts, s, weights, column, corrected), cell.amount) for column, cell in facts.lines[s][total].items()]
    matched = sum(printed is not None and amount in (printed, mended) for (printed, mended), amount in sums)
    failed = sum(printed is not None and amount not in (printed, mended) for (printed, mended), amount in sums)
    return matched > failed or matched == failed == 1


def _best_run(facts: _Facts, s: int, total: int, open_lines: list[int], sides, corrected) -> list[int] | None:
    """The shortest run of open lines just above the total that adds up to it in the most columns (at least
    one), else the open lines of its section; None when neither is found."""
    columns = list(facts.lines[s][total])
    best, best_matches = None, 0
    candidates = open_lines[-MAX_RUN:]
    for size in range(1, len(candidates) + 1):
        run = candidates[-size:]
        weights = [(j, sides[total] * sides[j]) for j in run]
        matches = 0
        for column in columns:
            printed, mended = _sum(facts, s, weights, column, corrected)
            matches += printed is not None and facts.lines[s][total][column].amount in (printed, mended)
        if matches > best_matches and (size > 1 or matches == len(columns)):  # one item: only when it is the total throughout
            best, best_matches = run, matches
        if matches == len(columns):
            break
    if best is not None:
        return best
    sections = facts.mapped[s].lines[total].line.sections
    run = []
    for j in reversed(open_lines):
        if facts.mapped[s].lines[j].line.sections != sections or facts.mapped[s].lines[j].line.is_total:
            break
        run.insert(0, j)
    return run if len(run) >= 2 else None


# --- net income on both statements -----------------------------------------------------------------------------


def _net_income(facts: _Facts) -> list[Check]:
    checks = []
    for (qname, period), cells in facts.by_key.items():
        if qname.split(":")[-1] not in NET_INCOME or not qname.startswith("us-gaap:"):
            continue
        income = next((c for c in cells if facts.kind(c.statement) is StatementKind.INCOME), None)
        flows = next((c for c in cells if facts.kind(c.statement) is StatementKind.CASH_FLOW), None)
        if income is None or flows is None:
            continue
        checks.append(_compare("net income", "income statement + cash flows", income, flows, facts))
    return checks or [Check("net income", "income statement + cash flows", NOT_APPLICABLE,
                            detail="no period with net income on both the income statement and the cash flows")]


def _compare(name: str, statement: str, first: _Cell, second: _Cell, facts: _Facts) -> Check:
    ok = first.amount == second.amount
    cause = "" if ok else CONVERSION if abs(first.printed) == abs(second.printed) else DOCUMENT
    detail = (f"{facts.label(first)} {first.value.printed} ({_KIND_NAMES[facts.kind(first.statement)]}); "
              f"{facts.label(second)} {second.value.printed} ({_KIND_NAMES[facts.kind(second.statement)]})")
    return Check(name, statement, OK if ok else FAILS, first.period, first.amount, second.amount,
                 second.value.source, first.value.source, detail, cause)


# --- the cash roll-forward -------------------------------------------------------------------------------------


def cash_lines(mapped) -> tuple[int | None, int | None, int | None, int | None]:
    """The lines of a statement of cash flows (a MappedStatement) holding the opening balance, the closing
    balance, the change and the exchange-rate effect; by the concepts the lines had before a conflict
    moved one to an extension (cash at the end printed otherwise on the balance sheet is still cash)."""
    original = {c.extension: c.concept for c in mapped.conflicts}
    opening = closing = change = effect = None
    for i, line in enumerate(mapped.lines):
        names = _local_names(line, original)
        if line.line.is_opening_balance and opening is None:
            opening = i
        elif any(CASH_CHANGE.search(n) for n in names) and change is None:
            change = i
        elif any(EXCHANGE_EFFECT.search(n) for n in names) and effect is None:
            effect = i
        elif opening is not None and names & _local_names(mapped.lines[opening], original) and not line.line.is_opening_balance:
            closing = i
    return opening, closing, change, effect


def _local_names(line, original: dict[str, str]) -> set[str]:
    return {original.get(concept.qname, concept.qname).split(":")[-1] for concept in line.concepts}


def _cash(facts: _Facts) -> list[Check]:
    checks = []
    for s in facts.of_kind(StatementKind.CASH_FLOW):
        opening, closing, change, effect = cash_lines(facts.mapped[s])
        rows = facts.lines[s]
        if opening is None or closing is None or change is None or not rows[change]:
            continue
        with_effect = effect is not None and "Excluding" in next(iter(rows[change].values())).concept
        for column, end in rows[closing].items():
            start, delta = rows[opening].get(column), rows[change].get(column)
            if start is None or delta is None:
                continue
            fx = rows[effect].get(column) if with_effect else None
            expected = start.amount + delta.amount + (fx.amount if fx else 0)
            ok = expected == end.amount
            printed = [start.printed, delta.printed] + ([fx.printed] if fx else [])
            cause = "" if ok else CONVERSION if _adds_some_way(printed, end.printed) else DOCUMENT
            detail = f"{facts.label(start)} {start.value.printed} + {facts.label(delta)} {delta.value.printed}"
            if fx:
                detail += f" + {facts.label(fx)} {fx.value.printed}"
            checks.append(Check("cash", "cash flows", OK if ok else FAILS, end.period, expected, end.amount, end.value.source,
                                delta.value.source, f"{detail}; {facts.label(end)} {end.value.printed}", cause))
    return checks or [Check("cash", "cash flows", NOT_APPLICABLE,
                            detail="no cash flow statement prints cash at the beginning, the change and cash at the end")]


def _adds_some_way(parts: list[Decimal], total: Decimal) -> bool:
    """Whether the printed magnitudes add up to the total's with some signs: then only the signs are wrong."""
    sums = {Decimal(0)}
    for part in parts:
        sums = {t + part for t in sums} | {t - part for t in sums}
    return abs(total) in {abs(t) for t in sums}


# --- earnings per share ----------------------------------------------------------------------------------------

_EPS = {"basic": ("EarningsPerShareBasic", "EarningsPerShareBasicAndDiluted"),
        "diluted": ("EarningsPerShareDiluted", "EarningsPerShareBasicAndDiluted")}
_SHARES = {"basic": ("WeightedAverageNumberOfSharesOutstandingBasic", "WeightedAverageNumberOfShareOutstandingBasicAndDiluted"),
           "diluted": ("WeightedAverageNumberOfDilutedSharesOutstanding", "WeightedAverageNumberOfShareOutstandingBasicAndDiluted")}
_AVAILABLE = {"basic": ("NetIncomeLossAvailableToCommonStockholdersBasic",),
              "diluted": ("NetIncomeLossAvailableToCommonStockholdersDiluted", "NetIncomeLossAvailableToCommonStockholdersBasic")}


def _eps(facts: _Facts, which: str) -> list[Check]:
    name = f"eps {which}"
    checks = []
    periods = dict.fromkeys(period for (qname, period) in facts.by_key if qname.split(":")[-1] in _EPS[which])
    for period in periods:
        eps = facts.first(_EPS[which], period)
        shares = facts.first(_SHARES[which], period)
        available = facts.first(_AVAILABLE[which], period)
        income = available or facts.first(NET_INCOME, period, (StatementKind.INCOME,)) or facts.first(NET_INCOME, period)
        if eps is None or shares is None or income is None:
            continue
        checks.append(_eps_check(name, facts, eps, shares, income, available is not None))
    return checks or [Check(name, "income statement", NOT_APPLICABLE,
                            detail=f"no period with {which} earnings per share, the weighted average shares and net income")]


def _eps_check(name: str, facts: _Facts, eps: _Cell, shares: _Cell, income: _Cell, available: bool) -> Check:
    product = eps.amount * shares.amount
    # the half unit each printed figure may have been rounded by
    tolerance = (_half_unit(eps.value) * abs(shares.amount) + _half_unit(shares.value) * abs(eps.amount)
                 + _half_unit(income.value))
    ok = abs(product - income.amount) <= tolerance
    magnitude = abs(abs(eps.printed) * abs(shares.printed) - abs(income.printed)) <= tolerance
    rescaled = next((k for k in (3, -3, 6, -6) if abs(product.scaleb(k) - income.amount) <= tolerance.scaleb(min(k, 0))), None)
    cause = "" if ok else CONVERSION if magnitude or rescaled is not None else DOCUMENT
    detail = (f"{facts.label(eps)} {eps.value.printed} x {facts.label(shares)} {shares.value.printed} "
              f"against {facts.label(income)} {income.value.printed}, within {_plain(tolerance)}")
    if not ok and rescaled is not None:
        detail += f"; agrees with the shares scaled by 10^{rescaled}: the shares' scale was misread"
    if not available:
        detail += " (income available to common stockholders not printed: net income used)"
    return Check(name, _KIND_NAMES[facts.kind(eps.statement)], OK if ok else FAILS, eps.period, income.amount,
                 _plain(product), eps.value.source, income.value.source, detail, cause)


def _half_unit(value: Value) -> Decimal:
    return Decimal(5).scaleb(-value.decimals - 1)


# --- the same value wherever a concept and period are printed ---------------------------------------------------


def _comparable(facts: _Facts, first: _Cell, other: _Cell, kinds: Counter) -> bool:
    """Cells of two statements are compared when they are of two kinds the document prints once each:
    two statements of one kind are two tables (another entity of the filing, a segment), and which
    of them another statement goes with is not known."""
    one, two = facts.kind(first.statement), facts.kind(other.statement)
    return one is not two and kinds[one] == 1 and kinds[two] == 1


def _same_value(facts: _Facts) -> list[Check]:
    kinds = Counter(statement.statement.kind for statement in facts.mapped)
    checks = []
    for (qname, period), cells in facts.by_key.items():
        if len(cells) < 2:
            continue
        first = cells[0]
        for other in (c for c in cells[1:] if c.statement == first.statement or _comparable(facts, first, c, kinds)):
            check = _compare("same value", "all statements", first, other, facts)
            if check.result == FAILS and _caption(facts.label(first)) != _caption(facts.label(other)):
                check = Check(**{**check.__dict__, "cause": CONVERSION,
                                 "detail": f"{check.detail}: two captions given {qname}"})
            checks.append(check)
            if check.result == FAILS:
                break
    return checks or [Check("same value", "all statements", NOT_APPLICABLE, detail="no concept printed twice for a period")]


def _caption(label: str) -> str:
    """A caption's words, without where a balance is taken (cash at the beginning and at the end are one line)."""
    words = re.sub(r"[^a-z]+", " ", label.lower()).split()
    return " ".join(w for w in words if w not in _BALANCE_WORDS)


_BALANCE_WORDS = frozenset({"at", "beginning", "end", "ending", "of", "period", "year", "quarter", "balance", "balances"})


# --- for reports -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckSummary:
    """The checks of one name and statement, counted: a row of the terminal table."""

    name: str
    statement: str
    ok: int
    fails: int
    not_applicable: int
    first_failure: Check | None = None
    detail: str = ""  # why the check does not apply, when it does not

    @property
    def result(self) -> str:
        return FAILS if self.fails else OK if self.ok else NOT_APPLICABLE

    def figures(self) -> str:
        if not self.ok and not self.fails:
            return self.detail
        text = f"{self.ok} of {self.ok + self.fails} {_COUNTED.get(self.name, 'periods')}"
        failure = self.first_failure
        if failure is not None:
            where = f" at {failure.source}" if failure.source else ""
            off = f", off by {_plain(failure.difference)}" if failure.difference is not None else ""
            text += f"; first fails{where}{off}{' (the document)' if failure.cause == DOCUMENT else ''}"
        return text


def summarise(checks: tuple[Check, ...]) -> tuple[CheckSummary, ...]:
    groups: dict[tuple[str, str], list[Check]] = {}
    for check in sorted(checks, key=lambda c: list(CHECKS).index(c.name)):
        groups.setdefault((check.name, check.statement), []).append(check)
    return tuple(CheckSummary(name, statement, sum(c.result == OK for c in found), sum(c.result == FAILS for c in found),
                              sum(c.result == NOT_APPLICABLE for c in found), next((c for c in found if c.result == FAILS), None),
                              next((c.detail for c in found if c.result == NOT_APPLICABLE), ""))
                 for (name, statement), found in groups.items())


def _plain(value: Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(format(value.normalize(), "f"))


def _number(value: Decimal | None) -> int | float | None:
    """A JSON number: an int when whole (exact), else the decimal's float (a per-share amount, a ratio)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _text(source: SourceRef | None) -> str | None:
    return None if source is None else str(source)
