"""The example that ships with the project: every fact, checked against a golden file."""
import os
from pathlib import Path

from converter.pipeline import convert

from .conftest import EXAMPLE

GOLDEN = Path(__file__).parent / "golden" / "northwind-2008q3-facts.txt"


def _fact_lines() -> str:
    conversion = convert(EXAMPLE.read_bytes(), "northwind.txt")
    rows = []
    for fact in conversion.instance.facts:
        value = f"{fact.value:f}" if fact.unit_id else fact.value
        where = f"{fact.source.line}:{fact.source.column}" if fact.source else ""
        rows.append(f"{fact.concept.qname} {fact.context_id} {fact.unit_id or '-'} {fact.decimals if fact.decimals is not None else '-'} {value} @{where}")
    return "\n".join(rows) + "\n"


def test_example_facts_match_the_golden_file():
    got = _fact_lines()
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(got)
    assert got == GOLDEN.read_text()
