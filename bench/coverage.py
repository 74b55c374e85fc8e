"""Where every printed number of the corpus's recognised statements went: a fact, a report entry, or
lost (converter/coverage.py). `python -m bench.coverage [more text html pairs ixbrl] [--jobs N]`
prints the counts per document and in all; tests/test_coverage.py asserts none is lost.
"""
from __future__ import annotations

import argparse
import multiprocessing
from dataclasses import dataclass
from pathlib import Path

from converter.coverage import Fate, cell_coverage, coverage_counts
from converter.diagnostics import ConversionError
from converter.pipeline import convert

from .corpus import SHARED, _unkeyed_document, keyed_documents, options_for, unkeyed_documents


@dataclass(frozen=True)
class CoverageRow:
    name: str
    counts: dict[str, int]
    lost: tuple[str, ...] = ()  # "source label printed" of each lost cell
    error: str = ""


def corpus_paths(folders: list[str], shared: Path = SHARED) -> list[Path]:
    """Every document of the folders, keyed or not, once each, in a stable order."""
    paths = [p for p, _ in keyed_documents(folders, shared)] + unkeyed_documents(folders, shared)
    return sorted(dict.fromkeys(paths))


def document_coverage(path: Path) -> CoverageRow:
    """The cells of one document (an inline XBRL one unwrapped first); a conversion error is the row's error."""
    try:
        data, _ = _unkeyed_document(path)
        conversion = convert(data, str(path), options_for(path))
    except ConversionError as exc:
        return CoverageRow(path.name, {}, error=str(exc).splitlines()[-1])
    cells = cell_coverage(conversion)
    lost = tuple(f"{c.source} {c.label!r} {c.printed}" for c in cells if c.fate is Fate.LOST)
    return CoverageRow(path.name, coverage_counts(cells), lost)


def coverage_rows(paths: list[Path], jobs: int = 1) -> list[CoverageRow]:
    if jobs > 1 and len(paths) > 1:
        with multiprocessing.Pool(min(jobs, len(paths))) as pool:
            return pool.map(document_coverage, paths, chunksize=1)
    return [document_coverage(p) for p in paths]


def totals(rows: list[CoverageRow]) -> dict[str, int]:
    return {fate.value: sum(r.counts.get(fate.value, 0) for r in rows) for fate in Fate}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", default=["text", "html", "pairs", "ixbrl"])
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args(argv)
    rows = coverage_rows(corpus_paths(args.folders), args.jobs)
    for row in rows:
        print(f"{row.name:60} {row.error or ' '.join(f'{k} {v}' for k, v in row.counts.items())}")
        for cell in row.lost:
            print(f"    lost: {cell}")
    print(f"{len(rows)} documents: " + ", ".join(f"{k} {v}" for k, v in totals(rows).items()))
    return 1 if any(r.lost for r in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
