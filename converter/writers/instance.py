"""Serialize the XBRL model as an XBRL 2.1 instance document, laid out as an SEC filing has it."""
from __future__ import annotations

from decimal import Decimal

from lxml import etree

from ..xbrl.model import Context, Fact, Instance, StatementNetwork, Unit
from ._xml import (
    ISO4217_NS, LINK_NS, XBRLI_NS, XLINK_NS, bind, format_decimal, qn, serialize, split_qname, sub, xlink,
)

DEI_PREFIX = "dei"


def write_instance(instance: Instance) -> bytes:
    """The instance document: schemaRef, contexts, units, then facts (DEI first, then statement order)."""
    nsmap = instance_nsmap(instance)
    root = etree.Element(qn(XBRLI_NS, "xbrl"), nsmap=nsmap)
    sub(root, qn(LINK_NS, "schemaRef"), {xlink("type"): "simple", xlink("href"): instance.extension.schema_file})
    for context in instance.contexts:
        _add_context(root, context)
    for unit in instance.units:
        _add_unit(root, unit, nsmap)
    _check_references(instance)
    for fact, fact_id in _with_ids(order_facts(instance)):
        _add_fact(root, fact, fact_id)
    return serialize(root)


def instance_nsmap(instance: Instance) -> dict[str, str]:
    nsmap = {"xbrli": XBRLI_NS, "link": LINK_NS, "xlink": XLINK_NS, "iso4217": ISO4217_NS}
    for fact in instance.facts:
        bind(nsmap, fact.concept.prefix, fact.concept.namespace)
    for prefix, namespace in sorted(instance.namespaces.items()):
        bind(nsmap, prefix, namespace)
    bind(nsmap, instance.extension.prefix, instance.extension.namespace)
    return nsmap


def _add_context(root: etree._Element, context: Context) -> None:
    element = sub(root, qn(XBRLI_NS, "context"), {"id": context.id})
    entity = sub(element, qn(XBRLI_NS, "entity"))
    sub(entity, qn(XBRLI_NS, "identifier"), {"scheme": context.entity.scheme}, context.entity.identifier)
    period = sub(element, qn(XBRLI_NS, "period"))
    if context.period.start is None:
        sub(period, qn(XBRLI_NS, "instant"), text=context.period.end.isoformat())
    else:
        sub(period, qn(XBRLI_NS, "startDate"), text=context.period.start.isoformat())
        sub(period, qn(XBRLI_NS, "endDate"), text=context.period.end.isoformat())


def _add_unit(root: etree._Element, unit: Unit, nsmap: dict[str, str]) -> None:
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


def order_facts(instance: Instance) -> list[Fact]:
    """DEI facts first, then concepts in the order the statements print them, then by context order.

    Concepts outside every presentation network follow in the order their first fact appears.
    """
    rank = presentation_rank(instance.extension.networks)
    context_index = {context.id: i for i, context in enumerate(instance.contexts)}
    first_seen: dict[str, int] = {}
    for i, fact in enumerate(instance.facts):
        first_seen.setdefault(fact.concept.qname, i)

    def key(item: tuple[int, Fact]) -> tuple:
        i, fact = item
        qname = fact.concept.qname
        return (fact.concept.prefix != DEI_PREFIX, rank.get(qname, len(rank)), first_seen[qname],
                context_index.get(fact.context_id, len(context_index)), i)

    return [fact for _, fact in sorted(enumerate(instance.facts), key=key)]


def presentation_rank(networks: tuple[StatementNetwork, ...]) -> dict[str, int]:
    """Each concept's position in a depth-first walk of the presentation trees, networks in order."""
    rank: dict[str, int] = {}
    for network in networks:
        children: dict[str, list[tuple[float, int, str]]] = {}
        for i, arc in enumerate(network.presentation):
            children.setdefault(arc.parent, []).append((arc.order, i, arc.child))
        child_set = {arc.child for arc in network.presentation}
        roots = dict.fromkeys(arc.parent for arc in network.presentation if arc.parent not in child_set)
        for root in roots:
            _walk(root, children, rank)
    return rank


def _walk(concept: str, children: dict[str, list[tuple[float, int, str]]], rank: dict[str, int]) -> None:
    stack = [concept]
    while stack:
        current = stack.pop()
        if current in rank:
            continue
        rank[current] = len(rank)
        stack.extend(child for _, _, child in sorted(children.get(current, ()), reverse=True))


def _check_references(instance: Instance) -> None:
    context_ids = {context.id for context in instance.contexts}
    unit_ids = {unit.id for unit in instance.units}
    for fact in instance.facts:
        if fact.context_id not in context_ids:
            raise ValueError(f"{fact.concept.qname}: unknown context {fact.context_id!r}")
        if fact.unit_id is not None and fact.unit_id not in unit_ids:
            raise ValueError(f"{fact.concept.qname}: unknown unit {fact.unit_id!r}")


def _with_ids(facts: list[Fact]) -> list[tuple[Fact, str]]:
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


def _add_fact(root: etree._Element, fact: Fact, fact_id: str) -> None:
    concept = fact.concept
    attrib = {"contextRef": fact.context_id}
    if concept.is_numeric:
        text = _numeric_value(fact)
        attrib["unitRef"] = fact.unit_id or ""
        attrib["decimals"] = str(fact.decimals)
    else:
        text = _text_value(fact)
    attrib["id"] = fact_id
    sub(root, qn(concept.namespace, concept.name), attrib, text)


def _numeric_value(fact: Fact) -> str:
    if not isinstance(fact.value, Decimal):
        raise ValueError(f"{fact.concept.qname} is numeric but its value is {fact.value!r}")
    if fact.unit_id is None or fact.decimals is None:
        raise ValueError(f"{fact.concept.qname} is numeric and needs a unit and decimals")
    return format_decimal(fact.value)


def _text_value(fact: Fact) -> str:
    if not isinstance(fact.value, str):
        raise ValueError(f"{fact.concept.qname} is not numeric but its value is {fact.value!r}")
    if fact.unit_id is not None or fact.decimals is not None:
        raise ValueError(f"{fact.concept.qname} is not numeric and takes no unit or decimals")
    return fact.value
