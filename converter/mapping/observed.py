"""The printed labels companies use for each concept, learned from their own tags.

taxonomy/observed-labels.csv (written by scripts/build_observed_labels.py) has a row per statement
kind, normalized label, line context, concept, sign and company: a line of a tagged filing, as the
converter reads it, whose values the company tagged with that concept, printed with the same sign
as the fact (+1) or the opposite one (-1). The mapping queries it by (kind, normalized label);
a benchmark drops the company it scores (`without`) so that no filing is judged by its own tags.
"""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from ..resources import taxonomy_dir

FILE_NAME = "observed-labels.csv"
COLUMNS = ("kind", "label", "context", "concept", "extension", "sign", "company", "values", "lines",
           "printed_label", "tagged_as", "deprecated")


@dataclass(frozen=True)
class Observation:
    kind: str  # statement kind value: balance_sheet, income, comprehensive_income, cash_flow, equity
    label: str  # normalized (labels.normalize)
    printed: str  # one printed example of the label
    context: str  # context.line_contexts: position tags, "|", the normalized sections
    concept: str  # "us-gaap:Name" (or another standard prefix), or the company's local name
    is_extension: bool  # a company concept: no standard concept fitted the line for this company
    sign: int  # +1: printed with the sign of the company's fact; -1: with the opposite sign
    company: str  # company_of() of the filing
    values: int  # printed values that agree with the concept
    lines: int = 1  # statement lines behind the row
    tagged_as: str = ""  # the deprecated concept(s) the company used, replaced by `concept`
    deprecated: bool = False  # the company's concept is deprecated by 2024 and no single replacement exists


@dataclass(frozen=True, repr=False)
class ObservedLabels:
    observations: tuple[Observation, ...]

    def __repr__(self) -> str:
        return f"ObservedLabels({len(self.observations)} observations of {len(self.companies())} companies)"

    @functools.cached_property
    def _by_label(self) -> dict[tuple[str, str], tuple[Observation, ...]]:
        index: dict[tuple[str, str], list[Observation]] = {}
        for observation in self.observations:
            index.setdefault((observation.kind, observation.label), []).append(observation)
        return {key: tuple(found) for key, found in index.items()}

    def by_label(self, kind: str, normalized_label: str) -> tuple[Observation, ...]:
        """Every observation of a normalized label in statements of one kind, in file order."""
        return self._by_label.get((kind, normalized_label), ())

    @functools.cached_property
    def _concept_companies(self) -> dict[tuple[str, str], int]:
        companies: dict[tuple[str, str], set[str]] = {}
        for observation in self.observations:
            if not observation.is_extension:
                for concept in observation.concept.split():
                    companies.setdefault((observation.kind, concept), set()).add(observation.company)
        return {key: len(found) for key, found in companies.items()}

    def concept_companies(self, kind: str, qname: str) -> int:
        """How many companies tag some line of statements of this kind with the concept."""
        return self._concept_companies.get((kind, qname), 0)

    def without(self, company: str) -> ObservedLabels:
        """The table without one company's observations (leave-one-company-out)."""
        return ObservedLabels(tuple(o for o in self.observations if o.company != company))

    def companies(self) -> frozenset[str]:
        return frozenset(o.company for o in self.observations)


def company_of(path: str) -> str:
    """The company of a corpus file: its name up to the first "_", lower case
    ("CocaCola_2023-06_10Q_ixbrl.htm" is "cocacola")."""
    return re.split(r"[\\/]", path)[-1].split("_", 1)[0].lower()


def read_observed(path: Path) -> ObservedLabels:
    """An observed-labels CSV ("#" lines are comments)."""
    with Path(path).open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(line for line in handle if line.strip() and not line.startswith("#"))
        header = next(reader)
        assert tuple(header) == COLUMNS, header
        rows = [dict(zip(COLUMNS, fields)) for fields in reader]
    return ObservedLabels(tuple(
        Observation(kind=r["kind"], label=r["label"], printed=r["printed_label"], context=r["context"],
                    concept=r["concept"], is_extension=r["extension"] == "1", sign=int(r["sign"]),
                    company=r["company"], values=int(r["values"]), lines=int(r["lines"]),
                    tagged_as=r["tagged_as"], deprecated=r["deprecated"] == "1")
        for r in rows))


@functools.lru_cache(maxsize=None)
def load_observed() -> ObservedLabels:
    """The table shipped in taxonomy/; empty when it is missing."""
    path = taxonomy_dir() / FILE_NAME
    return read_observed(path) if path.exists() else ObservedLabels(())
