"""Serialize the XBRL model as one Inline XBRL 1.1 document: the statements as a person reads them.

Every converted statement is an HTML table (title, column headers, lines indented by section,
totals ruled) whose numbers are printed as the source prints them ("$ 12,340", "(35)", "--") and
tagged ix:nonFraction with the scale of the printed figure, its decimals and sign="-" where the
fact is negative, so that the facts read from the page are exactly the facts of the XML instance.
The hidden header holds the dei facts, the extension schema reference, the contexts and the units;
amounts printed inside captions (par values, shares authorized) follow the statements in a table
of their own. A cell that several concepts report nests one ix:nonFraction per concept.

For a press release, the document's own text (headline, body, safe-harbour statement: a Narrative
read from the source) is shown around the statements in reading order, as untagged paragraphs.

Facts are matched to the cells that printed them by their source reference and value, in the
order the model was built from the statements (xbrl/build.py), so each fact of the instance is
tagged exactly once.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from lxml import etree

from ..mapping.mapper import MappedLine, MappedStatement
from ..narrative import FIXED, LINES, Narrative, Paragraph, position
from ..statements import Column, UnitKind, Value
from ..xbrl.model import LABEL_ROLE, Fact, Instance
from ._xml import LINK_NS, XBRLI_NS, qn, serialize, sub, xlink
from .contexts import add_context, add_unit, with_ids
from .instance import instance_nsmap, order_facts

XHTML_NS = "http://www.w3.org/1999/xhtml"
IX_NS = "http://www.xbrl.org/2013/inlineXBRL"
IXT_NS = "http://www.xbrl.org/inlineXBRL/transformation/2020-02-12"
NUM_DOT_DECIMAL = "ixt:num-dot-decimal"
FIXED_ZERO = "ixt:fixed-zero"

# EDGAR allows no <style> element (EFM 5.2.5): every element carries its own style.
_BODY = "font-family:Georgia,'Times New Roman',serif;margin:2em auto;max-width:60em;color:#111"
_H1 = "font-size:1.3em;text-align:center;margin-bottom:0.2em"
_H2 = "font-size:1.1em;text-align:center;margin:2em 0 0.2em"
_COVER = "text-align:center;margin:0"
_HEADING = "text-align:center;margin:0;font-style:italic"
_TABLE = "border-collapse:collapse;width:100%;margin-top:0.8em"
_TH = "font-weight:bold;text-align:right;vertical-align:bottom;padding:0.2em 0.6em;border-bottom:1px solid #111"
_TD = "padding:0.15em 0.6em;vertical-align:bottom"
_NUM = _TD + ";text-align:right;white-space:nowrap"
_TOTAL_NUM = _NUM + ";border-top:1px solid #111"
_SHADE = ";background:#f4f4f4"
_PARAGRAPH = "margin:0.7em 0;line-height:1.4"
_ROWS = _PARAGRAPH + ";white-space:pre-wrap;font-size:0.9em"
_FIXED = "font-family:'Courier New',Courier,monospace;font-size:0.8em;margin:0.7em 0;overflow-x:auto"
# dei facts a reader sees above the statements (EDGAR wants them out of ix:hidden: EFM 5.2.5.14)
_SHOWN_COVER = ("dei:EntityRegistrantName", "dei:DocumentType", "dei:DocumentPeriodEndDate", "dei:DocumentAnnualReport",
                "dei:DocumentQuarterlyReport", "dei:DocumentTransitionReport", "dei:EntityCommonStockSharesOutstanding")
# the cover's check boxes, shown as the box a reader sees (a boolean in ix:hidden is eligible for display)
_REPORT_BOXES = {"DocumentAnnualReport": "Annual report", "DocumentQuarterlyReport": "Quarterly report",
                 "DocumentTransitionReport": "Transition report"}
DATE_FORMAT = "ixt:date-monthname-day-year-en"
_INDENT_EM = 1.5
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+")
_PLAIN_NUMBER = re.compile(r"^(?:\d{1,3}(?:,\d{3})*|\d+)(?:\.\d+)?$")


def h(local: str) -> str:
    return qn(XHTML_NS, local)


def ix(local: str) -> str:
    return qn(IX_NS, local)


@dataclass(frozen=True)
class Printed:
    """How a number is shown: its text inside the tag, what surrounds it, its format and scale."""

    before: str  # "$ (" or "-"
    text: str  # "12,340" or "--"
    after: str  # ")"
    format: str
    scale: int


def inline_file_name(instance: Instance) -> str:
    """`<ticker>-<yyyymmdd>.htm`, beside the instance's `.xml`."""
    stem = instance.file_name.rsplit(".", 1)[0]
    return f"{stem}.htm"


def write_inline(instance: Instance, mapped: tuple[MappedStatement, ...], title: str = "",
                 narrative: Narrative = Narrative()) -> bytes:
    """The Inline XBRL document of the instance, its statements rendered from the mapped statements,
    with the narrative's paragraphs before, between and after them as the source prints them."""
    nsmap = {None: XHTML_NS, "ix": IX_NS, "ixt": IXT_NS, **instance_nsmap(instance)}
    ids = {id(fact): fact_id for fact, fact_id in with_ids(order_facts(instance))}
    cells = _cell_facts(instance, mapped)
    root = etree.Element(h("html"), nsmap=nsmap)
    head = sub(root, h("head"))
    sub(head, h("meta"), {"http-equiv": "Content-Type", "content": "text/html; charset=us-ascii"})
    sub(head, h("title"), text=title or _registrant(instance) or instance.file_name)
    body = sub(root, h("body"), {"style": _BODY})
    tagged = {id(fact) for facts in cells.values() for fact in facts}
    rest = [fact for fact in instance.facts if id(fact) not in tagged]
    cover = [fact for name in _SHOWN_COVER for fact in rest if fact.concept.qname == name]
    shown = {id(fact) for fact in cover}
    hidden = [fact for fact in rest if _is_hidden(fact) and id(fact) not in shown]
    _add_header(body, instance, hidden, ids, nsmap)
    _add_cover(body, cover, ids, {context.id: context.period for context in instance.contexts})
    paragraphs = list(narrative.paragraphs)
    for number, statement in enumerate(mapped):
        start = position(statement.statement.source)
        while paragraphs and position(paragraphs[0].source) < start:
            _add_paragraph(body, paragraphs.pop(0))
        _add_statement(body, statement, number, cells, ids)
    for paragraph in paragraphs:
        _add_paragraph(body, paragraph)
    _add_captions(body, instance, [fact for fact in rest if not _is_hidden(fact)], ids)
    return serialize(root)


def _add_cover(body: etree._Element, facts: list[Fact], ids: dict[int, str], periods: dict) -> None:
    """The registrant's name as the page title, then the form, the period and the shares outstanding."""
    for fact in facts:
        attrib = {"name": fact.concept.qname, "contextRef": fact.context_id, "id": ids[id(fact)]}
        name = fact.concept.name
        if name == "EntityRegistrantName":
            sub(sub(body, h("h1"), {"style": _H1}), ix("nonNumeric"), attrib, str(fact.value))
        elif name == "DocumentType":
            line = sub(body, h("p"), {"style": _COVER}, "Form ")
            sub(line, ix("nonNumeric"), attrib, str(fact.value))
        elif name in _REPORT_BOXES:
            checked = str(fact.value) == "true"
            line = sub(body, h("p"), {"style": _COVER}, f"{_REPORT_BOXES[name]}: ")
            sub(line, ix("nonNumeric"), {**attrib, "format": "ixt:fixed-true" if checked else "ixt:fixed-false"},
                "[X]" if checked else "[ ]")
        elif name == "EntityCommonStockSharesOutstanding":
            line = sub(body, h("p"), {"style": _COVER})
            _add_number(line, [fact], _plain_printed(fact), ids)
            at = periods[fact.context_id].end
            line[-1].tail = f" shares of common stock outstanding as of {at:%B} {at.day}, {at.year}"
        else:
            end = date.fromisoformat(str(fact.value))
            line = sub(body, h("p"), {"style": _COVER}, "For the period ended ")
            sub(line, ix("nonNumeric"), {**attrib, "format": DATE_FORMAT}, f"{end:%B} {end.day}, {end.year}")


def _add_paragraph(body: etree._Element, paragraph: Paragraph) -> None:
    """A paragraph of the source's text, untagged: prose as one paragraph, a table's rows a line each,
    a block printed in columns as printed."""
    if paragraph.kind == FIXED:
        sub(body, h("pre"), {"style": _FIXED}, paragraph.text)
    elif paragraph.kind == LINES:
        element = sub(body, h("p"), {"style": _ROWS}, paragraph.lines[0])
        for line in paragraph.lines[1:]:
            sub(element, h("br")).tail = line
    else:
        sub(body, h("p"), {"style": _PARAGRAPH}, paragraph.text)


def _registrant(instance: Instance) -> str:
    return next((str(f.value) for f in instance.facts if f.concept.qname == "dei:EntityRegistrantName"), "")


def _is_hidden(fact: Fact) -> bool:
    return fact.concept.prefix == "dei" or not fact.concept.is_numeric


# --- facts to cells ---------------------------------------------------------------------------------------------


def _cell_facts(instance: Instance, mapped: tuple[MappedStatement, ...]) -> dict[tuple[int, int, int], list[Fact]]:
    """(statement, line, column) -> the facts the cell printed, taken from the instance in build order."""
    by_source: dict[object, list[Fact]] = defaultdict(list)
    for fact in instance.facts:
        if fact.concept.is_numeric and fact.source is not None:
            by_source[fact.source].append(fact)
    cells: dict[tuple[int, int, int], list[Fact]] = {}
    for s, statement in enumerate(mapped):
        for n, line in enumerate(statement.lines):
            for c, (column, value) in enumerate(zip(statement.statement.columns, line.line.values)):
                if value is None or column.period is None or not column.is_value or value.is_percent:
                    continue
                facts = _take(by_source.get(value.source, []), value.amount * line.sign, len(line.concepts))
                if facts:
                    cells[(s, n, c)] = facts
    return cells


def _take(pool: list[Fact], amount: Decimal, count: int) -> list[Fact]:
    taken = [fact for fact in pool if fact.value == amount][:count]
    for fact in taken:
        pool.remove(fact)
    return taken


# --- the hidden header ------------------------------------------------------------------------------------------


def _add_header(body: etree._Element, instance: Instance, hidden: list[Fact], ids: dict[int, str],
                nsmap: dict) -> None:
    wrapper = sub(body, h("div"), {"style": "display:none"})
    header = sub(wrapper, ix("header"))
    if hidden:
        section = sub(header, ix("hidden"))
        for fact in hidden:
            if fact.concept.is_numeric:
                _add_number(section, [fact], _plain_printed(fact), ids)
            else:
                attrib = {"name": fact.concept.qname, "contextRef": fact.context_id, "id": ids[id(fact)]}
                sub(section, ix("nonNumeric"), attrib, str(fact.value))
    references = sub(header, ix("references"))
    sub(references, qn(LINK_NS, "schemaRef"), {xlink("type"): "simple", xlink("href"): instance.extension.schema_file})
    resources = sub(header, ix("resources"))
    for context in instance.contexts:
        add_context(resources, context)
    xbrli_nsmap = {k: v for k, v in nsmap.items() if k is not None}
    for unit in instance.units:
        add_unit(resources, unit, xbrli_nsmap)


# --- statements -------------------------------------------------------------------------------------------------


def _add_statement(body: etree._Element, mapped: MappedStatement, number: int,
                   cells: dict[tuple[int, int, int], list[Fact]], ids: dict[int, str]) -> None:
    statement = mapped.statement
    section = sub(body, h("div"), {"id": f"statement{number + 1}"})
    sub(section, h("h2"), {"style": _H2}, statement.title or statement.kind.value.replace("_", " ").title())
    for text in statement.heading[1:] if len(statement.heading) > 1 else ():
        if text.strip() and text.strip() != statement.title.strip():
            sub(section, h("p"), {"style": _HEADING}, text.strip())
    table = sub(section, h("table"), {"style": _TABLE})
    _add_columns(table, statement.columns)
    rows = sub(table, h("tbody"))
    width = len(statement.columns) + 1
    for n, line in enumerate(mapped.lines):
        for part in line.line.preceding:
            text = " ".join(p.text.strip() for p in part).strip()
            if text:
                style = f"{_TD};font-weight:bold;padding-top:0.6em;{_indent(_depth_of(text, line))}"
                sub(sub(rows, h("tr")), h("td"), {"colspan": str(width), "style": style}, text)
        line_cells = {c: cells[(number, n, c)] for c in range(len(statement.columns)) if (number, n, c) in cells}
        _add_line(rows, line, line_cells, _scales(statement), ids, shade=n % 2 == 1)


def _add_columns(table: etree._Element, columns: tuple[Column, ...]) -> None:
    row = sub(sub(table, h("thead")), h("tr"))
    sub(row, h("th"), {"style": _TH}, "")
    for column in columns:
        sub(row, h("th"), {"style": _TH}, column.header.strip() or _period_text(column))


def _period_text(column: Column) -> str:
    period = column.period
    if period is None:
        return ""
    if period.start is None:
        return f"{period.end:%B} {period.end.day}, {period.end.year}"
    return f"{period.start:%b} {period.start.day}, {period.start.year} - {period.end:%b} {period.end.day}, {period.end.year}"


def _depth_of(text: str, line: MappedLine) -> int:
    sections = [s.strip() for s in line.line.sections]
    return sections.index(text) if text in sections else 0


def _indent(depth: int) -> str:
    return f"padding-left:{0.6 + depth * _INDENT_EM:g}em"


def _scales(statement) -> dict[UnitKind, int]:
    return {UnitKind.MONEY: statement.scale, UnitKind.SHARES: statement.share_scale, UnitKind.PER_SHARE: 0}


def _add_line(rows: etree._Element, line: MappedLine, cells: dict[int, list[Fact]], scales: dict[UnitKind, int],
              ids: dict[int, str], shade: bool) -> None:
    printed = line.line
    row = sub(rows, h("tr"))
    depth = len(printed.sections) + (1 if printed.is_total and printed.sections else 0)
    extra = _SHADE if shade else ""
    label_style = f"{_TD};{_indent(depth)}{';font-weight:bold' if printed.is_total else ''}{extra}"
    sub(row, h("td"), {"style": label_style}, printed.label)
    for c, value in enumerate(printed.values):
        cell = sub(row, h("td"), {"style": (_TOTAL_NUM if printed.is_total else _NUM) + extra})
        if value is None:
            continue
        facts = cells.get(c)
        if not facts:
            cell.text = value.printed.strip()
            continue
        _add_number(cell, facts, _printed(value, scales[printed.unit]), ids)


def _add_number(parent: etree._Element, facts: list[Fact], shown: Printed, ids: dict[int, str]) -> None:
    parent.text = (parent.text or "") + shown.before
    element = parent
    for fact in facts:
        attrib = {"name": fact.concept.qname, "contextRef": fact.context_id, "unitRef": fact.unit_id or "",
                  "id": ids[id(fact)], "decimals": str(fact.decimals), "scale": str(shown.scale), "format": shown.format}
        if fact.value < 0:
            attrib["sign"] = "-"
        element = sub(element, ix("nonFraction"), attrib)
    element.text = shown.text
    tail_holder = parent[-1]
    tail_holder.tail = shown.after or None


# --- numbers as printed -----------------------------------------------------------------------------------------


def _printed(value: Value, unit_scale: int) -> Printed:
    """The number as the source prints it, when its digits times a power of ten are the amount."""
    text = value.printed.strip()
    magnitude = abs(value.amount)
    numbers = _NUMBER.findall(text)
    if not numbers:  # a dash for zero
        dash = text.replace("$", "").strip() or "-"
        return Printed(_before(text)[:2] if "$" in text else "", dash, "", FIXED_ZERO, unit_scale) if magnitude == 0 else _from_amount(value.amount)
    digits = numbers[0]
    shown = Decimal(digits.replace(",", ""))
    scale = _scale_of(shown, magnitude, unit_scale)
    if scale is None or not _PLAIN_NUMBER.match(digits if not digits.startswith(".") else "0" + digits):
        return _from_amount(value.amount)
    if digits.startswith("."):
        digits = "0" + digits
    before, _, after = text.partition(numbers[0])
    return Printed(_before(before), digits, _after(after), NUM_DOT_DECIMAL, scale)


def _scale_of(shown: Decimal, magnitude: Decimal, unit_scale: int) -> int | None:
    for scale in dict.fromkeys((unit_scale, 0, 3, 6, 9, -2)):
        if shown.scaleb(scale) == magnitude:
            return scale
    return None


def _before(text: str) -> str:
    """What is printed before a number, as plain characters: a currency sign, a parenthesis, a minus."""
    dollar = "$ " if "$" in text else ""
    if "(" in text:
        return dollar + "("
    return dollar + ("-" if re.search(r"[-\u2012\u2013\u2014\u2212]", text) else "")


def _after(text: str) -> str:
    return ")" if ")" in text else ""


def _from_amount(amount: Decimal) -> Printed:
    magnitude = abs(amount)
    exact = magnitude.quantize(Decimal(1)) if magnitude == magnitude.to_integral_value() else magnitude.normalize()
    negative = amount < 0
    return Printed("(" if negative else "", format(exact, ",f"), ")" if negative else "", NUM_DOT_DECIMAL, 0)


def _plain_printed(fact: Fact) -> Printed:
    shown = _from_amount(fact.value)
    return Printed("", shown.text, "", shown.format, 0)


# --- amounts printed inside captions ----------------------------------------------------------------------------


def _add_captions(body: etree._Element, instance: Instance, facts: list[Fact], ids: dict[int, str]) -> None:
    if not facts:
        return
    labels = {label.concept: label.text for label in instance.extension.labels if label.role == LABEL_ROLE}
    periods = {context.id: context.period for context in instance.contexts}
    section = sub(body, h("div"), {"id": "captions"})
    sub(section, h("h2"), {"style": _H2}, "Amounts printed in captions")
    table = sub(section, h("table"), {"style": _TABLE})
    head = sub(sub(table, h("thead")), h("tr"))
    for text in ("", "Period", "Amount"):
        sub(head, h("th"), {"style": _TH}, text)
    rows = sub(table, h("tbody"))
    for fact in facts:
        row = sub(rows, h("tr"))
        sub(row, h("td"), {"style": f"{_TD};{_indent(0)}"}, labels.get(fact.concept.qname) or fact.concept.label or fact.concept.name)
        period = periods[fact.context_id]
        sub(row, h("td"), {"style": _NUM}, period.end.isoformat() if period.start is None
            else f"{period.start.isoformat()} to {period.end.isoformat()}")
        _add_number(sub(row, h("td"), {"style": _NUM}), [fact], _plain_printed(fact), ids)
