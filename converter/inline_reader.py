"""Inline XBRL filings as a benchmark: the plain HTML a reader sees, and the company's own tags.

An inline XBRL document is an HTML page whose printed numbers are wrapped in `ix:` elements. This
module (1) unwraps it to the plain HTML a reader sees (the hidden `ix:header` removed, every other
`ix:` element replaced by its displayed content) and (2) reads an answer key from the company's own
numeric facts in its face statements: the balance sheet, the income statement, the statement of
comprehensive income and the statement of cash flows. Statements are found by the titles printed
above their tables ("CONDENSED CONSOLIDATED BALANCE SHEETS", "... (Continued)"), else by the
concepts they must hold (Assets, EarningsPerShareBasic, ...). Only facts without dimensions count.

evaluate() converts the plain HTML with the normal pipeline (the tags are never used for the
conversion) and scores the output against the key with evaluation.score().
"""
from __future__ import annotations

import copy
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from lxml import etree

from .diagnostics import ConversionError, Diagnostic, SourceRef, warning
from .evaluation import Calculation, Score, ScoredFact, model_calculations, model_facts, periods_match, score

IX_NAMESPACES = ("http://www.xbrl.org/2013/inlineXBRL", "http://www.xbrl.org/2008/inlineXBRL")
XBRLI = "http://www.xbrl.org/2003/instance"
XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"

BALANCE_SHEET = "balance sheet"
INCOME = "income statement"
COMPREHENSIVE = "comprehensive income"
CASH_FLOW = "cash flow"
STATEMENTS = (BALANCE_SHEET, INCOME, COMPREHENSIVE, CASH_FLOW)

# Concepts that only a statement's own table holds: the fallback when no title is found.
_KEY_CONCEPTS = {
    BALANCE_SHEET: {"Assets", "LiabilitiesAndStockholdersEquity"},
    INCOME: {"EarningsPerShareBasic", "EarningsPerShareDiluted", "EarningsPerShareBasicAndDiluted"},
    COMPREHENSIVE: {"ComprehensiveIncomeNetOfTax", "ComprehensiveIncomeNetOfTaxIncludingPortionAttributableToNoncontrollingInterest"},
    CASH_FLOW: {"NetCashProvidedByUsedInOperatingActivities", "NetCashProvidedByUsedInOperatingActivitiesContinuingOperations"},
}
_TITLES = (
    (None, re.compile(r"\b(?:stockholders|shareholders|shareowners|members|partners)['’]?\s+(?:equity|deficit|capital)|"
                      r"changes\s+in\s+(?:equity|net\s+assets)|\bpreferred\s+stock\s+and", re.I)),
    (CASH_FLOW, re.compile(r"\bcash\s+flows?\b", re.I)),
    (BALANCE_SHEET, re.compile(r"\bbalance\s+sheets?\b|\bstatements?\s+of\s+(?:consolidated\s+)?(?:financial\s+(?:position|condition))", re.I)),
    (INCOME, re.compile(r"\bstatements?\s+of\s+(?:condensed\s+)?(?:consolidated\s+)?(?:operations|income|earnings|(?:net\s+)?(?:loss|losses))\b|"
                        r"\bincome\s+statements?\b", re.I)),
    (COMPREHENSIVE, re.compile(r"\bcomprehensive\s+(?:income|loss|earnings)\b", re.I)),
)
_MAX_TITLE = 160  # characters of a printed statement title
_TITLE_LOOKBACK = 6  # text blocks above a table searched for its title
_MIN_FACTS = 4  # facts without dimensions that make a table a statement
_WORDS = {"no": 0, "none": 0, "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_DASHES = {"-", "\u2012", "\u2013", "\u2014", "\u2212", ""}


@dataclass(frozen=True)
class InlineFact:
    """One numeric fact of the company's, as tagged in a face statement table."""

    statement: str  # one of STATEMENTS
    label: str  # the first text cell of its table row
    concept: str  # local name
    period: str  # "2023-09-30" or "2023-07-01/2023-09-30"
    unit: str  # "USD", "USD/shares", "shares"
    value: Decimal


@dataclass(frozen=True)
class InlineDocument:
    html: str  # the plain HTML a reader sees
    facts: tuple[InlineFact, ...]  # face-statement facts without dimensions, in document order
    statements: tuple[str, ...]  # statements found, in STATEMENTS order
    diagnostics: tuple[Diagnostic, ...] = field(default=())


@dataclass(frozen=True)
class PeriodScore:
    period: str
    total: int  # key values of this period
    hits: int  # found with the same value and period


@dataclass(frozen=True)
class Evaluation:
    document: str
    statements: tuple[str, ...]
    score: Score
    periods: tuple[PeriodScore, ...]
    period_agreement: float  # of key values found at any period, the share found at their own period
    facts_written: int
    diagnostics: tuple[Diagnostic, ...] = field(default=())
    error: str = ""  # why the conversion produced nothing

    def as_json(self, misses: bool = False) -> dict:
        s = self.score
        result = {
            "document": self.document, "statements": list(self.statements), "values": s.total,
            "value_recall": round(s.value_recall, 4), "concept_recall": round(s.concept_recall, 4),
            "period_agreement": round(self.period_agreement, 4), "sign_errors": s.unexplained_sign_errors,
            "explained_sign_disagreements": list(s.explained_signs),
            "facts_written": self.facts_written, "error": self.error or None,
            "periods": [{"period": p.period, "values": p.total, "found": p.hits} for p in self.periods],
            "diagnostics": [str(d) for d in self.diagnostics],
        }
        if misses:
            result["misses"] = list(s.misses)
        return result


# ----------------------------------------------------------------------------- reading

def read_inline(data: bytes, path: str) -> InlineDocument:
    """The plain HTML of an inline XBRL document and its face-statement facts. Never raises on odd input."""
    root = parse_xml(data)
    if root is None:
        return InlineDocument("", (), (), (warning("XC701", "not an XML document: no inline XBRL facts read", SourceRef(path)),))
    facts, found, diagnostics = _statement_facts(root, path)
    html = plain_html(root)
    return InlineDocument(html, tuple(facts), found, tuple(diagnostics))


def parse_xml(data: bytes):
    """An XML document read leniently and offline (no entities, no network); None when it is not XML."""
    parser = etree.XMLParser(huge_tree=True, recover=True, resolve_entities=False, no_network=True, remove_comments=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return None


def _ix(el) -> str:
    """The local name of an ix: element, else ""."""
    if not isinstance(el.tag, str):
        return ""
    qname = etree.QName(el)
    return qname.localname if qname.namespace in IX_NAMESPACES else ""


def _local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def plain_html(root) -> str:
    """The HTML a reader sees: ix:header dropped, every other ix: element replaced by its content.

    Works on a copy; namespaces are dropped from element names so HTML readers see plain tags."""
    root = copy.deepcopy(root)
    for header in [el for el in root.iter() if _ix(el) == "header"]:
        _remove(header)
    for el in [el for el in root.iter() if _ix(el)]:
        _unwrap(el)
    for el in root.iter():
        if isinstance(el.tag, str):
            el.tag = _local(el)
            for name in [n for n in el.attrib if n.startswith("{")]:
                del el.attrib[name]
    etree.cleanup_namespaces(root)
    return etree.tostring(root, method="html", encoding="unicode")


def _remove(el) -> None:
    """Remove an element and its content, keeping its tail text."""
    parent = el.getparent()
    if parent is None:
        return
    _append_text(parent, el, el.tail)
    parent.remove(el)


def _unwrap(el) -> None:
    """Replace an element by its text and children."""
    parent = el.getparent()
    if parent is None:
        return
    index = parent.index(el)
    _append_text(parent, el, el.text)
    children = list(el)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    tail_holder = children[-1] if children else None
    if tail_holder is not None:
        tail_holder.tail = (tail_holder.tail or "") + (el.tail or "")
    else:
        _append_text(parent, el, el.tail)
    parent.remove(el)


def _append_text(parent, el, text: str | None) -> None:
    """Add text right before el: to its previous sibling's tail, else to the parent's text."""
    if not text:
        return
    previous = el.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


# ----------------------------------------------------------------------------- facts

@dataclass(frozen=True)
class _Contexts:
    periods: dict[str, str]  # context id -> period, contexts without dimensions only
    units: dict[str, str]


def fact_contexts(root) -> _Contexts:
    """The periods of the contexts without dimensions, and the units ("USD", "USD/shares"), by id."""
    periods = {}
    for context in root.iter(f"{{{XBRLI}}}context"):
        if next(context.iter(f"{{{XBRLI}}}segment", f"{{{XBRLI}}}scenario"), None) is not None:
            continue
        instant = context.findtext(f".//{{{XBRLI}}}instant")
        start, end = context.findtext(f".//{{{XBRLI}}}startDate"), context.findtext(f".//{{{XBRLI}}}endDate")
        if instant:
            periods[context.get("id")] = instant.strip()[:10]
        elif start and end:
            periods[context.get("id")] = f"{start.strip()[:10]}/{end.strip()[:10]}"
    units = {}
    for unit in root.iter(f"{{{XBRLI}}}unit"):
        numerator = [m.text.strip().split(":")[-1] for m in unit.iter(f"{{{XBRLI}}}measure") if m.text]
        units[unit.get("id")] = "/".join(numerator)
    return _Contexts(periods, units)


def _statement_facts(root, path: str) -> tuple[list[InlineFact], tuple[str, ...], list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []
    if not any(_ix(el) == "nonFraction" for el in root.iter()):
        diagnostics.append(warning("XC701", "no inline XBRL numeric facts (ix:nonFraction in the inline XBRL namespace) in the document", SourceRef(path)))
        return [], (), diagnostics
    contexts = fact_contexts(root)
    tables = [t for t in root.iter() if _local(t) == "table" and _own_facts(t, contexts)]
    chosen = _statement_tables(tables, contexts)
    facts = []
    for statement, table in chosen:
        for el in _own_facts(table, contexts):
            fact = _fact(el, statement, contexts, diagnostics, path)
            if fact is not None:
                facts.append(fact)
    found = tuple(s for s in STATEMENTS if any(name == s for name, _ in chosen))
    if not found:
        diagnostics.append(warning("XC702", "no face statement found among the tagged tables", SourceRef(path)))
    return facts, found, diagnostics


def _own_facts(table, contexts: _Contexts) -> list:
    """The table's numeric facts without dimensions (not nil)."""
    return [el for el in table.iter() if _ix(el) == "nonFraction" and el.get("contextRef") in contexts.periods
            and el.get(XSI_NIL) != "true" and not _in_label(el)]


def _in_label(el) -> bool:
    """A fact printed inside a line's label ("$0.0001 par value; 500,000 shares authorized"): the
    statement's parenthetical, not one of its amounts."""
    cell = next((a for a in el.iterancestors() if _local(a) in ("td", "th")), None)
    return cell is not None and bool(re.search(r"[A-Za-z]{2}", "".join(cell.itertext())))


def _statement_tables(tables: list, contexts: _Contexts) -> list[tuple[str, object]]:
    """(statement, table) of the face statements: by printed title, else by key concepts."""
    chosen: list[tuple[str, object]] = []
    for table in tables:
        if len(_own_facts(table, contexts)) < _MIN_FACTS:
            continue
        statement = _title_statement(table)
        if statement and not _later_copy(chosen, statement, table):
            chosen.append((statement, table))
    titled = {s for s, _ in chosen}
    for statement, names in _KEY_CONCEPTS.items():
        if statement in titled:
            continue
        table = next((t for t in tables if names & {_name(el) for el in _own_facts(t, contexts)}), None)
        if table is not None and all(t is not table for _, t in chosen):
            chosen.append((statement, table))
    return chosen


def _later_copy(chosen: list[tuple[str, object]], statement: str, table) -> bool:
    """A table titled like a statement already taken, after other statements came in between:
    a schedule in the notes, not the face statement's continuation."""
    if not chosen or chosen[-1][0] == statement:
        return False
    return any(s == statement for s, _ in chosen)


def _name(el) -> str:
    return (el.get("name") or "").split(":")[-1]


def _title_statement(table) -> str | None:
    """The statement named by the short heading lines printed just above a table."""
    for text in _texts_above(table):
        if len(text) > _MAX_TITLE:
            return None
        for statement, pattern in _TITLES:
            if pattern.search(text):
                return statement
    return None


def _texts_above(table):
    """The text blocks before a table, nearest first (at most _TITLE_LOOKBACK of them)."""
    count = 0
    node = table
    while node is not None and count < _TITLE_LOOKBACK:
        previous = node.getprevious()
        while previous is None:
            node = node.getparent()
            if node is None:
                return
            previous = node.getprevious()
        node = previous
        if not isinstance(node.tag, str) or _ix(node) == "header":
            continue
        if _local(node) == "table":
            return
        text = " ".join("".join(node.itertext()).split()).replace("\u200b", "").strip()
        if text:
            count += 1
            yield text


def _fact(el, statement: str, contexts: _Contexts, diagnostics: list[Diagnostic], path: str) -> InlineFact | None:
    value = fact_value(el)
    if value is None:
        diagnostics.append(warning("XC703", f"cannot read the value of {el.get('name')} ({_text(el)!r}, format {el.get('format')})",
                                   SourceRef(path, el.sourceline or 0)))
        return None
    return InlineFact(statement, _row_label(el), _name(el), contexts.periods[el.get("contextRef")],
                      contexts.units.get(el.get("unitRef"), ""), value)


def _text(el) -> str:
    return "".join(el.itertext()).strip()


def fact_value(el) -> Decimal | None:
    """The value of an ix:nonFraction: its format, scale and sign applied."""
    number = parse_number(_text(el), el.get("format") or "")
    if number is None:
        return None
    number = number.scaleb(int(el.get("scale") or 0))
    return -number if el.get("sign") == "-" else number


def parse_number(text: str, format_name: str) -> Decimal | None:
    """A displayed number read with an inline XBRL transformation (num-dot-decimal when none given)."""
    transform = format_name.split(":")[-1].replace("-", "").lower()
    text = text.strip()
    if transform in ("fixedzero", "zerodash") or (transform != "numwordsen" and text in _DASHES):
        return Decimal(0)
    if transform == "numwordsen":
        word = text.lower().strip(" .")
        return Decimal(_WORDS[word]) if word in _WORDS else _digits(text, ".")
    if transform in ("numcommadecimal", "numdotcomma", "numspacecomma"):
        return _digits(text, ",")
    return _digits(text, ".")


def _digits(text: str, decimal_mark: str) -> Decimal | None:
    kept = "".join(c for c in text if c.isdigit() or c == decimal_mark).replace(decimal_mark, ".")
    if not kept or kept == ".":
        return None
    try:
        return Decimal(kept)
    except InvalidOperation:
        return None


def _row_label(el) -> str:
    """The first cell with letters in the fact's table row."""
    tr = next((a for a in el.iterancestors() if _local(a) == "tr"), None)
    if tr is None:
        return ""
    for td in tr:
        text = " ".join("".join(td.itertext()).split())
        if re.search(r"[A-Za-z]", text):
            return text
    return ""


# ----------------------------------------------------------------------------- answer key

def answer_key(facts: tuple[InlineFact, ...], document: str = "") -> dict:
    """The facts as an answer key of evaluation.score(): a line per statement, label and concept."""
    periods: dict[str, str] = {}
    lines: dict[tuple[str, str, str], dict] = {}
    for fact in facts:
        period_key = periods.setdefault(fact.period, f"P{len(periods) + 1}")
        line = lines.setdefault((fact.statement, fact.label, fact.concept), {
            "statement": fact.statement, "label": fact.label, "concepts": [fact.concept], "unit": fact.unit, "values": {}})
        line["values"][period_key] = _plain(fact.value)
    return {"document": document, "source": "company's own inline XBRL tags",
            "periods": {key: period for period, key in periods.items()}, "lines": list(lines.values())}


def _plain(value: Decimal) -> str:
    return str(value.quantize(Decimal(1))) if value == value.to_integral() else str(value.normalize())


# ----------------------------------------------------------------------------- evaluation

def evaluate(data: bytes, path: str) -> Evaluation:
    """Convert what a reader sees of an inline XBRL filing and score it against the company's tags."""
    from .pipeline import convert

    document = read_inline(data, path)
    key = answer_key(document.facts, path)
    diagnostics = list(document.diagnostics)
    readable = document.html.encode("utf-8") if document.facts else data  # no tags read: convert the input as it is
    try:
        conversion = convert(readable, path)
    except ConversionError as exc:
        diagnostics.extend(exc.diagnostics)
        return scored(key, [], document.statements, path, diagnostics, error=str(exc).splitlines()[-1])
    facts = model_facts(conversion.instance)
    return scored(key, facts, document.statements, path, diagnostics, calculations=model_calculations(conversion.instance))


def scored(key: dict, facts: list[ScoredFact], statements: tuple[str, ...], path: str,
           diagnostics: list[Diagnostic], error: str = "", calculations: tuple[Calculation, ...] | list[Calculation] = ()) -> Evaluation:
    result = score(key, facts, calculations)
    periods, agreement = period_scores(key, facts)
    return Evaluation(path, statements, result, periods, agreement, len(facts), tuple(diagnostics), error)


def period_scores(key: dict, facts: list[ScoredFact]) -> tuple[tuple[PeriodScore, ...], float]:
    """Per key period, how many of its values were found there; and of the key values found at
    any period with the same value, the share found at their own period."""
    by_value: dict[Decimal, set[str]] = {}
    for fact in facts:
        by_value.setdefault(fact.value, set()).add(fact.period)
    totals: Counter = Counter()
    hits: Counter = Counter()
    anywhere = 0
    for line in key["lines"]:
        for period_key, raw in line["values"].items():
            period, found = key["periods"][period_key], by_value.get(Decimal(str(raw)), set())
            totals[period] += 1
            if any(periods_match(p, period) for p in found):
                hits[period] += 1
            anywhere += bool(found)
    rows = tuple(PeriodScore(p, totals[p], hits[p]) for p in key["periods"].values())
    return rows, (sum(hits.values()) / anywhere if anywhere else 0.0)


def evaluation_text(evaluation: Evaluation, misses: bool = False) -> str:
    s = evaluation.score
    lines = [
        f"{evaluation.document}: {s.total} tagged values in {', '.join(evaluation.statements) or 'no statement'}",
        f"  value recall     {s.value_recall:.3f}  ({s.value_hits}/{s.total})",
        f"  period agreement {evaluation.period_agreement:.3f}",
        f"  concept recall   {s.concept_recall:.3f}  ({s.concept_hits}/{s.total}; local names)",
        f"  sign errors      {s.unexplained_sign_errors}"
        + (f"  (and {len(s.explained_signs)} sign disagreement{'s' if len(s.explained_signs) > 1 else ''}"
           " the company's tags explain, listed below)" if s.explained_signs else ""),
        f"  facts written    {evaluation.facts_written}",
    ]
    lines.extend(f"  period {p.period}: {p.hits}/{p.total}" for p in evaluation.periods)
    if evaluation.error:
        lines.append(f"  conversion failed: {evaluation.error}")
    lines.extend(f"    explained: {why}" for why in s.explained_signs)
    if misses:
        lines.extend(f"    {m}" for m in s.misses)
    return "\n".join(lines)
