"""The EDGAR Filer Manual's rules for labels, names and networks, applied to the model as built.

edgar_clean(instance, taxonomy) returns the instance with:
  * extension concepts that reuse a us-gaap or dei local name renamed (EFM 6.7.16); a section
    abstract named like a us-gaap abstract becomes that abstract;
  * an English standard label for every concept used (6.10.1): the taxonomy's own for standard
    concepts, the printed caption for extension concepts, qualified by its section or statement when
    another concept has that label (6.10.4, compared with every us-gaap and dei standard label too);
    the caption as printed stays the terse label the presentation shows;
  * every label trimmed, without runs of white space or '<', in ASCII (6.10.6, 6.10.8, 5.2.1.1);
  * a cover network, "0001 - Document - Cover", presenting the dei facts, and a parenthetical network
    beside the balance sheet presenting the facts printed inside captions (6.12.3).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from ..cache import cached, source_key
from ..mapping.taxonomy import ConceptDef, Taxonomy
from .model import LABEL_ROLE, TERSE_LABEL_ROLE, Extension, Instance, Label, PresentationArc, StatementNetwork

COVER_ROLE_ID = "Cover"
COVER_DEFINITION = "0001 - Document - Cover"
COVER_ABSTRACT = "dei:CoverAbstract"
MAX_LABEL_LENGTH = 511
# Punctuation the Filer Manual's character set lacks, as its ASCII reading.
_ASCII = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2026": "...", "\u00b7": "-", "\u2022": "-",
    "\u00a7": "Section ", "\u00b6": "", "\u00ae": "", "\u2122": "", "\u00a9": "", "^": "",
    "<": " less than ", ">": " greater than ",
})
# What EFM 5.2.1.1 allows in a file (Arelle's disallowedCharactersPattern, negated).
_DISALLOWED = re.compile(r"[^0-9A-Za-z `~!@#$%&*().+{}|:;\"',_?/=\-\[\]\\]")


def clean_label(text: str) -> str:
    """A label EDGAR accepts: ASCII, trimmed, single spaces, no '<', at most 511 characters."""
    text = unicodedata.normalize("NFKD", text.translate(_ASCII))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _DISALLOWED.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()[:MAX_LABEL_LENGTH].rstrip()


def edgar_clean(instance: Instance, taxonomy: Taxonomy) -> Instance:
    renames = _renames(instance.extension, taxonomy)
    instance = _renamed(instance, renames)
    instance = replace(instance, extension=_with_parenthetical(instance))
    extension = _with_cover(instance, taxonomy)
    extension = _with_standard_labels(extension, _used_concepts(instance, extension), taxonomy)
    return replace(instance, extension=extension)


# --- names ----------------------------------------------------------------------------------------------------


def _renames(extension: Extension, taxonomy: Taxonomy) -> dict[str, ConceptDef]:
    """Extension qname -> the concept to use instead: a us-gaap abstract, or the same concept renamed."""
    standard_names = {c.name for c in taxonomy.concepts.values()}
    taken = standard_names | {c.name for c in extension.concepts}
    renames: dict[str, ConceptDef] = {}
    for concept in extension.concepts:
        if concept.name not in standard_names:
            continue
        same = taxonomy.concept(f"us-gaap:{concept.name}")
        if concept.abstract and same is not None and same.abstract:
            renames[concept.qname] = same
            continue
        name = next(f"{concept.name}{n}" for n in range(2, len(taken) + 3) if f"{concept.name}{n}" not in taken)
        taken.add(name)
        renames[concept.qname] = replace(concept, name=name)
    return renames


def _renamed(instance: Instance, renames: dict[str, ConceptDef]) -> Instance:
    if not renames:
        return instance

    def qname(old: str) -> str:
        return renames[old].qname if old in renames else old

    extension = instance.extension
    concepts = tuple(dict.fromkeys(renames.get(c.qname, c) for c in extension.concepts
                                   if renames.get(c.qname, c).prefix == extension.prefix))
    labels = tuple(replace(label, concept=qname(label.concept)) for label in extension.labels)
    networks = tuple(replace(
        network,
        presentation=tuple(replace(a, parent=qname(a.parent), child=qname(a.child)) for a in network.presentation),
        calculation=tuple(replace(a, parent=qname(a.parent), child=qname(a.child)) for a in network.calculation),
    ) for network in extension.networks)
    facts = tuple(replace(f, concept=renames[f.concept.qname]) if f.concept.qname in renames else f
                  for f in instance.facts)
    return replace(instance, facts=facts,
                   extension=replace(extension, concepts=concepts, labels=labels, networks=networks))


# --- cover and parenthetical networks -------------------------------------------------------------------------


def _free_role_id(base: str, networks) -> str:
    taken = {n.role_id for n in networks}
    return next(f"{base}{n}" if n > 1 else base for n in range(1, len(taken) + 2)
                if (f"{base}{n}" if n > 1 else base) not in taken)


def _with_parenthetical(instance: Instance) -> Extension:
    """The facts no network presents (numbers printed inside captions: shares authorized, par values)
    in a network of their own after the balance sheet, or after the first statement."""
    extension = instance.extension
    presented = {q for n in extension.networks for a in n.presentation for q in (a.parent, a.child)}
    missing = list(dict.fromkeys(f.concept.qname for f in instance.facts
                                 if f.concept.prefix != "dei" and f.concept.qname not in presented))
    if not missing or not extension.networks:
        return extension
    networks = list(extension.networks)
    at = next((i for i, n in enumerate(networks) if n.role_id.startswith("BalanceSheet")), 0)
    base = networks[at]
    number, _, title = base.definition.partition(" - Statement - ")
    number = f"{int(number) + 1:0{len(number)}d}" if number.isdigit() else number
    role_id = _free_role_id(f"{base.role_id}Parenthetical", networks)
    title = f"{title or base.role_id} (Parenthetical)"
    root = ConceptDef(extension.prefix, f"{role_id}Abstract", extension.namespace, "xbrli:stringItemType", "duration",
                      None, True, label=title)
    arcs = tuple(PresentationArc(root.qname, q, float(n)) for n, q in enumerate(missing, start=1))
    network = StatementNetwork(role_id, f"{extension.namespace}/role/{role_id}", f"{number} - Statement - {title}", arcs, ())
    networks.insert(at + 1, network)
    return replace(extension, concepts=(*extension.concepts, root), networks=tuple(networks),
                   labels=(*extension.labels, Label(root.qname, LABEL_ROLE, title)))



def _with_cover(instance: Instance, taxonomy: Taxonomy) -> Extension:
    extension = instance.extension
    dei = list(dict.fromkeys(f.concept.qname for f in instance.facts if f.concept.prefix == "dei"))
    if not dei or taxonomy.concept(COVER_ABSTRACT) is None:
        return extension
    role_id = _free_role_id(COVER_ROLE_ID, extension.networks)
    arcs = tuple(PresentationArc(COVER_ABSTRACT, concept, float(n)) for n, concept in enumerate(dei, start=1))
    cover = StatementNetwork(role_id, f"{extension.namespace}/role/{role_id}", COVER_DEFINITION, arcs, ())
    return replace(extension, networks=(cover, *extension.networks))


# --- labels ---------------------------------------------------------------------------------------------------


def _used_concepts(instance: Instance, extension: Extension) -> list[str]:
    """Every concept the instance or a network names, in first-use order."""
    used: dict[str, None] = {}
    for fact in instance.facts:
        used.setdefault(fact.concept.qname)
    for network in extension.networks:
        for arc in network.presentation:
            used.setdefault(arc.parent)
            used.setdefault(arc.child)
    return list(used)


def _with_standard_labels(extension: Extension, used: list[str], taxonomy: Taxonomy) -> Extension:
    printed = _printed_labels(extension)
    contexts = _label_contexts(extension, printed)
    standard = _standard_labels(extension, used, printed, contexts, taxonomy)
    labels: dict[tuple[str, str], Label] = {}
    for qname in used:
        labels[(qname, LABEL_ROLE)] = Label(qname, LABEL_ROLE, standard[qname])
        shown = clean_label(printed.get(qname, ""))
        if shown and shown != standard[qname]:
            labels[(qname, TERSE_LABEL_ROLE)] = Label(qname, TERSE_LABEL_ROLE, shown)
    for label in extension.labels:
        text = clean_label(label.text)
        if label.role != LABEL_ROLE and text:
            labels.setdefault((label.concept, label.role), replace(label, text=text))
    terse = {qname for qname, role in labels if role == TERSE_LABEL_ROLE}
    networks = tuple(replace(network, definition=clean_label(network.definition), presentation=tuple(
        replace(arc, preferred_label=TERSE_LABEL_ROLE) if arc.preferred_label is None and arc.child in terse else arc
        for arc in network.presentation)) for network in extension.networks)
    return replace(extension, labels=tuple(labels.values()), networks=networks)


def _printed_labels(extension: Extension) -> dict[str, str]:
    """Concept -> the caption it was printed with (its first standard label as built)."""
    printed: dict[str, str] = {}
    for label in extension.labels:
        if label.role == LABEL_ROLE:
            printed.setdefault(label.concept, label.text)
    for concept in extension.concepts:
        if concept.label:
            printed.setdefault(concept.qname, concept.label)
    return printed


def _label_contexts(extension: Extension, printed: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """Concept -> the words that can qualify its label: its section's caption, then its statement's title."""
    contexts: dict[str, tuple[str, ...]] = {}
    for network in extension.networks:
        title = network.definition.split(" - ", 2)[-1]
        parents = {arc.parent for arc in network.presentation}
        children = {arc.child for arc in network.presentation}
        for arc in network.presentation:
            section = "" if arc.parent in parents - children else clean_label(printed.get(arc.parent, "")).rstrip(":")
            contexts.setdefault(arc.child, tuple(dict.fromkeys(w for w in (section, clean_label(title)) if w)))
    return contexts


_TAKEN: dict[int, tuple[Taxonomy, dict[str, str]]] = {}


def _taken_labels(taxonomy: Taxonomy) -> dict[str, str]:
    """Every standard concept's cleaned label (lower case) -> its qname, built once per taxonomy (kept
    alive beside it: a taxonomy is not hashable). Callers copy it before adding to it."""
    if id(taxonomy) not in _TAKEN:
        labelled = tuple((c.qname, c.label) for c in taxonomy.concepts.values() if c.label)
        key = "\0".join(f"{qname}\0{label}" for qname, label in labelled).encode() + source_key(__file__)
        taken = cached("taken-labels", key, lambda: {clean_label(label).lower(): qname for qname, label in labelled})
        _TAKEN[id(taxonomy)] = (taxonomy, taken)
    return _TAKEN[id(taxonomy)][1]


def _standard_labels(extension: Extension, used: list[str], printed: dict[str, str],
                     contexts: dict[str, tuple[str, ...]], taxonomy: Taxonomy) -> dict[str, str]:
    """Concept -> its English standard label, no two alike (case aside) and none a standard concept's."""
    own = {c.qname for c in extension.concepts}
    abstract = {c.qname for c in extension.concepts if c.abstract}
    taken = dict(_taken_labels(taxonomy))
    result: dict[str, str] = {}
    given: set[str] = set()
    for qname in used:
        concept = taxonomy.concept(qname) if qname not in own else None
        if concept is not None and concept.label:
            # the few standard labels two concepts share ("Gain (Loss) on Disposition of Assets") take the name
            result[qname] = unique_label(clean_label(concept.label), (concept.name,), given)
            given.add(result[qname].lower())
            taken[result[qname].lower()] = qname
    for qname in used:
        if qname not in result:
            base = clean_label(printed.get(qname, "")).rstrip(":").strip() or qname.partition(":")[2]
            result[qname] = unique_label(base, contexts.get(qname, ()), taken, qname in abstract)
            taken[result[qname].lower()] = qname
    return result


def unique_label(base: str, qualifiers: tuple[str, ...], taken, abstract: bool = False) -> str:
    """base, or base qualified by the first qualifier that makes it new, or numbered: never a taken label."""
    suffix = " [Abstract]" if abstract else ""
    candidates = [f"{base}{suffix}"] + [f"{base} ({q}){suffix}" for q in qualifiers if q.lower() != base.lower()]
    for candidate in candidates:
        candidate = candidate[:MAX_LABEL_LENGTH]
        if candidate.lower() not in taken:
            return candidate
    n = 2
    while f"{candidates[-1]} {n}".lower() in taken:
        n += 1
    return f"{candidates[-1]} {n}"
