"""Serialize the company extension taxonomy: the schema and its label, presentation and calculation linkbases."""
from __future__ import annotations

from collections.abc import Mapping

from lxml import etree

from ..mapping.taxonomy import DEI_NS, US_GAAP_NS, ConceptDef
from ..xbrl.model import LABEL_ROLE, Extension, Label, StatementNetwork
from ._xml import (
    LINK_NS, XBRLI_NS, XBRLI_SCHEMA_URL, XLINK_NS, XML_NS, XS_NS, bind, format_order, qn, serialize, split_qname,
    sub, xlink,
)

LINKBASE_ARCROLE = "http://www.w3.org/1999/xlink/properties/linkbase"
CONCEPT_LABEL_ARCROLE = "http://www.xbrl.org/2003/arcrole/concept-label"
PARENT_CHILD_ARCROLE = "http://www.xbrl.org/2003/arcrole/parent-child"
# Calculations 1.1, as the US GAAP 2024 calculation linkbases use it.
SUMMATION_ITEM_ARCROLE = "https://xbrl.org/2023/arcrole/summation-item"
SUMMATION_ITEM_HREF = "https://www.xbrl.org/2023/calculation-1.1.xsd#summation-item"
STANDARD_LINK_ROLE = "http://www.xbrl.org/2003/role/link"

_ROLE_2003 = "http://www.xbrl.org/2003/role/"
# Label roles defined by XBRL 2.1 itself need no roleRef.
STANDARD_LABEL_ROLES = frozenset(_ROLE_2003 + name for name in (
    "label", "terseLabel", "verboseLabel", "positiveLabel", "positiveTerseLabel", "positiveVerboseLabel",
    "negativeLabel", "negativeTerseLabel", "negativeVerboseLabel", "zeroLabel", "zeroTerseLabel",
    "zeroVerboseLabel", "totalLabel", "periodStartLabel", "periodEndLabel", "documentation",
    "definitionGuidance", "disclosureGuidance", "presentationGuidance", "measurementGuidance",
    "commentaryGuidance", "exampleGuidance"))
_NEGATED_SCHEMA = "http://www.xbrl.org/lrr/role/negated-2009-12-16.xsd"
# Link Role Registry label roles: role URI -> the roleType a roleRef points at.
LRR_LABEL_ROLES = {f"http://www.xbrl.org/2009/role/{name}": f"{_NEGATED_SCHEMA}#{name}" for name in (
    "negatedLabel", "negatedTotalLabel", "negatedTerseLabel", "negatedNetLabel", "negatedPeriodStartLabel",
    "negatedPeriodEndLabel")}
LRR_LABEL_ROLES["http://www.xbrl.org/2009/role/netLabel"] = "http://www.xbrl.org/lrr/role/net-2009-12-16.xsd#netLabel"

# Namespaces of the QNames an extension element declaration may use (types, substitution groups).
KNOWN_PREFIXES = {
    "xbrli": (XBRLI_NS, XBRLI_SCHEMA_URL),
    "dtr-types": ("http://www.xbrl.org/dtr/type/2022-03-31", "https://www.xbrl.org/dtr/type/2022-03-31/types.xsd"),
    "xbrldt": ("http://xbrl.org/2005/xbrldt", "http://www.xbrl.org/2005/xbrldt-2005.xsd"),
}
STANDARD_PREFIXES = {"us-gaap": US_GAAP_NS, "dei": DEI_NS}


def linkbase_file_names(schema_file: str) -> tuple[str, str, str]:
    """The label, presentation and calculation linkbase names for an extension schema file name."""
    stem = schema_file.removesuffix(".xsd")
    return f"{stem}_lab.xml", f"{stem}_pre.xml", f"{stem}_cal.xml"


def written_linkbases(extension: Extension) -> tuple[str, ...]:
    """The linkbase files the extension has content for: an empty one is neither written nor referenced
    (EFM 6.3.3)."""
    lab, pre, cal = linkbase_file_names(extension.schema_file)
    present = (True, any(n.presentation for n in extension.networks), any(n.calculation for n in extension.networks))
    return tuple(name for name, has in zip((lab, pre, cal), present) if has)


def write_extension(extension: Extension, namespaces: Mapping[str, str] | None = None) -> dict[str, bytes]:
    """File name -> content: the schema, then the label, presentation and calculation linkbases
    (those with content).

    namespaces (prefix -> namespace) resolves the prefixes of standard concepts named in labels and arcs;
    us-gaap and dei are known without it.
    """
    hrefs = _HrefResolver(extension, namespaces or {})
    lab, pre, cal = linkbase_file_names(extension.schema_file)
    writers = {
        lab: lambda: _label_linkbase(_with_standard_labels(extension), hrefs),
        pre: lambda: _presentation_linkbase(extension, hrefs),
        cal: lambda: _calculation_linkbase(extension, hrefs),
    }
    files = {extension.schema_file: write_schema(extension)}
    files.update({name: writers[name]() for name in written_linkbases(extension)})
    return files


class _HrefResolver:
    """Concept QName -> locator href: the official schema URL, or the extension schema, plus #prefix_Name."""

    def __init__(self, extension: Extension, namespaces: Mapping[str, str]):
        self._prefixes = {**STANDARD_PREFIXES, **namespaces, extension.prefix: extension.namespace}
        self._urls = {namespace: url for namespace, url in extension.imports}
        self._urls[extension.namespace] = extension.schema_file

    def __call__(self, concept: str) -> str:
        prefix, name = split_qname(concept)
        namespace = self._prefixes.get(prefix)
        if namespace is None:
            raise ValueError(f"{concept}: unknown prefix {prefix!r}")
        url = self._urls.get(namespace)
        if url is None:
            raise ValueError(f"{concept}: no schema imported for namespace {namespace}")
        return f"{url}#{prefix}_{name}"


# --- schema ---------------------------------------------------------------------------------------------------


def write_schema(extension: Extension) -> bytes:
    type_prefixes = _declaration_prefixes(extension)
    nsmap = {"xs": XS_NS, "link": LINK_NS, "xlink": XLINK_NS, "xbrli": XBRLI_NS}
    for prefix in type_prefixes:
        bind(nsmap, prefix, KNOWN_PREFIXES[prefix][0])
    bind(nsmap, extension.prefix, extension.namespace)
    root = etree.Element(qn(XS_NS, "schema"), nsmap=nsmap, attrib={
        "targetNamespace": extension.namespace, "elementFormDefault": "qualified",
        "attributeFormDefault": "unqualified"})
    _add_appinfo(sub(sub(root, qn(XS_NS, "annotation")), qn(XS_NS, "appinfo")), extension)
    for namespace, location in _imports(extension, type_prefixes):
        sub(root, qn(XS_NS, "import"), {"namespace": namespace, "schemaLocation": location})
    for concept in extension.concepts:
        _add_element(root, concept, extension)
    return serialize(root)


def _declaration_prefixes(extension: Extension) -> list[str]:
    """Prefixes of the types and substitution groups the element declarations use, in first-use order."""
    prefixes: dict[str, None] = {}
    for concept in extension.concepts:
        for qname in (concept.data_type, concept.substitution_group):
            prefix, _ = split_qname(qname)
            if prefix not in KNOWN_PREFIXES:
                raise ValueError(f"{concept.qname}: no known schema for the prefix of {qname}")
            prefixes.setdefault(prefix, None)
    return list(prefixes)


def _imports(extension: Extension, type_prefixes: list[str]) -> list[tuple[str, str]]:
    imports = {XBRLI_NS: XBRLI_SCHEMA_URL}
    imports.update(extension.imports)
    for prefix in type_prefixes:
        namespace, location = KNOWN_PREFIXES[prefix]
        imports.setdefault(namespace, location)
    return list(imports.items())


def _add_appinfo(appinfo: etree._Element, extension: Extension) -> None:
    roles = ("labelLinkbaseRef", "presentationLinkbaseRef", "calculationLinkbaseRef")
    written = written_linkbases(extension)
    for role, file_name in zip(roles, linkbase_file_names(extension.schema_file)):
        if file_name not in written:
            continue
        sub(appinfo, qn(LINK_NS, "linkbaseRef"), {
            xlink("type"): "simple", xlink("href"): file_name,
            xlink("role"): f"http://www.xbrl.org/2003/role/{role}", xlink("arcrole"): LINKBASE_ARCROLE})
    for network in extension.networks:
        role_type = sub(appinfo, qn(LINK_NS, "roleType"), {"roleURI": network.role_uri, "id": network.role_id})
        sub(role_type, qn(LINK_NS, "definition"), text=network.definition)
        # EFM 6.7.11: every link type, whether or not the extension has a link of it.
        for link in ("link:presentationLink", "link:calculationLink", "link:definitionLink"):
            sub(role_type, qn(LINK_NS, "usedOn"), text=link)


def _add_element(root: etree._Element, concept: ConceptDef, extension: Extension) -> None:
    if concept.prefix != extension.prefix or concept.namespace != extension.namespace:
        raise ValueError(f"{concept.qname} is not in the extension namespace {extension.namespace}")
    attrib = {
        "id": f"{concept.prefix}_{concept.name}", "name": concept.name, "type": concept.data_type,
        "substitutionGroup": concept.substitution_group, "abstract": _bool(concept.abstract), "nillable": "true",
        qn(XBRLI_NS, "periodType"): concept.period_type,
    }
    if concept.balance:
        attrib[qn(XBRLI_NS, "balance")] = concept.balance
    sub(root, qn(XS_NS, "element"), attrib)


def _bool(value: bool) -> str:
    return "true" if value else "false"


# --- linkbases ------------------------------------------------------------------------------------------------


def _linkbase() -> etree._Element:
    return etree.Element(qn(LINK_NS, "linkbase"), nsmap={"link": LINK_NS, "xlink": XLINK_NS})


def _role_ref(root: etree._Element, role_uri: str, href: str) -> None:
    sub(root, qn(LINK_NS, "roleRef"), {"roleURI": role_uri, xlink("type"): "simple", xlink("href"): href})


def _extended_link(root: etree._Element, tag: str, role: str) -> etree._Element:
    return sub(root, qn(LINK_NS, tag), {xlink("type"): "extended", xlink("role"): role})


def _loc_label(concept: str) -> str:
    return "loc_" + concept.replace(":", "_")


class _Locators:
    """Adds one locator per concept to an extended link, on first use.

    XLink allows one arc per pair of locator labels, so a concept presented twice under one parent
    (cash at the beginning and at the end of the period) gets a second locator for its second arc.
    """

    def __init__(self, link: etree._Element, hrefs: _HrefResolver):
        self._link, self._hrefs, self._done, self._pairs = link, hrefs, set(), set()

    def __call__(self, concept: str) -> str:
        return self._add(concept, _loc_label(concept))

    def pair(self, parent: str, child: str) -> tuple[str, str]:
        """Locator labels for an arc from parent to child, fresh for the child when the pair repeats."""
        start, end, n = self(parent), self(child), 1
        while (start, end) in self._pairs:
            n += 1
            end = self._add(child, f"{_loc_label(child)}_{n}")
        self._pairs.add((start, end))
        return start, end

    def _add(self, concept: str, label: str) -> str:
        if label not in self._done:
            self._done.add(label)
            sub(self._link, qn(LINK_NS, "loc"), {
                xlink("type"): "locator", xlink("href"): self._hrefs(concept), xlink("label"): label})
        return label


def _label_linkbase(labels: tuple[Label, ...], hrefs: _HrefResolver) -> bytes:
    root = _linkbase()
    for role in dict.fromkeys(label.role for label in labels):
        if role in LRR_LABEL_ROLES:
            _role_ref(root, role, LRR_LABEL_ROLES[role])
        elif role not in STANDARD_LABEL_ROLES:
            raise ValueError(f"label role {role} is neither standard nor in the Link Role Registry")
    link = _extended_link(root, "labelLink", STANDARD_LINK_ROLE)
    locators = _Locators(link, hrefs)
    for concept, group in _labels_by_concept(labels).items():
        loc = locators(concept)
        resource = "lab_" + concept.replace(":", "_")
        for label in group:
            sub(link, qn(LINK_NS, "label"), {
                xlink("type"): "resource", xlink("label"): resource, xlink("role"): label.role,
                qn(XML_NS, "lang"): label.lang}, label.text)
        sub(link, qn(LINK_NS, "labelArc"), {
            xlink("type"): "arc", xlink("arcrole"): CONCEPT_LABEL_ARCROLE, xlink("from"): loc, xlink("to"): resource})
    return serialize(root)


def _with_standard_labels(extension: Extension) -> tuple[Label, ...]:
    """The extension's labels, plus ConceptDef.label as the standard label of extension concepts lacking one."""
    labelled = {label.concept for label in extension.labels if label.role == LABEL_ROLE}
    missing = tuple(Label(concept.qname, LABEL_ROLE, concept.label) for concept in extension.concepts
                    if concept.label and concept.qname not in labelled)
    return missing + extension.labels


def _labels_by_concept(labels: tuple[Label, ...]) -> dict[str, list[Label]]:
    """Labels grouped by concept in first-seen order; exact duplicates dropped, conflicting ones refused."""
    groups: dict[str, list[Label]] = {}
    texts: dict[tuple[str, str, str], str] = {}
    for label in labels:
        key = (label.concept, label.role, label.lang)
        if key in texts:
            if texts[key] != label.text:
                raise ValueError(f"{label.concept} has two {label.role} labels: {texts[key]!r}, {label.text!r}")
            continue
        texts[key] = label.text
        groups.setdefault(label.concept, []).append(label)
    return groups


def _presentation_linkbase(extension: Extension, hrefs: _HrefResolver) -> bytes:
    root = _linkbase()
    networks = [network for network in extension.networks if network.presentation]
    _statement_role_refs(root, networks, extension.schema_file)
    for network in networks:
        link = _extended_link(root, "presentationLink", network.role_uri)
        locators = _Locators(link, hrefs)
        for arc in network.presentation:
            attrib = _arc_attrib(PARENT_CHILD_ARCROLE, *locators.pair(arc.parent, arc.child), arc.order)
            if arc.preferred_label:
                attrib["preferredLabel"] = arc.preferred_label
            sub(link, qn(LINK_NS, "presentationArc"), attrib)
    return serialize(root)


def _calculation_linkbase(extension: Extension, hrefs: _HrefResolver) -> bytes:
    root = _linkbase()
    networks = [network for network in extension.networks if network.calculation]
    _statement_role_refs(root, networks, extension.schema_file)
    if networks:
        sub(root, qn(LINK_NS, "arcroleRef"), {
            "arcroleURI": SUMMATION_ITEM_ARCROLE, xlink("type"): "simple", xlink("href"): SUMMATION_ITEM_HREF})
    for network in networks:
        link = _extended_link(root, "calculationLink", network.role_uri)
        locators = _Locators(link, hrefs)
        for arc in network.calculation:
            attrib = _arc_attrib(SUMMATION_ITEM_ARCROLE, *locators.pair(arc.parent, arc.child), arc.order)
            attrib["weight"] = str(arc.weight)
            sub(link, qn(LINK_NS, "calculationArc"), attrib)
    return serialize(root)


def _statement_role_refs(root: etree._Element, networks: list[StatementNetwork], schema_file: str) -> None:
    for network in networks:
        _role_ref(root, network.role_uri, f"{schema_file}#{network.role_id}")


def _arc_attrib(arcrole: str, parent: str, child: str, order: float) -> dict[str, str]:
    return {xlink("type"): "arc", xlink("arcrole"): arcrole, xlink("from"): parent, xlink("to"): child,
            "order": format_order(order)}
