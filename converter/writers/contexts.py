"""What the XML instance and the inline document share: contexts, units and fact ids, written alike."""
from __future__ import annotations

from lxml import etree

from ..xbrl.model import Context, Fact, Unit
from ._xml import XBRLI_NS, qn, split_qname, sub


def add_context(root: etree._Element, context: Context) -> None:
    element = sub(root, qn(XBRLI_NS, "context"), {"id": context.id})
    entity = sub(element, qn(XBRLI_NS, "entity"))
    sub(entity, qn(XBRLI_NS, "identifier"), {"scheme": context.entity.scheme}, context.entity.identifier)
    period = sub(element, qn(XBRLI_NS, "period"))
    if context.period.start is None:
        sub(period, qn(XBRLI_NS, "instant"), text=context.period.end.isoformat())
    else:
        sub(period, qn(XBRLI_NS, "startDate"), text=context.period.start.isoformat())
        sub(period, qn(XBRLI_NS, "endDate"), text=context.period.end.isoformat())


def add_unit(root: etree._Element, unit: Unit, nsmap: dict[str, str]) -> None:
    element = sub(root, qn(XBRLI_NS, "unit"), {"id": unit.id})
    if not unit.numerator:
        raise ValueError(f"unit {unit.id!r} has no measure")
    if not unit.denominator:
        _add_measures(element, unit.numerator, nsmap)
        return
    divide = sub(element, qn(XBRLI_NS, "divide"))
    _add_measures(sub(divide, qn(XBRLI_NS, "unitNumerator")), unit.numerator, nsmap)
    _add_measures(sub(divide, qn(XBRLI_NS, "unitDenominator")), unit.denominator, nsmap)


def _add_measures(parent: etree._Element, measures: tuple[str, ...], nsmap: dict[str, str]) -> None:
    for measure in measures:
        prefix, _ = split_qname(measure)
        if prefix not in nsmap:
            raise ValueError(f"measure {measure!r} uses an undeclared prefix")
        sub(parent, qn(XBRLI_NS, "measure"), text=measure)


def with_ids(facts: list[Fact]) -> list[tuple[Fact, str]]:
    """Keep the model's fact ids; number the others f1, f2, ... in document order, skipping taken ids."""
    taken = {fact.fact_id for fact in facts if fact.fact_id}
    result, counter = [], 0
    for fact in facts:
        fact_id = fact.fact_id
        while not fact_id:
            counter += 1
            candidate = f"f{counter}"
            fact_id = "" if candidate in taken else candidate
        result.append((fact, fact_id))
    return result
