"""The XBRL model: contexts, units, facts and the company extension, ready for the writers.

Built by the mapping stage from statements; read by writers/ and nothing else. All values are
exact: Decimal for numbers, never float.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..diagnostics import SourceRef
from ..mapping.taxonomy import ConceptDef
from ..periods import Period  # noqa: F401  (re-exported: contexts are built from it)

XBRLI_NS = "http://www.xbrl.org/2003/instance"
ISO4217_NS = "http://www.xbrl.org/2003/iso4217"

# Standard label roles used in the extension label linkbase.
LABEL_ROLE = "http://www.xbrl.org/2003/role/label"
TERSE_LABEL_ROLE = "http://www.xbrl.org/2003/role/terseLabel"
TOTAL_LABEL_ROLE = "http://www.xbrl.org/2003/role/totalLabel"
NEGATED_LABEL_ROLE = "http://www.xbrl.org/2009/role/negatedLabel"
NEGATED_TOTAL_LABEL_ROLE = "http://www.xbrl.org/2009/role/negatedTotalLabel"
PERIOD_START_LABEL_ROLE = "http://www.xbrl.org/2003/role/periodStartLabel"
PERIOD_END_LABEL_ROLE = "http://www.xbrl.org/2003/role/periodEndLabel"


@dataclass(frozen=True)
class Entity:
    identifier: str  # the CIK, or the documented fallback
    scheme: str = "http://www.sec.gov/CIK"
    name: str = ""


@dataclass(frozen=True)
class Context:
    id: str
    entity: Entity
    period: Period


@dataclass(frozen=True)
class Unit:
    id: str  # "USD", "shares", "USD_per_share"
    numerator: tuple[str, ...]  # measure QNames: ("iso4217:USD",)
    denominator: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fact:
    concept: ConceptDef
    context_id: str
    value: Decimal | str
    unit_id: str | None = None  # None for non-numeric facts
    decimals: int | str | None = None  # None for non-numeric; an int (e.g. -3 for thousands), or "INF" for an exact count
    source: SourceRef | None = None
    fact_id: str = ""


@dataclass(frozen=True)
class Label:
    concept: str  # qname
    role: str
    text: str
    lang: str = "en-US"


@dataclass(frozen=True)
class PresentationArc:
    parent: str  # qname of the parent (an abstract) concept
    child: str  # qname
    order: float
    preferred_label: str | None = None  # a label role, e.g. NEGATED_LABEL_ROLE


@dataclass(frozen=True)
class CalculationArc:
    parent: str
    child: str
    weight: int  # +1 or -1
    order: float


@dataclass(frozen=True)
class StatementNetwork:
    """One face statement as printed: a role with its presentation and calculation relationships."""

    role_id: str  # "BalanceSheet", "StatementOfOperations", ...
    role_uri: str
    definition: str  # "100000 - Statement - Consolidated Condensed Balance Sheets"
    presentation: tuple[PresentationArc, ...]
    calculation: tuple[CalculationArc, ...]


@dataclass(frozen=True)
class Extension:
    """The company extension taxonomy: schema, labels, presentation and calculation linkbases."""

    prefix: str  # e.g. "bsmd"
    namespace: str  # e.g. "http://www.biospheremed.example/20070630"
    schema_file: str  # "bsmd-20070630.xsd"; the linkbases are named from it (_lab.xml, _pre.xml, _cal.xml)
    concepts: tuple[ConceptDef, ...]  # concepts defined by the extension (abstracts and line items)
    labels: tuple[Label, ...]  # labels for extension and standard concepts
    networks: tuple[StatementNetwork, ...]
    imports: tuple[tuple[str, str], ...]  # (namespace, schema URL) of the standard taxonomies


@dataclass(frozen=True)
class Instance:
    file_name: str  # "bsmd-20070630.xml"
    contexts: tuple[Context, ...]
    units: tuple[Unit, ...]
    facts: tuple[Fact, ...]
    extension: Extension
    namespaces: dict[str, str] = field(default_factory=dict)  # prefix -> namespace of every concept used
