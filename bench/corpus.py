"""The benchmark: convert the documents of ../shared/corpus, score them, per folder and per document.

    python -m bench.corpus [more text html pairs ixbrl ...] [--jobs N] [--no-validate] [--no-loco]
                           [--json FILE] [--compare OLD.json] [--misses] [-k TEXT] [--out DIR]

Documents with an answer key are scored (converter.evaluation): value recall, concept agreement,
top-3 agreement, sign errors (unexplained, and those the key explains), and the share of the key's
US GAAP lines that became extensions in our output. Inline XBRL documents (ixbrl/, more/ixbrl/) are
unwrapped to the plain HTML a reader sees; their key is more/keys/ or else their own face tags.
Documents without a key (more/text/, and those of text/ html/ pairs/ no key names) are converted
all the same, to show what was found and how much became extensions; a crash is a row with its
error. bench/figures.py defines the figures, the means and the comparison of two runs.

Each document of company X converts with the label table of converter.mapping.observed without X
(leave-one-company-out), so a run measures what the converter learned from other companies, not
what it remembers of this one; --no-loco gives it the whole table. Used by tests/test_corpus.py.
"""
from __future__ import annotations

import argparse
import importlib
import json
import multiprocessing
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from converter.diagnostics import ConversionError
from converter.evaluation import Score, instance_facts, load_key, model_calculations, ranked_facts, score
from converter.pipeline import Conversion, Options, convert, report_bytes
from converter.writers import write_output

from .checks import CHECK_SUMS, Checks, document_checks
from .figures import document_figures, folder_means, group, run_figures

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
PROJECT_KEYS = Path(__file__).resolve().parent / "keys"  # hand keys of more/text filings (numbers and labels only)
OBSERVED_MODULE = "converter.mapping.observed"


@dataclass
class Row:
    name: str
    score: Score | None = None  # None for a document without a key, or one that failed
    facts: int = 0
    instance: Path | None = None
    valid: bool | None = None
    validation: tuple[str, ...] = ()
    error: str = ""
    seconds: float = 0.0
    folder: str = ""  # the document's folder under corpus/: "text", "more/ixbrl", ...
    company: str = ""
    keyed: bool = True
    statements: int = 0
    lines: int = 0  # mapped statement lines of our output
    extension_lines: int = 0  # ... that got an extension concept
    checks: Checks | None = None  # the key-free measures (bench/checks.py)


@dataclass(frozen=True)
class Job:
    path: Path
    key: Path | None  # None: an inline document's own tags (keyed), or no key at all (not keyed)
    keyed: bool
    out_dir: Path
    full_table: bool = False  # the whole label table, the document's own company included


def keyed_documents(folders: list[str], shared: Path = SHARED) -> list[tuple[Path, Path | None]]:
    """(document, key) pairs of the given corpus folders; inline XBRL documents carry their key (None)."""
    pairs: list[tuple[Path, Path | None]] = []
    if "ixbrl" in folders:
        pairs.extend((path, None) for path in sorted((shared / "corpus" / "ixbrl").glob("*.htm*")))
    if "more" in folders:  # inline filings of companies new to the corpus, with keys brought to 2024
        for path in sorted((shared / "corpus" / "more" / "ixbrl").glob("*.htm*")):
            key = shared / "corpus" / "more" / "keys" / f"{path.stem}.json"
            pairs.append((path, key if key.exists() else None))
    if "more" in folders:  # plain-text filings of more/text, keyed by hand in the project
        for key in sorted(PROJECT_KEYS.glob("*.json")):
            answers = load_key(key)
            path = shared / "corpus" / "more" / "text" / answers.get("document", "")
            if path.is_file() and answers.get("lines"):
                pairs.append((path, key))
    for key in sorted((shared / "corpus" / "keys").glob("*.json")):
        document = load_key(key).get("document", "")
        for folder in folders:
            path = shared / "corpus" / folder / document
            if document and path.exists():
                pairs.append((path, key))
    return pairs


def unkeyed_documents(folders: list[str], shared: Path = SHARED) -> list[Path]:
    """The documents of the folders no answer key names: more/ for more/text/, and the rest of text/,
    html/ and pairs/ (a pair's XBRL instance is its key's source, not a document)."""
    keyed = {path for path, _ in keyed_documents(folders, shared)}
    paths: list[Path] = []
    for folder in folders:
        where = shared / "corpus" / ("more/text" if folder == "more" else folder)
        if folder == "ixbrl" or not where.is_dir():
            continue
        paths.extend(p for p in sorted(where.iterdir())
                     if p.is_file() and p not in keyed and not p.name.endswith("_instance.xml"))
    return paths


def run(documents: list[tuple[Path, Path | None]], out_dir: Path, validate: bool = True,
        unkeyed: Sequence[Path] = (), jobs: int = 1, full_table: bool = False) -> list[Row]:
    """Rows for the keyed documents, then the unkeyed ones, in the order given whatever the jobs."""
    work = [Job(path, key, True, out_dir, full_table) for path, key in documents]
    work += [Job(path, None, False, out_dir, full_table) for path in unkeyed]
    if jobs > 1 and len(work) > 1:
        # the largest documents first, so that no process is left with one long document at the end
        order = sorted(range(len(work)), key=lambda i: -work[i].path.stat().st_size)
        rows: list[Row | None] = [None] * len(work)
        with multiprocessing.Pool(min(jobs, len(work))) as pool:
            for i, row in pool.imap_unordered(_indexed, [(i, work[i]) for i in order]):
                rows[i] = row
    else:
        rows = [convert_document(job) for job in work]
    if validate:
        _validate(rows)
    return rows


def _indexed(item: tuple[int, Job]) -> tuple[int, Row]:
    return item[0], convert_document(item[1])


def convert_document(job: Job) -> Row:
    """Convert one document and score it when it has a key; never raises (a failure is the row's error)."""
    path = job.path
    row = Row(path.name, folder=folder_of(path), company=company_of(path), keyed=job.keyed)
    started = time.perf_counter()
    try:
        data, answers = _document_and_key(path, job.key) if job.keyed else _unkeyed_document(path)
        conversion = convert(data, str(path), options_for(path, job.full_table))
        _count_lines(row, conversion)
        row.checks = document_checks(conversion)
        files = write_output(conversion.instance, job.out_dir / path.stem, {"report.json": report_bytes(conversion)})
        row.instance = files.instance
        facts = instance_facts(files.instance)
        row.facts = len(facts)
        if answers is not None:
            facts = ranked_facts(facts, conversion.instance, conversion.mapped)
            row.score = score(answers, facts, model_calculations(conversion.instance))
    except ConversionError as exc:
        row.error = str(exc).splitlines()[-1]
    except Exception:  # noqa: BLE001 - a crash is what this report must show
        row.error = traceback.format_exc().strip().splitlines()[-1]
    row.seconds = time.perf_counter() - started
    return row


def _count_lines(row: Row, conversion: Conversion) -> None:
    row.statements = len(conversion.mapped)
    row.lines = sum(len(m.lines) for m in conversion.mapped)
    row.extension_lines = sum(1 for m in conversion.mapped for line in m.lines if line.is_extension)


def folder_of(path: Path, shared: Path = SHARED) -> str:
    try:
        return path.parent.relative_to(shared / "corpus").as_posix()
    except ValueError:
        return path.parent.name


# ----------------------------------------------------------------------------- the label table

@lru_cache(maxsize=1)
def _observed():
    """converter.mapping.observed, or None while it does not exist (a module that fails to import
    for another reason is an error, not a missing table)."""
    try:
        return importlib.import_module(OBSERVED_MODULE)
    except ModuleNotFoundError as exc:
        if exc.name != OBSERVED_MODULE:
            raise
        return None


@lru_cache(maxsize=1)
def _full_table():
    return _observed().load_observed()


def company_of(path: Path) -> str:
    """The company a document belongs to: observed.company_of, or the same rule (the file name's part
    before the first "_", lower-cased) while that module does not exist."""
    module = _observed()
    return module.company_of(str(path)) if module is not None else path.name.split("_")[0].lower()


def options_for(path: Path, full_table: bool = False) -> Options:
    """The converter's options for a document: the label table without the document's company."""
    module = _observed()
    if module is None:
        return Options()
    table = _full_table()
    return Options(observed=table if full_table else table.without(module.company_of(str(path))))


def label_table_header(full_table: bool = False) -> str:
    if _observed() is None:
        return "none"
    count = _company_count(_full_table())
    if full_table:
        return f"full ({count} companies, the scored company's own labels included)"
    return f"leave-one-company-out ({count} companies)"


def _company_count(table) -> str:
    companies = getattr(table, "companies", None)
    if callable(companies):
        companies = companies()
    try:
        return str(len(companies if companies is not None else table))
    except TypeError:
        return "?"


# ----------------------------------------------------------------------------- documents and keys

def _document_and_key(path: Path, key: Path | None) -> tuple[bytes, dict]:
    """What the converter reads and the answer key: an inline XBRL document is unwrapped first."""
    from converter.inline_reader import answer_key, read_inline

    if key is not None and not _is_inline(path):
        return path.read_bytes(), load_key(key)
    document = read_inline(path.read_bytes(), str(path))
    if key is not None:
        return document.html.encode("utf-8"), load_key(key)
    return document.html.encode("utf-8"), answer_key(document.facts, path.name)


def _unkeyed_document(path: Path) -> tuple[bytes, None]:
    if _is_inline(path):
        from converter.inline_reader import read_inline

        return read_inline(path.read_bytes(), str(path)).html.encode("utf-8"), None
    return path.read_bytes(), None


def _is_inline(path: Path) -> bool:
    return path.parent.name == "ixbrl"


def _validate(rows: list[Row]) -> None:
    from converter.validation import validate_instances

    done = [r for r in rows if r.instance is not None]
    for row, report in zip(done, validate_instances([r.instance for r in done])):
        row.valid = report.ok
        row.validation = tuple(f"{m.level} {m.code}: {m.text}" for m in report.messages if m.level != "warning")


# ----------------------------------------------------------------------------- the tables

_NAME = 52
_KEYED_HEAD = (f"{'document':<{_NAME}} {'values':>6} {'value':>6} {'concept':>7} {'top-3':>6} {'signs':>5} {'expl.':>5} "
               f"{'ext.':>8} {'ext.%':>6} {'facts':>5} {'valid':>5} {'secs':>5}")
_UNKEYED_HEAD = (f"{'document':<{_NAME}} {'stmts':>6} {'facts':>6} {'lines':>6} {'ext.':>6} {'ext.%':>6} "
                 f"{'valid':>5} {'secs':>5}")


def table(rows: list[Row], misses: bool = False) -> str:
    """Per folder: a row per document and the folder's means; then the means of every folder and overall."""
    by_name = {(r.folder, r.name): r for r in rows}
    figures = [document_figures(r) for r in rows]
    groups = group(figures)
    lines: list[str] = []
    for (folder, keyed), documents in groups.items():
        if lines:
            lines.append("")
        lines.append(f"== {folder}: {len(documents)} document{'s' if len(documents) != 1 else ''} "
                     f"{'with an answer key' if keyed else 'without an answer key'}")
        lines.append(_KEYED_HEAD if keyed else _UNKEYED_HEAD)
        for d in documents:
            row = by_name[(folder, d["document"])]
            lines.append(_keyed_line(d) if keyed else _unkeyed_line(d))
            if row.score is not None:
                lines.extend(f"      explained: {why}" for why in row.score.explained_signs)
                if misses:
                    lines.extend(f"      {m}" for m in row.score.misses[:60])
            if misses:
                lines.extend(f"      {m}" for m in row.validation[:10])
        means = folder_means(documents)
        lines.append(_keyed_line(means, f"mean over {len(documents)}") if keyed else _unkeyed_line(means, f"mean over {len(documents)}"))
    keyed = [d for d in figures if d["keyed"]]
    if keyed:
        lines.append("")
        lines.append("== means")
        lines.append(_KEYED_HEAD.replace("document", "folder  ", 1))
        for (folder, is_keyed), documents in groups.items():
            if is_keyed:
                lines.append(_keyed_line(folder_means(documents), f"{folder} ({len(documents)})"))
        lines.append(_keyed_line(folder_means(keyed), f"mean over {len(keyed)} documents"))
    lines.extend(checks_table(figures))
    return "\n".join(lines)


_CHECKS_HEAD = (f"{'document':<{_NAME}} {'statements':<20} {'cells':>6} {'noted':>6} {'facts%':>6} {'totals':>6} {'foot%':>6} "
                f"{'A=L+E':>7} {'NI':>7} {'cash':>7}")


def checks_table(figures: list[dict]) -> list[str]:
    """The key-free checks per document and per folder (bench/checks.py): facts% is the share of the
    cells outside noted columns that became facts; A=L+E, NI and cash show failures/checked."""
    by_folder: dict[str, list[dict]] = {}
    for d in figures:
        by_folder.setdefault(d["folder"], []).append(d)
    lines = ["", "== key-free checks (cells that became facts, totals that foot; failures/checked)", _CHECKS_HEAD]
    for folder, documents in by_folder.items():
        lines.extend(_checks_line(d, d["document"]) for d in documents if not d["error"])
        sums = {name: sum(d[name] for d in documents) for name in CHECK_SUMS}
        lines.append(_checks_line(sums, f"{folder} ({len(documents)})"))
    return lines


def _checks_line(d: dict, name: str) -> str:
    def ratio(failed: str, checked: str) -> str:
        return f"{d[failed]}/{d[checked]}"

    counted = d["cells"] - d["cells_noted"]
    return (f"{name:<{_NAME}} {d.get('kinds', ''):<20} "
            f"{d['cells']:>6} {d['cells_noted']:>6} {_percent(d['cells_as_facts'] / counted if counted else None)} "
            f"{d['totals']:>6} {_percent(d['totals_footing'] / d['totals'] if d['totals'] else None)} "
            f"{ratio('balance_failures', 'balance_checks'):>7} {ratio('net_income_failures', 'net_income_checks'):>7} "
            f"{ratio('cash_failures', 'cash_checks'):>7}")



def _keyed_line(d: dict, name: str | None = None) -> str:
    head = f"{(name or d['document']):<{_NAME}}"
    if d.get("error") and name is None:
        return f"{head} {'':>6} {'':>6} {'':>7} {'':>6} {'':>5} {'':>5} {'':>8} {'':>6} {'':>5} {'':>5} {d['seconds']:5.1f}  {d['error']}"
    extensions = f"{d['extension_lines']}/{d['standard_lines']}"
    return (f"{head} {d['values']:>6} {d['value_recall']:6.3f} {d['concept_agreement']:7.3f} {d['top3_agreement']:6.3f} "
            f"{d['sign_errors']:>5} {d['explained_signs']:>5} {extensions:>8} {_percent(d['extension_share'])} "
            f"{d['facts']:>5} {_valid(d)} {_seconds(d)}")


def _unkeyed_line(d: dict, name: str | None = None) -> str:
    head = f"{(name or d['document']):<{_NAME}}"
    if d.get("error") and name is None:
        return f"{head} {'':>6} {'':>6} {'':>6} {'':>6} {'':>6} {'':>5} {d['seconds']:5.1f}  {d['error']}"
    errors = f"  {d['errors']} failed" if name is not None and d.get("errors") else ""
    return (f"{head} {d['statements']:>6} {d['facts']:>6} {d['lines']:>6} {d['our_extension_lines']:>6} "
            f"{_percent(d['our_extension_share'])} {_valid(d)} {_seconds(d)}{errors}")


def _percent(share: float | None) -> str:
    return f"{'-':>6}" if share is None else f"{100 * share:6.1f}"


def _valid(d: dict) -> str:
    valid = d.get("valid")
    if "documents" in d:  # means: how many are valid
        return f"{'-' if valid is None else valid:>5}"
    return f"{ {True: 'yes', False: 'NO', None: '-'}[valid]:>5}"


def _seconds(d: dict) -> str:
    return f"{d['seconds']:5.1f}" if "seconds" in d else f"{'':>5}"


# ----------------------------------------------------------------------------- command line

def main(argv: list[str] | None = None) -> int:
    from .figures import compare

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", default=["text"], help="more text html pairs ixbrl (default: text)")
    parser.add_argument("--out", type=Path, help="where the instances go (default: a new temporary folder)")
    parser.add_argument("--misses", action="store_true", help="list what each document misses")
    parser.add_argument("--no-validate", action="store_true")
    parser.add_argument("--no-loco", action="store_true", help="the whole label table, the scored company included")
    parser.add_argument("--no-unkeyed", action="store_true", help="only the documents with an answer key")
    parser.add_argument("--jobs", type=int, default=1, help="documents converted in this many processes")
    parser.add_argument("--json", type=Path, help="write every figure of the run to this file")
    parser.add_argument("--compare", type=Path, metavar="OLD.json", help="print the differences from an earlier run's --json")
    parser.add_argument("-k", help="only documents whose name contains this")
    args = parser.parse_args(argv)

    documents = [d for d in keyed_documents(args.folders) if not args.k or args.k in d[0].name]
    unkeyed = [] if args.no_unkeyed else [p for p in unkeyed_documents(args.folders) if not args.k or args.k in p.name]
    out = args.out or Path(tempfile.mkdtemp(prefix="corpus-"))
    header = {"folders": args.folders, "label_table": label_table_header(args.no_loco), "validate": not args.no_validate,
              "jobs": args.jobs, "filter": args.k or ""}
    print(f"label table: {header['label_table']}")
    started = time.perf_counter()
    rows = run(documents, out, validate=not args.no_validate, unkeyed=unkeyed, jobs=max(1, args.jobs), full_table=args.no_loco)
    header["seconds"] = round(time.perf_counter() - started, 1)
    print(table(rows, args.misses))
    print(f"{len(rows)} documents in {header['seconds']} s; output in {out}", file=sys.stderr)
    figures = run_figures(rows, header)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    if args.compare:
        print()
        print(compare(json.loads(args.compare.read_text(encoding="utf-8")), figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
