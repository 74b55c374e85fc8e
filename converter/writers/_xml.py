"""Namespaces, element helpers and value formatting shared by the instance and extension writers."""
from __future__ import annotations

from decimal import Decimal

from lxml import etree

XBRLI_NS = "http://www.xbrl.org/2003/instance"
LINK_NS = "http://www.xbrl.org/2003/linkbase"
XLINK_NS = "http://www.w3.org/1999/xlink"
XS_NS = "http://www.w3.org/2001/XMLSchema"
XML_NS = "http://www.w3.org/XML/1998/namespace"
ISO4217_NS = "http://www.xbrl.org/2003/iso4217"

XBRLI_SCHEMA_URL = "http://www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd"

XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'


def qn(namespace: str, local: str) -> str:
    """Clark notation, as lxml wants tag and attribute names."""
    return f"{{{namespace}}}{local}"


def xlink(local: str) -> str:
    return qn(XLINK_NS, local)


def sub(parent: etree._Element, tag: str, attrib: dict[str, str] | None = None,
        text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, tag, attrib or {})
    if text is not None:
        element.text = text
    return element


def serialize(root: etree._Element) -> bytes:
    # lxml writes the declaration with single quotes; filings conventionally use double quotes.
    # ASCII, the rest as character references: EDGAR refuses other characters in a file (EFM 5.2.1.1),
    # and ASCII is UTF-8.
    return XML_DECLARATION + etree.tostring(root, encoding="ASCII", xml_declaration=False, pretty_print=True)


def bind(nsmap: dict[str, str], prefix: str, namespace: str) -> None:
    """Add prefix -> namespace, refusing a prefix already bound to another namespace."""
    bound = nsmap.get(prefix)
    if bound is not None and bound != namespace:
        raise ValueError(f"prefix {prefix!r} is bound to both {bound} and {namespace}")
    nsmap[prefix] = namespace


def split_qname(qname: str) -> tuple[str, str]:
    prefix, sep, local = qname.partition(":")
    if not sep or not prefix or not local:
        raise ValueError(f"not a prefixed QName: {qname!r}")
    return prefix, local


def format_decimal(value: Decimal) -> str:
    """The exact lexical form of a Decimal for xs:decimal: no exponent, no negative zero."""
    if not isinstance(value, Decimal):
        raise TypeError(f"numeric values must be Decimal, not {type(value).__name__}: {value!r}")
    if not value.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    text = format(value, "f")
    return text.lstrip("-") if value.is_zero() else text


def format_order(order: float) -> str:
    """An arc order as the shortest exact decimal: 1.0 -> "1", 2.5 -> "2.5"."""
    if float(order).is_integer():
        return str(int(order))
    return format_decimal(Decimal(repr(float(order))))
