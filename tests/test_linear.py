"""The stages made linear in their input give what the straightforward search gave: column
placement of text tables (tables/text.py) and the implicit totals of the arithmetic (mapping/arithmetic.py),
each checked against the plain scan on made-up cases."""
import random
from decimal import Decimal

import pytest

from converter.mapping import arithmetic
from converter.mapping.arithmetic import _Node, _best_run, _cheapest, _implicit_cost
from converter.mapping.signs import STRONG, WEAK, SignPrior
from converter.tables.text import _Containing, _Nearest, _Token, _nearest_column


def _columns(rng: random.Random, count: int, overlapping: bool) -> list[tuple[int, int, int]]:
    columns, position = [], 20
    for _ in range(count):
        width = rng.randint(1, 9)
        left = position - (rng.randint(0, 12) if overlapping else 0)
        edge = position + width
        columns.append((left, edge, edge + rng.randint(0, 2)))
        position = edge + rng.randint(1 if overlapping else 4, 8)
    return columns


def _tokens(rng: random.Random, span: int) -> list[_Token]:
    found = []
    for _ in range(60):
        text = rng.choice(["1,234", "(56)", "-", "--", "7%", "$ 12", "890"])
        start = rng.randint(0, span)
        found.append(_Token(text, start, start + len(text)))
    return found


@pytest.mark.parametrize("seed, count, overlapping", [(1, 1, False), (2, 4, False), (3, 12, False), (4, 4, True), (5, 12, True), (6, 40, True)])
def test_nearest_column_as_the_scan(seed, count, overlapping):
    rng = random.Random(seed)
    columns = _columns(rng, count, overlapping)
    nearest = _Nearest(columns)
    for token in _tokens(rng, columns[-1][2] + 10):
        assert nearest.column(token) == _nearest_column(token, columns), token


@pytest.mark.parametrize("seed, count, overlapping", [(1, 3, False), (2, 12, True), (3, 40, True)])
def test_containing_columns_as_the_scan(seed, count, overlapping):
    rng = random.Random(seed)
    columns = _columns(rng, count, overlapping)
    holding = _Containing(columns)
    for token in _tokens(rng, columns[-1][2] + 10):
        expected = [i for i, (left, _, right) in enumerate(columns) if left <= token.start and token.end <= right]
        assert list(holding.columns_of(token)) == expected, token


def _plain_implicit(total, open_nodes, nodes):
    """_best_run for a line not marked as a total, as searched before: every run afresh."""
    columns = [k for k, v in enumerate(total.values) if v is not None]
    for size in range(2, len(open_nodes) + 1):
        run = open_nodes[-size:]
        if [k for k in columns if any(n.values[k] is not None for n in run)] != columns:
            continue
        if sum(1 for n in run if any(n.values[k] for k in columns)) < 2:
            continue
        best = None
        for side in ((total.axis,) if not total.free else (total.hint, -total.hint)):
            base = 0.0 if total.free and side == total.hint else arithmetic.EXTENSION_COST if total.free else 0.0
            found = _cheapest(run, side, total.sign, total, columns, nodes, 1, base, {})
            if found is not None and (best is None or found[-1] < best[-1]):
                best = (run, side, total.sign) + found
        if best is not None and best[-1] <= _implicit_cost(total, columns):
            return best
    return None


def _node(rng: random.Random, index: int, columns: int) -> _Node:
    values = tuple(None if rng.random() < 0.15 else Decimal(rng.choice([0, 1, 2, 3, 5, -2, 4])) for _ in range(columns))
    prior = SignPrior(rng.choice([1, -1]), rng.choice([WEAK, STRONG, 0.5]))
    free = rng.random() < 0.3
    side = rng.choice([1, -1])
    return _Node(index, values, prior, prior.sign, None if free else side, side, free, free)


@pytest.mark.parametrize("seed", range(12))
def test_implicit_totals_as_the_plain_search(seed):
    rng = random.Random(seed)
    columns = rng.choice([1, 2, 3])
    nodes = {i: _node(rng, i, columns) for i in range(rng.randint(3, 14))}
    order = list(nodes.values())
    for position in range(2, len(order)):
        total, above = order[position], order[:position]
        assert _best_run(total, above, nodes, False) == _plain_implicit(total, above, nodes)
