"""Data-quality checks on a built instance, in the spirit of the XBRL US DQC rules.

check_instance(instance, taxonomy) returns diagnostics (stable codes XC811-XC815):
  XC811 error    a fact of a deprecated us-gaap concept (DQC_0018);
  XC812 error    a fact or calculation of a concept neither the taxonomy nor the extension defines;
  XC813 warning  a negative value of a concept the DQC lists say is never negative (DQC_0015, DQC_0014);
  XC814 warning  an equality of DQC_0004 that does not hold between facts of one context and unit
                 (Assets = LiabilitiesAndStockholdersEquity, ...: taxonomy/us-gaap-2024/dqc-0004.json),
                 within tolerance x 10^-decimals of the least precise fact;
  XC815 warning  an extension calculation parent -> child where the US GAAP calculations have child
                 above parent (DQC_0008, reversed calculation).
The goal is that none occur: each names a mistake in the mapping, the signs or the arithmetic.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Iterator

from .diagnostics import Diagnostic, error, warning
from .mapping.taxonomy import Taxonomy
from .resources import taxonomy_dir
from .xbrl.model import Fact, Instance


@dataclass(frozen=True)
class Equality:
    """One DQC_0004 rule: sum = the total of items; alternatives stand in for a missing item (or sum)."""

    rule: str
    sum: str  # us-gaap local name
    items: tuple[str, ...]
    alternatives: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = ()
    tolerance: int = 2

    def substitutes(self, name: str) -> tuple[tuple[str, ...], ...]:
        return next((alts for key, alts in self.alternatives if key == name), ())


@lru_cache(maxsize=None)
def load_equalities() -> tuple[Equality, ...]:
    path = taxonomy_dir() / "us-gaap-2024" / "dqc-0004.json"
    rules = json.loads(path.read_text("utf-8"))["rules"] if path.exists() else {}
    return tuple(
        Equality(rule, spec["sum"], tuple(spec["items"]),
                 tuple((k, tuple(tuple(a) for a in v)) for k, v in spec.get("alternatives", {}).items()),
                 int(spec.get("tolerance", 2)))
        for rule, spec in sorted(rules.items(), key=lambda kv: int(kv[0])))


def check_instance(instance: Instance, taxonomy: Taxonomy) -> tuple[Diagnostic, ...]:
    return tuple([*_concept_problems(instance, taxonomy), *_negatives(instance, taxonomy),
                  *_equalities(instance), *_reversed_calculations(instance, taxonomy)])


def _concept_problems(instance: Instance, taxonomy: Taxonomy) -> Iterator[Diagnostic]:
    defined = {c.qname for c in instance.extension.concepts}
    reported: set[str] = set()
    for fact in instance.facts:
        qname = fact.concept.qname
        if qname in reported:
            continue
        reported.add(qname)
        if taxonomy.is_deprecated(qname):
            instead = " ".join(taxonomy.replacements.get(fact.concept.name, ())) or "no replacement named"
            yield error("XC811", f"fact of deprecated concept {qname} (replaced by: {instead})", fact.source)
        elif qname not in defined and taxonomy.concept(qname) is None:
            yield error("XC812", f"fact of undefined concept {qname}", fact.source)
    for network in instance.extension.networks:
        for arc in network.calculation:
            for qname in (arc.parent, arc.child):
                if qname not in defined and taxonomy.concept(qname) is None and qname not in reported:
                    reported.add(qname)
                    yield error("XC812", f"calculation of undefined concept {qname} in {network.role_id}")


def _negatives(instance: Instance, taxonomy: Taxonomy) -> Iterator[Diagnostic]:
    for fact in instance.facts:
        if isinstance(fact.value, Decimal) and fact.value < 0 and taxonomy.is_non_negative(fact.concept.qname):
            yield warning("XC813", f"{fact.concept.qname} is never negative (DQC_0015/DQC_0014), "
                                   f"but its fact in context {fact.context_id} is {fact.value}", fact.source)


def _equalities(instance: Instance) -> Iterator[Diagnostic]:
    groups: dict[tuple[str, str | None], dict[str, Fact]] = defaultdict(dict)
    for fact in instance.facts:
        if fact.concept.prefix == "us-gaap" and isinstance(fact.value, Decimal):
            groups[(fact.context_id, fact.unit_id)].setdefault(fact.concept.name, fact)
    for (context, _), facts in groups.items():
        for rule in load_equalities():
            problem = _unequal(rule, facts, context)
            if problem is not None:
                yield problem


def _unequal(rule: Equality, facts: dict[str, Fact], context: str) -> Diagnostic | None:
    total = _present(rule.sum, rule, facts)
    parts = [_present(item, rule, facts) for item in rule.items]
    if total is None or len(total) != 1 or any(p is None for p in parts):
        return None  # DQC: a comparison with a missing component does not run
    used = [f for p in parts for f in p]
    if total[0] in used:
        return None
    difference = total[0].value - sum((f.value for f in used), Decimal(0))
    decimals = min((f.decimals for f in used + list(total) if isinstance(f.decimals, int)), default=0)  # "INF" is exact
    if abs(difference) <= Decimal(rule.tolerance).scaleb(-decimals):
        return None
    names = " + ".join(f"{f.concept.name} ({f.value})" for f in used)
    return warning("XC814", f"DQC_0004 rule {rule.rule}: {rule.sum} ({total[0].value}) is not {names} in context {context}",
                   total[0].source)


def _present(name: str, rule: Equality, facts: dict[str, Fact]) -> list[Fact] | None:
    """The fact of name, else the facts of its first alternative that are all reported, else None."""
    if name in facts:
        return [facts[name]]
    for alternative in rule.substitutes(name):
        if all(n in facts for n in alternative):
            return [facts[n] for n in alternative]
    return None


def _reversed_calculations(instance: Instance, taxonomy: Taxonomy) -> Iterator[Diagnostic]:
    sources = {f.concept.qname: f.source for f in reversed(instance.facts)}
    ancestors: dict[str, frozenset[str]] = {}
    for network in instance.extension.networks:
        for arc in network.calculation:
            if arc.parent not in ancestors:
                ancestors[arc.parent] = taxonomy.calc_ancestors(arc.parent)
            if arc.child in ancestors[arc.parent]:
                yield warning("XC815", f"calculation {arc.parent} -> {arc.child} in {network.role_id} reverses the US GAAP "
                                       f"calculations, where {arc.child} sums {arc.parent}", sources.get(arc.parent))
