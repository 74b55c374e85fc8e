"""Scoring an instance against an answer key: value recall, concept recall and sign errors.

An answer key (JSON) lists every value of a document's face statements with its period and the
concepts a careful tagger may use:
  {"periods": {"Q07": "2007-04-01/2007-06-30", "I07": "2007-06-30"},
   "lines": [{"label": "Revenues", "concepts": ["Revenues"], "unit": "USD", "values": {"Q07": "6974000"}}]}

value recall   share of key values found as a fact with the same period and signed value (any concept);
               a duration's start, or an instant, may differ by up to 7 days (52/53-week years);
concept recall share of key values found with one of the line's concepts;
sign errors    key values found only with the opposite sign.
Concepts are compared by local name; facts with dimensions are ignored.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from lxml import etree

XBRLI = "http://www.xbrl.org/2003/instance"
SLACK_DAYS = 7


@dataclass(frozen=True)
class ScoredFact:
    concept: str  # local name
    period: str  # "2007-06-30" or "2007-04-01/2007-06-30"
    value: Decimal


@dataclass(frozen=True)
class Score:
    total: int
    value_hits: int
    concept_hits: int
    sign_errors: int
    misses: tuple[str, ...] = field(default=())

    @property
    def value_recall(self) -> float:
        return self.value_hits / self.total if self.total else 0.0

    @property
    def concept_recall(self) -> float:
        return self.concept_hits / self.total if self.total else 0.0


def load_key(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def instance_facts(path: Path) -> list[ScoredFact]:
    """The numeric facts without dimensions of an XBRL instance file."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    root = etree.parse(str(path), parser).getroot()
    periods = {c.get("id"): _context_period(c) for c in root.iter(f"{{{XBRLI}}}context")}
    facts = []
    for element in root:
        if not isinstance(element.tag, str) or element.get("unitRef") is None:
            continue
        period = periods.get(element.get("contextRef"))
        if period is None:
            continue
        try:
            value = Decimal((element.text or "").strip())
        except InvalidOperation:
            continue
        facts.append(ScoredFact(etree.QName(element).localname, period, value))
    return facts


def _context_period(context) -> str | None:
    if any(context.iter(f"{{{XBRLI}}}segment", f"{{{XBRLI}}}scenario")):
        return None
    instant = context.findtext(f".//{{{XBRLI}}}instant")
    if instant:
        return instant.strip()[:10]
    start, end = context.findtext(f".//{{{XBRLI}}}startDate"), context.findtext(f".//{{{XBRLI}}}endDate")
    return f"{start.strip()[:10]}/{end.strip()[:10]}" if start and end else "forever"


def periods_match(fact: str, key: str) -> bool:
    if fact == key:
        return True
    if "/" not in fact and "/" not in key and "forever" not in (fact, key):
        return abs((_day(fact) - _day(key)).days) <= SLACK_DAYS
    if "/" not in fact or "/" not in key:
        return False
    fact_start, fact_end = fact.split("/")
    key_start, key_end = key.split("/")
    return fact_end == key_end and abs((_day(fact_start) - _day(key_start)).days) <= SLACK_DAYS


def _day(text: str) -> date:
    return date.fromisoformat(text)


def score(key: dict, facts: list[ScoredFact]) -> Score:
    by_value: dict[Decimal, list[ScoredFact]] = {}
    for fact in facts:
        by_value.setdefault(fact.value, []).append(fact)

    def concepts_at(period: str, value: Decimal) -> set[str]:
        return {f.concept for f in by_value.get(value, ()) if periods_match(f.period, period)}

    total = value_hits = concept_hits = sign_errors = 0
    misses = []
    for line in key["lines"]:
        wanted = set(line["concepts"])
        for period_key, raw in line["values"].items():
            period, value = key["periods"][period_key], Decimal(str(raw))
            total += 1
            found = concepts_at(period, value)
            if found:
                value_hits += 1
                if found & wanted:
                    concept_hits += 1
                else:
                    misses.append(f"concept: {line['label']} {period_key}={value} tagged {sorted(found)}, want one of {sorted(wanted)}")
            elif value != 0 and concepts_at(period, -value):
                sign_errors += 1
                misses.append(f"sign: {line['label']} {period_key}={value} found only as {-value}")
            else:
                misses.append(f"missing: {line['label']} {period_key}={value}")
    return Score(total, value_hits, concept_hits, sign_errors, tuple(misses))
