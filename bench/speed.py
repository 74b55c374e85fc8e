"""Speed figures (issue 13): the seed in a warm process and as a cold command, batch over corpus folders.

    python -m bench.speed [--repeat 20] [--batch text html more/text more/ixbrl] [--jobs N] [--no-validate]

Prints, for the seed: the conversion alone and conversion + validation in one warm process (median of
--repeat runs), and the cold command line (`xbrl-convert convert`, median of 3); for each --batch
folder of ../shared/corpus: documents per second through `xbrl-convert batch` and the peak memory of
its processes; and the largest document of those folders, converted alone. Figures only: nothing here
asserts a time.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "biosphere-medical-2007q2-ex99-1.txt"
SUFFIXES = (".txt", ".htm", ".html")


def warm(path: Path, repeat: int, validate: bool) -> tuple[float, float | None]:
    """Median seconds of a conversion, and of conversion + validation, in this process."""
    from converter import convert

    data = path.read_bytes()
    convert(data, path=path.name)  # tables and taxonomy loaded once
    alone = statistics.median(_timed(lambda: convert(data, path=path.name)) for _ in range(repeat))
    if not validate:
        return alone, None
    from converter.validation import Validator

    with Validator() as validator:  # one warm Arelle, as batch and a long-running caller use it
        convert(data, path=path.name).validate(validator=validator)
        both = statistics.median(_timed(lambda: convert(data, path=path.name).validate(validator=validator))
                                 for _ in range(repeat))
    return alone, both


def cold(path: Path, validate: bool, repeat: int = 3) -> float:
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, "-m", "converter", "convert", str(path), "-o", out] + ([] if validate else ["--no-validate"])
        return statistics.median(_timed(lambda: subprocess.run(command, capture_output=True, env=_environment())) for _ in range(repeat))


def batch(folder: Path, jobs: int, validate: bool) -> tuple[int, float, float]:
    """(documents, seconds, peak MB of the largest process) of `xbrl-convert batch` over a folder."""
    documents = [p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES]
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, "-m", "converter", "batch", str(folder), "-o", out, "-j", str(jobs), "-q", "--force"]
        command += [] if validate else ["--no-validate"]
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        seconds = _timed(lambda: subprocess.run(command, capture_output=True, env=_environment()))
        peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return len(documents), seconds, peak / 1024


def _timed(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def _environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--batch", nargs="*", default=["text", "html", "more/text", "more/ixbrl"])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--no-validate", dest="validate", action="store_false")
    args = parser.parse_args(argv)
    seed = SEED if SEED.exists() else ROOT / "examples" / "northwind-2008q3-ex99-1.txt"
    alone, both = warm(seed, args.repeat, args.validate)
    print(f"{seed.name}: warm convert {alone * 1000:.0f} ms" + (f", convert + validate {both * 1000:.0f} ms" if both else "")
          + f" (median of {args.repeat})")
    print(f"{seed.name}: cold command {cold(seed, args.validate):.2f} s {'with' if args.validate else 'without'} validation (median of 3)")
    largest = None
    for name in args.batch:
        folder = SHARED / "corpus" / name
        if not folder.is_dir():
            print(f"{name}: not found, skipped")
            continue
        count, seconds, peak = batch(folder, args.jobs, args.validate)
        print(f"batch {name}: {count} documents in {seconds:.1f} s, {count / seconds:.2f} documents/s "
              f"({args.jobs} jobs), peak {peak:.0f} MB per process")
        biggest = max((p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES), key=lambda p: p.stat().st_size, default=None)
        if biggest and (largest is None or biggest.stat().st_size > largest.stat().st_size):
            largest = biggest
    if largest is not None:
        print(f"largest: {largest.name} ({largest.stat().st_size / 2**20:.1f} MB): cold command {cold(largest, args.validate, 1):.1f} s")


if __name__ == "__main__":
    main()
