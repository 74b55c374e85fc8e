"""How conversion time and memory grow with the input: made-up inputs of growing size along a few
axes, each converted (converter.pipeline.convert, no validation) in a fresh child process.

    python -m bench.scaling [--axes statement,html,document,copies,lines,values] [--big] [--sizes AXIS=N,N,...]

Axes (the size is in the unit named):
  statement times a statement: one text balance sheet of 50 lines, then of 10 and 50 times as many lines
  html      times a statement: the same balance sheets as HTML tables (one row a line, a cell a value)
  document  bytes: the example release, then prose and tables of figures that are no statement (a long filing)
  copies    bytes: the example release printed again and again, its figures changed each time (many statements)
  lines     lines of one balance sheet
  values    numbers on one line of an income statement (a line of megabytes at the top size)

For each size the child's wall time of convert() and its peak resident memory (ru_maxrss) are
printed; per axis, the exponent b of time ~ size^b fitted by least squares on the logarithms
(1: linear). --big adds a 50 MB document (the goal: under 60 s and 500 MB).
"""
from __future__ import annotations

import argparse
import json
import math
import random
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "northwind-2008q3-ex99-1.txt"
MB = 2**20

STATEMENT_LINES = 50  # one balance sheet of the `statement` and `html` axes at size 1
DEFAULT_SIZES = {
    "statement": (1, 10, 50),
    "html": (1, 10, 50),
    "document": (1 * MB, 2 * MB, 4 * MB, 8 * MB),
    "copies": (30_000, 60_000, 125_000, 250_000),
    "lines": (250, 500, 1000, 2000),
    "values": (2_000, 8_000, 32_000, 128_000),
}
BIG = {"document": (50 * MB,)}


@dataclass(frozen=True)
class Run:
    axis: str
    size: int
    seconds: float
    peak_mb: float
    statements: int
    error: str = ""
    cpu: float = math.nan  # CPU seconds of convert(): the figure to compare on a loaded machine


# ----------------------------------------------------------------------------- made-up inputs

_WORDS = ("revenue increased compared with the prior year period primarily due to higher volumes of field instruments "
          "sold in the western region offset in part by lower service margins and the timing of shipments the company "
          "expects demand to remain stable through the remainder of the fiscal year management believes").split()


def _prose(rng: random.Random, words: int) -> str:
    text, line = [], []
    for _ in range(words):
        line.append(rng.choice(_WORDS))
        if sum(len(w) + 1 for w in line) > 72:
            text.append(" ".join(line))
            line = []
    text.append(" ".join(line).capitalize() + ".")
    return "    " + "\n".join(text) + "\n\n"


def _amount(rng: random.Random) -> str:
    return f"{rng.randint(10, 99_999):,}"


def _side_table(rng: random.Random, number: int) -> str:
    """A table of figures under a title no statement bears (a segment schedule)."""
    rows = [f"                 Segment results, schedule {number} (in thousands)\n",
            "                                                  2008           2007\n",
            "                                              ------------   ------------\n"]
    for i in range(12):
        rows.append(f"{'   Region ' + str(i + 1) + ' field unit ' + str(number % 97):<43}{_amount(rng):>15}{_amount(rng):>15}\n")
    return "".join(rows) + "\n"


def document_text(size: int, seed: int = 1) -> str:
    """The example release, then prose and side tables up to about size bytes."""
    rng = random.Random(seed)
    parts, total, number = [EXAMPLE.read_text()], 0, 0
    while total < size - len(parts[0]):
        block = _prose(rng, 300) + _side_table(rng, number)
        parts.append(block)
        total += len(block)
        number += 1
    return "".join(parts)


def copies_text(size: int, seed: int = 1) -> str:
    """The example release again and again, each copy's figures changed (so no copy repeats another)."""
    import re

    base = EXAMPLE.read_text()
    parts, total = [], 0
    while total < size:
        shift = seed + len(parts)
        copy = re.sub(r"\d{1,3}(?:,\d{3})+", lambda m: f"{int(m.group(0).replace(',', '')) + shift:,}", base)
        parts.append(copy + "\n\n")
        total += len(copy) + 2
    return "".join(parts)


_ITEMS = ("Cash", "Receivables", "Inventories", "Prepaid items", "Deposits", "Notes", "Advances", "Investments",
          "Equipment", "Intangible items")


def _balance_rows(lines: int, seed: int = 1) -> list[tuple[str, tuple[int, ...] | None]]:
    """One balance sheet of about `lines` lines, as (label, values) rows: groups of nine items and
    their total; values None for a caption, () for a rule under a column of figures."""
    rng = random.Random(seed)
    rows: list[tuple[str, tuple[int, ...] | None]] = [("ASSETS", None)]
    grand = [0, 0]
    group = 0
    while len(rows) + 6 < lines:
        sums = [0, 0]
        rows.append((f"Group {group + 1} assets:", None))
        for i in range(9):
            a, b = rng.randint(10, 9_999), rng.randint(10, 9_999)
            sums = [sums[0] + a, sums[1] + b]
            rows.append((f"   {_ITEMS[i]} of unit {group + 1}", (a, b)))
        rows.append(("", ()))
        rows.append((f"      Total group {group + 1} assets", tuple(sums)))
        grand = [grand[0] + sums[0], grand[1] + sums[1]]
        group += 1
    half = [grand[0] // 2, grand[1] // 2]
    rows += [("      Total assets", tuple(grand)), ("LIABILITIES AND STOCKHOLDERS' EQUITY", None),
             ("   Accounts payable", tuple(half)), ("   Stockholders' equity", (grand[0] - half[0], grand[1] - half[1])),
             ("      Total liabilities and equity", tuple(grand))]
    return rows


def lines_text(lines: int, seed: int = 1) -> str:
    """One balance sheet of about `lines` lines: groups of nine items and their total."""
    out = ["                      Example Company, Inc.\n", "              CONSOLIDATED BALANCE SHEETS\n",
           "                    (in thousands)\n\n",
           "                                              December 31,   December 31,\n",
           "                                                  2008           2007\n",
           "                                              ------------   ------------\n"]
    for label, values in _balance_rows(lines - len(out), seed):
        if values is None:
            out.append(f"{label}\n")
        elif not values:
            out.append("                                                ---------      ---------\n")
        else:
            out.append(f"{label:<43}" + "".join(f"{v:>15,}" for v in values) + "\n")
    return "".join(out)


def statement_text(times: int, seed: int = 1) -> str:
    """A text balance sheet of `times` x STATEMENT_LINES lines."""
    return lines_text(times * STATEMENT_LINES, seed)


def html_text(times: int, seed: int = 1) -> str:
    """The balance sheet of statement_text as an HTML page: one table row a line, one cell a value."""
    from html import escape

    rows = ['<tr><td></td><td align="right">December 31,<br>2008</td><td align="right">December 31,<br>2007</td></tr>']
    for label, values in _balance_rows(times * STATEMENT_LINES - 6, seed):
        if values is None:
            rows.append(f"<tr><td>{escape(label)}</td><td></td><td></td></tr>")
        elif values:
            indent = (len(label) - len(label.lstrip())) // 3
            cells = "".join(f'<td align="right">{v:,}</td>' for v in values)
            rows.append(f'<tr><td style="padding-left:{indent}em">{escape(label.strip())}</td>{cells}</tr>')
    return ("<html><body>\n<p align=\"center\">Example Company, Inc.</p>\n<p align=\"center\">CONSOLIDATED BALANCE SHEETS</p>\n"
            "<p align=\"center\">(in thousands)</p>\n<table>\n" + "\n".join(rows) + "\n</table>\n</body></html>\n")


def values_text(values: int, seed: int = 1) -> str:
    """The example release with one more income statement line of `values` numbers."""
    rng = random.Random(seed)
    line = "Other revenues" + "".join(f"{_amount(rng):>11}" for _ in range(values))
    return EXAMPLE.read_text().replace("Cost of revenues  ", line + "\nCost of revenues  ", 1)


GENERATORS = {"statement": statement_text, "html": html_text, "document": document_text, "copies": copies_text,
              "lines": lines_text, "values": values_text}
SUFFIX = {"html": ".htm"}  # the others are plain text


# ----------------------------------------------------------------------------- running and fitting

def fit_exponent(sizes, seconds) -> float | None:
    """The least-squares slope of log(seconds) on log(size): time grows as size to this power."""
    points = [(math.log(s), math.log(t)) for s, t in zip(sizes, seconds) if s > 0 and t > 0]
    if len(points) < 2:
        return None
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    if spread == 0:
        return None
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread


def _child(path: str) -> None:
    """Convert one input in this process and print what it took (run by measure())."""
    import resource
    import time

    from converter.diagnostics import ConversionError
    from converter.mapping.observed import load_observed
    from converter.mapping.taxonomy import load_taxonomy
    from converter.pipeline import convert

    load_taxonomy(), load_observed()  # loaded once per process in any run: not the input's cost
    convert(EXAMPLE.read_bytes(), EXAMPLE.name)  # and the tables and indexes a first conversion builds
    data = Path(path).read_bytes()
    started, cpu = time.perf_counter(), time.process_time()
    statements, error = 0, ""
    try:
        statements = len(convert(data, path).statements)
    except ConversionError as e:
        error = e.diagnostics[-1].code if getattr(e, "diagnostics", None) else "ConversionError"
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": peak, "statements": statements, "error": error}))


def measure(axis: str, size: int, timeout: float | None = None) -> Run:
    """Convert the made-up input of one axis and size in a fresh Python process."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{axis}-{size}{SUFFIX.get(axis, '.txt')}"
        path.write_text(GENERATORS[axis](size))
        done = subprocess.run([sys.executable, "-m", "bench.scaling", "--child", str(path)],
                              capture_output=True, text=True, timeout=timeout, cwd=EXAMPLE.parents[1])
    if done.returncode != 0:
        return Run(axis, size, math.nan, math.nan, 0, (done.stderr.strip().splitlines() or ["failed"])[-1])
    found = json.loads(done.stdout.strip().splitlines()[-1])
    return Run(axis, size, found["seconds"], found["peak_mb"], found["statements"], found["error"], found["cpu"])


def _print_axis(axis: str, runs: list[Run]) -> None:
    print(f"\n{axis}")
    print(f"{'size':>12} {'seconds':>9} {'CPU s':>9} {'peak MB':>9} {'stmts':>6}  note")
    for run in runs:
        print(f"{run.size:>12,} {run.seconds:>9.2f} {run.cpu:>9.2f} {run.peak_mb:>9.0f} {run.statements:>6}  {run.error}")
    good = [r for r in runs if not r.error]
    exponents = [fit_exponent([r.size for r in good], [getattr(r, kind) for r in good]) for kind in ("seconds", "cpu")]
    print(f"{'exponent':>12} " + " ".join(f"{e:>9.2f}" if e is not None else f"{'-':>9}" for e in exponents))


def _sizes(args) -> dict[str, tuple[int, ...]]:
    sizes = {axis: DEFAULT_SIZES[axis] for axis in args.axes.split(",")}
    for spec in args.sizes:
        axis, _, numbers = spec.partition("=")
        sizes[axis] = tuple(int(float(n)) for n in numbers.split(","))
    if args.big:
        for axis, big in BIG.items():
            sizes[axis] = sizes.get(axis, ()) + big
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scaling", description=__doc__.split("\n\n")[0])
    parser.add_argument("--axes", default="statement,html,document,copies,lines,values")
    parser.add_argument("--sizes", action="append", default=[], metavar="AXIS=N,N,...", help="sizes of one axis")
    parser.add_argument("--big", action="store_true", help="add a 50 MB document")
    parser.add_argument("--timeout", type=float, default=None, help="seconds allowed to one conversion")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child)
        return 0
    for axis, sizes in _sizes(args).items():
        runs = []
        for size in sizes:
            try:
                runs.append(measure(axis, size, args.timeout))
            except subprocess.TimeoutExpired:
                runs.append(Run(axis, size, math.nan, math.nan, 0, "timed out"))
        _print_axis(axis, runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
