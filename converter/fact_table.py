"""facts.csv: one row per fact of the instance with where it was printed, for spreadsheets and pandas.

The columns (README, "facts.csv"): concept, label, statement, period_start, period_end, unit, decimals,
value, text, extension, score, file, line, column. A number is in `value` (exact, without exponent),
a text fact (the dei cover facts) in `text`, so that pandas.read_csv reads `value`, `decimals` (INF
as inf), `score` as floats, `extension` as booleans and `line`, `column` as integers.
"""
from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import TYPE_CHECKING

from .diagnostics import SourceRef

if TYPE_CHECKING:  # pipeline imports this module
    from .pipeline import Conversion

COLUMNS = ("concept", "label", "statement", "period_start", "period_end", "unit", "decimals", "value", "text",
           "extension", "score", "file", "line", "column")
COVER = "cover"  # the statement of the dei facts, which no statement prints


def fact_table_bytes(conversion: "Conversion") -> bytes:
    """facts.csv for a conversion: its instance's facts in order, each with the line that printed it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    instance = conversion.instance
    if instance is not None:
        printed = _printed_lines(conversion)
        periods = {c.id: c.period for c in instance.contexts}
        for fact in instance.facts:
            label, statement, score = printed.get(fact.source, ("", COVER if fact.unit_id is None else "", None))
            period = periods[fact.context_id]
            numeric = isinstance(fact.value, Decimal)
            source = fact.source or SourceRef("")
            writer.writerow([
                fact.concept.qname, label, statement, period.start.isoformat() if period.start else "", period.end.isoformat(),
                fact.unit_id or "", "" if fact.decimals is None else fact.decimals,
                _number(fact.value) if numeric else "", "" if numeric else fact.value,
                fact.concept.namespace == instance.extension.namespace, "" if score is None else round(score, 4),
                source.file, source.line, source.column,
            ])
    return out.getvalue().encode("utf-8")


def _printed_lines(conversion: "Conversion") -> dict[SourceRef, tuple[str, str, float | None]]:
    """Where each printed number is: its line's label, its statement's kind, the line's mapping score;
    amounts printed inside captions get the caption and the statement around it, without a score."""
    found: dict[SourceRef, tuple[str, str, float | None]] = {}
    for mapped in conversion.mapped:
        kind = mapped.statement.kind.value
        for line in mapped.lines:
            for value in line.line.values:
                if value is not None:
                    found.setdefault(value.source, (line.line.label, kind, line.score))
    for item in conversion.parenthetical:
        found.setdefault(item.source, (item.label, _statement_at(conversion, item.source), None))
    return found


def _statement_at(conversion: "Conversion", source: SourceRef) -> str:
    """The kind of the last statement starting at or before source (a caption is inside its statement)."""
    before = [s for s in conversion.statements if s.source.file == source.file and s.source.line <= source.line]
    return max(before, key=lambda s: s.source.line).kind.value if before else ""


def _number(value: Decimal) -> str:
    """The exact amount without exponent; a zero printed as a dash with a negative sign is 0."""
    return format(value.copy_abs() if value == 0 else value, "f")
