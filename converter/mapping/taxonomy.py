"""The taxonomy subset the converter uses, read from the project's taxonomy/ folder.

Interface (implemented from the data files written by scripts/build_taxonomy.py):
  load_taxonomy() -> Taxonomy, cached;
  Taxonomy.concept("us-gaap:Assets") -> ConceptDef | None (with .statements, the statement kinds whose
  US GAAP networks name it);
  Taxonomy.calc_children / calc_parents -> CalcArc tuples from the us-gaap calculation networks;
  Taxonomy.is_deprecated(name), .is_non_negative(qname), .package_dir (the taxonomy package for
  offline validation).
"""
from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Iterator, Mapping

from ..resources import taxonomy_dir

US_GAAP_NS = "http://fasb.org/us-gaap/2024"
DEI_NS = "http://xbrl.sec.gov/dei/2024"
US_GAAP_SCHEMA_URL = "https://xbrl.fasb.org/us-gaap/2024/elts/us-gaap-2024.xsd"
DEI_SCHEMA_URL = "https://xbrl.sec.gov/dei/2024/dei-2024.xsd"


@dataclass(frozen=True)
class ConceptDef:
    prefix: str  # "us-gaap", "dei", or the extension prefix
    name: str
    namespace: str
    data_type: str  # a QName: "xbrli:monetaryItemType", "dtr-types:perShareItemType", "xbrli:sharesItemType", ...
    period_type: str  # "instant" | "duration"
    balance: str | None = None  # "debit" | "credit" | None
    abstract: bool = False
    substitution_group: str = "xbrli:item"
    label: str = ""  # standard label
    # The statement kinds (StatementKind values: "balance_sheet", "income", ...) whose US GAAP
    # face-statement networks name the concept; empty for the disclosure vocabulary and extensions.
    statements: tuple[str, ...] = ()

    @property
    def qname(self) -> str:
        return f"{self.prefix}:{self.name}"

    @property
    def is_monetary(self) -> bool:
        return self.data_type == "xbrli:monetaryItemType"

    @property
    def is_numeric(self) -> bool:
        return self.data_type in NUMERIC_TYPES


NUMERIC_TYPES = frozenset({
    "xbrli:monetaryItemType", "xbrli:sharesItemType", "xbrli:decimalItemType", "xbrli:pureItemType",
    "dtr-types:perShareItemType", "dtr-types:percentItemType", "xbrli:integerItemType",
    "xbrli:nonNegativeIntegerItemType",
})


@dataclass(frozen=True)
class CalcArc:
    network: str  # short name of the us-gaap network ("soi", "sfp-cls", ...) or an extension role id
    parent: str  # qname
    child: str  # qname
    weight: int  # +1 or -1
    order: float = 0.0


PREFIX_NAMESPACES = {"us-gaap": US_GAAP_NS, "dei": DEI_NS}


@dataclass(frozen=True)
class Taxonomy:
    """The concepts (us-gaap and dei, by qname) and the us-gaap statement calculation networks."""

    concepts: Mapping[str, ConceptDef]
    calculations: tuple[CalcArc, ...]
    deprecated: Mapping[str, str]  # us-gaap name -> release that deprecated it (2024 or earlier)
    replacements: Mapping[str, tuple[str, ...]]  # deprecated us-gaap name -> qnames that replace it
    non_negative: frozenset[str]  # qnames the XBRL US data-quality rules (DQC_0015) say are never negative
    package_dir: Path  # the taxonomy package (META-INF/catalog.xml maps the official URLs into it)
    non_negative_dqc0014: frozenset[str] = frozenset()  # qnames DQC_0014 says should not be negative (no dimensions)
    _children: Mapping[str, tuple[CalcArc, ...]] = field(default_factory=dict, repr=False)
    _parents: Mapping[str, tuple[CalcArc, ...]] = field(default_factory=dict, repr=False)

    def concept(self, qname_or_name: str) -> ConceptDef | None:
        """Look up by qname ("us-gaap:Assets", "dei:DocumentType", "{namespace}Name") or bare us-gaap name."""
        return self.concepts.get(qualify(qname_or_name))

    def calc_children(self, parent_qname: str, network: str | None = None) -> tuple[CalcArc, ...]:
        """The summation items of parent, in every network or in one ("soi", "sfp-cls", ...)."""
        arcs = self._children.get(qualify(parent_qname), ())
        return arcs if network is None else tuple(a for a in arcs if a.network == network)

    def calc_parents(self, child_qname: str) -> tuple[CalcArc, ...]:
        return self._parents.get(qualify(child_qname), ())

    def calc_ancestors(self, qname: str) -> frozenset[str]:
        """Every concept above qname in the US GAAP calculation networks."""
        seen: set[str] = set()
        todo = [qname]
        while todo:
            for arc in self.calc_parents(todo.pop()):
                if arc.parent not in seen:
                    seen.add(arc.parent)
                    todo.append(arc.parent)
        return frozenset(seen)

    @property
    def networks(self) -> frozenset[str]:
        return frozenset(a.network for a in self.calculations)

    def is_non_negative(self, qname_or_name: str) -> bool:
        qname = qualify(qname_or_name)
        return qname in self.non_negative or qname in self.non_negative_dqc0014

    def is_deprecated(self, name: str) -> bool:
        """True for us-gaap names deprecated by 2024, whether or not the 2024 taxonomy still lists them."""
        qname = qualify(name)
        return qname.startswith("us-gaap:") and qname[len("us-gaap:"):] in self.deprecated


def qualify(qname_or_name: str) -> str:
    """The "prefix:Name" form; bare names are us-gaap and Clark names ("{ns}Name") get their prefix."""
    text = qname_or_name.strip()
    if text.startswith("{"):
        namespace, _, name = text[1:].partition("}")
        prefix = next((p for p, ns in PREFIX_NAMESPACES.items() if ns == namespace), namespace)
        return f"{prefix}:{name}"
    return text if ":" in text else f"us-gaap:{text}"


@lru_cache(maxsize=None)
def load_taxonomy(directory: Path | None = None) -> Taxonomy:
    """Read taxonomy/ (or another folder laid out the same way); cached per folder."""
    root = Path(directory) if directory is not None else taxonomy_dir()
    concepts = {c.qname: c for prefix, folder in (("us-gaap", "us-gaap-2024"), ("dei", "dei-2024"))
                for c in _read_concepts(root / folder / "concepts.csv", prefix)}
    calculations = tuple(_read_calculations(root / "us-gaap-2024" / "calculations.csv"))
    deprecated, replacements = _read_deprecated(root / "us-gaap-2024" / "deprecated.csv")
    non_negative = frozenset(row["qname"] for row in _read_rows(root / "us-gaap-2024" / "non-negative.csv"))
    return Taxonomy(
        concepts=MappingProxyType(concepts), calculations=calculations,
        deprecated=MappingProxyType(deprecated), replacements=MappingProxyType(replacements),
        non_negative=non_negative,
        package_dir=root / "package",
        non_negative_dqc0014=_read_optional_qnames(root / "us-gaap-2024" / "non-negative-dqc0014.csv"),
        _children=_index(calculations, lambda a: a.parent), _parents=_index(calculations, lambda a: a.child),
    )


def _read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _read_optional_qnames(path: Path) -> frozenset[str]:
    return frozenset(row["qname"] for row in _read_rows(path)) if path.exists() else frozenset()


def _read_concepts(path: Path, prefix: str) -> Iterator[ConceptDef]:
    for row in _read_rows(path):
        yield ConceptDef(
            prefix=prefix, name=row["name"], namespace=PREFIX_NAMESPACES[prefix], data_type=row["data_type"],
            period_type=row["period_type"], balance=row["balance"] or None, abstract=row["abstract"] == "true",
            substitution_group=row["substitution_group"], label=row["label"],
            statements=tuple(kind for kind in (row.get("statements") or "").split(";") if kind),
        )


def _read_calculations(path: Path) -> Iterator[CalcArc]:
    for row in _read_rows(path):
        yield CalcArc(network=row["network"], parent=row["parent"], child=row["child"],
                      weight=int(row["weight"]), order=float(row["order"]))


def _read_deprecated(path: Path) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    rows = _read_rows(path)
    deprecated = {r["name"]: r["deprecated_in"] for r in rows}
    replacements = {r["name"]: tuple(r["replaced_by"].split()) for r in rows if r["replaced_by"]}
    return deprecated, replacements


def _index(arcs: tuple[CalcArc, ...], key) -> Mapping[str, tuple[CalcArc, ...]]:
    grouped: dict[str, list[CalcArc]] = defaultdict(list)
    for arc in arcs:
        grouped[key(arc)].append(arc)
    return MappingProxyType({k: tuple(sorted(v, key=lambda a: (a.network, a.order, a.child)))
                             for k, v in grouped.items()})
