"""Would a learned weighing of the candidates' features choose better than the hand score? (issue 9)

    python -m bench.rerank [more ixbrl pairs] [--dataset FILE] [--reuse]

Every keyed document converts as bench.corpus converts it (the label table without its company);
each key line with a US GAAP concept is found among the statement lines (same statement kind,
same label, a value in common) and its candidates are written with their features (the hand
score and each of its parts, the source, how many companies tag the concept in statements of the
kind, how much of the concept's name the label says, a total taking a concept US GAAP sums).
A conditional logit over each line's candidates is then fitted leave-one-company-out: for each
company, weights learned from the others choose among its candidates, against the hand score's
choice. It prints the share of lines each gets right and the share whose concept some candidate
names (the ceiling of any reweighing).

Measured 2026-12-02 on more/ (3,957 key lines of 44 companies): hand 0.751, learned 0.742,
ceiling 0.853: with these features a learned weighing does not beat the hand weights.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import numpy as np

from converter.diagnostics import ConversionError
from converter.mapping import mapper
from converter.mapping.candidates import LinePlace
from converter.mapping.scoring import Scored
from converter.mapping.labels import normalize
from converter.mapping.vocabulary import label_terms, load_vocabulary
from converter.pipeline import convert
from converter.statements import StatementLine

from .corpus import SHARED, _document_and_key, company_of, keyed_documents, options_for
from .retrieval import _us_gaap_names

_SOURCES = ("override", "synonym", "observed", "neighbour", "taxonomy")


def candidate_features(line: StatementLine, place: LinePlace, scored: Scored, observed, taxonomy=None) -> dict[str, float]:
    source = scored.candidate.source
    features: dict[str, float] = {"hand": min(scored.score, 1.5), f"source={source}": 1.0,
                                  f"source={source}&kind={place.kind}": 1.0,
                                  "strength": scored.candidate.strength,
                                  "support": math.log1p(scored.candidate.support),
                                  "variant": float(min(scored.candidate.variant, 3)),
                                  "pair": float(len(scored.concepts) > 1)}
    for name, value in scored.features:
        if name not in _SOURCES:
            features[f"feature={name}"] = features.get(f"feature={name}", 0.0) + value
    concept = scored.concepts[0]
    if observed is not None:
        users = observed.concept_companies(place.kind, concept.qname)
        features["users"] = math.log1p(users)
        features["users=0"] = float(users == 0)
    if taxonomy is not None:
        vocabulary = load_vocabulary(taxonomy)
        said = label_terms(line.label)
        features["words"] = vocabulary.compare(said, place.terms, concept).similarity
        recall, precision = _overlap(vocabulary, said, place.terms, concept)
        features["recall"], features["precision"] = recall, precision
        sums = bool(taxonomy.calc_children(concept.qname))
        features["total&sums"] = float(line.is_total and sums)
        features["total&not sums"] = float(line.is_total and not sums)
        features["item&sums"] = float(not line.is_total and sums)
    return features


def _overlap(vocabulary, said: frozenset[str], context: frozenset[str], concept) -> tuple[float, float]:
    """The weighted share of the label's words the concept's name says, and of the name's words the label
    (or the line's place) says."""
    terms = vocabulary.terms.get(concept.qname) or frozenset()
    if not said or not terms:
        return 0.0, 0.0
    weight = vocabulary.term_weight
    common = sum(weight(t) for t in said & terms)
    told = sum(weight(t) for t in terms & (said | context))
    return common / (sum(weight(t) for t in said) or 1.0), told / (sum(weight(t) for t in terms) or 1.0)


_KINDS = {"balance sheet": ("balance_sheet",), "income statement": ("income", "comprehensive_income"),
          "cash flow": ("cash_flow",)}


def document_rows(path: Path, key: Path | None, names: set[str]) -> list[dict]:
    seen: dict[int, tuple] = {}
    scored = mapper._scored_options

    def recording(line, place, taxonomy, overrides, observed):
        found = scored(line, place, taxonomy, overrides, observed)
        seen[id(line)] = (place, found, observed, taxonomy)
        return found

    mapper._scored_options = recording
    try:
        data, answers = _document_and_key(path, key)
        conversion = convert(data, str(path), options_for(path))
    except ConversionError:
        return []
    finally:
        mapper._scored_options = scored
    lines = [(m.statement.kind.value, mapped) for m in conversion.mapped for mapped in m.lines]
    rows = []
    used: set[int] = set()
    for key_line in answers["lines"]:
        wanted = sorted({c.split(":")[-1] for c in key_line["concepts"]} & names)
        if not wanted or key_line.get("extension_ok"):
            continue
        values = {abs(Decimal(str(v))) for v in key_line["values"].values()}
        label = normalize(key_line["label"])
        kinds = _KINDS.get(key_line.get("statement", ""), ())
        match = next((n for n, (kind, m) in enumerate(lines) if n not in used and kind in kinds
                      and normalize(m.line.full_label) == label and id(m.line) in seen
                      and values & {abs(v.amount) for v in m.line.values if v is not None}), None)
        if match is None:
            continue
        used.add(match)
        kind, mapped = lines[match]
        place, found, observed, taxonomy = seen[id(mapped.line)]
        candidates = [{"concepts": [c.qname for c in s.concepts], "source": s.candidate.source,
                       "features": candidate_features(mapped.line, place, s, observed, taxonomy),
                       "gold": bool(set(wanted) & {c.name for c in s.concepts})} for s in found if s.concepts]
        rows.append({"company": company_of(path), "document": path.name, "kind": kind, "label": key_line["label"],
                     "wanted": wanted, "chosen": [] if mapped.is_extension else [c.qname for c in mapped.concepts],
                     "candidates": candidates})
    return rows


L2 = 1.0
ROUNDS = 30


def load(paths: list[Path]) -> list[dict]:
    rows = []
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            rows.extend(json.loads(line) for line in handle if line.strip())
    return rows


def vocabulary(rows: list[dict]) -> list[str]:
    return sorted({name for row in rows for c in row["candidates"] for name in c["features"]})


def matrices(rows: list[dict], names: list[str]):
    index = {name: i for i, name in enumerate(names)}
    groups = []
    for row in rows:
        if not row["candidates"] or not any(c["gold"] for c in row["candidates"]):
            continue  # nothing to learn from a line whose concept no source names
        x = np.zeros((len(row["candidates"]), len(names)))
        for n, candidate in enumerate(row["candidates"]):
            for name, value in candidate["features"].items():
                if name in index:
                    x[n, index[name]] = value
        y = np.array([1.0 if c["gold"] else 0.0 for c in row["candidates"]])
        groups.append((x, y / y.sum()))
    return groups


def fit(groups, size: int, l2: float = L2, rounds: int = ROUNDS) -> np.ndarray:
    w = np.zeros(size)
    for _ in range(rounds):
        gradient = -l2 * w
        hessian = -l2 * np.eye(size)
        for x, y in groups:
            z = x @ w
            p = np.exp(z - z.max())
            p /= p.sum()
            mean = p @ x
            gradient += y @ x - mean
            centred = x - mean
            hessian -= (centred * p[:, None]).T @ centred
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w


def choose(row: dict, weights: dict[str, float]) -> dict | None:
    def value(candidate):
        return sum(weights.get(name, 0.0) * v for name, v in candidate["features"].items())
    return max(row["candidates"], key=value, default=None)


def evaluate(rows: list[dict], names: list[str]) -> None:
    by_company = defaultdict(list)
    for row in rows:
        by_company[row["company"]].append(row)
    totals = defaultdict(int)
    for company, own in sorted(by_company.items()):
        others = [r for r in rows if r["company"] != company]
        w = fit(matrices(others, names), len(names))
        weights = dict(zip(names, w))
        for row in own:
            hand = max(row["candidates"], key=lambda c: c["features"]["hand"], default=None)
            learned = choose(row, weights)
            totals["lines"] += 1
            totals["hand"] += bool(hand and hand["gold"])
            totals["learned"] += bool(learned and learned["gold"])
            totals["retrieved"] += any(c["gold"] for c in row["candidates"])
    print({k: v for k, v in totals.items()}, {k: round(v / totals["lines"], 3) for k, v in totals.items()})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", default=["more"])
    parser.add_argument("--dataset", type=Path, default=Path("rerank-dataset.jsonl"), help="where the candidates are written")
    parser.add_argument("--reuse", action="store_true", help="read the dataset written by an earlier run")
    args = parser.parse_args(argv)
    if not args.reuse:
        write_dataset(args.folders, args.dataset)
    rows = load([args.dataset])
    names = vocabulary(rows)
    print(f"{len(rows)} key lines, {len(names)} features", file=sys.stderr)
    evaluate(rows, names)
    return 0


def write_dataset(folders: list[str], output: Path) -> None:
    names = _us_gaap_names()
    with output.open("w", encoding="utf-8") as out:
        for path, key in keyed_documents(folders, SHARED):
            rows = document_rows(path, key, names)
            print(f"{path.name}: {len(rows)} lines", file=sys.stderr)
            for row in rows:
                out.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    raise SystemExit(main())
