"""Serialize the XBRL model as an XBRL 2.1 instance document, laid out as an SEC filing has it."""
from __future__ import annotations

from decimal import Decimal

from lxml import etree

from ..xbrl.model import Fact, Instance, StatementNetwork
from ._xml import ISO4217_NS, LINK_NS, XBRLI_NS, XLINK_NS, bind, format_decimal, qn, serialize, sub, xlink
from .contexts import add_context, add_unit, with_ids

DEI_PREFIX = "dei"


def write_instance(instance: Instance) -> bytes:
    """The instance document: schemaRef, contexts, units, then facts (DEI first, then statement order)."""
    nsmap = instance_nsmap(instance)
    root = etree.Element(qn(XBRLI_NS, "xbrl"), nsmap=nsmap)
    sub(root, qn(LINK_NS, "schemaRef"), {xlink("type"): "simple", xlink("href"): instance.extension.schema_file})
    for context in instance.contexts:
        add_context(root, context)
    for unit in instance.units:
        add_unit(root, unit, nsmap)
    _check_references(instance)
    for fact, fact_id in with_ids(order_facts(instance)):
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
