"""The statement's own arithmetic: which lines each total adds up, and the signs that make it add.

Going down a statement, the lines not yet summed into a total are kept in order ("open"). At each
total, the shortest run of open lines just above it that adds up to it in every column is its
components; they are then replaced by the total. A printed statement adds some lines and subtracts
others: which, the concepts tell (a component counts +1 when it lies on the total's side of the
statement's axis, credit for an income statement or balance sheet, towards cash for a statement of
cash flows, else -1) together with each line's sign factor. Where the print does not add up with
the signs the lines' priors suggest (signs.py), the cheapest set of sign changes that makes it add
up is taken: an expense printed in parentheses and added, a benefit printed as a deduction. A line
whose sign is changed takes its own components along (their equation is unchanged).

A line not marked as a total ("Operating loss", "Net loss") counts as one when a run of at least
two open lines above it adds up to it with at most one sign change.

A company extension concept has no side of its own: the first total it is a component of decides
its balance (its value stays positive, as signs.py chose).

Calculation relationships are written for the totals whose lines all have a balance that agrees
with the weight (XBRL 2.1: +1 for the same balance, -1 for the opposite) and that add up with the
final signs, so every calculation is consistent in the instance.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations
from typing import TYPE_CHECKING, Sequence

from ..diagnostics import Diagnostic, warning
from ..periods import fact_period
from ..statements import StatementKind
from .signs import STRONG, WEAK, SignPrior, axis

if TYPE_CHECKING:
    from ..statements import Statement
    from .mapper import MappedLine
    from .taxonomy import Taxonomy

MAX_FLIPS = 4  # sign changes one marked total may ask for
IMPLICIT_FLIPS = 1  # ... and a line not marked as a total (_best_implicit_run looks for one)
EXTENSION_COST = 0.1  # an extension's side is free, but the side its caption suggests is preferred
MARKED_COST = STRONG + 2 * EXTENSION_COST  # the most a total may cost in overridden priors
IMPLICIT_COST = WEAK + 2 * EXTENSION_COST
MAX_RUN = 150  # the open lines just above a total its components are looked for among
DEEP_RUN = 40  # a run longer than this is searched for at most two sign changes: more take work quadratic in it
EVIDENT_COLUMNS = 3  # a line not marked as a total that adds up in this many columns is as sure as a marked one


@dataclass(frozen=True)
class CalcRelation:
    total: int  # index of the total line
    component: int  # index of a component line
    weight: int  # +1 or -1


@dataclass
class Solution:
    signs: list[int]
    balances: list[str | None]  # the balance each line's (first) concept ends up with
    relations: tuple[CalcRelation, ...]
    reasons: list[tuple[str, ...]]
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass
class _Node:
    index: int
    values: tuple[Decimal | None, ...]
    prior: SignPrior
    sign: int
    axis: int | None  # +1/-1 on the statement's axis; None while an extension's side is open
    hint: int  # the side an open extension is expected on
    free: bool  # an extension whose side is not yet decided
    extension: bool = False  # a company concept: its balance is ours to choose
    children: list[int] = field(default_factory=list)
    weights: list[int] = field(default_factory=list)
    total_label: str = ""  # the total that changed this line's sign


def solve(statement: "Statement", lines: Sequence["MappedLine"], priors: Sequence[SignPrior],
          taxonomy: "Taxonomy | None") -> Solution:
    """Signs and calculation relations from the priors and the statement's arithmetic."""
    kind = statement.kind
    nodes: dict[int, _Node] = {}
    for index, mapped in enumerate(lines):
        node = _node(index, mapped, priors[index], kind, statement, taxonomy)
        if node is not None:
            nodes[index] = node
    diagnostics: list[Diagnostic] = []
    open_lines: list[int] = []
    totals: list[int] = []
    for index, mapped in enumerate(lines):
        node = nodes.get(index)
        if node is None:
            continue
        marked = mapped.line.is_total
        eligible = [i for i in open_lines if not _siblings(lines[i], mapped, taxonomy)]
        if eligible and (marked or _nonzero(node.values)):
            found = _best_run(node, [nodes[i] for i in eligible], nodes, marked)
            if found is not None:
                _apply(node, found, nodes, mapped.line.label)
                used = {n.index for n in found[0]}
                open_lines = [i for i in open_lines if i not in used]
                totals.append(index)
            elif marked:
                diagnostics.append(warning("XC501", f"total {mapped.line.label!r} is not the sum of the lines above it", mapped.line.source))
        if not (kind is StatementKind.BALANCE_SHEET and _is_root(mapped, taxonomy)):
            open_lines.append(index)
    signs = [priors[i].sign for i in range(len(lines))]
    balances = [m.concepts[0].balance for m in lines]
    reasons: list[tuple[str, ...]] = [priors[i].reasons for i in range(len(lines))]
    for index, node in nodes.items():
        signs[index] = node.sign
        if lines[index].is_extension and node.axis is not None and not node.free:
            balances[index] = _balance(node.axis, kind)
        if node.sign != node.prior.sign:
            reasons[index] = (f"the statement's arithmetic ({node.total_label!r} adds up only so) reverses the sign",)
    relations = _relations(totals, nodes, lines, balances)
    return Solution(signs, balances, relations, reasons, diagnostics)


def _node(index: int, mapped: "MappedLine", prior: SignPrior, kind: StatementKind, statement: "Statement",
          taxonomy: "Taxonomy | None") -> _Node | None:
    concept = mapped.concepts[0]
    if len(mapped.concepts) != 1 or not concept.is_monetary:
        return None
    natural = "instant" if kind is StatementKind.BALANCE_SHEET else "duration"
    if concept.period_type != natural:
        return None
    values = tuple(v.amount if v is not None and c.is_value and c.period is not None else None
                   for v, c in zip(mapped.line.values, _columns(statement, len(mapped.line.values))))
    if all(v is None for v in values):
        return None
    hint = _balance_axis(concept.balance, kind) or 1
    if mapped.is_extension:
        return _Node(index, values, prior, prior.sign, None, hint, True, True)
    side = axis(concept, kind, taxonomy) if taxonomy is not None else _balance_axis(concept.balance, kind)
    if side is None:
        return None
    return _Node(index, values, prior, prior.sign, side, side, False)


def _siblings(line: "MappedLine", total: "MappedLine", taxonomy: "Taxonomy | None") -> bool:
    """Two US GAAP concepts summed into one parent (investing and financing cash, liabilities and
    equity): neither is ever a component of the other."""
    if taxonomy is None or line.is_extension or total.is_extension:
        return False
    a, b = line.concepts[0].qname, total.concepts[0].qname
    # a parent in one network: OtherReceivables and AssetsCurrent both add to Assets, but in
    # different balance sheets (broker-dealer, classified), and other receivables are current assets
    parents_a = {(arc.parent, arc.network) for arc in taxonomy.calc_parents(a)}
    parents_b = {(arc.parent, arc.network) for arc in taxonomy.calc_parents(b)}
    direct = {parent for parent, _ in parents_a} | {parent for parent, _ in parents_b}
    return a != b and bool(parents_a & parents_b) and b not in direct and a not in direct


def _is_root(mapped: "MappedLine", taxonomy: "Taxonomy | None") -> bool:
    """A grand total (Assets, Liabilities and Equity): the top of the US GAAP calculations, never a component."""
    if taxonomy is None or mapped.is_extension:
        return False
    qname = mapped.concepts[0].qname
    return bool(taxonomy.calc_children(qname)) and not taxonomy.calc_parents(qname)


def _columns(statement: "Statement", count: int):
    columns = list(statement.columns[:count])
    while len(columns) < count:
        columns.append(_NoColumn)
    return columns


class _NoColumn:
    is_value = False
    period = None


def _balance_axis(balance: str | None, kind: StatementKind) -> int | None:
    if balance is None:
        return None
    if kind is StatementKind.CASH_FLOW:
        return 1 if balance == "debit" else -1
    return 1 if balance == "credit" else -1


def _balance(side: int, kind: StatementKind) -> str:
    if kind is StatementKind.CASH_FLOW:
        return "debit" if side > 0 else "credit"
    return "credit" if side > 0 else "debit"


def _nonzero(values) -> bool:
    return any(v for v in values if v is not None)


# --- the search -----------------------------------------------------------------------------


def _best_run(total: _Node, open_nodes: list[_Node], nodes: dict[int, _Node], marked: bool):
    """(run, total axis, total sign, contributions, cost) of the shortest run that adds up, or None."""
    columns = [k for k, v in enumerate(total.values) if v is not None]
    if not columns:
        return None
    open_nodes = open_nodes[-MAX_RUN:]
    turns: dict[int, tuple[float, bool]] = {}  # the lines do not change while a total is looked for
    if not marked:
        return _best_implicit_run(total, open_nodes, nodes, columns, turns)
    for size in range(2, len(open_nodes) + 1):
        run = open_nodes[-size:]
        usable = [k for k in columns if any(n.values[k] is not None for n in run)]
        if usable != columns:
            continue
        best = None
        axes = (total.axis,) if not total.free else (total.hint, -total.hint)
        signs = (total.sign,) if total.free else (total.sign, -total.sign)
        max_flips = MAX_FLIPS if size <= DEEP_RUN else 2
        for side in axes:
            for sign in signs:
                base = 0.0 if total.free and side == total.hint else EXTENSION_COST if total.free else 0.0
                if sign != total.sign:  # a marked total is printed with its sign: changing it takes strong evidence
                    base += max(_flip_cost(total.index, nodes), STRONG)
                found = _cheapest(run, side, sign, total, columns, nodes, max_flips, base, turns)
                if found is not None and (best is None or found[-1] < best[-1]):
                    best = (run, side, sign) + found
        if best is not None and best[-1] <= MARKED_COST:
            return best
    return None


def _best_implicit_run(total: _Node, open_nodes: list[_Node], nodes: dict[int, _Node], columns: list[int], turns):
    """_best_run for a line not marked as a total (one sign change at most, its own sign kept), the
    runs grown one line at a time: their sums and their lines by value carried from one to the next."""
    limit = _implicit_cost(total, columns)
    axes = (total.axis,) if not total.free else (total.hint, -total.hint)
    target = tuple(total.values[k] for k in columns)
    missing, nonzero = set(columns), 0
    sums: list = [Decimal(0)] * len(columns)
    by_vector: dict[tuple, list[int]] = {}  # a line's values turned to the statement's axis -> its places in open_nodes
    n = len(open_nodes)

    def cost_of(place: int) -> float:  # asked only of a line a flip would mend
        node = open_nodes[place]
        return EXTENSION_COST if node.free else _turned(node.index, nodes, turns)[0]

    for size in range(1, n + 1):
        place = n - size
        node = open_nodes[place]
        vector = tuple(_factor(node) * (node.values[k] or 0) for k in columns)
        sums = [a + b for a, b in zip(sums, vector)]
        by_vector.setdefault(vector, []).append(place)
        missing.difference_update(k for k in columns if node.values[k] is not None)
        nonzero += any(node.values[k] for k in columns)
        if size < 2 or missing or nonzero < 2:
            continue
        best = None
        for side in axes:
            turn = side * total.sign
            base = 0.0 if total.free and side == total.hint else EXTENSION_COST if total.free else 0.0
            half = tuple((turn * a - t) / 2 for a, t in zip(sums, target))
            found = _cheapest_flip(half, turn, by_vector, cost_of, base)
            if found is not None and (best is None or found[1] < best[2]):
                best = (side, found[0], found[1])
        if best is not None and best[2] <= limit:
            side, flip, cost = best
            run = open_nodes[place:]
            contributions = [(-1 if p == flip else 1) * side * total.sign * _factor(m) for p, m in enumerate(open_nodes[place:], place)]
            return run, side, total.sign, contributions, ([] if flip is None else [flip - place]), cost
    return None


def _factor(node: _Node) -> int:
    return (node.hint if node.free else node.axis) * node.sign


def _cheapest_flip(half: tuple, turn: int, by_vector: dict[tuple, list[int]], cost_of, base: float):
    """(the place of the line to flip or None, cost): as _cheapest with one flip, no flip first."""
    if all(h == 0 for h in half):
        return None, base
    best = None
    for place in sorted(by_vector.get(tuple(turn * h for h in half), ())):
        cost = base + cost_of(place)
        if best is None or cost < best[1]:
            best = (place, cost)
    return best


def _implicit_cost(total: _Node, columns: list[int]) -> float:
    """What a line not marked as a total may cost: more with more columns to confirm it."""
    confirming = sum(1 for k in columns if total.values[k])
    return MARKED_COST if confirming >= EVIDENT_COLUMNS else IMPLICIT_COST


def _cheapest(run: list[_Node], side: int, sign: int, total: _Node, columns: list[int], nodes, max_flips: int, base: float,
              turns: dict[int, tuple[float, bool]]):
    """The cheapest contributions (+1/-1 per component) with which the run adds up to the total."""
    contributions = []
    costs = []
    for node in run:
        if node.free:
            contributions.append(side * node.hint * node.sign * sign)
            costs.append(EXTENSION_COST)
        else:
            contributions.append(side * node.axis * node.sign * sign)
            costs.append(_turned(node.index, nodes, turns)[0])
    vectors = [tuple(c * (n.values[k] or 0) for k in columns) for c, n in zip(contributions, run)]
    target = tuple(total.values[k] for k in columns)
    excess = tuple(sum((v[j] for v in vectors), Decimal(0)) - target[j] for j in range(len(columns)))
    # flipping the components F changes the sum by -2 * sum(F): F must sum to excess / 2
    half = tuple(e / 2 for e in excess)
    best: tuple[list[int], float] | None = None
    for flips in _subsets_summing_to(vectors, half, max_flips):
        cost = base + sum(costs[i] for i in flips)
        if best is None or cost < best[1] or (cost == best[1] and len(flips) < len(best[0])):
            best = (flips, cost)
    if best is None:
        return None
    flips, cost = best
    result = [(-c if i in flips else c) for i, c in enumerate(contributions)]
    return result, flips, cost


def _subsets_summing_to(vectors: list[tuple], target: tuple, max_size: int):
    """Index sets of at most max_size vectors summing to target (meet in the middle for 3 and 4)."""
    zero = tuple(Decimal(0) for _ in target)
    if target == zero:
        yield []
    n = len(vectors)
    if max_size >= 1:
        for i in range(n):
            if vectors[i] == target:
                yield [i]
    if max_size < 2:
        return
    by_vector: dict[tuple, list[int]] = {}
    for i, v in enumerate(vectors):
        by_vector.setdefault(v, []).append(i)
    for i in range(n):
        for j in by_vector.get(_minus(target, vectors[i]), ()):
            if j > i:
                yield [i, j]
    if max_size < 3:
        return
    pairs: dict[tuple, list[tuple[int, int]]] = {}
    for i, j in combinations(range(n), 2):
        pairs.setdefault(_plus(vectors[i], vectors[j]), []).append((i, j))
    for i in range(n):
        for a, b in pairs.get(_minus(target, vectors[i]), ()):
            if i < a:
                yield [i, a, b]
    if max_size < 4:
        return
    for (i, j) in combinations(range(n), 2):
        for a, b in pairs.get(_minus(target, _plus(vectors[i], vectors[j])), ()):
            if j < a:
                yield [i, j, a, b]


def _plus(a: tuple, b: tuple) -> tuple:
    return tuple(x + y for x, y in zip(a, b))


def _minus(a: tuple, b: tuple) -> tuple:
    return tuple(x - y for x, y in zip(a, b))


def _subtree(index: int, nodes: dict[int, _Node]) -> list[int]:
    found, stack = [], [index]
    while stack:
        i = stack.pop()
        found.append(i)
        stack.extend(nodes[i].children)
    return found


def _flip_cost(index: int, nodes: dict[int, _Node]) -> float:
    """What changing a line's sign (and its components') costs against their priors."""
    cost = 0.0
    for i in _subtree(index, nodes):
        node = nodes[i]
        if node.prior.cost == math.inf:
            return math.inf
        cost += node.prior.cost if node.sign == node.prior.sign else -node.prior.cost
    return max(cost, 0.0)


def _reside_cost(index: int, nodes: dict[int, _Node]) -> float:
    """What turning a company concept's subtree to the other side costs: its balances change, its
    values stay. Only where every line of it is a company concept."""
    subtree = _subtree(index, nodes)
    if not all(nodes[i].extension for i in subtree):
        return math.inf
    return EXTENSION_COST * len(subtree)


def _turn(index: int, nodes: dict[int, _Node]) -> tuple[float, bool]:
    """The cheaper way to turn a line's contribution around: (its cost, whether its balance turns
    rather than its sign)."""
    reside, flip = _reside_cost(index, nodes), _flip_cost(index, nodes)
    return (reside, True) if reside <= flip else (flip, False)


def _turned(index: int, nodes: dict[int, _Node], turns: dict[int, tuple[float, bool]]) -> tuple[float, bool]:
    if index not in turns:
        turns[index] = _turn(index, nodes)
    return turns[index]


def _apply(total: _Node, found, nodes: dict[int, _Node], label: str) -> None:
    run, side, sign, contributions, flips, _cost = found
    if sign != total.sign:
        total.sign = sign
        total.total_label = label
    if total.free:
        total.axis, total.free = side, False
    for position, (node, contribution) in enumerate(zip(run, contributions)):
        if node.free:
            # contribution = side * axis * sign * total sign: the extension takes the side that keeps its sign
            node.axis, node.free = contribution * side * node.sign * sign, False
        elif position in flips and _turn(node.index, nodes)[1]:
            for i in _subtree(node.index, nodes):
                nodes[i].axis = -nodes[i].axis
        elif position in flips:
            for i in _subtree(node.index, nodes):
                nodes[i].sign = -nodes[i].sign
                nodes[i].total_label = label
        total.children.append(node.index)
        total.weights.append(side * node.axis)


# --- the relations --------------------------------------------------------------------------


def _relations(totals: list[int], nodes: dict[int, _Node], lines, balances: list[str | None]) -> tuple[CalcRelation, ...]:
    relations: list[CalcRelation] = []
    for index in totals:
        total = nodes[index]
        # XBRL 2.1 5.1.1.2 ties the weight to the balances only where both have one: a total or a
        # component without a balance (cash from operations, the net change in cash) takes the
        # weight the statement's arithmetic found
        weights = [w if balances[index] is None or balances[child] is None
                   else (1 if balances[child] == balances[index] else -1)
                   for child, w in zip(total.children, total.weights)]
        if weights == total.weights and _adds_up(total, nodes, weights):
            relations.extend(CalcRelation(index, c, w) for c, w in zip(total.children, weights))
    return tuple(relations)


def _adds_up(total: _Node, nodes: dict[int, _Node], weights: list[int]) -> bool:
    for k, value in enumerate(total.values):
        if value is None:
            continue
        parts = [(nodes[c].values[k], w * nodes[c].sign) for c, w in zip(total.children, weights)]
        if all(v is None for v, _ in parts):
            return False
        if sum((v * f for v, f in parts if v is not None), Decimal(0)) != value * total.sign:
            return False
    return True


# --- across statements --------------------------------------------------------------------


def consistent_across(statements: Sequence) -> list[tuple[CalcRelation, ...]]:
    """Each statement's relations, less those another statement's facts would make inconsistent.

    A calculation binds every context of the instance: "Total revenues" summed from other lines in a
    second statement (or a second table of the same kind) is checked against the first statement's
    relations too. A total's relations are kept only where they add up in every period any
    statement reports the total for.
    """
    facts: dict[tuple[str, object], set[Decimal]] = {}
    for mapped in statements:
        columns = mapped.statement.columns
        for line in mapped.lines:
            for column, value in zip(columns, line.line.values):
                if value is None or not column.is_value or column.period is None:
                    continue
                for concept in line.concepts:
                    # the fact's own period: an opening balance in a roll-forward is at the day before it starts
                    period = fact_period(column.period, concept.period_type, line.line.is_opening_balance)
                    facts.setdefault((concept.qname, period), set()).add(value.amount * line.sign)
    periods: dict[str, set] = {}
    for qname, period in facts:
        periods.setdefault(qname, set()).add(period)
    kept = []
    for mapped in statements:
        groups: dict[int, list[CalcRelation]] = {}
        for relation in mapped.calculations:
            groups.setdefault(relation.total, []).append(relation)
        relations: list[CalcRelation] = []
        for total, group in groups.items():
            qname = mapped.lines[total].concepts[0].qname
            parts = [(mapped.lines[r.component].concepts[0].qname, r.weight) for r in group]
            if all(_holds(qname, parts, period, facts) for period in periods.get(qname, ())):
                relations.extend(group)
        kept.append(tuple(relations))
    return kept


def _holds(total: str, parts: list[tuple[str, int]], period, facts) -> bool:
    reported = facts.get((total, period), set())
    if len(reported) != 1:
        return True  # duplicates that disagree are reported as such
    found = [(facts.get((qname, period), set()), weight) for qname, weight in parts]
    if not any(values for values, _ in found):
        return True  # nothing to add up: the calculation does not bind
    if any(len(values) > 1 for values, _ in found):
        return True
    computed = sum((next(iter(values)) * weight for values, weight in found if values), Decimal(0))
    return computed == next(iter(reported))
