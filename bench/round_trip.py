"""The four output formats read back: the seed and every document of ../shared/corpus/ converted to
xml, ixbrl, json and csv with one warm Arelle (per job), each document loaded back by Arelle
(converter.validation.load_facts), and per folder: documents, facts, documents whose four fact sets
are identical, Arelle's load errors, facts.csv rows without a file and line, whether pandas reads
facts.csv with its documented types, and the accounting checks of validation.json (ok/fails/n.a.).

    python -m bench.round_trip [FOLDER ...] [--jobs 2] [--json out.json]

Prints figures; not a test. Documents that do not convert are listed with their XC code.
"""
from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FOLDERS = {"seed": SHARED / "seed", **{name: SHARED / "corpus" / name
                                        for name in ("text", "html", "pairs", "ixbrl", "more/ixbrl", "more/text")}}
FORMATS = ("xml", "ixbrl", "json", "csv")
# the types README's facts.csv section promises from pandas.read_csv(parse_dates=[period_start, period_end])
TYPES = {"period_start": "M", "period_end": "M", "decimals": "f", "value": "f", "extension": "b", "score": "f",
         "line": "i", "column": "i"}
_validator = None


def documents(folder: Path) -> list[Path]:
    from converter.batch import collect_inputs

    return [p for p in collect_inputs([str(folder)]) if not p.name.endswith(".gold.json")]


def round_trip(path: str) -> dict:
    """One document's figures (in a worker: its warm Validator lives as long as the process)."""
    global _validator
    from converter.diagnostics import ConversionError
    from converter.pipeline import convert, read_input
    from converter.validation import Validator
    from converter.validation_report import checked_output
    from converter.writers import document_name, publish_output

    if _validator is None:
        _validator = Validator()
    try:
        data, name = read_input(path)
        conversion = convert(data, name)
        with tempfile.TemporaryDirectory(prefix="round-trip-") as folder:
            files, _, checks = checked_output(conversion, FORMATS, _validator, Path(folder), validate=False)
            publish_output(conversion.instance, files, Path(folder), FORMATS)
            loaded = {f: _validator.load_facts(Path(folder) / document_name(conversion.instance, f)) for f in FORMATS}
            table = files["facts.csv"]
    except ConversionError as failure:
        codes = sorted({d.code for d in failure.diagnostics if d.severity.name == "ERROR"} or {d.code for d in failure.diagnostics})
        return {"document": path, "failed": ",".join(codes)}
    sets = {f: Counter(_fact_key(fact) for fact in facts.facts) for f, facts in loaded.items()}
    differs = {f: _difference(sets["xml"], sets[f]) for f in FORMATS[1:] if sets[f] != sets["xml"]}
    return {"document": path, "facts": len(conversion.instance.facts), "loaded": {f: len(facts.facts) for f, facts in loaded.items()},
            "identical": not differs, "differs": differs,
            "load_errors": [f"{f}: {m.code}: {m.text[:160]}" for f, facts in loaded.items() for m in facts.errors],
            **_table_figures(table), "checks": dict(Counter(c.result for c in checks))}


def _fact_key(fact) -> tuple:
    """A number by its value (xBRL-JSON writes 22119000 as 22119000.0, inline XBRL 1.30 as 1.3)."""
    from decimal import Decimal, InvalidOperation

    concept, period, unit, value, decimals, dims = fact
    if unit:
        try:
            value = Decimal(value).normalize()
        except (InvalidOperation, TypeError):
            pass
    return concept, period, unit, str(value), decimals, tuple(sorted(dims))


def _difference(xml: Counter, other: Counter) -> list[str]:
    return [f"missing {k}" for k in list((xml - other))[:3]] + [f"extra {k}" for k in list((other - xml))[:3]]


def _table_figures(table: bytes) -> dict:
    import csv

    rows = list(csv.DictReader(io.StringIO(table.decode("utf-8"))))
    unsourced = sum(1 for r in rows if not r["file"] or not r["line"] or int(r["line"]) < 1)
    try:
        import pandas

        frame = pandas.read_csv(io.BytesIO(table), parse_dates=["period_start", "period_end"])
        kinds = {n: frame[n].dtype.kind for n in TYPES}
        wrong = {n: k for n, k in kinds.items() if k != TYPES[n]}
        pandas_ok = not wrong and len(frame) == len(rows)
    except Exception as failure:  # a table pandas cannot read is a figure here, not the end of the run
        wrong, pandas_ok = {"error": f"{type(failure).__name__}: {failure}"}, False
    return {"rows": len(rows), "unsourced_rows": unsourced, "pandas_ok": pandas_ok, "pandas_types": wrong}


def summary(results: list[dict]) -> dict:
    done = [r for r in results if "failed" not in r]
    checks = Counter()
    for r in done:
        checks.update(r["checks"])
    return {"documents": len(results), "converted": len(done), "facts": sum(r["facts"] for r in done),
            "identical": sum(r["identical"] for r in done), "load_errors": sum(len(r["load_errors"]) for r in done),
            "unsourced_rows": sum(r["unsourced_rows"] for r in done), "pandas_ok": sum(r["pandas_ok"] for r in done),
            "checks_ok": checks["ok"], "checks_fail": checks["fails"], "checks_na": checks["not applicable"],
            "failed": [f"{Path(r['document']).name} {r['failed']}" for r in results if "failed" in r]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", default=list(FOLDERS), help=f"of {', '.join(FOLDERS)} (default: all)")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--json", metavar="FILE", help="Also write every document's figures here.")
    args = parser.parse_args(argv)
    paths = {name: [str(p) for p in documents(FOLDERS[name])] for name in args.folders if FOLDERS[name].is_dir()}
    everything = [p for ps in paths.values() for p in ps]
    if args.jobs > 1:
        with ProcessPoolExecutor(args.jobs) as pool:
            results = dict(zip(everything, pool.map(round_trip, everything)))
    else:
        results = {p: round_trip(p) for p in everything}
    header = ("folder", "docs", "converted", "facts", "identical", "load errors", "unsourced rows", "pandas ok",
              "checks ok/fails/n.a.")
    print(" | ".join(header))
    totals: dict[str, dict] = {}
    for name, ps in paths.items():
        s = totals[name] = summary([results[p] for p in ps])
        print(" | ".join(map(str, (name, s["documents"], s["converted"], s["facts"], s["identical"], s["load_errors"],
                                   s["unsourced_rows"], s["pandas_ok"], f"{s['checks_ok']}/{s['checks_fail']}/{s['checks_na']}"))))
    for name, s in totals.items():
        if s["failed"]:
            print(f"{name}: not converted: {'; '.join(s['failed'])}")
    for r in results.values():
        if "failed" not in r and (not r["identical"] or r["load_errors"] or not r["pandas_ok"] or r["unsourced_rows"]):
            print(f"{Path(r['document']).name}: differs {r['differs']} load errors {r['load_errors'][:3]} "
                  f"pandas {r['pandas_types']} unsourced {r['unsourced_rows']}")
    if args.json:
        Path(args.json).write_text(json.dumps({"folders": totals, "documents": list(results.values())}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
