#!/usr/bin/env python3
"""Regenerate the project's taxonomy/ data from the public reference taxonomies.

    python scripts/build_taxonomy.py [--reference ../shared/reference] [--out taxonomy]

The reference folder holds the US GAAP 2024 statement linkbases but not the core element schema
(us-gaap-2024.xsd) nor its label linkbase, so what that schema would say about each concept is
derived here from facts the linkbases and the SEC validation data do hold:

* concepts: the whole current vocabulary a face statement can carry. (1) Every us-gaap concept named
  by a face-statement network (stm/*-pre-, -cal-, -def-), abstracts included. (2) Every other element
  of the full element list (us-gaap-2024-element-names.txt, 17,372 names gathered from the complete
  taxonomy's linkbases, disclosure networks included) that is not abstract and is numeric by its
  name: amounts, shares, per-share amounts, percents, ratios, counts, areas. Supplemental cash-flow
  items ("RightOfUseAssetObtainedInExchangeForOperatingLeaseLiability"), disclosure amounts printed on
  faces and the like. Text, dates, durations and abstracts outside the face networks stay out; an
  amount no calculation, meta-model arc or SEC validation list (dqcrt constants such as
  NON_NEG_ITEMS, INCOME_STATEMENT_CONCEPTS, ASSET_TYPES) names must also end like an amount
  ("...Amount", "...Expense", "...Liabilities", ...), since most such names are text. Both minus
  the concepts deprecated by 2024 (elts/us-gaap-depcon-pre-2024.xml, the SEC's deprecated-concepts
  list), extensible enumerations/lists and "...Unlimited" concepts (their types need schemas not
  reproduced). The `statements` column names the statement kinds (converter.statements.StatementKind
  values) whose networks name the concept: sfp-* balance_sheet, soi-* income, soc* comprehensive_income,
  scf-* cash_flow, sheci/spc equity; empty for the vocabulary of (2).
* data type: from the name (structural suffixes, "...PerShare", "...Shares", "...Percent", dates,
  descriptions; monetary otherwise), checked against the calculation graph: a calculation only
  joins concepts of one type. Names outside the face networks go through further rules on their
  last words (taxonomy_inference.VOCABULARY_TYPES: "...Term" a duration, "NumberOf..." a count,
  "...Policy" text, "...WeightedAverageExercisePrice" per share, ...). These are guesses from names
  without the core schema: expect a few wrong types among the ~4,600 concepts of (2).
* period type: abstracts and non-numeric concepts are duration. For the rest, votes (periodStart/
  periodEndLabel preferred labels: instant; presented in a balance sheet: instant, in another
  statement: duration; source/target of the meta model's instant-inflow/outflow/accrual arcs:
  instant/duration; SRT concepts: their real period type) are summed over each connected part of
  the calculation graph, since a calculation only joins concepts of one period type. A concept of
  (2) no vote decides takes the period of the validation list naming it (income-statement, cash-flow
  and accrual items: duration; asset types, maturity schedules: instant), else a name cue
  (taxonomy_inference.period_cue: "...Due...", "...Carryforwards", "Accumulated..." instant; "...Paid",
  "...InExchangeFor...", "IncreaseDecrease..." duration; rates and counts duration unless held).
* balance (monetary only): anchors (Assets debit, Liabilities credit, ..., and SRT's real balances)
  propagated along every US GAAP calculation (sec-validation-data/us-gaap-rels-2024.json "calcs"
  and the stm -cal- linkbases; weight +1 keeps the balance, -1 flips it, XBRL 2.1 5.1.1.2), then
  along the meta model's instant-contra (opposite), class-subclass (same), instant-inflow (same)
  and instant-outflow (opposite) arcs where they do not contradict the calculations. As published,
  roll-forward totals ("...PeriodIncreaseDecrease") and cash from operations have no balance. Parts
  no anchor reaches, and concepts outside every calculation, are oriented by name cues
  ("...Liabilities" credit, "...Expense" debit; no cue, no balance). The votes of a part read the
  period types of the face concepts only, so that adding (2) changes no face concept's balance.
* label: there is no label linkbase, so the standard label is derived from the name: CamelCase
  split into words, "IncomeLoss" written "Income (Loss)" and the like, small words lower-cased,
  structural suffixes shown as "[Abstract]", "[Axis]", "[Member]", "[Table]", "[Line Items]".
* dei: the cover concepts a converter needs, with their DEI 2021 types, in the DEI 2024 namespace.

It writes (all sorted, deterministic):
  taxonomy/us-gaap-2024/concepts.csv, calculations.csv, presentation.csv, deprecated.csv, non-negative.csv,
  non-negative-dqc0014.csv
  taxonomy/dei-2024/concepts.csv, types.csv
  taxonomy/package/  (taxonomy package: META-INF/ + subset schemas at the official URLs' paths)

`--package-only` rebuilds taxonomy/package/ from the CSVs alone, without the reference folder.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import shutil
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script, or loaded by the tests
from taxonomy_inference import (EXCLUDED, FLOW_ARCROLES, SAME_PERIOD_ARCROLES, SignedUnionFind,  # noqa: E402
                                NUMERIC_TYPES, build_graph, derive_label, has_balance, infer_balances,
                                infer_period_types, infer_type, infer_vocabulary_type, period_evidence, structural)

ROOT = Path(__file__).resolve().parent.parent
XLINK = "{http://www.w3.org/1999/xlink}"
XS = "{http://www.w3.org/2001/XMLSchema}"
XBRLI = "{http://www.xbrl.org/2003/instance}"

US_GAAP_NS = "http://fasb.org/us-gaap/2024"
DEI_NS = "http://xbrl.sec.gov/dei/2024"
US_GAAP_URL = "https://xbrl.fasb.org/us-gaap/2024/elts/us-gaap-2024.xsd"
DEI_URL = "https://xbrl.sec.gov/dei/2024/dei-2024.xsd"
DTR_TYPES_NS = "http://www.xbrl.org/dtr/type/2022-03-31"
DTR_TYPES_URL = "https://www.xbrl.org/dtr/type/2022-03-31/types.xsd"


CONCEPT_FIELDS = ["name", "data_type", "period_type", "balance", "abstract", "substitution_group", "label",
                  "statements"]

# Statement kinds (converter.statements.StatementKind values, in its order) by network short name
# prefix; "com" (common domain members) is no statement.
NETWORK_KINDS = [("sfp", "balance_sheet"), ("soi", "income"), ("soc", "comprehensive_income"),
                 ("scf", "cash_flow"), ("sheci", "equity"), ("spc", "equity")]
KIND_ORDER = ["balance_sheet", "income", "comprehensive_income", "cash_flow", "equity"]


@dataclass(frozen=True)
class Concept:
    name: str
    data_type: str
    period_type: str
    balance: str  # "debit" | "credit" | ""
    abstract: bool
    substitution_group: str
    label: str
    statements: tuple[str, ...] = ()  # statement kinds whose US GAAP networks name the concept


@dataclass(frozen=True)
class Arc:
    network: str  # short name from the file: "soi", "sfp-cls1", ...
    kind: str  # "pre" | "cal" | "def"
    arcrole: str
    parent: str  # "prefix:Name"
    child: str
    order: float
    weight: float | None
    preferred_label: str


# ---------------------------------------------------------------------------------------------
# Reading the reference files


def read_linkbase(path: Path, network: str, kind: str) -> list[Arc]:
    root = etree.parse(str(path)).getroot()
    return [arc for link in root if _is_extended(link) for arc in _arcs_of_link(link, network, kind)]


def _is_extended(link) -> bool:
    return isinstance(link.tag, str) and link.get(XLINK + "type") == "extended"


def read_statement_arcs(reference: Path) -> list[Arc]:
    pattern = re.compile(r"us-gaap-stm-(.+)-(pre|cal|def)-2024\.xml$")
    arcs = []
    for path in sorted((reference / "us-gaap-2024" / "stm").glob("*.xml")):
        match = pattern.match(path.name)
        if match:
            arcs.extend(read_linkbase(path, *match.groups()))
    return arcs


def read_meta_arcs(reference: Path) -> list[Arc]:
    """The meta model keeps its definition linkbases inside the schemas' appinfo."""
    return [arc for path in sorted((reference / "us-gaap-2024" / "meta").glob("us-gaap-*.xsd"))
            for link in etree.parse(str(path)).getroot().iter("{http://www.xbrl.org/2003/linkbase}definitionLink")
            for arc in _arcs_of_link(link, "meta", "def")]


def _arcs_of_link(link, network: str, kind: str) -> list[Arc]:
    locators = {}
    for el in link:
        if el.get(XLINK + "type") == "locator":
            fragment = el.get(XLINK + "href").split("#", 1)[1]
            prefix, _, name = fragment.partition("_")
            locators[el.get(XLINK + "label")] = f"{prefix}:{name}"
    arcs = []
    for el in link:
        if el.get(XLINK + "type") != "arc":
            continue
        weight = el.get("weight")
        arcs.append(Arc(
            network=network, kind=kind, arcrole=el.get(XLINK + "arcrole"),
            parent=locators[el.get(XLINK + "from")], child=locators[el.get(XLINK + "to")],
            order=float(el.get("order") or 0), weight=float(weight) if weight else None,
            preferred_label=el.get("preferredLabel") or "",
        ))
    return arcs


def read_deprecated(reference: Path) -> dict[str, str]:
    """Concepts deprecated in (or before) the 2024 release, with the release year that did it."""
    depcon = (reference / "us-gaap-2024" / "elts" / "us-gaap-depcon-pre-2024.xml").read_text("utf-8")
    names = set(re.findall(r"#us-gaap_(\w+)'", depcon)) - {"DeprecatedItems"}
    years = json.loads((reference / "sec-validation-data" / "us-gaap-deprecated-concepts.json").read_text("utf-8"))
    deprecated = {name: years.get(name, "2024")[:4] for name in names}
    deprecated.update({name: year[:4] for name, year in years.items() if year[:4] <= "2024"})
    return deprecated


def read_replacements(reference: Path) -> dict[str, list[str]]:
    """What the 2024 deprecation network says replaces each deprecated concept."""
    path = reference / "us-gaap-2024" / "elts" / "us-gaap-depcon-def-2024.xml"
    replacements: dict[str, list[str]] = defaultdict(list)
    for arc in read_linkbase(path, "depcon", "def"):
        if arc.arcrole.rsplit("/", 1)[1].startswith("dep-"):  # dep-concept-deprecatedConcept and kin
            replacements[arc.child].append(arc.parent)
    return replacements


def read_rels_calcs(reference: Path) -> list[tuple[str, str, int]]:
    """Every US GAAP calculation relationship as (parent qname, child qname, weight)."""
    data = json.loads((reference / "sec-validation-data" / "us-gaap-rels-2024.json").read_text("utf-8"))
    calcs = []
    for weight, by_prefix in data["calcs"].items():
        for parent_prefix, parents in by_prefix.items():
            for parent, children in parents.items():
                for child_prefix, names in children.items():
                    for child in names:
                        calcs.append((f"{parent_prefix}:{parent}", f"{child_prefix}:{child}", round(float(weight))))
    return sorted(calcs)


def read_non_negative(reference: Path) -> set[str]:
    """Qnames the XBRL US data-quality rules (DQC_0015) say are never negative."""
    data = json.loads((reference / "sec-validation-data" / "dqcrt-us-2024-constants.json").read_text("utf-8"))
    prefixes = {US_GAAP_NS: "us-gaap", DEI_NS: "dei"}
    qnames = set()
    for (_, clark), _rule in data["NON_NEG_ITEMS"][1:]:  # ["dictionary", [["qname", "{ns}Name"], rule], ...]
        namespace, _, name = clark[1:].partition("}")
        if namespace in prefixes:
            qnames.add(f"{prefixes[namespace]}:{name}")
    return qnames


def read_dqc_0014(reference: Path) -> set[str]:
    """Qnames DQC_0014 says should not be negative without dimensions (income-statement and other items)."""
    data = json.loads((reference / "sec-validation-data" / "dqc-us-rules.json").read_text("utf-8"))
    return {f"us-gaap:{name}" for name in data["DQC.US.0014"]["concepts"].values()}


def write_dqc_0004(reference: Path, us_gaap: Path) -> None:
    """DQC_0004's equalities (Assets = LiabilitiesAndStockholdersEquity, ...) for converter/quality.py."""
    data = json.loads((reference / "sec-validation-data" / "dqc-us-rules.json").read_text("utf-8"))
    rules = {"source": "DQC.US.0004 of dqc-us-rules.json", "rules": data["DQC.US.0004"]["rules"]}
    (us_gaap / "dqc-0004.json").write_text(json.dumps(rules, indent=1, sort_keys=True) + "\n", "utf-8")


def read_srt_concepts(reference: Path) -> dict[str, tuple[str, str]]:
    """SRT concepts' real (period type, balance), usable as anchors: SRT is complete in the reference."""
    tree = etree.parse(str(reference / "srt-2024" / "elts" / "srt-2024.xsd"))
    return {f"srt:{el.get('name')}": (el.get(XBRLI + "periodType") or "", el.get(XBRLI + "balance") or "")
            for el in tree.getroot().iter(XS + "element")}


def read_element_names(reference: Path) -> set[str]:
    """Every US GAAP 2024 element name (the reference's list, taken from the full taxonomy's linkbases)."""
    return set((reference / "us-gaap-2024-element-names.txt").read_text("utf-8").split())


# Lists of the SEC validation data (dqcrt constants, us-gaap-rels) that only hold numeric concepts,
# and what they say of the period type: flows (income statement, cash-flow items) or balances.
DQC_DURATION_LISTS = ("ACCRUAL_ITEMS", "INCOME_STATEMENT_CONCEPTS", "NI_CONCEPTS", "CHG_IN_OP_CAPTL",
                      "ALLOWABLE_FINANCING_ITEMS", "NON_CF_ITEMS", "NON_FINANCING_DESCENDANTS",
                      "NON_INVESTING_DESCENDANTS", "DEFINED_BENEFIT_COST_FS_LINE_ITEMS")
DQC_INSTANT_LISTS = ("ASSET_TYPES", "MATURITY_SCHEDULE_ELEMENTS", "DERIVATIVE_ASSETS_FS_LINE_ITEMS",
                     "DERIVATIVE_LIABILITIES_FS_LINE_ITEMS")
DQC_NUMERIC_LISTS = ("NON_NEG_ITEMS", "BANKING_MEASURES_BETWEEN_ZERO_AND_ONE", "INTANGIBLE_MONETARY_ITEMS")
DQC_NON_NUMERIC_LISTS = ("INTANGIBLE_DURATION_ITEMS",)  # useful lives and amortization periods
RELS_NUMERIC_LISTS = ("accrual-items", "non-CF", "SHE-exceptions")
NUMERIC_META_ARCROLES = ("instant-inflow", "instant-outflow", "instant-contra", "instant-accrual", "class-subclass")


@dataclass(frozen=True)
class ValidationLists:
    numeric: frozenset[str]  # us-gaap names the validation data treats as numbers
    periods: dict[str, int]  # name -> +1 instant, -1 duration (the first list naming it decides)
    non_numeric: frozenset[str]


def read_validation_lists(reference: Path) -> ValidationLists:
    data = json.loads((reference / "sec-validation-data" / "dqcrt-us-2024-constants.json").read_text("utf-8"))
    rels = json.loads((reference / "sec-validation-data" / "us-gaap-rels-2024.json").read_text("utf-8"))

    def names(key: str) -> set[str]:
        return set(re.findall(r"\{http://fasb\.org/us-gaap/2024\}(\w+)", json.dumps(data[key])))

    periods: dict[str, int] = {}
    for keys, cue in ((DQC_DURATION_LISTS, -1), (DQC_INSTANT_LISTS, 1)):
        for name in sorted(set().union(*(names(k) for k in keys))):
            periods.setdefault(name, cue)
    numeric = set(periods).union(*(names(k) for k in DQC_NUMERIC_LISTS), *(set(rels[k]) for k in RELS_NUMERIC_LISTS))
    non_numeric = set().union(*(names(k) for k in DQC_NON_NUMERIC_LISTS))
    return ValidationLists(frozenset(numeric - non_numeric), periods, frozenset(non_numeric))


# A name outside every calculation and validation list is taken as an amount only when it ends like one;
# the others there are mostly text (disclosure notes, assumptions, elections).
MONEY_ENDING = re.compile(
    r"(Amount|Value|Costs?|Expenses?|Income|Revenues?|Gains?|Loss|Losses|Proceeds|Payments?|Assets?|Liabilit(y|ies)|"
    r"Receivables?|Payables?|Tax(es)?|Adjustments?|Accruals?|Accrued|Reserves?|Allowance|Debt|Equity|Capital|Earnings|"
    r"Dividends?|Cash|Investments?|Deposits?|Loans?|Securities|Premiums?|Fees?|Benefits?|Obligations?|Writeoffs?|"
    r"Writedowns?|Recover(y|ies)|Depreciation|Amortization|Impairments?|Charges?|Contributions?|Distributions?|Sales?|"
    r"Purchases?|Inventor(y|ies)|Principal|Borrowings?|Advances|Exposure|Funds|Balance|Carryforwards?|Credits?|"
    r"Refunds?|Rent(als)?|Royalt(y|ies)|Compensation|Claims|Goodwill|Intangibles?|Propert(y|ies)|Equipment|"
    r"Derivatives?|IncreaseDecrease|Sold|Acquired|Assumed|Transferred|Issued|Repurchased|Redeemed|Paid|Received|"
    r"Incurred|Additions?|Deductions?|Reductions?|Disposals?|Settlements?|Reversal|Collateral|Expenditures?|"
    r"Outstanding|Accretion|Depletion|Provision|Held|Owned|Guarantees?|Commitments?|Thereafter|Due|Years?(One|Two|"
    r"Three|Four|Five)|FiscalYear|NextTwelveMonths)(Net|Gross|Current|Noncurrent|NetOfTax|BeforeTax|AfterTax)*\d?$")


def vocabulary_types(candidates: set[str], numeric_evidence: set[str], non_numeric: frozenset[str]
                     ) -> dict[str, tuple[str, str]]:
    """The numeric, non-abstract concepts among names outside the face networks, with their types."""
    types = {}
    for name in sorted(candidates):
        if EXCLUDED.search(name) or structural(name) or name in non_numeric:
            continue
        data_type, group = infer_vocabulary_type(name)
        if data_type not in NUMERIC_TYPES:
            continue
        if data_type == "xbrli:monetaryItemType" and name not in numeric_evidence and not MONEY_ENDING.search(name):
            continue
        types[name] = (data_type, group)
    return types


def statement_kinds(stm_arcs: list[Arc]) -> dict[str, tuple[str, ...]]:
    """us-gaap name -> the statement kinds whose networks (pre, cal or def) name it."""
    kinds: dict[str, set[str]] = defaultdict(set)
    for arc in stm_arcs:
        kind = next((k for prefix, k in NETWORK_KINDS if arc.network.startswith(prefix)), None)
        for qname in (arc.parent, arc.child):
            if kind and qname.startswith("us-gaap:"):
                kinds[qname[8:]].add(kind)
    return {name: tuple(k for k in KIND_ORDER if k in found) for name, found in kinds.items()}


# ---------------------------------------------------------------------------------------------
# US GAAP


def build_us_gaap(reference: Path, report: list[str]) -> tuple[list[Concept], list[Arc], dict[str, str]]:
    stm_arcs = read_statement_arcs(reference)
    meta_arcs = read_meta_arcs(reference)
    deprecated = read_deprecated(reference)
    srt = read_srt_concepts(reference)
    rels = read_rels_calcs(reference)

    named = {q.split(":", 1)[1] for arc in stm_arcs for q in (arc.parent, arc.child) if q.startswith("us-gaap:")}
    face_names = sorted(n for n in named if n not in deprecated and not EXCLUDED.search(n))
    types = {name: infer_type(name) for name in face_names}
    validation = read_validation_lists(reference)
    joined = {q[8:] for a, b, _ in rels for q in (a, b) if q.startswith("us-gaap:")}
    joined |= {q[8:] for a in meta_arcs if a.arcrole.rsplit("/", 1)[1] in NUMERIC_META_ARCROLES
               for q in (a.parent, a.child) if q.startswith("us-gaap:")}
    outside = read_element_names(reference) - set(face_names) - set(deprecated)
    types.update(vocabulary_types(outside, joined | validation.numeric, validation.non_numeric))
    names = sorted(types)
    graph = build_graph(stm_arcs, rels, meta_arcs, SAME_PERIOD_ARCROLES)
    _check_numeric_kinds(graph, types, report)
    periods = infer_period_types(names, graph, period_evidence(stm_arcs, meta_arcs, srt),
                                 {n: t for n, (t, _) in types.items()}, validation.periods,
                                 frozenset(types) - set(face_names))
    monetary = {n for n, (t, _) in types.items() if t == "xbrli:monetaryItemType" and has_balance(f"us-gaap:{n}", srt)}
    balance_graph = build_graph(stm_arcs, rels, meta_arcs, {**SAME_PERIOD_ARCROLES, **FLOW_ARCROLES},
                                keep=lambda qname: has_balance(qname, srt), report=report)
    # Unanchored parts vote with the face concepts' period types only, as before the vocabulary grew.
    balances = infer_balances(monetary, balance_graph, srt, periods, report, {n: periods[n] for n in face_names})
    kinds = statement_kinds(stm_arcs)
    supplement = {c.name: c for c in read_supplement(reference, set(face_names), deprecated)}
    concepts = [supplement.get(n) or Concept(
                    name=n, data_type=types[n][0], period_type=periods[n], balance=balances.get(n, ""),
                    abstract=structural(n), substitution_group=types[n][1], label=derive_label(n),
                    statements=kinds.get(n, ())) for n in names]
    concepts += [c for n, c in supplement.items() if n not in types]
    kept = {f"us-gaap:{n}" for n in face_names}
    arcs = [a for a in stm_arcs if a.parent in kept and a.child in kept]
    return sorted(concepts, key=lambda c: c.name), arcs, deprecated


SUPPLEMENT = Path(__file__).resolve().parent / "us-gaap-supplement.csv"


def read_supplement(reference: Path, known: set[str], deprecated: dict[str, str]) -> list[Concept]:
    """Concepts printed on face statements that no statement network names, written by hand.

    Each must be a real, current 2024 element (in the reference's element-name list, not deprecated).
    """
    elements = read_element_names(reference)
    rows = [r for r in csv.reader(l for l in SUPPLEMENT.read_text("utf-8").splitlines() if l and not l.startswith("#"))]
    header, rows = rows[0], rows[1:]
    concepts = []
    for row in rows:
        fields = dict(zip(header, row))
        name = fields["name"]
        if name not in elements or name in deprecated:
            raise SystemExit(f"{SUPPLEMENT.name}: {name} is not a current US GAAP 2024 element")
        if name in known:
            continue
        concepts.append(Concept(name=name, data_type=fields["data_type"], period_type=fields["period_type"],
                                balance=fields["balance"], abstract=False, substitution_group="xbrli:item",
                                label=derive_label(name)))
    return concepts


def _check_numeric_kinds(graph: SignedUnionFind, types: dict[str, tuple[str, str]], report: list[str]) -> None:
    """A calculation only joins concepts of one type: a part mixing them shows a wrong name rule."""
    for part in graph.parts():
        kinds = {types[q[8:]][0]: q for q in part if q.startswith("us-gaap:") and q[8:] in types}
        if len(kinds) > 1:
            report.append(f"calculation part mixes types: {kinds}")


# ---------------------------------------------------------------------------------------------
# DEI

# The cover-page concepts a converter of annual and quarterly reports needs.
DEI_CONCEPTS = [
    "CoverAbstract", "DocumentType", "DocumentAnnualReport", "DocumentQuarterlyReport", "DocumentTransitionReport",
    "DocumentPeriodStartDate", "DocumentPeriodEndDate", "DocumentFiscalYearFocus", "DocumentFiscalPeriodFocus",
    "CurrentFiscalYearEndDate", "AmendmentFlag", "AmendmentDescription", "DocumentTitle", "DocumentDescription",
    "DocumentShellCompanyReport", "DocumentAccountingStandard", "IcfrAuditorAttestationFlag",
    "EntityRegistrantName", "EntityCentralIndexKey", "EntityFileNumber", "EntityTaxIdentificationNumber",
    "EntityIncorporationStateCountryCode", "EntityIncorporationDateOfIncorporation", "EntityPrimarySicNumber",
    "EntityAddressAddressLine1", "EntityAddressAddressLine2", "EntityAddressAddressLine3", "EntityAddressCityOrTown",
    "EntityAddressStateOrProvince", "EntityAddressPostalZipCode", "EntityAddressCountry", "CityAreaCode",
    "LocalPhoneNumber", "EntityFilerCategory", "EntitySmallBusiness", "EntityEmergingGrowthCompany",
    "EntityExTransitionPeriod", "EntityShellCompany", "EntityWellKnownSeasonedIssuer", "EntityVoluntaryFilers",
    "EntityCurrentReportingStatus", "EntityInteractiveDataCurrent", "EntityPublicFloat",
    "EntityCommonStockSharesOutstanding", "EntityNumberOfEmployees", "EntityInformationFormerLegalOrRegisteredName",
    "EntityBankruptcyProceedingsReportingCurrent", "EntityReportingCurrencyISOCode", "Security12bTitle",
    "Security12gTitle", "TradingSymbol", "NoTradingSymbolFlag", "SecurityExchangeName", "SecurityReportingObligation",
    "DocumentsIncorporatedByReferenceTextBlock", "LegalEntityAxis", "EntityDomain", "EntityListingsExchangeAxis",
    "ExchangeDomain",
]
DEI_PREFIX_TYPES = {"http://www.xbrl.org/dtr/type/2020-01-21": "dtr-types", "http://www.xbrl.org/2003/instance": "xbrli"}


def build_dei(reference: Path) -> tuple[list[Concept], list[list[str]]]:
    root = etree.parse(str(reference / "dei-2021" / "dei-2021.xsd")).getroot()
    elements = {el.get("name"): el for el in root.findall(XS + "element")}
    missing = set(DEI_CONCEPTS) - set(elements)
    if missing:
        raise SystemExit(f"not in dei-2021.xsd: {sorted(missing)}")
    concepts = []
    for name in sorted(DEI_CONCEPTS):
        el = elements[name]
        data_type = _dei_type_qname(el.get("type"), el.nsmap)
        concepts.append(Concept(
            name=name, data_type=data_type, period_type=el.get(XBRLI + "periodType"),
            balance=el.get(XBRLI + "balance") or "", abstract=el.get("abstract") == "true",
            substitution_group=el.get("substitutionGroup"), label=derive_label(name, versioned=False)))
    used = {c.data_type.split(":", 1)[1] for c in concepts if c.data_type.startswith("dei:")}
    return concepts, _dei_type_rows(root, used)


def _dei_type_qname(qname: str, nsmap: dict) -> str:
    prefix, local = qname.split(":", 1)
    return f"{DEI_PREFIX_TYPES.get(nsmap.get(prefix), prefix)}:{local}"


def _dei_type_rows(root, used: set[str]) -> list[list[str]]:
    """(type, base, facet, value) rows: each restriction facet of the DEI item types the concepts use."""
    rows = []
    for complex_type in root.findall(XS + "complexType"):
        name = complex_type.get("name")
        if name not in used:
            continue
        restriction = complex_type.find(f"{XS}simpleContent/{XS}restriction")
        base = restriction.get("base")
        facets = [f for f in restriction if isinstance(f.tag, str) and f.tag != XS + "attributeGroup"]
        rows.extend([name, base, etree.QName(f).localname, f.get("value")] for f in facets)
        if not facets:
            rows.append([name, base, "", ""])
    return sorted(rows, key=lambda r: (r[0], r[2], r[3]))


# ---------------------------------------------------------------------------------------------
# Writing the CSV files


def write_csv(path: Path, header: list[str], rows: list[list[object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def concept_rows(concepts: list[Concept]) -> list[list[object]]:
    return [[c.name, c.data_type, c.period_type, c.balance, "true" if c.abstract else "false",
             c.substitution_group, c.label, ";".join(c.statements)] for c in sorted(concepts, key=lambda c: c.name)]


def calculation_rows(arcs: list[Arc]) -> list[list[object]]:
    rows = {(a.network, a.parent, a.child, int(a.weight), f"{a.order:g}")
            for a in arcs if a.kind == "cal" and a.weight is not None}
    return [list(r) for r in sorted(rows)]


def presentation_rows(arcs: list[Arc]) -> list[list[object]]:
    rows = {(a.network, a.parent, a.child, f"{a.order:g}", a.preferred_label) for a in arcs if a.kind == "pre"}
    return [list(r) for r in sorted(rows)]


def read_concepts_csv(path: Path) -> list[Concept]:
    with path.open(encoding="utf-8") as f:
        return [Concept(name=r["name"], data_type=r["data_type"], period_type=r["period_type"],
                        balance=r["balance"], abstract=r["abstract"] == "true",
                        substitution_group=r["substitution_group"], label=r["label"],
                        statements=tuple(filter(None, (r.get("statements") or "").split(";"))))
                for r in csv.DictReader(f)]


def read_types_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as f:
        return [row for row in csv.reader(f)][1:]


# ---------------------------------------------------------------------------------------------
# The taxonomy package

SCHEMA_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by scripts/build_taxonomy.py: a subset of {what}, for offline validation.
     Element names, types, period types and balances follow the published taxonomy. -->
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xbrli="http://www.xbrl.org/2003/instance"
  xmlns:xbrldt="http://xbrl.org/2005/xbrldt" xmlns:dtr-types="{dtr_ns}"
  xmlns:{prefix}="{ns}" targetNamespace="{ns}" elementFormDefault="qualified" attributeFormDefault="unqualified">
  <xs:import namespace="http://www.xbrl.org/2003/instance" schemaLocation="http://www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd"/>
  <xs:import namespace="http://xbrl.org/2005/xbrldt" schemaLocation="http://www.xbrl.org/2005/xbrldt-2005.xsd"/>
  <xs:import namespace="{dtr_ns}" schemaLocation="{dtr_url}"/>
"""


def element_xml(prefix: str, concept: Concept) -> str:
    attrs = [("id", f"{prefix}_{concept.name}"), ("name", concept.name), ("nillable", "true"),
             ("substitutionGroup", concept.substitution_group), ("type", concept.data_type)]
    if concept.abstract:
        attrs.append(("abstract", "true"))
    if concept.balance:
        attrs.append(("xbrli:balance", concept.balance))
    attrs.append(("xbrli:periodType", concept.period_type))
    return "  <xs:element " + " ".join(f"{k}={quoteattr(v)}" for k, v in attrs) + "/>\n"


def schema_xml(prefix: str, namespace: str, what: str, concepts: list[Concept], types_xml: str = "") -> str:
    head = SCHEMA_HEAD.format(what=what, dtr_ns=DTR_TYPES_NS, dtr_url=DTR_TYPES_URL, prefix=prefix, ns=namespace)
    body = "".join(element_xml(prefix, c) for c in sorted(concepts, key=lambda c: c.name))
    return head + types_xml + body + "</xs:schema>\n"


def dei_types_xml(rows: list[list[str]]) -> str:
    by_type: dict[str, list[list[str]]] = defaultdict(list)
    for row in rows:
        by_type[row[0]].append(row)
    out = []
    for name in sorted(by_type):
        base = by_type[name][0][1]
        facets = "".join(f'        <xs:{facet} value={quoteattr(value)}/>\n'
                         for _, _, facet, value in by_type[name] if facet)
        out.append(f'  <xs:complexType name="{name}">\n    <xs:simpleContent>\n'
                   f'      <xs:restriction base="{base}">\n{facets}'
                   f'        <xs:attributeGroup ref="xbrli:nonNumericItemAttrs"/>\n'
                   f'      </xs:restriction>\n    </xs:simpleContent>\n  </xs:complexType>\n')
    return "".join(out)


# The official URLs are https; older documents may still name them with http.
CATALOG = """<?xml version="1.0" encoding="UTF-8"?>
<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <rewriteURI uriStartString="https://xbrl.fasb.org/us-gaap/2024/" rewritePrefix="../xbrl.fasb.org/us-gaap/2024/"/>
  <rewriteURI uriStartString="http://xbrl.fasb.org/us-gaap/2024/" rewritePrefix="../xbrl.fasb.org/us-gaap/2024/"/>
  <rewriteURI uriStartString="https://xbrl.sec.gov/dei/2024/" rewritePrefix="../xbrl.sec.gov/dei/2024/"/>
  <rewriteURI uriStartString="http://xbrl.sec.gov/dei/2024/" rewritePrefix="../xbrl.sec.gov/dei/2024/"/>
</catalog>
"""

PACKAGE_METADATA = """<?xml version="1.0" encoding="UTF-8"?>
<tp:taxonomyPackage xmlns:tp="http://xbrl.org/2016/taxonomy-package" xml:lang="en">
  <tp:identifier>urn:xbrl-convert:taxonomy-subset:2024</tp:identifier>
  <tp:name>xbrl-convert US GAAP 2024 and DEI 2024 subset</tp:name>
  <tp:description>The face-statement concepts and the numeric vocabulary of US GAAP 2024 and the cover concepts of DEI 2024 that xbrl-convert uses, at their official URLs, for offline validation. Generated by scripts/build_taxonomy.py.</tp:description>
  <tp:version>2024</tp:version>
  <tp:publisher>xbrl-convert</tp:publisher>
  <tp:entryPoints>
    <tp:entryPoint>
      <tp:name>US GAAP 2024 elements (subset)</tp:name>
      <tp:entryPointDocument href="{us_gaap}"/>
    </tp:entryPoint>
    <tp:entryPoint>
      <tp:name>DEI 2024 (subset)</tp:name>
      <tp:entryPointDocument href="{dei}"/>
    </tp:entryPoint>
  </tp:entryPoints>
</tp:taxonomyPackage>
"""


def write_package(out: Path) -> None:
    package = out / "package"
    if package.exists():
        shutil.rmtree(package)
    us_gaap = read_concepts_csv(out / "us-gaap-2024" / "concepts.csv")
    dei = read_concepts_csv(out / "dei-2024" / "concepts.csv")
    dei_types = read_types_csv(out / "dei-2024" / "types.csv")
    files = {
        "META-INF/catalog.xml": CATALOG,
        "META-INF/taxonomyPackage.xml": PACKAGE_METADATA.format(us_gaap=US_GAAP_URL, dei=DEI_URL),
        "xbrl.fasb.org/us-gaap/2024/elts/us-gaap-2024.xsd":
            schema_xml("us-gaap", US_GAAP_NS, "the US GAAP 2024 taxonomy", us_gaap),
        "xbrl.sec.gov/dei/2024/dei-2024.xsd":
            schema_xml("dei", DEI_NS, "the SEC DEI 2024 taxonomy", dei, dei_types_xml(dei_types)),
    }
    for relative, text in files.items():
        path = package / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------------------------------------


def build(reference: Path, out: Path, verbose: bool) -> None:
    report: list[str] = []
    concepts, arcs, deprecated = build_us_gaap(reference, report)
    us_gaap = out / "us-gaap-2024"
    write_csv(us_gaap / "concepts.csv", CONCEPT_FIELDS, concept_rows(concepts))
    write_csv(us_gaap / "calculations.csv", ["network", "parent", "child", "weight", "order"], calculation_rows(arcs))
    write_csv(us_gaap / "presentation.csv", ["network", "parent", "child", "order", "preferred_label"],
              presentation_rows(arcs))
    replacements = read_replacements(reference)
    write_csv(us_gaap / "deprecated.csv", ["name", "deprecated_in", "replaced_by"],
              [[n, y, " ".join(sorted(set(replacements.get(f"us-gaap:{n}", []))))]
               for n, y in sorted(deprecated.items())])
    dei_concepts, dei_types = build_dei(reference)
    ours = {f"us-gaap:{c.name}" for c in concepts} | {f"dei:{c.name}" for c in dei_concepts}
    write_csv(us_gaap / "non-negative.csv", ["qname"], [[q] for q in sorted(read_non_negative(reference) & ours)])
    write_csv(us_gaap / "non-negative-dqc0014.csv", ["qname"], [[q] for q in sorted(read_dqc_0014(reference) & ours)])
    write_dqc_0004(reference, us_gaap)
    write_csv(out / "dei-2024" / "concepts.csv", CONCEPT_FIELDS, concept_rows(dei_concepts))
    write_csv(out / "dei-2024" / "types.csv", ["type", "base", "facet", "value"], dei_types)
    write_package(out)
    print(f"{len(concepts)} us-gaap concepts, {len(calculation_rows(arcs))} calculation and "
          f"{len(presentation_rows(arcs))} presentation relationships, {len(dei_concepts)} dei concepts "
          f"written to {out}; {len(report)} notes")
    if verbose:
        print("\n".join(report), file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reference", type=Path, default=ROOT.parent / "shared" / "reference")
    parser.add_argument("--out", type=Path, default=ROOT / "taxonomy")
    parser.add_argument("--package-only", action="store_true", help="rebuild taxonomy/package/ from the CSVs")
    parser.add_argument("--verbose", action="store_true", help="print the derivation notes (conflicts, guesses)")
    args = parser.parse_args(argv)
    if args.package_only:
        write_package(args.out)
        return 0
    if not (args.reference / "README.md").is_file():
        parser.error(f"no reference folder at {args.reference}")
    build(args.reference, args.out, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
