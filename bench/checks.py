"""Key-free measures of a conversion: what can be checked without an answer key.

For every converted document (bench.corpus prints them per document and per folder):
  cells          numeric cells of the balance sheets, income and cash-flow statements (amount columns,
                 no percentages; equity statements, whose columns are equity components, left out),
                 how many became facts (a fact's source is the cell it was read from), and how many
                 sit in a column the report names as deliberately not converted (noted: a segment
                 or consolidating column, a repeated period)
  totals         cells of printed total lines in dated columns (a cash-flow statement's closing balance,
                 a roll-forward rather than a sum, left out), and how many equal the sum of their
                 components under the calculation chosen for the statement
  balance        balance-sheet columns that print both total assets and total liabilities and equity,
                 where the two printed figures agree; and how many of those our facts fail
                 (Assets = LiabilitiesAndStockholdersEquity missing or unequal)
  net income     periods with net income on both the income statement and the cash-flow statement,
                 and how many differ
  cash           cash-flow columns with an opening balance, a change and a closing balance, and how
                 many break closing = opening + change (+ the exchange-rate effect)
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from converter.accounting import NET_INCOME as _NET_INCOME
from converter.accounting import TOTAL_ASSETS as _TOTAL_ASSETS
from converter.accounting import TOTAL_LIABILITIES_AND_EQUITY as _TOTAL_LIABILITIES_AND_EQUITY
from converter.accounting import cash_lines as _cash_lines
from converter.statements import StatementKind


@dataclass(frozen=True)
class Checks:
    cells: int = 0
    cells_as_facts: int = 0
    cells_noted: int = 0
    totals: int = 0
    totals_footing: int = 0
    balance_checks: int = 0
    balance_failures: int = 0
    net_income_checks: int = 0
    net_income_failures: int = 0
    cash_checks: int = 0
    cash_failures: int = 0
    kinds: str = ""  # "BS IS CF": the kinds of statement found

    def as_dict(self) -> dict:
        return dict(self.__dict__)


CHECK_SUMS = tuple(name for name in Checks.__dataclass_fields__ if name != "kinds")


def document_checks(conversion) -> Checks:
    """The checks of one converter.pipeline.Conversion."""
    sources = {fact.source for fact in conversion.instance.facts} if conversion.instance else set()
    cells = covered = noted = totals = footing = 0
    balance, cash = [0, 0], [0, 0]
    net_income: dict[StatementKind, dict] = {}
    for mapped in conversion.mapped:
        amounts = _amounts(mapped)
        kind = mapped.statement.kind
        for column, value in _cells(mapped) if kind is not StatementKind.EQUITY else ():
            cells += 1
            covered += value.source in sources
            noted += bool(column.note) and value.source not in sources
        t, f = _footing(mapped, amounts)
        totals, footing = totals + t, footing + f
        if kind is StatementKind.BALANCE_SHEET:
            _add(balance, _balance(mapped, amounts))
        if kind is StatementKind.CASH_FLOW:
            _add(cash, _cash(mapped, amounts))
        if kind in (StatementKind.INCOME, StatementKind.CASH_FLOW):
            net_income.setdefault(kind, {}).update(_net_income(mapped, amounts))
    income, flows = net_income.get(StatementKind.INCOME, {}), net_income.get(StatementKind.CASH_FLOW, {})
    shared = [period for period in income if period in flows]
    return Checks(cells, covered, noted, totals, footing, balance[0], balance[1], len(shared),
                  sum(1 for period in shared if income[period] != flows[period]), cash[0], cash[1],
                  _kinds(conversion.mapped))


def _add(counts: list[int], found: tuple[int, int]) -> None:
    counts[0] += found[0]
    counts[1] += found[1]


def _cells(mapped):
    statement = mapped.statement
    for line in mapped.lines:
        for column, value in zip(statement.columns, line.line.values):
            if value is not None and (column.is_value or column.note) and not value.is_percent:
                yield column, value


def _amounts(mapped) -> list[dict[int, Decimal]]:
    """Per line, the XBRL value of each dated amount column: column index -> signed amount."""
    statement = mapped.statement
    return [{column.index: value.amount * line.sign
             for column, value in zip(statement.columns, line.line.values)
             if value is not None and column.period is not None and column.is_value and not value.is_percent}
            for line in mapped.lines]


def _footing(mapped, amounts) -> tuple[int, int]:
    components: dict[int, list[tuple[int, int]]] = {}
    for relation in mapped.calculations:
        components.setdefault(relation.total, []).append((relation.component, relation.weight))
    checked = foots = 0
    closing = _cash_lines(mapped)[1] if mapped.statement.kind is StatementKind.CASH_FLOW else None
    for total, line in enumerate(mapped.lines):
        if not line.line.is_total or total == closing:
            continue
        parts = components.get(total, [])
        for column, value in amounts[total].items():
            present = [(amounts[c][column], w) for c, w in parts if column in amounts[c]]
            checked += 1
            foots += bool(present) and value == sum(amount * w for amount, w in present)
    return checked, foots


def _local_names(line) -> set[str]:
    return {concept.name for concept in line.concepts}


def _balance(mapped, amounts) -> tuple[int, int]:
    """Columns whose printed totals agree, and of them those our facts break."""
    printed_assets = _printed(mapped, _TOTAL_ASSETS)
    printed_sum = _printed(mapped, _TOTAL_LIABILITIES_AND_EQUITY)
    facts_assets = _concept_amounts(mapped, amounts, ("Assets",))
    facts_sum = _concept_amounts(mapped, amounts, ("LiabilitiesAndStockholdersEquity",))
    checked = failed = 0
    for column, value in printed_assets.items():
        if printed_sum.get(column) == value:
            checked += 1
            ours = facts_assets.get(column)
            failed += ours is None or ours != facts_sum.get(column)
    return checked, failed


def _printed(mapped, label: re.Pattern) -> dict[int, Decimal]:
    for line in mapped.lines:
        if label.match(line.line.label):
            return {column.index: value.amount for column, value in zip(mapped.statement.columns, line.line.values)
                    if value is not None and column.is_value}
    return {}


def _concept_amounts(mapped, amounts, names) -> dict[int, Decimal]:
    for line, values in zip(mapped.lines, amounts):
        if _local_names(line) & set(names) and not line.is_extension:
            return values
    return {}


def _net_income(mapped, amounts) -> dict[tuple[str, str], Decimal]:
    found = {}
    for line, values in zip(mapped.lines, amounts):
        for name in _local_names(line) & set(_NET_INCOME):
            for column in mapped.statement.columns:
                if column.index in values:
                    found[(name, str(column.period))] = values[column.index]
    return found


def _cash(mapped, amounts) -> tuple[int, int]:
    opening, closing, change, effect = _cash_lines(mapped)
    if opening is None or closing is None or change is None:
        return 0, 0
    checked = failed = 0
    for column, end in amounts[closing].items():
        if column in amounts[opening] and column in amounts[change]:
            total = amounts[opening][column] + amounts[change][column]
            if effect is not None and "Excluding" in " ".join(_local_names(mapped.lines[change])):
                total += amounts[effect].get(column, 0)
            checked += 1
            failed += total != end
    return checked, failed


_KIND_LETTERS = {StatementKind.BALANCE_SHEET: "BS", StatementKind.INCOME: "IS", StatementKind.COMPREHENSIVE_INCOME: "CI",
                 StatementKind.CASH_FLOW: "CF", StatementKind.EQUITY: "EQ"}


def _kinds(mapped) -> str:
    counts = Counter(_KIND_LETTERS[m.statement.kind] for m in mapped)
    return " ".join(kind if n == 1 else f"{kind}x{n}" for kind, n in counts.items())
