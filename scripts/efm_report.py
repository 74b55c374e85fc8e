"""EDGAR Filer Manual errors of many instances, tabulated by code: one Arelle process for all.

    python scripts/efm_report.py [--edgar-plugin DIR] INSTANCE_OR_FOLDER...

A folder stands for every instance under it (a bench.corpus output folder, say). Prints each
instance with errors, then occurrences and documents per error code, then the warnings.
"""
from __future__ import annotations

import argparse
import collections
from pathlib import Path

from converter.validation import efm_plugin_dir, efm_problem, instance_problem, validate_instances


def instances(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for path in map(Path, paths):
        candidates = sorted(path.rglob("*.xml")) if path.is_dir() else [path]
        found.extend(p for p in candidates if instance_problem(p) is None)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--edgar-plugin", default=None)
    args = parser.parse_args()
    plugin = efm_plugin_dir(args.edgar_plugin)
    problem = efm_problem(plugin)
    if problem:
        parser.error(problem)
    files = instances(args.paths)
    errors, documents, warnings = collections.Counter(), collections.Counter(), collections.Counter()
    for path, report in zip(files, validate_instances(files, efm_plugin=plugin, timeout=60.0 * len(files))):
        codes = collections.Counter(m.code for m in report.errors)
        errors.update(codes)
        documents.update(set(codes))
        warnings.update(m.code for m in report.messages if m.level == "warning")
        if codes:
            print(f"{path}: {dict(codes)}")
    print(f"{len(files)} instances; errors by code: occurrences (documents)")
    for code, count in errors.most_common():
        print(f"  {code}: {count} ({documents[code]})")
    print("warnings by code:")
    for code, count in warnings.most_common():
        print(f"  {code}: {count}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
