"""Retrieval recall: for each key line, is the concept the company used among the line's candidates?

    python -m bench.retrieval [more text pairs ixbrl] [--examples N]

Every keyed document converts with the label table learned without its company (as bench.corpus
does); each key line whose concept is a US GAAP 2024 concept is found among the statement lines by
its label and values and counted: the wanted concept is the best candidate, among the next five,
or not retrieved at all (the candidates' sources never name it). The lines of the last kind are
listed (--examples): they are what retrieval, not scoring, has to learn.
"""
from __future__ import annotations

import argparse
import collections
from decimal import Decimal

from converter.diagnostics import ConversionError
from converter.mapping import mapper
from converter.mapping.labels import normalize
from converter.pipeline import convert
from converter.resources import taxonomy_dir

from .corpus import SHARED, _document_and_key, keyed_documents, options_for


def _us_gaap_names() -> set[str]:
    with (taxonomy_dir() / "us-gaap-2024" / "concepts.csv").open(encoding="utf-8") as handle:
        return {line.split(",", 1)[0] for line in handle}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", default=["more"])
    parser.add_argument("--examples", type=int, default=40, help="lines with no candidate to list")
    args = parser.parse_args(argv)
    names = _us_gaap_names()
    seen: dict[str, list] = {}
    scored = mapper._scored_options

    def recording(line, place, taxonomy, overrides, observed):
        found = scored(line, place, taxonomy, overrides, observed)
        values = {abs(v.amount) for v in line.values if v is not None}
        seen.setdefault(normalize(line.full_label), []).append((values, sorted(found, key=lambda s: -s.score)))
        return found

    mapper._scored_options = recording
    counts: collections.Counter = collections.Counter()
    missing: list[tuple[str, str, str]] = []
    try:
        for path, key in keyed_documents(args.folders, SHARED):
            seen.clear()
            data, answers = _document_and_key(path, key)
            try:
                convert(data, str(path), options_for(path))
            except ConversionError:
                counts["document not converted"] += 1
                continue
            for line in answers["lines"]:
                wanted = {c.split(":")[-1] for c in line["concepts"]} & names
                if not wanted or line.get("extension_ok"):
                    counts["company concept in the key"] += 1
                    continue
                values = {abs(Decimal(str(v))) for v in line["values"].values()}
                entries = [ranked for found, ranked in seen.get(normalize(line["label"]), []) if found & values]
                if not entries:
                    counts["line not read"] += 1
                    continue
                ranks = [i for i, s in enumerate(entries[0]) if wanted & {c.name for c in s.concepts}]
                if not ranks:
                    counts["not retrieved"] += 1
                    missing.append((path.name, line["label"], sorted(wanted)[0]))
                else:
                    counts["best candidate" if ranks[0] == 0 else "among the next five" if ranks[0] <= 5 else "lower"] += 1
    finally:
        mapper._scored_options = scored
    for name, count in counts.most_common():
        print(f"{name:32} {count:6}")
    for document, label, concept in missing[: args.examples]:
        print(f"  {document[:40]:40}  {label[:60]:60}  {concept}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
