"""Parenthetical facts against the corpus keys: the numbers balance sheets print inside captions.

    python -m bench.captions [more text html pairs ixbrl ...] [--jobs N] [--misses] [-k TEXT]

For every keyed document (the same documents and keys as bench.corpus), the key's caption facts are
the balance-sheet key values printed in the key line's own label, in full or in thousands, millions
or billions ("Accounts receivable, less allowances of $55 and $52": 55000000 and 52000000), and the
zeros of a label that prints "none", "zero" or "no shares".
Each is found when the converted instance has a fact of the same period and value (any concept),
and agrees when that fact's concept is one of the key line's concepts. Prints one row per document
with caption facts, then the totals; --misses lists what was not found or not agreed.
"""
from __future__ import annotations

import argparse
import multiprocessing
import re
import sys
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from converter.diagnostics import ConversionError
from converter.evaluation import model_facts, periods_match
from converter.pipeline import convert

from .corpus import SHARED, _document_and_key, keyed_documents, options_for

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_ZERO = re.compile(r"\b(?:none|zero|nil|no(?=\s+(?:\w+\s+){0,2}shares))\b", re.I)


@dataclass
class Row:
    name: str
    total: int = 0
    found: int = 0
    agreed: int = 0
    misses: list[str] = field(default_factory=list)
    error: str = ""


def caption_facts(key: dict) -> list[tuple[dict, str, Decimal]]:
    """(key line, period, value) of the key's caption facts."""
    result = []
    for line in key.get("lines", []):
        if line.get("statement") != "balance sheet":
            continue
        printed = _printed_values(line.get("label", ""))
        for period_id, text in line.get("values", {}).items():
            try:
                value = Decimal(text)
            except InvalidOperation:
                continue
            if abs(value) in printed or (value == 0 and _ZERO.search(line.get("label", ""))):
                result.append((line, key["periods"][period_id], value))
    return result


def _printed_values(label: str) -> set[Decimal]:
    """Every number the label prints, in full and in thousands, millions and billions."""
    values = set()
    for match in _NUMBER.finditer(label):
        number = Decimal(match.group().replace(",", ""))
        if number:
            values.update(number.scaleb(power) for power in (0, 3, 6, 9))
    return values


def score_document(item: tuple[Path, Path | None]) -> Row:
    path, key_path = item
    row = Row(path.name)
    try:
        data, key = _document_and_key(path, key_path)
        wanted = caption_facts(key)
        if not wanted:
            return row
        conversion = convert(data, str(path), options_for(path))
        facts = model_facts(conversion.instance)
    except ConversionError as exc:
        row.error = str(exc).splitlines()[-1]
        return row
    except Exception as exc:  # noqa: BLE001 - a crash is a row of the report
        row.error = f"{type(exc).__name__}: {exc}"
        return row
    for line, period, value in wanted:
        row.total += 1
        same = [f for f in facts if f.value == value and periods_match(f.period, period)]
        agreed = [f for f in same if f.concept in line.get("concepts", [])]
        row.found += bool(same)
        row.agreed += bool(agreed)
        if not agreed:
            got = ", ".join(sorted({f.concept for f in same})) or "no fact"
            row.misses.append(f"{line['concepts'][0]} {period} {value} [{got}] in {line.get('label', '')[:100]!r}")
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", default=["more", "text", "html", "pairs", "ixbrl"])
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("-k", dest="keep", default="")
    parser.add_argument("--shared", type=Path, default=SHARED)
    args = parser.parse_args(argv)
    documents = [d for d in keyed_documents(args.folders, args.shared) if args.keep in d[0].name]
    if args.jobs > 1:
        with multiprocessing.Pool(args.jobs) as pool:
            rows = pool.map(score_document, documents)
    else:
        rows = [score_document(d) for d in documents]
    print(f"{'document':<52} {'caption facts':>13} {'found':>6} {'agreed':>6}")
    for row in rows:
        if row.total or row.error:
            print(f"{row.name:<52} {row.total:>13} {row.found:>6} {row.agreed:>6} {row.error}")
            for miss in row.misses if args.misses else ():
                print(f"    {miss}")
    total = sum(r.total for r in rows)
    found, agreed = sum(r.found for r in rows), sum(r.agreed for r in rows)
    documents_with = sum(1 for r in rows if r.total)
    print(f"{'total (' + str(documents_with) + ' documents)':<52} {total:>13} {found:>6} {agreed:>6}"
          f"   found {found / total if total else 0:.3f}, agreed {agreed / total if total else 0:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
