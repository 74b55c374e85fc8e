"""Which income statement lines are split between the parent and the noncontrolling interests below them
("beforenci" in context.line_contexts): the consolidated amount, also when its label names what it includes."""
import pytest

from converter.diagnostics import SourceRef
from converter.mapping.context import _income_tags
from converter.statements import StatementLine, UnitKind


def _lines(labels):
    return tuple(StatementLine(label, (), 0, (), UnitKind.MONEY, False, SourceRef("is.txt", 10 + i)) for i, label in enumerate(labels))


@pytest.mark.parametrize("labels, before", [
    (["Net income", "Less: net income attributable to noncontrolling interests", "Net income attributable to the company"],
     [True, False, False]),
    (["Net income including noncontrolling interests", "Net income attributable to noncontrolling interests",
      "Net income attributable to the company"], [True, False, False]),
    (["Income before income taxes", "Net income before allocation to noncontrolling interests",
      "Less: net income attributable to noncontrolling interests"], [False, True, False]),
    (["Income before income taxes", "Provision for taxes", "Net income"], [False, False, False]),
])
def test_the_consolidated_line_is_before_the_split(labels, before):
    assert ["beforenci" in tags for tags in _income_tags(_lines(labels))] == before
