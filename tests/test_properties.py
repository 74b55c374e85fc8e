"""Property-based tests (issue 11): made-up statements mutated the way real documents go wrong (lines deleted,
repeated or swapped, digits changed, parentheses added, columns shifted, characters inserted) convert or fail
with a documented error, and their output can always be written. Needs hypothesis (the test extra)."""
import re

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from converter.coverage import Fate, cell_coverage  # noqa: E402
from converter.diagnostics import EXIT_NO_STATEMENTS, ConversionError, Severity  # noqa: E402
from converter.pipeline import convert  # noqa: E402
from converter.writers import render_output  # noqa: E402

EXAMPLES = settings(max_examples=2000, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

STATEMENT = """ACME CORPORATION
CONSOLIDATED STATEMENTS OF OPERATIONS
(in thousands, except per share data)
                                     Three months ended June 30,
                                        2008          2007
Revenues                           $  12,500     $  10,250
Cost of revenues                       7,000         6,100
                                   ---------     ---------
Gross profit                           5,500         4,150
Operating expenses                     3,200         3,000
Income tax expense                      (400)         (300)
                                   ---------     ---------
Net income (loss)                  $   1,900     $     850
                                   =========     =========
Net income per share - basic       $    0.19     $    0.09
Weighted average shares               10,000        10,000
"""

_DIGIT = re.compile(r"\d")


def _delete(lines, i, _):
    return lines[:i] + lines[i + 1:]


def _repeat(lines, i, _):
    return lines[:i + 1] + lines[i:]


def _swap(lines, i, j):
    lines = list(lines)
    lines[i], lines[j % len(lines)] = lines[j % len(lines)], lines[i]
    return lines


def _change_digit(lines, i, j):
    digits = [m.start() for m in _DIGIT.finditer(lines[i])]
    if not digits:
        return lines
    at = digits[j % len(digits)]
    return lines[:i] + [lines[i][:at] + str((int(lines[i][at]) + 1 + j) % 10) + lines[i][at + 1:]] + lines[i + 1:]


def _parenthesize(lines, i, j):
    """A parenthesis before or after a number, balanced or not."""
    numbers = list(re.finditer(r"[\d,.]*\d", lines[i]))
    if not numbers:
        return lines
    number = numbers[j % len(numbers)]
    opening, closing = ("(", ")") if j % 3 == 0 else ("(", "") if j % 3 == 1 else ("", ")")
    line = lines[i][:number.start()] + opening + number.group(0) + closing + lines[i][number.end():]
    return lines[:i] + [line] + lines[i + 1:]


def _shift(lines, i, j):
    """The values of a line moved right or left by a few places."""
    line = lines[i]
    cut = len(line) - len(line.lstrip()) + 30
    if j % 2:
        line = line[:cut] + " " * (j % 7 + 1) + line[cut:]
    else:
        line = line[:cut] + line[cut:].replace("  ", " ", j % 4 + 1)
    return lines[:i] + [line] + lines[i + 1:]


def _insert(lines, i, j, characters="()$,.-%*=_\t\x00\x1b<>&'\"é€\u00a0\u2014"):
    line = lines[i]
    at = j % (len(line) + 1)
    return lines[:i] + [line[:at] + characters[j % len(characters)] + line[at:]] + lines[i + 1:]


MUTATIONS = [_delete, _repeat, _swap, _change_digit, _parenthesize, _shift, _insert]

mutation = st.tuples(st.sampled_from(MUTATIONS), st.integers(0, 1000), st.integers(0, 1000))


def _mutated(mutations) -> str:
    lines = STATEMENT.split("\n")
    for function, i, j in mutations:
        if not lines:
            break
        lines = function(lines, i % len(lines), j)
    return "\n".join(lines)


def _converted_or_documented_error(text: str):
    """The conversion, or None when it failed with a documented error; anything else fails the test."""
    try:
        return convert(text.encode("utf-8"), "made-up.txt")
    except ConversionError as failure:
        assert failure.exit_code == EXIT_NO_STATEMENTS
        assert [d.code for d in failure.diagnostics if d.severity is Severity.ERROR][-1] in {"XC101", "XC102", "XC103"}
        return None


@EXAMPLES
@given(st.lists(mutation, min_size=1, max_size=4))
def test_mutated_statements_convert_or_fail_with_a_documented_error(mutations):
    conversion = _converted_or_documented_error(_mutated(mutations))
    if conversion is not None and conversion.instance is not None:
        files = render_output(conversion.instance, {"report.json": b"{}"})
        assert all(b"\x00" not in content and b"\x1b" not in content for content in files.values())
        assert all(d.source is None or d.source.file == "made-up.txt" for d in conversion.diagnostics)
        assert [c for c in cell_coverage(conversion) if c.fate is Fate.LOST] == []  # nothing dropped silently
