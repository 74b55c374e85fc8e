"""The writers stage: instance and extension XML, decimal formatting and the atomic output folder."""
from __future__ import annotations

import os
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from converter import writers
from converter.writers import folder
from converter.diagnostics import ConversionError
from converter.mapping.taxonomy import DEI_NS, DEI_SCHEMA_URL, US_GAAP_NS, US_GAAP_SCHEMA_URL, ConceptDef
from converter.writers import OutputFiles, render_output, write_extension, write_instance, write_output
from converter.writers._xml import format_decimal, format_order
from converter.xbrl.model import (
    LABEL_ROLE, NEGATED_LABEL_ROLE, TOTAL_LABEL_ROLE, CalculationArc, Context, Entity, Extension, Fact, Instance,
    Label, Period, PresentationArc, StatementNetwork, Unit,
)

GOLDEN = Path(__file__).parent / "golden" / "writers"
EXT_NS = "http://www.examplecorp.example/20070630"
NS = {
    "xbrli": "http://www.xbrl.org/2003/instance", "link": "http://www.xbrl.org/2003/linkbase",
    "xlink": "http://www.w3.org/1999/xlink", "xs": "http://www.w3.org/2001/XMLSchema",
    "us-gaap": US_GAAP_NS, "dei": DEI_NS, "exco": EXT_NS,
}
XLINK = "{http://www.w3.org/1999/xlink}"
MONETARY, PER_SHARE, SHARES = "xbrli:monetaryItemType", "dtr-types:perShareItemType", "xbrli:sharesItemType"
OPS_ROLE = "http://www.examplecorp.example/role/StatementOfOperations"
BS_ROLE = "http://www.examplecorp.example/role/BalanceSheet"


def gaap(name, data_type, period_type, balance=None, abstract=False):
    return ConceptDef("us-gaap", name, US_GAAP_NS, data_type, period_type, balance, abstract)


# Real US GAAP 2024 concepts with their real types, period types and balances.
INCOME_ABSTRACT = gaap("IncomeStatementAbstract", "xbrli:stringItemType", "duration", abstract=True)
REVENUES = gaap("Revenues", MONETARY, "duration", "credit")
COST = gaap("CostOfRevenue", MONETARY, "duration", "debit")
GROSS = gaap("GrossProfit", MONETARY, "duration", "credit")
NET = gaap("NetIncomeLoss", MONETARY, "duration", "credit")
EPS = gaap("EarningsPerShareBasic", PER_SHARE, "duration")
WASO = gaap("WeightedAverageNumberOfSharesOutstandingBasic", SHARES, "duration")
BS_ABSTRACT = gaap("StatementOfFinancialPositionAbstract", "xbrli:stringItemType", "duration", abstract=True)
CASH = gaap("CashAndCashEquivalentsAtCarryingValue", MONETARY, "instant", "debit")
NAME = ConceptDef("dei", "EntityRegistrantName", DEI_NS, "xbrli:normalizedStringItemType", "duration")
STARTUP = ConceptDef("exco", "StartUpCosts", EXT_NS, MONETARY, "duration", "debit", label="Start-up Costs")


def build_instance() -> Instance:
    entity = Entity("0001234567")
    contexts = (
        Context("D2007", entity, Period(date(2007, 6, 30), date(2006, 7, 1))),
        Context("D2006", entity, Period(date(2006, 6, 30), date(2005, 7, 1))),
        Context("I2007", entity, Period(date(2007, 6, 30))),
    )
    units = (
        Unit("USD", ("iso4217:USD",)),
        Unit("shares", ("xbrli:shares",)),
        Unit("USD_per_share", ("iso4217:USD",), ("xbrli:shares",)),
    )
    usd = dict(unit_id="USD", decimals=-3)
    # Deliberately out of order: the writer sorts DEI first, then statement order, then context order.
    facts = (
        Fact(NET, "D2007", Decimal("-150000"), **usd),
        Fact(REVENUES, "D2006", Decimal("800000"), **usd),
        Fact(CASH, "I2007", Decimal("2.0E+4"), **usd),
        Fact(REVENUES, "D2007", Decimal("1000000"), **usd),
        Fact(NAME, "D2007", "Example Corp"),
        Fact(COST, "D2007", Decimal("600000"), **usd),
        Fact(GROSS, "D2007", Decimal("400000"), **usd),
        Fact(STARTUP, "D2007", Decimal("550000"), **usd),
        Fact(EPS, "D2007", Decimal("-0.15"), unit_id="USD_per_share", decimals=2),
        Fact(WASO, "D2007", Decimal("1000000"), unit_id="shares", decimals=0),
    )
    return Instance("exco-20070630.xml", contexts, units, facts, build_extension(),
                    {"us-gaap": US_GAAP_NS, "dei": DEI_NS, "exco": EXT_NS})


INCOME = "us-gaap:IncomeStatementAbstract"


def build_extension() -> Extension:
    labels = (
        Label("exco:StartUpCosts", LABEL_ROLE, "Start-up Costs"),
        Label("exco:StartUpCosts", NEGATED_LABEL_ROLE, "Start-up costs"),
        Label("us-gaap:GrossProfit", TOTAL_LABEL_ROLE, "Gross profit"),
        Label("us-gaap:NetIncomeLoss", TOTAL_LABEL_ROLE, "Net loss"),
        Label("us-gaap:Revenues", LABEL_ROLE, "Revenues"),
    )
    ops = StatementNetwork(
        "StatementOfOperations", OPS_ROLE, "100200 - Statement - Statements of Operations",
        presentation=tuple(PresentationArc(INCOME, child, order, role) for child, order, role in (
            ("us-gaap:Revenues", 1.0, None),
            ("us-gaap:CostOfRevenue", 2.0, None),
            ("us-gaap:GrossProfit", 3.0, TOTAL_LABEL_ROLE),
            ("exco:StartUpCosts", 4.0, NEGATED_LABEL_ROLE),
            ("us-gaap:NetIncomeLoss", 5.0, TOTAL_LABEL_ROLE),
            ("us-gaap:EarningsPerShareBasic", 6.0, None),
            ("us-gaap:WeightedAverageNumberOfSharesOutstandingBasic", 6.5, None),
        )),
        calculation=(
            CalculationArc("us-gaap:GrossProfit", "us-gaap:Revenues", 1, 1.0),
            CalculationArc("us-gaap:GrossProfit", "us-gaap:CostOfRevenue", -1, 2.0),
            CalculationArc("us-gaap:NetIncomeLoss", "us-gaap:GrossProfit", 1, 1.0),
            CalculationArc("us-gaap:NetIncomeLoss", "exco:StartUpCosts", -1, 2.0),
        ),
    )
    balance = StatementNetwork(
        "BalanceSheet", BS_ROLE, "100100 - Statement - Balance Sheet",
        presentation=(PresentationArc("us-gaap:StatementOfFinancialPositionAbstract",
                                      "us-gaap:CashAndCashEquivalentsAtCarryingValue", 1.0),),
        calculation=(),
    )
    return Extension("exco", EXT_NS, "exco-20070630.xsd", (STARTUP,), labels, (balance, ops),
                     ((US_GAAP_NS, US_GAAP_SCHEMA_URL), (DEI_NS, DEI_SCHEMA_URL)))


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return render_output(build_instance())


def parse(content: bytes) -> etree._Element:
    return etree.fromstring(content)


# --- golden files ---------------------------------------------------------------------------------------------

FILE_NAMES = ["exco-20070630.xml", "exco-20070630.xsd", "exco-20070630_lab.xml", "exco-20070630_pre.xml",
              "exco-20070630_cal.xml"]


def test_output_set_names_in_order(files):
    assert list(files) == FILE_NAMES


@pytest.mark.parametrize("name", FILE_NAMES)
def test_matches_golden(files, name):
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(files[name])
    assert files[name].decode("utf-8") == golden.read_text(encoding="utf-8")


def test_xml_declaration_and_pretty_print(files):
    for content in files.values():
        assert content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<')
        assert content.count(b"\n") > 5


# --- instance -------------------------------------------------------------------------------------------------


def test_instance_namespaces_and_schema_ref(files):
    root = parse(files["exco-20070630.xml"])
    assert root.tag == "{http://www.xbrl.org/2003/instance}xbrl"
    assert root.nsmap == {
        "xbrli": NS["xbrli"], "link": NS["link"], "xlink": NS["xlink"], "iso4217": "http://www.xbrl.org/2003/iso4217",
        "us-gaap": US_GAAP_NS, "dei": DEI_NS, "exco": EXT_NS}
    (schema_ref,) = root.findall("link:schemaRef", NS)
    assert schema_ref.attrib == {f"{XLINK}type": "simple", f"{XLINK}href": "exco-20070630.xsd"}
    assert root[0] is schema_ref


def test_contexts(files):
    root = parse(files["exco-20070630.xml"])
    contexts = root.findall("xbrli:context", NS)
    assert [c.get("id") for c in contexts] == ["D2007", "D2006", "I2007"]
    identifier = contexts[0].find("xbrli:entity/xbrli:identifier", NS)
    assert (identifier.get("scheme"), identifier.text) == ("http://www.sec.gov/CIK", "0001234567")
    assert [e.text for e in contexts[0].find("xbrli:period", NS)] == ["2006-07-01", "2007-06-30"]
    assert [etree.QName(e).localname for e in contexts[0].find("xbrli:period", NS)] == ["startDate", "endDate"]
    (instant,) = contexts[2].find("xbrli:period", NS)
    assert (etree.QName(instant).localname, instant.text) == ("instant", "2007-06-30")


def test_units(files):
    root = parse(files["exco-20070630.xml"])
    units = {u.get("id"): u for u in root.findall("xbrli:unit", NS)}
    assert list(units) == ["USD", "shares", "USD_per_share"]
    assert [m.text for m in units["USD"].findall("xbrli:measure", NS)] == ["iso4217:USD"]
    assert [m.text for m in units["shares"].findall("xbrli:measure", NS)] == ["xbrli:shares"]
    divide = units["USD_per_share"].find("xbrli:divide", NS)
    assert divide.find("xbrli:unitNumerator/xbrli:measure", NS).text == "iso4217:USD"
    assert divide.find("xbrli:unitDenominator/xbrli:measure", NS).text == "xbrli:shares"


def facts_of(content: bytes) -> list[tuple[str, dict[str, str], str]]:
    root = parse(content)
    skip = {"schemaRef", "context", "unit"}
    return [(etree.QName(e).localname, dict(e.attrib), e.text) for e in root if etree.QName(e).localname not in skip]


def test_fact_order_dei_first_then_statement_order_then_context_order(files):
    names = [(name, attrib["contextRef"]) for name, attrib, _ in facts_of(files["exco-20070630.xml"])]
    assert names == [
        ("EntityRegistrantName", "D2007"),
        ("CashAndCashEquivalentsAtCarryingValue", "I2007"),  # the balance sheet network comes first
        ("Revenues", "D2007"), ("Revenues", "D2006"),
        ("CostOfRevenue", "D2007"), ("GrossProfit", "D2007"), ("StartUpCosts", "D2007"),
        ("NetIncomeLoss", "D2007"), ("EarningsPerShareBasic", "D2007"),
        ("WeightedAverageNumberOfSharesOutstandingBasic", "D2007"),
    ]


def test_numeric_and_text_facts(files):
    facts = {(name, a["contextRef"]): (a, text) for name, a, text in facts_of(files["exco-20070630.xml"])}
    assert facts[("NetIncomeLoss", "D2007")] == (
        {"contextRef": "D2007", "unitRef": "USD", "decimals": "-3", "id": "f8"}, "-150000")
    assert facts[("EarningsPerShareBasic", "D2007")] == (
        {"contextRef": "D2007", "unitRef": "USD_per_share", "decimals": "2", "id": "f9"}, "-0.15")
    assert facts[("CashAndCashEquivalentsAtCarryingValue", "I2007")][1] == "20000"
    assert facts[("EntityRegistrantName", "D2007")] == ({"contextRef": "D2007", "id": "f1"}, "Example Corp")


def test_fact_namespaces(files):
    root = parse(files["exco-20070630.xml"])
    assert root.find("exco:StartUpCosts", NS) is not None
    assert root.find("dei:EntityRegistrantName", NS) is not None
    assert len(root.findall("us-gaap:Revenues", NS)) == 2


def test_model_fact_ids_are_kept_and_generated_ids_avoid_them():
    instance = build_instance()
    facts = list(instance.facts)
    facts[4] = Fact(NAME, "D2007", "Example Corp", fact_id="f2")  # the DEI fact, written first
    content = write_instance(replace(instance, facts=tuple(facts)))
    ids = [attrib["id"] for _, attrib, _ in facts_of(content)]
    assert ids[:3] == ["f2", "f1", "f3"]
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("fact, message", [
    (Fact(REVENUES, "D2007", 1000.0, unit_id="USD", decimals=0), "numeric"),  # a float, not a Decimal
    (Fact(REVENUES, "D2007", "1000", unit_id="USD", decimals=0), "numeric"),
    (Fact(REVENUES, "D2007", Decimal(1000), unit_id="USD"), "decimals"),
    (Fact(REVENUES, "D2007", Decimal(1000), decimals=0), "unit"),
    (Fact(NAME, "D2007", "Example Corp", unit_id="USD"), "no unit"),
    (Fact(REVENUES, "D1999", Decimal(1), unit_id="USD", decimals=0), "unknown context"),
    (Fact(REVENUES, "D2007", Decimal(1), unit_id="EUR", decimals=0), "unknown unit"),
])
def test_inconsistent_facts_are_refused(fact, message):
    instance = build_instance()
    with pytest.raises(ValueError, match=message):
        write_instance(replace(instance, facts=instance.facts + (fact,)))


def test_unit_with_undeclared_prefix_is_refused():
    instance = build_instance()
    with pytest.raises(ValueError, match="undeclared prefix"):
        write_instance(replace(instance, units=instance.units + (Unit("pure", ("xbrli:pure", "foo:bar")),)))


# --- decimal formatting ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("value, text", [
    (Decimal("2.0E+4"), "20000"),
    (Decimal("1E+3"), "1000"),
    (Decimal("12345"), "12345"),
    (Decimal("-150000"), "-150000"),
    (Decimal("-0.15"), "-0.15"),
    (Decimal("0.10"), "0.10"),
    (Decimal("1.23E-7"), "0.000000123"),
    (Decimal("-1.5E+2"), "-150"),
    (Decimal("0"), "0"),
    (Decimal("-0"), "0"),
    (Decimal("-0.00"), "0.00"),
    (Decimal("0E+3"), "0"),
    (Decimal("123456789012345678901234567890"), "123456789012345678901234567890"),
])
def test_format_decimal(value, text):
    assert format_decimal(value) == text


@pytest.mark.parametrize("value, error", [
    (1.5, TypeError), (15, TypeError), ("15", TypeError),
    (Decimal("NaN"), ValueError), (Decimal("Infinity"), ValueError), (Decimal("-Infinity"), ValueError),
])
def test_format_decimal_refuses(value, error):
    with pytest.raises(error):
        format_decimal(value)


@pytest.mark.parametrize("order, text", [(1.0, "1"), (2, "2"), (6.5, "6.5"), (0.1, "0.1"), (10.25, "10.25")])
def test_format_order(order, text):
    assert format_order(order) == text


# --- extension schema -----------------------------------------------------------------------------------------

XS = "{http://www.w3.org/2001/XMLSchema}"
XBRLI = "{http://www.xbrl.org/2003/instance}"


def test_schema_namespace_and_imports(files):
    root = parse(files["exco-20070630.xsd"])
    assert root.get("targetNamespace") == EXT_NS
    assert root.nsmap["exco"] == EXT_NS
    imports = [(i.get("namespace"), i.get("schemaLocation")) for i in root.findall("xs:import", NS)]
    assert imports == [
        ("http://www.xbrl.org/2003/instance", "http://www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd"),
        ("http://fasb.org/us-gaap/2024", "https://xbrl.fasb.org/us-gaap/2024/elts/us-gaap-2024.xsd"),
        ("http://xbrl.sec.gov/dei/2024", "https://xbrl.sec.gov/dei/2024/dei-2024.xsd"),
    ]


def test_schema_linkbase_refs(files):
    appinfo = parse(files["exco-20070630.xsd"]).find("xs:annotation/xs:appinfo", NS)
    refs = [(r.get(f"{XLINK}href"), r.get(f"{XLINK}role"), r.get(f"{XLINK}arcrole"), r.get(f"{XLINK}type"))
            for r in appinfo.findall("link:linkbaseRef", NS)]
    linkbase = "http://www.w3.org/1999/xlink/properties/linkbase"
    assert refs == [
        ("exco-20070630_lab.xml", "http://www.xbrl.org/2003/role/labelLinkbaseRef", linkbase, "simple"),
        ("exco-20070630_pre.xml", "http://www.xbrl.org/2003/role/presentationLinkbaseRef", linkbase, "simple"),
        ("exco-20070630_cal.xml", "http://www.xbrl.org/2003/role/calculationLinkbaseRef", linkbase, "simple"),
    ]


def test_schema_role_types(files):
    appinfo = parse(files["exco-20070630.xsd"]).find("xs:annotation/xs:appinfo", NS)
    role_types = appinfo.findall("link:roleType", NS)
    assert [(r.get("id"), r.get("roleURI")) for r in role_types] == [
        ("BalanceSheet", BS_ROLE), ("StatementOfOperations", OPS_ROLE)]
    ops = role_types[1]
    assert ops.find("link:definition", NS).text == "100200 - Statement - Statements of Operations"
    assert [u.text for u in ops.findall("link:usedOn", NS)] == ["link:presentationLink", "link:calculationLink", "link:definitionLink"]


def test_schema_element_declaration(files):
    (element,) = parse(files["exco-20070630.xsd"]).findall("xs:element", NS)
    assert dict(element.attrib) == {
        "id": "exco_StartUpCosts", "name": "StartUpCosts", "type": "xbrli:monetaryItemType",
        "substitutionGroup": "xbrli:item", "abstract": "false", "nillable": "true",
        f"{XBRLI}periodType": "duration", f"{XBRLI}balance": "debit"}


def test_schema_abstract_and_per_share_declarations():
    abstract = ConceptDef("exco", "OperationsAbstract", EXT_NS, "xbrli:stringItemType", "duration", abstract=True)
    per_share = ConceptDef("exco", "PerShareThing", EXT_NS, PER_SHARE, "duration")
    extension = replace(build_extension(), concepts=(abstract, per_share))
    root = parse(write_extension(extension)["exco-20070630.xsd"])
    elements = {e.get("name"): e for e in root.findall("xs:element", NS)}
    assert elements["OperationsAbstract"].get("abstract") == "true"
    assert elements["OperationsAbstract"].get(f"{XBRLI}balance") is None
    assert elements["PerShareThing"].get("type") == "dtr-types:perShareItemType"
    # A type from another namespace needs that namespace bound and imported.
    assert root.nsmap["dtr-types"] == "http://www.xbrl.org/dtr/type/2022-03-31"
    imports = {i.get("namespace"): i.get("schemaLocation") for i in root.findall("xs:import", NS)}
    assert imports["http://www.xbrl.org/dtr/type/2022-03-31"] == "https://www.xbrl.org/dtr/type/2022-03-31/types.xsd"


def test_schema_refuses_concepts_outside_the_extension_namespace():
    with pytest.raises(ValueError, match="not in the extension namespace"):
        write_extension(replace(build_extension(), concepts=(REVENUES,)))


def test_schema_refuses_unknown_type_prefix():
    odd = ConceptDef("exco", "Odd", EXT_NS, "foo:oddItemType", "duration")
    with pytest.raises(ValueError, match="no known schema"):
        write_extension(replace(build_extension(), concepts=(odd,)))


# --- linkbases ------------------------------------------------------------------------------------------------

GAAP_XSD = "https://xbrl.fasb.org/us-gaap/2024/elts/us-gaap-2024.xsd"


def locators(link: etree._Element) -> dict[str, str]:
    return {loc.get(f"{XLINK}label"): loc.get(f"{XLINK}href") for loc in link.findall("link:loc", NS)}


def arcs(link: etree._Element, tag: str, *attributes: str) -> list[tuple[str, ...]]:
    return [(a.get(f"{XLINK}from"), a.get(f"{XLINK}to"), *(a.get(name) for name in attributes))
            for a in link.findall(f"link:{tag}", NS)]


def test_label_linkbase(files):
    root = parse(files["exco-20070630_lab.xml"])
    (role_ref,) = root.findall("link:roleRef", NS)
    assert role_ref.get("roleURI") == NEGATED_LABEL_ROLE
    assert role_ref.get(f"{XLINK}href") == "http://www.xbrl.org/lrr/role/negated-2009-12-16.xsd#negatedLabel"
    (link,) = root.findall("link:labelLink", NS)
    assert link.get(f"{XLINK}role") == "http://www.xbrl.org/2003/role/link"
    assert locators(link) == {
        "loc_exco_StartUpCosts": "exco-20070630.xsd#exco_StartUpCosts",
        "loc_us-gaap_GrossProfit": f"{GAAP_XSD}#us-gaap_GrossProfit",
        "loc_us-gaap_NetIncomeLoss": f"{GAAP_XSD}#us-gaap_NetIncomeLoss",
        "loc_us-gaap_Revenues": f"{GAAP_XSD}#us-gaap_Revenues",
    }
    labels = [(e.get(f"{XLINK}label"), e.get(f"{XLINK}role"), e.get("{http://www.w3.org/XML/1998/namespace}lang"),
               e.text) for e in link.findall("link:label", NS)]
    assert labels[:2] == [
        ("lab_exco_StartUpCosts", LABEL_ROLE, "en-US", "Start-up Costs"),
        ("lab_exco_StartUpCosts", NEGATED_LABEL_ROLE, "en-US", "Start-up costs"),
    ]
    assert arcs(link, "labelArc", f"{XLINK}arcrole")[0] == (
        "loc_exco_StartUpCosts", "lab_exco_StartUpCosts", "http://www.xbrl.org/2003/arcrole/concept-label")
    assert len(link.findall("link:labelArc", NS)) == 4


def test_standard_label_of_extension_concept_comes_from_concept_def():
    extension = build_extension()
    extension = replace(extension, labels=tuple(l for l in extension.labels if l.role != LABEL_ROLE))
    link = parse(write_extension(extension)["exco-20070630_lab.xml"]).find("link:labelLink", NS)
    first = link.find("link:label", NS)
    assert (first.get(f"{XLINK}label"), first.get(f"{XLINK}role"), first.text) == (
        "lab_exco_StartUpCosts", LABEL_ROLE, "Start-up Costs")


def test_conflicting_labels_are_refused_and_duplicates_dropped():
    extension = build_extension()
    duplicate = replace(extension, labels=extension.labels + (Label("us-gaap:Revenues", LABEL_ROLE, "Revenues"),))
    assert write_extension(duplicate) == write_extension(extension)
    conflict = replace(extension, labels=extension.labels + (Label("us-gaap:Revenues", LABEL_ROLE, "Sales"),))
    with pytest.raises(ValueError, match="two"):
        write_extension(conflict)


def test_unknown_label_role_is_refused():
    extension = build_extension()
    odd = replace(extension, labels=(Label("us-gaap:Revenues", "http://example.com/role/odd", "x"),))
    with pytest.raises(ValueError, match="Link Role Registry"):
        write_extension(odd)


def test_presentation_linkbase(files):
    root = parse(files["exco-20070630_pre.xml"])
    assert [(r.get("roleURI"), r.get(f"{XLINK}href")) for r in root.findall("link:roleRef", NS)] == [
        (BS_ROLE, "exco-20070630.xsd#BalanceSheet"), (OPS_ROLE, "exco-20070630.xsd#StatementOfOperations")]
    links = root.findall("link:presentationLink", NS)
    assert [link.get(f"{XLINK}role") for link in links] == [BS_ROLE, OPS_ROLE]
    ops = links[1]
    assert locators(ops)["loc_exco_StartUpCosts"] == "exco-20070630.xsd#exco_StartUpCosts"
    assert len(locators(ops)) == len(ops.findall("link:loc", NS)) == 8
    parent = "loc_us-gaap_IncomeStatementAbstract"
    assert arcs(ops, "presentationArc", "order", "preferredLabel", f"{XLINK}arcrole")[2:5] == [
        (parent, "loc_us-gaap_GrossProfit", "3", TOTAL_LABEL_ROLE, "http://www.xbrl.org/2003/arcrole/parent-child"),
        (parent, "loc_exco_StartUpCosts", "4", NEGATED_LABEL_ROLE, "http://www.xbrl.org/2003/arcrole/parent-child"),
        (parent, "loc_us-gaap_NetIncomeLoss", "5", TOTAL_LABEL_ROLE, "http://www.xbrl.org/2003/arcrole/parent-child"),
    ]
    assert arcs(ops, "presentationArc", "order", "preferredLabel")[0] == (parent, "loc_us-gaap_Revenues", "1", None)


def test_calculation_linkbase(files):
    root = parse(files["exco-20070630_cal.xml"])
    # Only the statement with calculations gets a roleRef and a calculationLink.
    assert [r.get("roleURI") for r in root.findall("link:roleRef", NS)] == [OPS_ROLE]
    (arcrole_ref,) = root.findall("link:arcroleRef", NS)
    assert arcrole_ref.get("arcroleURI") == "https://xbrl.org/2023/arcrole/summation-item"
    assert arcrole_ref.get(f"{XLINK}href") == "https://www.xbrl.org/2023/calculation-1.1.xsd#summation-item"
    (link,) = root.findall("link:calculationLink", NS)
    assert link.get(f"{XLINK}role") == OPS_ROLE
    assert arcs(link, "calculationArc", "weight", "order", f"{XLINK}arcrole") == [
        ("loc_us-gaap_GrossProfit", "loc_us-gaap_Revenues", "1", "1", "https://xbrl.org/2023/arcrole/summation-item"),
        ("loc_us-gaap_GrossProfit", "loc_us-gaap_CostOfRevenue", "-1", "2",
         "https://xbrl.org/2023/arcrole/summation-item"),
        ("loc_us-gaap_NetIncomeLoss", "loc_us-gaap_GrossProfit", "1", "1",
         "https://xbrl.org/2023/arcrole/summation-item"),
        ("loc_us-gaap_NetIncomeLoss", "loc_exco_StartUpCosts", "-1", "2",
         "https://xbrl.org/2023/arcrole/summation-item"),
    ]


def test_calculation_1_1_schema_is_in_arelles_offline_cache():
    arelle = pytest.importorskip("arelle")
    cache = Path(arelle.__file__).parent / "resources" / "cache"
    assert (cache / "https" / "www.xbrl.org" / "2023" / "calculation-1.1.xsd").is_file()
    assert (cache / "http" / "www.xbrl.org" / "lrr" / "role" / "negated-2009-12-16.xsd").is_file()


def test_locator_for_unknown_prefix_is_refused():
    extension = build_extension()
    odd = replace(extension, labels=(Label("srt:ProductOrServiceAxis", LABEL_ROLE, "x"),))
    with pytest.raises(ValueError, match="unknown prefix"):
        write_extension(odd)
    srt = {"srt": "http://fasb.org/srt/2024"}
    with pytest.raises(ValueError, match="no schema imported"):
        write_extension(odd, srt)
    imports = extension.imports + (("http://fasb.org/srt/2024", "https://xbrl.fasb.org/srt/2024/elts/srt-2024.xsd"),)
    content = write_extension(replace(odd, imports=imports), srt)["exco-20070630_lab.xml"]
    assert b'xlink:href="https://xbrl.fasb.org/srt/2024/elts/srt-2024.xsd#srt_ProductOrServiceAxis"' in content


# --- output folder --------------------------------------------------------------------------------------------


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_write_output_creates_folder_and_returns_paths(tmp_path, files):
    out_dir = tmp_path / "nested" / "out"
    result = write_output(build_instance(), out_dir, extra={"report.json": b"{}\n"})
    assert isinstance(result, OutputFiles)
    assert result.instance == out_dir / "exco-20070630.xml"
    assert result.extension == tuple(out_dir / name for name in FILE_NAMES[1:])
    assert result.extra == (out_dir / "report.json",)
    assert list(result) == [out_dir / name for name in FILE_NAMES] + [out_dir / "report.json"]
    assert listing(out_dir) == {**files, "report.json": b"{}\n"}
    assert [p.name for p in out_dir.parent.iterdir()] == ["out"]  # no staging folder left behind


def test_write_output_replaces_same_names_and_keeps_other_files(tmp_path, files):
    (tmp_path / "exco-20070630.xml").write_bytes(b"old")
    (tmp_path / "notes.txt").write_bytes(b"mine")
    write_output(build_instance(), tmp_path)
    assert listing(tmp_path) == {**files, "notes.txt": b"mine"}


@pytest.mark.parametrize("name", ["../escape.json", "sub/report.json", "", ".hidden", "exco-20070630.xsd"])
def test_bad_extra_file_names_write_nothing(tmp_path, name):
    with pytest.raises(ValueError):
        write_output(build_instance(), tmp_path / "out", extra={name: b"x"})
    assert list(tmp_path.iterdir()) == []


def fail_on_call(real, failing_call: int):
    calls = []

    def fake(*args, **kwargs):
        calls.append(args)
        if len(calls) == failing_call:
            raise OSError("disk full")
        return real(*args, **kwargs)
    return fake


def test_failure_while_staging_leaves_no_output_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(folder, "_write_file", fail_on_call(folder._write_file, 3))
    with pytest.raises(ConversionError, match="XC901.*disk full"):
        write_output(build_instance(), tmp_path / "out", extra={"report.json": b"{}"})
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("exchange", [True, False])
def test_failure_while_staging_leaves_existing_folder_untouched(tmp_path, monkeypatch, exchange):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / "exco-20070630.xml").write_bytes(b"old")
    monkeypatch.setattr(folder, "_can_exchange_beside", lambda path: exchange)
    monkeypatch.setattr(folder, "_write_file", fail_on_call(folder._write_file, 5))
    with pytest.raises(ConversionError, match="XC901.*disk full"):
        write_output(build_instance(), out_dir)
    assert listing(out_dir) == {"exco-20070630.xml": b"old"}
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


@pytest.mark.parametrize("failing_call", [1, 2, 4, 6])
def test_failure_while_moving_into_existing_folder_rolls_back(tmp_path, monkeypatch, failing_call):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    old = {"exco-20070630.xml": b"old instance", "exco-20070630_pre.xml": b"old pre", "notes.txt": b"mine"}
    for name, content in old.items():
        (out_dir / name).write_bytes(content)
    # the journaled move (a mount point): failing the n-th os.replace fails half way through
    monkeypatch.setattr(folder, "_can_exchange_beside", lambda path: False)
    monkeypatch.setattr(folder.os, "replace", fail_on_call(os.replace, failing_call))
    with pytest.raises(ConversionError, match="XC901.*disk full"):
        write_output(build_instance(), out_dir, extra={"report.json": b"{}"})
    assert listing(out_dir) == old
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_failure_of_the_exchange_leaves_existing_folder_untouched(tmp_path, monkeypatch):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / "exco-20070630.xml").write_bytes(b"old")
    monkeypatch.setattr(folder, "_exchange", fail_on_call(folder._exchange, 1))
    with pytest.raises(ConversionError, match="XC901.*disk full"):
        write_output(build_instance(), out_dir)
    assert listing(out_dir) == {"exco-20070630.xml": b"old"}
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


@pytest.mark.parametrize("exchange", [True, False])
def test_replacing_a_folder_keeps_other_entries(tmp_path, monkeypatch, files, exchange):
    out_dir = tmp_path / "out"
    (out_dir / "sub").mkdir(parents=True)
    (out_dir / "sub" / "kept.txt").write_bytes(b"kept")
    (out_dir / "notes.txt").write_bytes(b"mine")
    (out_dir / "exco-20070630.xml").write_bytes(b"old")
    monkeypatch.setattr(folder, "_can_exchange_beside", lambda path: exchange)
    write_output(build_instance(), out_dir)
    assert {p.name for p in out_dir.iterdir()} == {*files, "notes.txt", "sub"}
    assert (out_dir / "sub" / "kept.txt").read_bytes() == b"kept" and (out_dir / "exco-20070630.xml").read_bytes() == files["exco-20070630.xml"]
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_failure_renaming_new_folder_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(folder.os, "rename", fail_on_call(os.rename, 1))
    with pytest.raises(ConversionError, match="XC901.*disk full"):
        write_output(build_instance(), tmp_path / "out")
    assert list(tmp_path.iterdir()) == []


# --- validation by Arelle, against the bundled US GAAP 2024 / DEI 2024 subset -----------------------------------


def validate(tmp_path: Path, instance: Instance):
    validation = pytest.importorskip("converter.validation")
    if not hasattr(validation, "validate_instance"):
        pytest.skip("converter.validation has no validate_instance")
    return validation.validate_instance(write_output(instance, tmp_path / "out").instance)


def test_written_files_validate(tmp_path):
    report = validate(tmp_path, build_instance())
    assert report.ok, [(m.level, m.code, m.text) for m in report.messages]
    assert report.messages == ()


def test_calculation_1_1_arcs_are_applied(tmp_path):
    instance = build_instance()
    facts = tuple(replace(f, value=Decimal("-140000")) if f.concept == NET else f for f in instance.facts)
    report = validate(tmp_path, replace(instance, facts=facts))
    assert [m.code for m in report.messages] == ["calc11e:inconsistentCalculationUsingRounding"]


def test_a_concept_presented_twice_under_one_parent_gets_a_second_locator():
    from lxml import etree

    from converter.writers.extension import _Locators

    link = etree.Element("link")
    locators = _Locators(link, lambda concept: f"x.xsd#{concept}")
    first = locators.pair("us-gaap:CashFlowAbstract", "us-gaap:Cash")
    second = locators.pair("us-gaap:CashFlowAbstract", "us-gaap:Cash")
    assert (first, second) == (("loc_us-gaap_CashFlowAbstract", "loc_us-gaap_Cash"), ("loc_us-gaap_CashFlowAbstract", "loc_us-gaap_Cash_2"))
    assert [loc.get("{http://www.w3.org/1999/xlink}label") for loc in link] == [
        "loc_us-gaap_CashFlowAbstract", "loc_us-gaap_Cash", "loc_us-gaap_Cash_2"]
