"""Build taxonomy/observed-labels.csv: the labels companies print for each concept, from their own tags.

    python scripts/build_observed_labels.py [--shared ../shared] [--out taxonomy/observed-labels.csv] [--samples N]

Sources (of --shared): every inline XBRL filing of corpus/ixbrl/ and corpus/more/ixbrl/, and the
readable documents of corpus/pairs/ with the company's XBRL instance their key names
(corpus/keys/*.json: "document" and "instance").

Each document is read as the converter reads it at run time: an inline filing is unwrapped to the
plain HTML a reader sees (converter.inline_reader.read_inline, which also gives the company's facts in
its face statements, with their statement and row label; every other fact without dimensions
counts too, for a face statement read_inline does not find); a pair's readable document is read
as it is, and its instance gives every fact without dimensions. converter.pipeline.find_statements
finds the statements; each statement line is aligned with the company's facts:

  - each printed value of a dated column (zeros and percentages left out) is compared with the
    facts of the same period (an instant within 7 days; a duration ending within 7 days and
    starting within 16, so a 52/53-week year dated a week off still meets its facts, and a line
    of a statement of flows that prints a balance also meets the balances at the column's end
    and the day before it starts), of the line's unit (money, shares, per share) and of the same
    absolute value, the fact rounded to the printed precision; every such fact's concept gets
    the value's vote. A statement whose money amounts agree with the facts at another power of
    ten, for at least half of them, is read at that scale (the converter misread its note);
  - the line's concept is the one with the most votes; ties go to a concept the company tagged
    in a statement of the same kind, then to the one whose company row label (inline filings),
    else whose name (instances; with the line's position: operating, current, ...), shares most
    words with the line's label; a tie left is "ambiguous", but concepts the company tagged on the
    very numbers of one row of such a statement ("basic and diluted") are taken together;
  - the concept is refused when its facts contradict (the same period, another value) as many of
    the line's values as agree with it, unless the company's row has the line's label; and when
    a single value agrees, with a fact of a statement of another kind under another wording;
  - the sign is +1 when the printed values have the sign of the company's facts, -1 when the
    opposite (the majority of the agreeing values; a tie takes the first column's).

A us-gaap concept deprecated by 2024 is replaced by its replacement when the taxonomy names
exactly one (`tagged_as` keeps the company's), else kept and flagged `deprecated`. Company
concepts are kept as extensions: no standard concept fitted the line for that company.
Labels keep no figures: amounts and numbers with thousands separators are dropped, and a label
whose descriptive tail held them is kept as its caption (labels.caption).

The output is sorted and deterministic; converter.mapping.observed reads it. The summary printed
counts, per folder, the lines aligned and why the others are not (--samples N lists N of each).
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from lxml import etree  # noqa: E402

from converter.document import read_document  # noqa: E402
from converter.inline_reader import IX_NAMESPACES, XSI_NIL, fact_contexts, fact_value, parse_xml, read_inline  # noqa: E402
from converter.mapping.context import line_contexts  # noqa: E402
from converter.mapping.labels import caption, normalize  # noqa: E402
from converter.mapping.observed import COLUMNS, FILE_NAME, company_of  # noqa: E402
from converter.mapping.taxonomy import Taxonomy, load_taxonomy  # noqa: E402
from converter.periods import fact_period  # noqa: E402
from converter.pipeline import find_statements  # noqa: E402
from converter.statements import Column, Statement, StatementLine, UnitKind, Value  # noqa: E402

XBRLI = "http://www.xbrl.org/2003/instance"
# Namespaces of standard taxonomies, and the prefix a concept of each is written with.
# (xbrl.us: the US GAAP and DEI taxonomies of 2008-2009, before they moved to fasb.org and xbrl.sec.gov)
_STANDARD_PREFIXES = (("fasb.org/us-gaap/", "us-gaap"), ("xbrl.us/us-gaap/", "us-gaap"), ("fasb.org/srt/", "srt"),
                      ("xbrl.sec.gov/dei/", "dei"), ("xbrl.us/dei/", "dei"),
                      ("fasb.org/", "fasb"), ("xbrl.sec.gov/", "sec"), ("xbrl.us/", "xbrl"), ("xbrl.org/", "xbrl"))
# The statement names of converter.inline_reader, as the converter's statement kinds.
_INLINE_KINDS = {"balance sheet": "balance_sheet", "income statement": "income",
                 "comprehensive income": "comprehensive_income", "cash flow": "cash_flow"}

HEADER = """\
# The printed labels companies use for each concept, learned from their own XBRL tags.
# Generated by scripts/build_observed_labels.py from the tagged filings of ../shared/corpus
# (inline XBRL 10-Qs/10-Ks, and readable documents paired with the company's instance); do not
# edit by hand. Each row: statement lines of one company that the converter reads with the same
# kind, label and context, and whose printed values the company tagged with the same concept.
# kind: the converter's statement kind (balance_sheet, income, comprehensive_income, cash_flow, equity).
# label: the printed label normalized (converter/mapping/labels.py normalize), without figures:
#   amounts and parentheses holding them are dropped, a label whose descriptive tail held figures
#   ("Common stock, $0.01 par value; 100 shares ...") is kept as its caption ("common stock");
#   a caption-less total reads "total <its section>".
# context: the line's context (converter/mapping/context.py line_contexts): position tags, "|",
#   the normalized section headers.
# concept: "us-gaap:Name" (or srt:/dei:), or the company's own local name when extension is 1
#   (the company found no standard concept for the line); two concepts separated by a space
#   when the company tagged the line's numbers with both ("basic and diluted").
# sign: 1 when the printed values have the sign of the company's facts, -1 when the opposite.
# company: the file name up to its first "_", lower case (converter.mapping.observed.company_of).
# values, lines: how many printed values and statement lines agree.
# printed_label: one label as printed (without its figures, as label).
# tagged_as: the deprecated concept the company used, replaced by `concept` (the only
#   replacement the 2024 taxonomy names); deprecated: 1 when the company's concept is deprecated
#   by 2024 and the taxonomy names no single replacement (kept as tagged).
"""


# ----------------------------------------------------------------------------- facts

@dataclass(frozen=True)
class CompanyFact:
    concept: str  # "us-gaap:Name", "srt:Name", ... or the company's local name
    is_extension: bool
    period: str  # "2023-09-30" or "2023-07-01/2023-09-30"
    unit: str  # "USD", "shares", "USD/shares" ("" unknown)
    value: Decimal
    statement: str = ""  # the statement kind the company tagged it in ("" unknown)
    label: str = ""  # the company's row label ("" unknown)


def qualified(namespace: str, local: str) -> tuple[str, bool]:
    """(concept, is_extension): a standard concept with its prefix, a company one by local name."""
    for part, prefix in _STANDARD_PREFIXES:
        if part in namespace:
            return f"{prefix}:{local}", False
    return local, True


def _parse(data: bytes, path: str):
    root = parse_xml(data)
    if root is None:
        raise ValueError(f"{path}: not an XML document")
    return root


def inline_facts(data: bytes, path: str) -> tuple[str, tuple[CompanyFact, ...]]:
    """The plain HTML a reader sees and the company's facts of an inline filing: those of its face
    statements (converter.inline_reader: with the statement and row label), then every other fact without
    dimensions (with its row label), which a face statement converter.inline_reader did not find may hold."""
    document = read_inline(data, path)
    root = _parse(data, path)
    periods, units = _contexts(root)
    others: list[CompanyFact] = []
    names: dict[str, tuple[str, bool]] = {}  # local name -> (concept, is_extension)
    for el in root.iter(*(f"{{{ns}}}nonFraction" for ns in IX_NAMESPACES)):
        prefix, _, local = (el.get("name") or "").rpartition(":")
        concept, is_extension = qualified(el.nsmap.get(prefix or None, ""), local)
        if local not in names or names[local][1]:  # a name both standard and the company's: the standard one
            names[local] = (concept, is_extension)
        value = fact_value(el) if el.get(XSI_NIL) != "true" else None
        if el.get("contextRef") in periods and value is not None:
            others.append(CompanyFact(concept, is_extension, periods[el.get("contextRef")], units.get(el.get("unitRef"), ""),
                                      value, label=_row_label(el)))
    facts = [CompanyFact(*names.get(f.concept, (f.concept, True)), f.period, f.unit, f.value,
                         _INLINE_KINDS.get(f.statement, ""), f.label) for f in document.facts]
    face = {(f.concept, f.period, f.value) for f in facts}
    return document.html, tuple(facts + [f for f in others if (f.concept, f.period, f.value) not in face])


def _row_label(el) -> str:
    """The first cell with letters in the fact's table row."""
    row = next((a for a in el.iterancestors() if etree.QName(a).localname == "tr"), None)
    for cell in row if row is not None else ():
        text = " ".join("".join(cell.itertext()).split())
        if re.search(r"[A-Za-z]", text):
            return text
    return ""


def _contexts(root) -> tuple[dict[str, str], dict[str, str]]:
    found = fact_contexts(root)
    return found.periods, found.units


def instance_facts(path: Path) -> tuple[CompanyFact, ...]:
    """Every numeric fact without dimensions of an XBRL instance."""
    root = _parse(path.read_bytes(), str(path))
    periods, units = _contexts(root)
    facts = []
    for el in root:
        if not isinstance(el.tag, str) or el.get("unitRef") is None or el.get("contextRef") not in periods:
            continue
        try:
            value = Decimal((el.text or "").strip())
        except InvalidOperation:
            continue
        qname = etree.QName(el)
        concept, is_extension = qualified(qname.namespace or "", qname.localname)
        facts.append(CompanyFact(concept, is_extension, periods[el.get("contextRef")], units.get(el.get("unitRef"), ""), value))
    return tuple(facts)


class FactIndex:
    """The company's facts by period; a column's period finds the facts of matching periods."""

    def __init__(self, facts: tuple[CompanyFact, ...]):
        self._by_period: dict[str, list[CompanyFact]] = defaultdict(list)
        for fact in facts:
            self._by_period[fact.period].append(fact)
        self._matches: dict[str, tuple[CompanyFact, ...]] = {}
        self.all = facts

    def at(self, period: str) -> tuple[CompanyFact, ...]:
        if period not in self._matches:
            self._matches[period] = tuple(f for p, facts in self._by_period.items() if same_period(p, period) for f in facts)
        return self._matches[period]


_END_SLACK, _START_SLACK = 7, 16  # days


def same_period(fact: str, column: str) -> bool:
    """The same instant, or durations of about the same start and end: a 52/53-week year's
    columns may be dated a week off, and the slack never makes a quarter a half year."""
    if fact == column:
        return True
    if "/" in fact and "/" in column:
        (fact_start, fact_end), (start, end) = fact.split("/"), column.split("/")
        return _days(fact_end, end) <= _END_SLACK and _days(fact_start, start) <= _START_SLACK
    return "/" not in fact and "/" not in column and _days(fact, column) <= _END_SLACK


def _days(a: str, b: str) -> int:
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


# ----------------------------------------------------------------------------- alignment

@dataclass(frozen=True)
class Alignment:
    concept: str | None  # None: the line is not aligned, see reason; concepts of one row joined by " "
    is_extension: bool = False
    sign: int = 0  # +1 printed with the sign of the company's facts, -1 opposite
    values: int = 0  # the line's values that agree with the concept
    reason: str = ""  # why the line is not aligned
    detail: str = ""  # for the samples: the candidates, each with its agreeing and contradicted values
    company_labels: tuple[str, ...] = ()  # the company's row labels of the agreeing facts (inline filings)


NO_VALUE = "no dated value"
ONLY_ZERO = "only zero values"
NO_PERIOD = "no company fact of the columns' periods"
NO_UNIT = "no company fact of the line's unit at its periods"
OTHER_PERIOD = "the company tags the value at another period"
OTHER_SCALE = "the company tags the value at another scale"
NO_VALUE_FACT = "no company fact of the value"
CONTRADICTED = "the concept's facts contradict as many of the line's values as they agree with"
COINCIDENCE = "a single value agrees, with a fact of another statement and label"
AMBIGUOUS = "ambiguous: concepts tie"
NO_LABEL = "no label"


@dataclass(frozen=True)
class _Words:
    label: frozenset[str]
    position: frozenset[str]  # "operating", "current", ... from the context's tags


@dataclass(frozen=True)
class _Printed:
    value: Value
    facts: tuple[CompanyFact, ...]  # the company's facts of the column's period (or balance dates) and the line's unit
    dated: tuple[CompanyFact, ...]  # those of the dates the converter gives the value: they may contradict it
    reported: bool  # the company has facts of that period, of any unit


def align_line(line: StatementLine, columns: tuple[Column, ...], kind: str, facts: FactIndex,
               context: str = "", scale: int = 0) -> Alignment:
    """The company's concept for a statement line, and the sign its values are printed with.

    The context's position tags help tell concepts apart by their names; scale (a power of ten)
    corrects the converter's reading of the statement's money amounts."""
    dated = [(c, v) for c, v in zip(columns, line.values)
             if v is not None and not v.is_percent and c.is_value and c.period is not None]
    if not dated:
        return Alignment(None, reason=NO_VALUE)
    if all(v.amount == 0 for _, v in dated):
        return Alignment(None, reason=ONLY_ZERO)
    printed = [_Printed(_scaled(v, scale if line.unit is UnitKind.MONEY else 0), *_facts_of(line, c, facts),
                        bool(facts.at(str(c.period)))) for c, v in dated if v.amount != 0]
    words = _Words(frozenset(normalize(line.full_label).split()), frozenset(_position_words(context)))
    votes: dict[str, list[tuple[CompanyFact, Value]]] = defaultdict(list)
    for p in printed:
        best: dict[str, CompanyFact] = {}
        for fact in p.facts:
            if same_magnitude(p.value, fact.value):
                held = best.get(fact.concept)
                if held is None or _fact_rank(fact, kind, words) > _fact_rank(held, kind, words):
                    best[fact.concept] = fact
        for concept, fact in best.items():
            votes[concept].append((fact, p.value))
    if not votes:
        return Alignment(None, reason=_why_no_fact(printed, facts))

    def rank(concept: str) -> tuple:
        agreeing = votes[concept]
        return (len(agreeing), any(f.statement == kind for f, _ in agreeing),
                max(_similarity(words, f) for f, _ in agreeing))

    ranked = sorted(votes, key=lambda c: (rank(c), c), reverse=True)
    detail = ", ".join(f"{c} {len(votes[c])}-{_contradicted(c, printed)}" for c in ranked[:4])
    top = votes[ranked[0]]
    agree, against = len(top), _contradicted(ranked[0], printed)
    if agree < against or (agree == against and not any(same_label(f.label, line_label(line)) for f, _ in top if f.label)):
        return Alignment(None, reason=CONTRADICTED, detail=detail)
    if agree == 1 and _coincidence(top[0][0], kind, words):
        return Alignment(None, reason=COINCIDENCE, detail=detail)
    tied = [c for c in ranked if rank(c) == rank(ranked[0])]
    if len(tied) > 1 and not _one_row(tied, votes, kind):
        return Alignment(None, reason=AMBIGUOUS, detail=detail)
    # a number the company tagged twice: its standard concepts, else its own
    standard = sorted(c for c in tied if not votes[c][0][0].is_extension)
    chosen = standard or sorted(tied)[:1]
    agreeing = votes[chosen[0]]
    signs = [1 if (f.value > 0) == (v.amount > 0) else -1 for f, v in agreeing]
    sign = 1 if signs.count(1) > signs.count(-1) else -1 if signs.count(-1) > signs.count(1) else signs[0]
    labels = tuple(dict.fromkeys(f.label for f, _ in agreeing if f.label))
    return Alignment(" ".join(chosen), not standard, sign, len(agreeing), detail=detail, company_labels=labels)


def _facts_of(line: StatementLine, column: Column, facts: FactIndex) -> tuple[tuple[CompanyFact, ...], tuple[CompanyFact, ...]]:
    """The company's facts of the line's unit at the column's period and, in a column of a
    duration, at the balance dates a balance line prints ("... at end of period", "Balance,
    March 31": its end, the day before it starts)."""
    periods = [column.period]
    if not column.period.is_instant and _BALANCE.search(line.full_label):
        # "Balance, June 30" may open or close the column: both dates, the converter's first
        opening = line.is_opening_balance
        periods += [fact_period(column.period, "instant", opening), fact_period(column.period, "instant", not opening)]
    found = [tuple(f for f in facts.at(str(period)) if _unit_fits(line.unit, f.unit)) for period in periods]
    definite = 2 if line.is_opening_balance or _CLOSING.search(line.full_label) else 1  # a label that says which date
    return tuple(f for group in found for f in group), tuple(f for group in found[:definite] for f in group)


# A line of a statement of flows that may print a balance (the words of mapper._CLOSING, and "balance").
_BALANCE = re.compile(r"\b(?:end|ending|closing|beginning|opening|balances?)\b", re.I)
_CLOSING = re.compile(r"\b(?:end|ending|closing)\b", re.I)


def _scaled(value: Value, scale: int) -> Value:
    return replace(value, amount=value.amount.scaleb(scale), decimals=value.decimals - scale) if scale else value


def statement_scale(statement: Statement, facts: FactIndex) -> int:
    """The power of ten by which the statement's money amounts agree with the company's facts:
    0 unless another reading makes at least half of them agree, and more than the converter's does."""
    money = [(line, c, v) for line in statement.lines if line.unit is UnitKind.MONEY
             for c, v in zip(statement.columns, line.values)
             if v is not None and v.amount != 0 and not v.is_percent and c.is_value and c.period is not None]
    counts = Counter()
    for line, column, value in money:
        magnitudes = {abs(f.value) for f in _facts_of(line, column, facts)[0]}
        for scale in _SCALES:
            counts[scale] += abs(value.amount.scaleb(scale)) in magnitudes
    best = max(_SCALES, key=lambda s: (counts[s], s == 0))
    return best if counts[best] > counts[0] and 2 * counts[best] >= len(money) else 0


_SCALES = (0, 3, 6, 9, -3, -6)


def _why_no_fact(printed: list[_Printed], facts: FactIndex) -> str:
    """Which of the period, the unit or the value no company fact has."""
    if not any(p.facts for p in printed):
        return NO_UNIT if any(p.reported for p in printed) else NO_PERIOD
    magnitudes = {abs(f.value) for f in facts.all}
    if any(abs(p.value.amount) in magnitudes for p in printed):
        return OTHER_PERIOD
    if any(abs(p.value.amount).scaleb(k) in magnitudes for p in printed for k in _SCALES if k):
        return OTHER_SCALE
    return NO_VALUE_FACT


_WEAK_SIMILARITY = 0.25


def _coincidence(fact: CompanyFact, kind: str, words: _Words) -> bool:
    """One value equal to a fact the company tagged in a statement of another kind, in a row of
    another wording: too little to tell a coincidence from the line's concept."""
    return bool(fact.label) and fact.statement != kind and _similarity(words, fact) < _WEAK_SIMILARITY


def same_label(company: str, printed: str) -> bool:
    """The same label, once normalized, with or without its descriptive tail and "Less:"."""
    return normalize(caption(company)) == normalize(caption(printed)) or normalize(kept_label(company)) == normalize(printed)


def _contradicted(concept: str, printed: list[_Printed]) -> int:
    """The line's values at whose period the company reports the concept with another value (a
    period without a fact of the concept, out of the company's filing, says nothing)."""
    count = 0
    for p in printed:
        found = [f for f in p.dated if f.concept == concept]
        count += bool(found) and not any(same_magnitude(p.value, f.value) for f in found)
    return count


def _one_row(tied: list[str], votes: dict[str, list[tuple[CompanyFact, Value]]], kind: str) -> bool:
    """Concepts the company tagged on the same printed numbers: one row of one of its statements
    of this kind ("basic and diluted" tagged with both)."""
    rows = {(f.statement, normalize(f.label)) for c in tied for f, _ in votes[c]}
    return len(rows) == 1 and next(iter(rows))[0] == kind and bool(next(iter(rows))[1])


def same_magnitude(value: Value, fact: Decimal) -> bool:
    """The fact's absolute value is the printed one, once rounded to the printed precision."""
    if fact == 0:
        return False
    if abs(fact) == abs(value.amount):
        return True
    try:
        rounded = abs(fact).quantize(Decimal(1).scaleb(-value.decimals), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return False
    return rounded == abs(value.amount)


def _unit_fits(unit: UnitKind, fact_unit: str) -> bool:
    if not fact_unit:
        return True
    per_share, shares = "/" in fact_unit, fact_unit.lower() == "shares"
    if unit is UnitKind.PER_SHARE:
        return per_share
    if unit is UnitKind.SHARES:
        return shares
    return not per_share and not shares


def _position_words(context: str) -> list[str]:
    tags = context.split("|", 1)[0].split()
    return [t.split("=", 1)[1] for t in tags if "=" in t]


def _fact_rank(fact: CompanyFact, kind: str, words: _Words) -> tuple:
    return (fact.statement == kind, _similarity(words, fact))


def _similarity(words: _Words, fact: CompanyFact) -> float:
    """Words shared by the line's label and the company's row label; without one (an instance),
    by the line's label and position and the concept's name."""
    if fact.label:
        mine, other = words.label, set(normalize(fact.label).split())
    else:
        mine, other = words.label | words.position, set(_name_words(fact.concept))
    return len(mine & other) / len(mine | other) if mine | other else 0.0


def _name_words(concept: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[A-Z][a-z]*|[a-z]+|\d+", concept.rsplit(":", 1)[-1])]


# ----------------------------------------------------------------------------- labels and rows

def line_label(line: StatementLine) -> str:
    """The label the table keeps for a line, as printed: its caption when the descriptive tail holds
    figures (par values, share counts), without other figures; "Total <section>" for a total
    printed without a caption."""
    return kept_label(line.full_label, line.sections)


def kept_label(printed: str, sections: tuple[str, ...] = ()) -> str:
    label = " ".join(printed.split())
    if normalize(label) in ("", "total") and sections:
        label = f"Total {sections[-1].rstrip(':').strip()}"
    had_figures = bool(_FIGURE_GROUP.search(label) or _AMOUNT.search(label))
    label = _without(_AMOUNT, _without(_FIGURE_GROUP, label))
    head = " ".join(caption(label).split())
    if head and normalize(head) != normalize(label) and (had_figures or _digit_count(head) < _digit_count(label)):
        return head
    return label


def _without(figures: re.Pattern, label: str) -> str:
    bare = re.sub(r"\s+([,;:])", r"\1", " ".join(figures.sub(" ", label).split())).strip(" ,;:-")
    return bare if normalize(bare) else label


# A parenthesis holding amounts ("(includes $147 and $142 at June 30, 2023)", "(... 814,894,624)"),
# an amount ("$0.01", "$nil"), a number with thousands separators ("2,000,000,000"): the
# document's figures. Years, "90 days" and note references stay (normalize drops the latter).
_FIGURE_GROUP = re.compile(r"\([^()]*(?:\$|\d{1,3},\d{3})[^()]*\)")
_AMOUNT = re.compile(r"\$\s*(?:[\d.,]+|nil)\b(?:\s*(?:thousand|million|billion)s?\b)?|\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b", re.I)


def _digit_count(text: str) -> int:
    return sum(c.isdigit() for c in text)


@dataclass(frozen=True)
class Concept:
    name: str
    is_extension: bool
    tagged_as: str = ""  # the company's deprecated concept it replaces
    deprecated: bool = False


def current_concept(concepts: str, is_extension: bool, taxonomy: Taxonomy) -> Concept:
    """Each deprecated us-gaap concept (of a space-separated list) replaced by its single 2024
    replacement, else kept and flagged."""
    names, tagged_as, deprecated = [], [], False
    for concept in concepts.split():
        if is_extension or not concept.startswith("us-gaap:") or not taxonomy.is_deprecated(concept):
            names.append(concept)
            continue
        replacements = taxonomy.replacements.get(concept.split(":", 1)[1], ())
        if len(replacements) == 1:
            names.append(replacements[0])
            tagged_as.append(concept)
        else:
            names.append(concept)
            deprecated = True
    return Concept(" ".join(sorted(dict.fromkeys(names))), is_extension, " ".join(tagged_as), deprecated)


@dataclass
class Row:
    printed: str
    is_extension: bool
    deprecated: bool
    values: int = 0
    lines: int = 0
    tagged_as: set[str] = field(default_factory=set)


@dataclass
class Tally:
    """What the run saw, per corpus folder."""

    documents: Counter = field(default_factory=Counter)
    lines: Counter = field(default_factory=Counter)
    aligned: Counter = field(default_factory=Counter)
    reasons: Counter = field(default_factory=Counter)  # (folder, reason) -> lines
    with_label: Counter = field(default_factory=Counter)  # aligned lines whose facts carry the company's row label
    same_label: Counter = field(default_factory=Counter)  # ... and that label is the line's
    rescaled: Counter = field(default_factory=Counter)  # statements whose money amounts agree at another scale
    samples: dict[str, list[str]] = field(default_factory=dict)  # reason -> lines not aligned for it
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class AlignedLine:
    label: str  # line_label()
    context: str
    alignment: Alignment


def align_statement(statement: Statement, facts: FactIndex) -> tuple[int, tuple[AlignedLine, ...]]:
    """The scale correction found for a statement (statement_scale) and each line's alignment."""
    scale = statement_scale(statement, facts)
    kind = statement.kind.value
    aligned = []
    for line, context in zip(statement.lines, line_contexts(statement)):
        label = line_label(line)
        alignment = (align_line(line, statement.columns, kind, facts, context, scale) if normalize(label)
                     else Alignment(None, reason=NO_LABEL))
        aligned.append(AlignedLine(label, context, alignment))
    return scale, tuple(aligned)


def observe(data: bytes, path: str, facts: tuple[CompanyFact, ...], folder: str,
            rows: dict[tuple, Row], tally: Tally, taxonomy: Taxonomy, samples: int) -> None:
    """Align every statement line of a document with the company's facts; add the rows."""
    statements, _ = find_statements(read_document(data, path))
    index = FactIndex(facts)
    company = company_of(path)
    tally.documents[folder] += 1
    for statement in statements:
        kind = statement.kind.value
        scale, lines = align_statement(statement, index)
        tally.rescaled[folder] += bool(scale)
        for line in lines:
            tally.lines[folder] += 1
            alignment, label = line.alignment, line.label
            if alignment.concept is None:
                tally.reasons[(folder, alignment.reason)] += 1
                found = tally.samples.setdefault(alignment.reason, [])
                if len(found) < samples:
                    found.append(f"{Path(path).name}: {kind}: {label!r}" + (f" [{alignment.detail}]" if alignment.detail else ""))
                continue
            tally.aligned[folder] += 1
            if alignment.company_labels:
                tally.with_label[folder] += 1
                tally.same_label[folder] += any(same_label(t, label) for t in alignment.company_labels)
            concept = current_concept(alignment.concept, alignment.is_extension, taxonomy)
            key = (kind, normalize(label), line.context, concept.name, alignment.sign, company)
            row = rows.setdefault(key, Row(label, concept.is_extension, concept.deprecated))
            row.values += alignment.values
            row.lines += 1
            if concept.tagged_as:
                row.tagged_as.add(concept.tagged_as)


def _read_documents(shared: Path) -> list[tuple[str, Path, Path | None]]:
    """(folder, document, instance or None for an inline filing), sorted."""
    corpus = shared / "corpus"
    found: list[tuple[str, Path, Path | None]] = []
    for folder, directory in (("ixbrl", corpus / "ixbrl"), ("more/ixbrl", corpus / "more" / "ixbrl")):
        found.extend((folder, p, None) for p in sorted(directory.glob("*.htm*")))
    for key_path in sorted((corpus / "keys").glob("*.json")):
        key = json.loads(key_path.read_text(encoding="utf-8"))
        document, instance = corpus / "pairs" / key.get("document", ""), corpus / "pairs" / key.get("instance", "")
        if key.get("document") and key.get("instance") and document.is_file() and instance.is_file():
            found.append(("pairs", document, instance))
    return found


def build(shared: Path, samples: int = 0) -> tuple[dict[tuple, Row], Tally]:
    taxonomy = load_taxonomy()
    rows: dict[tuple, Row] = {}
    tally = Tally()
    for folder, document, instance in _read_documents(shared):
        try:
            if instance is None:
                html, facts = inline_facts(document.read_bytes(), str(document))
                observe(html.encode("utf-8"), document.name, facts, folder, rows, tally, taxonomy, samples)
            else:
                observe(document.read_bytes(), document.name, instance_facts(instance), folder, rows, tally, taxonomy, samples)
        except Exception as exc:  # noqa: BLE001 - one unreadable document must not stop the table
            tally.errors.append(f"{document.name}: {type(exc).__name__}: {exc}")
    return rows, tally


def write_table(rows: dict[tuple, Row], out: Path) -> None:
    with out.open("w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER)
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        for key in sorted(rows):
            kind, label, context, concept, sign, company = key
            row = rows[key]
            writer.writerow([kind, label, context, concept, int(row.is_extension), sign, company, row.values, row.lines,
                             row.printed, " ".join(sorted(row.tagged_as)), int(row.deprecated)])


def summary(rows: dict[tuple, Row], tally: Tally) -> str:
    lines = []
    for folder in sorted(tally.documents):
        total, aligned = tally.lines[folder], tally.aligned[folder]
        lines.append(f"{folder}: {tally.documents[folder]} documents, {total} statement lines, "
                     f"{aligned} aligned ({aligned / total:.1%})" if total else f"{folder}: {tally.documents[folder]} documents, no lines")
        if tally.rescaled[folder]:
            lines.append(f"    statements whose amounts agree with the company's at another scale than the converter read: {tally.rescaled[folder]}")
        if tally.with_label[folder]:
            lines.append(f"    of the aligned lines with the company's row label, the same label: "
                         f"{tally.same_label[folder]}/{tally.with_label[folder]}")
        for (f, reason), count in sorted(tally.reasons.items(), key=lambda item: (-item[1], item[0])):
            if f == folder:
                lines.append(f"    not aligned, {reason}: {count}")
    lines.append(f"rows {len(rows)}, distinct labels {len({(k[0], k[1]) for k in rows})}, "
                 f"concepts {len({k[3] for k in rows})} ({len({k[3] for k, r in rows.items() if r.is_extension})} extensions), "
                 f"companies {len({k[5] for k in rows})}, values {sum(r.values for r in rows.values())}")
    lines.extend(f"error: {e}" for e in tally.errors)
    for reason, found in sorted((r, f) for r, f in tally.samples.items() if f):
        lines.append(f"samples, {reason}:")
        lines.extend(f"    {s}" for s in found)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--out", type=Path, default=ROOT / "taxonomy" / FILE_NAME)
    parser.add_argument("--samples", type=int, default=0, help="lines not aligned to list, per reason")
    args = parser.parse_args(argv)
    if not (args.shared / "corpus").is_dir():
        print(f"no corpus in {args.shared}", file=sys.stderr)
        return 2
    rows, tally = build(args.shared, args.samples)
    write_table(rows, args.out)
    print(summary(rows, tally))
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
