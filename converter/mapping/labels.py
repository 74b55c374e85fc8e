"""Label normalization and the synonym table (taxonomy/synonyms.csv)."""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass

from ..resources import taxonomy_dir

_FOOTNOTE = re.compile(r"\(\s*(?:\d{1,2}|[a-z]|[ivx]{1,4})\s*\)|\*+|\s\d\)$")


def normalize(label: str) -> str:
    """Lower case, footnote marks and punctuation removed, "&" read as "and", spaces collapsed."""
    text = _FOOTNOTE.sub(" ", label.replace("\u2019", "'"))
    text = text.lower().replace("&", " and ")
    text = re.sub(r"(?<=\w)['\-](?=\w)|'", "", text)  # "paid-in" is "paidin", "stockholders'" "stockholders"
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


@dataclass(frozen=True)
class Synonym:
    kind: str  # statement kind value, or "*"
    label: str  # normalized label, or a pattern when is_pattern
    concepts: tuple[str, ...]
    is_pattern: bool
    line: int  # line in synonyms.csv, for explanations

    def matches(self, normalized: str) -> bool:
        if self.is_pattern:
            return re.search(self.label, normalized) is not None
        return self.label == normalized


@functools.lru_cache(maxsize=None)
def load_synonyms() -> tuple[Synonym, ...]:
    path = taxonomy_dir() / "synonyms.csv"
    rows = []
    with path.open(encoding="utf-8") as handle:
        lines = [(n, text) for n, text in enumerate(handle, start=1) if text.strip() and not text.startswith("#")]
    reader = csv.reader(text for _, text in lines)
    header = next(reader)
    assert header == ["kind", "label", "concepts"], header
    for (number, _), (kind, label, concepts) in zip(lines[1:], reader):
        is_pattern = label.startswith("re:")
        rows.append(Synonym(kind, label[3:] if is_pattern else label, tuple(concepts.split()), is_pattern, number))
    # Exact labels are tried before patterns, each group in file order.
    return tuple(sorted(rows, key=lambda s: s.is_pattern))


def lookup(normalized: str, kind: str) -> tuple[Synonym, ...]:
    """Every synonym row matching a normalized label in a statement of this kind, best first."""
    return tuple(s for s in load_synonyms() if s.kind in (kind, "*") and s.matches(normalized))
