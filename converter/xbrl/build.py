"""Mapped statements to the XBRL model: contexts, units, facts, DEI cover facts and the extension."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..diagnostics import Diagnostic, SourceRef, warning
from ..mapping.mapper import MappedLine, MappedStatement
from ..mapping.parenthetical import ParentheticalFact
from ..mapping.signs import is_disclosure
from ..mapping.taxonomy import DEI_NS, DEI_SCHEMA_URL, US_GAAP_NS, US_GAAP_SCHEMA_URL, ConceptDef, Taxonomy
from ..periods import Length, Period, fact_period, start_for
from ..source import SharesOutstanding
from ..statements import StatementKind, UnitKind
from ..templates import template_for
from .efm import edgar_clean
from .model import (
    NEGATED_LABEL_ROLE, NEGATED_TOTAL_LABEL_ROLE, TOTAL_LABEL_ROLE, LABEL_ROLE, PERIOD_END_LABEL_ROLE, PERIOD_START_LABEL_ROLE,
    CalculationArc, Context, Entity, Extension, Fact, Instance, Label, PresentationArc, StatementNetwork, Unit,
)

UNITS = {
    UnitKind.MONEY: Unit("USD", ("iso4217:USD",)),
    UnitKind.SHARES: Unit("shares", ("xbrli:shares",)),
    UnitKind.PER_SHARE: Unit("USD_per_share", ("iso4217:USD",), ("xbrli:shares",)),
}
NO_CIK_SCHEME = "http://xbrl-convert.invalid/entity-name"  # documented fallback when no CIK is known

@dataclass(frozen=True)
class Filing:
    """What the document says about the filing, for the entity and the DEI cover facts."""

    company_name: str
    cik: str | None
    document_type: str
    short_name: str  # ticker or short company name, lower case: file names and extension prefix
    period_end: date  # the latest date the statements report
    source: SourceRef
    fiscal_year_end_month: int | None = None
    fiscal_year_end: str | None = None  # "--MM-DD" (dei:CurrentFiscalYearEndDate), when the document gives it
    # cover facts the user states (dei name, value): EntityEmergingGrowthCompany, EntityShellCompany, EntityFilerCategory
    cover: tuple[tuple[str, str], ...] = ()
    shares_outstanding: SharesOutstanding | None = None  # the cover's count, at the date it gives

    @property
    def extension_namespace(self) -> str:
        # EDGAR's form (EFM 6.7.4): the date right after the authority.
        return f"http://{self.short_name}.xbrl-convert.invalid/{self.period_end:%Y%m%d}"


def build_instance(filing: Filing, mapped: tuple[MappedStatement, ...], taxonomy: Taxonomy,
                   parenthetical: tuple[ParentheticalFact, ...] = ()) -> tuple[Instance, list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []
    entity = _entity(filing, diagnostics)
    contexts: dict[Period, Context] = {}
    facts: list[Fact] = []
    units: dict[str, Unit] = {}
    for statement in mapped:
        for line in statement.lines:
            facts.extend(_line_facts(line, statement, entity, contexts, units))
    facts.extend(_parenthetical_facts(parenthetical, facts, taxonomy, entity, contexts, units, diagnostics))
    main_period = _main_period(list(contexts), filing.period_end)
    facts = _dei_facts(filing, main_period, entity, contexts, taxonomy) + _shares_fact(filing, entity, contexts, units, taxonomy) + facts
    extension = _extension(filing, mapped)
    instance = Instance(
        file_name=f"{filing.short_name}-{filing.period_end:%Y%m%d}.xml",
        contexts=tuple(sorted(contexts.values(), key=lambda c: c.id)),
        units=tuple(units.values()),
        facts=tuple(facts),
        extension=extension,
        namespaces={"us-gaap": US_GAAP_NS, "dei": DEI_NS, extension.prefix: extension.namespace},
    )
    return edgar_clean(instance, taxonomy), diagnostics


def _entity(filing: Filing, diagnostics: list[Diagnostic]) -> Entity:
    if filing.cik:
        return Entity(filing.cik, name=filing.company_name)
    diagnostics.append(warning(
        "XC601", f"no CIK known (give --cik): entity identified by name under {NO_CIK_SCHEME}", filing.source))
    return Entity(re.sub(r"[^A-Za-z0-9]+", "-", filing.company_name).strip("-") or "unknown", NO_CIK_SCHEME, filing.company_name)


def context_id(period: Period) -> str:
    if period.is_instant:
        return f"i{period.end:%Y%m%d}"
    return f"d{period.start:%Y%m%d}-{period.end:%Y%m%d}"


def _context(period: Period, entity: Entity, contexts: dict[Period, Context]) -> Context:
    if period not in contexts:
        contexts[period] = Context(context_id(period), entity, period)
    return contexts[period]


def _line_facts(mapped: MappedLine, statement: MappedStatement, entity, contexts, units) -> list[Fact]:
    facts = []
    for column, value in zip(statement.statement.columns, mapped.line.values):
        if value is None or column.period is None or not column.is_value or value.is_percent:
            continue
        for concept in mapped.concepts:
            period = fact_period(column.period, concept.period_type, mapped.line.is_opening_balance)
            unit = UNITS[mapped.line.unit]
            units.setdefault(unit.id, unit)
            context = _context(period, entity, contexts)
            facts.append(Fact(concept, context.id, value.amount * mapped.sign, unit.id, value.decimals, value.source))
    return facts


def _parenthetical_facts(found, facts: list[Fact], taxonomy: Taxonomy, entity, contexts, units, diagnostics) -> list[Fact]:
    """Facts printed inside captions, in the contexts of the statement's columns; a concept a
    statement line already reports at that date keeps the line's fact."""
    taken = {(f.concept.qname, f.context_id) for f in facts}
    result = []
    for item in found:
        concept = taxonomy.concept(item.concept)
        if concept is None:
            diagnostics.append(warning("XC413", f"{item.concept} (printed in {item.label!r}) is not in the taxonomy: not converted", item.source))
            continue
        context = _context(item.period, entity, contexts)
        if (concept.qname, context.id) in taken:
            continue
        unit = UNITS[item.unit]
        units.setdefault(unit.id, unit)
        taken.add((concept.qname, context.id))
        result.append(Fact(concept, context.id, item.value, unit.id, item.decimals, item.source))
    return result


def _main_period(periods: list[Period], period_end: date) -> Period:
    """The document's reporting period: the latest end, and of those the longest duration (year to date).
    With no fact made (every column set aside), the period ending where the filing's latest column ends."""
    durations = [p for p in periods if not p.is_instant]
    pool = durations or periods or [Period(period_end)]
    latest = max(p.end for p in pool)
    ending = [p for p in pool if p.end == latest]
    # a quarter, half, nine months or year: not a development-stage company's "inception to date" column
    standard = [p for p in ending if p.months in _FISCAL_PERIOD_MONTHS]
    return min(standard or ending, key=lambda p: p.start or p.end)


_FISCAL_PERIOD_MONTHS = frozenset({3, 6, 9, 12})


def _dei_facts(filing: Filing, period: Period, entity: Entity, contexts, taxonomy: Taxonomy) -> list[Fact]:
    # Cover facts are durations: a document of balance sheets only reports its quarter or year.
    main = period if not period.is_instant else Period(period.end, start_for(period.end, Length(months=12 if filing.document_type == "10-K" else 3)))
    context = _context(main, entity, contexts)
    values = [
        ("AmendmentFlag", "false"),
        ("DocumentType", filing.document_type),
        ("DocumentPeriodEndDate", period.end.isoformat()),
        ("DocumentFiscalYearFocus", str(_fiscal_year(period.end, filing.fiscal_year_end_month))),
        ("DocumentFiscalPeriodFocus", _fiscal_period(period)),
        ("EntityRegistrantName", filing.company_name),
    ]
    if filing.cik:
        values.append(("EntityCentralIndexKey", filing.cik))
    if filing.fiscal_year_end:
        values.append(("CurrentFiscalYearEndDate", filing.fiscal_year_end))
    values.extend(_REPORT_FLAGS.get(filing.document_type, ()))
    values.extend(filing.cover)
    facts = []
    for name, value in values:
        concept = taxonomy.concept(f"dei:{name}")
        if concept is not None:
            facts.append(Fact(concept, context.id, value, source=filing.source))
    return facts


# The box a 10-K or 10-Q cover checks (EFM 6.5.49): what the form is, not a transition report.
_REPORT_FLAGS = {"10-K": (("DocumentAnnualReport", "true"), ("DocumentTransitionReport", "false")),
                 "10-Q": (("DocumentQuarterlyReport", "true"), ("DocumentTransitionReport", "false"))}


def _shares_fact(filing: Filing, entity: Entity, contexts, units, taxonomy: Taxonomy) -> list[Fact]:
    """dei:EntityCommonStockSharesOutstanding at the date the cover counts them: a context of its own."""
    shares, concept = filing.shares_outstanding, taxonomy.concept("dei:EntityCommonStockSharesOutstanding")
    if shares is None or concept is None:
        return []
    unit = UNITS[UnitKind.SHARES]
    units.setdefault(unit.id, unit)
    context = _context(Period(shares.date), entity, contexts)
    return [Fact(concept, context.id, Decimal(shares.count), unit.id, "INF", shares.source)]


def _fiscal_year(end: date, year_end_month: int | None) -> int:
    if year_end_month and end.month > year_end_month:
        return end.year + 1
    return end.year


def _fiscal_period(period: Period) -> str:
    months = period.months
    return {3: "Q1", 6: "Q2", 9: "Q3"}.get(months, "FY")


def _extension(filing: Filing, mapped: tuple[MappedStatement, ...]) -> Extension:
    prefix, namespace, end = filing.short_name, filing.extension_namespace, filing.period_end
    concepts: dict[str, ConceptDef] = {}
    labels: dict[tuple[str, str], Label] = {}
    networks: list[StatementNetwork] = []
    for number, statement in enumerate(mapped, start=1):
        taken = {n.role_id for n in networks}
        networks.append(_network(number, statement, prefix, namespace, concepts, labels, taken))
    for statement in mapped:
        for line in statement.lines:
            for concept in line.concepts:
                if concept.prefix == prefix:
                    concepts.setdefault(concept.qname, concept)
    return Extension(
        prefix=prefix, namespace=namespace, schema_file=f"{prefix}-{end:%Y%m%d}.xsd",
        concepts=tuple(concepts.values()), labels=tuple(labels.values()), networks=tuple(networks),
        imports=((US_GAAP_NS, US_GAAP_SCHEMA_URL), (DEI_NS, DEI_SCHEMA_URL)),
    )


def _network(number: int, statement: MappedStatement, prefix: str, namespace: str, concepts, labels, taken: set[str]) -> StatementNetwork:
    kind = statement.statement.kind
    template = template_for(kind.value)
    role_id, default_title = template.role_id, template.role_title
    role_id = next(f"{role_id}{n}" if n > 1 else role_id for n in range(1, len(taken) + 2) if (f"{role_id}{n}" if n > 1 else role_id) not in taken)
    title = _title_case(statement.statement.title) or default_title
    root = _abstract(prefix, namespace, f"{role_id}Abstract", title, concepts, labels)
    arcs: list[PresentationArc] = []
    section_parents: dict[tuple[str, ...], str] = {(): root.qname}
    for line in statement.lines:
        base = _disclosure_base(kind, line, root.qname, section_parents, arcs)
        parent = _section_parent(line.line.sections, prefix, namespace, section_parents, arcs, concepts, labels, base)
        for concept in line.concepts:
            role = _preferred_role(line)
            arcs.append(PresentationArc(parent, concept.qname, _next_order(arcs, parent), role))
            labels.setdefault((concept.qname, LABEL_ROLE), Label(concept.qname, LABEL_ROLE, line.line.full_label))
            if role:
                labels.setdefault((concept.qname, role), Label(concept.qname, role, line.line.full_label))
    calculation = tuple(
        CalculationArc(statement.lines[r.total].concepts[0].qname, statement.lines[r.component].concepts[0].qname, r.weight, float(n))
        for n, r in enumerate(statement.calculations, start=1)
    )
    uri = f"{namespace}/role/{role_id}"
    return StatementNetwork(role_id, uri, f"{number:02d}0000 - Statement - {title}", tuple(arcs), calculation)


def _next_order(arcs: list[PresentationArc], parent: str) -> float:
    return float(sum(1 for arc in arcs if arc.parent == parent) + 1)


def _preferred_role(line: MappedLine) -> str | None:
    if line.concepts[0].period_type == "instant" and line.line.values and _in_flow_statement(line):
        return PERIOD_START_LABEL_ROLE if line.line.is_opening_balance else PERIOD_END_LABEL_ROLE
    if line.sign < 0:
        return NEGATED_TOTAL_LABEL_ROLE if line.line.is_total else NEGATED_LABEL_ROLE
    return TOTAL_LABEL_ROLE if line.line.is_total else None


def _in_flow_statement(line: MappedLine) -> bool:
    """An instant line in a cash-flow statement: cash at the beginning or end of the period."""
    return bool(re.search(r"beginning|end\s+of|ending", line.line.label, re.I))


# The us-gaap abstract a cash-flow statement's disclosures sit under ("Cash paid for interest", the
# lines below the closing balance): the DQC rules (DQC_0099) read them as no part of the reconciliation.
SUPPLEMENTAL_ABSTRACT = "us-gaap:SupplementalCashFlowInformationAbstract"


def _disclosure_base(kind, line: MappedLine, root: str, parents, arcs) -> tuple[str, ...]:
    """The key of the abstract a line's sections hang from: the statement's root, or for a
    disclosure below a statement of cash flows the supplemental abstract (presented once, under the root)."""
    if kind is not StatementKind.CASH_FLOW or not is_disclosure(line.line):
        return ()
    key = (SUPPLEMENTAL_ABSTRACT,)
    if key not in parents:
        arcs.append(PresentationArc(root, SUPPLEMENTAL_ABSTRACT, _next_order(arcs, root)))
        parents[key] = SUPPLEMENTAL_ABSTRACT
    return key


def _section_parent(sections, prefix, namespace, parents, arcs, concepts, labels, base: tuple[str, ...] = ()) -> str:
    for depth in range(1, len(sections) + 1):
        key = base + tuple(sections[:depth])
        if key not in parents:
            name = "".join(w.capitalize() for w in re.findall(r"[A-Za-z0-9]+", sections[depth - 1].replace("'", "")))[:80] + "Abstract"
            if not name[0].isalpha():
                name = f"Section{name}"  # an XML name cannot start with a digit
            concept = _abstract(prefix, namespace, name, sections[depth - 1].rstrip(":"), concepts, labels)
            arcs.append(PresentationArc(parents[key[:-1]], concept.qname, _next_order(arcs, parents[key[:-1]])))
            parents[key] = concept.qname
    return parents[base + tuple(sections)]


def _abstract(prefix: str, namespace: str, name: str, label: str, concepts, labels) -> ConceptDef:
    base, n = name, 2
    while f"{prefix}:{name}" in concepts and concepts[f"{prefix}:{name}"].label != label:
        name, n = f"{base[:-8]}{n}Abstract", n + 1
    concept = ConceptDef(prefix, name, namespace, "xbrli:stringItemType", "duration", None, True, label=label)
    concepts.setdefault(concept.qname, concept)
    labels.setdefault((concept.qname, LABEL_ROLE), Label(concept.qname, LABEL_ROLE, label))
    return concept


def _title_case(text: str) -> str:
    if text.isupper():
        return " ".join(w.capitalize() if len(w) > 3 or i == 0 else w.lower() for i, w in enumerate(text.split()))
    return text.strip()
