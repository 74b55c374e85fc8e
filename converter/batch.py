"""Batch conversion: many documents into one folder each, in worker processes, with a manifest.

A document that cannot be converted is a row of the manifest, never the end of the run. A rerun skips
documents whose manifest row says they were done from the same bytes and whose output is still there.
Validation runs afterwards, several instances per Arelle process.
"""
from __future__ import annotations

import csv
import glob
import hashlib
import io
import json
import os
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from .diagnostics import ConversionError, Severity, error

DOCUMENT_SUFFIXES = frozenset({".txt", ".htm", ".html", ".xhtml", ".nc"})
MANIFEST_JSON, MANIFEST_CSV = "batch.json", "batch.csv"
DONE = frozenset({"converted", "invalid"})
FAILED = frozenset({"failed", "error", "invalid"})  # statuses that make the batch's exit status 1

__all__ = ["BatchRow", "collect_inputs", "run_batch"]


@dataclass(frozen=True)
class BatchRow:
    """One document of a batch, as the manifest has it."""

    document: str
    output: str = ""
    status: str = "pending"  # converted, invalid, failed, duplicate, error
    exit_code: int = 0
    statements: int = 0
    facts: int = 0
    extension_facts: int = 0
    unconverted: int = 0
    valid: bool | None = None  # None: not validated
    checks_failed: int = 0  # accounting checks that fail (validation.json has them all)
    seconds: float = 0.0
    message: str = ""
    sha256: str = ""
    skipped: bool = field(default=False, compare=False)  # done by an earlier run, not redone
    documents: tuple[str, ...] = field(default=(), compare=False)  # the output documents, one per format

    FIELDS = ("document", "output", "status", "exit_code", "statements", "facts", "extension_facts",
              "unconverted", "valid", "checks_failed", "seconds", "message", "sha256")


def collect_inputs(inputs: list[str]) -> list[Path]:
    """Files, folders (their documents, recursively) and glob patterns, in a stable order, once each."""
    found: dict[Path, None] = {}
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            matches = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES)
        elif path.exists():
            matches = [path]
        else:
            matches = sorted(Path(p) for p in glob.glob(item, recursive=True) if Path(p).is_file())
        for match in matches:
            found.setdefault(match.resolve(), None)
    return list(found)


def run_batch(inputs: list[Path], out_dir: Path, *, jobs: int = 1, validate: bool = True, force: bool = False,
              progress=None, cluster: str | None = None, cluster_timeout: float = 30,
              formats: tuple[str, ...] = ("xml",)) -> list[BatchRow]:
    """Convert every input into out_dir/<name>/ (the documents of formats, validation.json with the
    accounting checks and, once validated, Arelle's verdict), write the manifest, return its rows in input order.
    progress(done, total, phase) is called as documents finish. cluster: the address of a Dask
    distributed scheduler whose workers convert instead of local processes (they must see the
    inputs and out_dir at the same paths, as on a shared file system)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    previous = {} if force else _previous_rows(out_dir)
    rows = _plan(inputs, out_dir, previous)
    todo = [i for i, row in enumerate(rows) if row.status == "pending"]
    tick = _ticker(progress, len(rows), "convert", len(rows) - len(todo))
    tasks = [(rows[i], str(out_dir.resolve()), tuple(formats)) for i in todo]
    finished = _map_on_cluster(_convert_one, tasks, cluster, todo, cluster_timeout) if cluster else _map(_convert_one, tasks, jobs, todo)
    for index, row in finished:
        rows[index] = row
        tick()
    if validate:
        rows = _validate(rows, out_dir, jobs, progress)
    _write_manifest(rows, out_dir)
    return rows


def _plan(inputs: list[Path], out_dir: Path, previous: dict[str, BatchRow]) -> list[BatchRow]:
    rows: list[BatchRow] = []
    names: set[str] = set()
    first_of: dict[str, BatchRow] = {}
    for path in inputs:
        digest = _digest(path)
        if digest in first_of:
            rows.append(BatchRow(str(path), first_of[digest].output, "duplicate", 0, message=f"the same bytes as {first_of[digest].document}",
                                 sha256=digest))
            continue
        name = _output_name(path, names)
        earlier = previous.get(str(path))
        if earlier and earlier.status in DONE and earlier.sha256 == digest and (out_dir / earlier.output).is_dir():
            row = replace(earlier, skipped=True)
        else:
            row = BatchRow(str(path), name, sha256=digest)
        names.add(row.output)
        first_of[digest] = row
        rows.append(row)
    return rows


def _convert_one(task: tuple[BatchRow, str, tuple[str, ...]]) -> BatchRow:
    """Convert one document (in a worker process) as convert does without validating (Arelle saves
    the OIM formats); every failure becomes the row's status."""
    from .pipeline import convert, read_input
    from .validation_report import checked_output, failed_checks
    from .writers import document_name, publish_output

    row, out_dir, formats = task
    started = time.perf_counter()
    folder = Path(out_dir) / row.output
    try:
        data, name = read_input(row.document)
        conversion = convert(data, name)
        files, _, checks = checked_output(conversion, formats, None, folder, validate=False)
        publish_output(conversion.instance, files, folder, formats)
    except ConversionError as failure:
        errors = [d for d in failure.diagnostics if d.severity is Severity.ERROR] or list(failure.diagnostics)
        return replace(row, status="failed", exit_code=failure.exit_code, message=str(errors[-1]) if errors else "",
                       seconds=round(time.perf_counter() - started, 3))
    except Exception as failure:  # a bug must not end the run: the row says what happened
        return replace(row, status="error", exit_code=1, message=f"{type(failure).__name__}: {failure}",
                       seconds=round(time.perf_counter() - started, 3))
    instance = conversion.instance
    prefix = instance.extension.prefix
    return replace(row, status="converted", exit_code=0, statements=len(conversion.statements), facts=len(instance.facts),
                   extension_facts=sum(1 for f in instance.facts if f.concept.qname.startswith(f"{prefix}:")),
                   unconverted=len(conversion.not_converted()), checks_failed=failed_checks(checks),
                   documents=tuple(document_name(instance, f) for f in formats), seconds=round(time.perf_counter() - started, 3))


def _validate(rows: list[BatchRow], out_dir: Path, jobs: int, progress) -> list[BatchRow]:
    """Each of `jobs` threads drives its own warm Validator (one Arelle child kept alive for the run)."""
    import queue
    import threading

    from .validation import Validator

    todo = [i for i, row in enumerate(rows) if row.status == "converted" and not row.skipped]
    tick = _ticker(progress, len(todo), "validate", 0)
    rows = list(rows)
    pending: queue.SimpleQueue[int] = queue.SimpleQueue()
    for i in todo:
        pending.put(i)
    lock = threading.Lock()

    def drain() -> None:
        with Validator() as validator:
            while True:
                try:
                    i = pending.get_nowait()
                except queue.Empty:
                    return
                reports = _validate_folder(out_dir / rows[i].output, rows[i].documents, validator)
                with lock:
                    rows[i] = _validated(rows[i], reports)
                    tick()

    workers = min(max(1, jobs), len(todo))
    with ThreadPoolExecutor(max(1, workers)) as pool:
        list(pool.map(lambda _: drain(), range(workers)))
    return rows


def _validate_folder(folder: Path, documents: tuple[str, ...], validator) -> dict:
    """Arelle's report on each output document of the folder, added to its validation.json."""
    from .validation_report import validation_bytes, with_validation

    reports = {name: validator.validate(folder / name) for name in documents}
    report = folder / "validation.json"
    staged = folder / f".validation.json.{os.getpid()}"
    staged.write_bytes(validation_bytes(with_validation(json.loads(report.read_text(encoding="utf-8")), reports)))
    os.replace(staged, report)
    return reports


def _validated(row: BatchRow, reports: dict) -> BatchRow:
    ok = all(r.ok for r in reports.values())
    errors = sum(len(r.errors) for r in reports.values())
    inconsistencies = sum(len(r.inconsistencies) for r in reports.values())
    return replace(row, valid=ok, status="converted" if ok else "invalid", exit_code=0 if ok else 1,
                   message="" if ok else f"{errors} errors, {inconsistencies} calculation inconsistencies")


def _map(function, tasks: list, jobs: int, indices: list[int]):
    """(index, result) as tasks finish; in this process when one job is asked for."""
    if jobs <= 1 or len(tasks) <= 1:
        for index, task in zip(indices, tasks):
            yield index, function(task)
        return
    with ProcessPoolExecutor(jobs) as pool:
        futures = {pool.submit(function, task): index for index, task in zip(indices, tasks)}
        from concurrent.futures import as_completed

        for future in as_completed(futures):
            yield futures[future], future.result()


def _map_on_cluster(function, tasks: list, address: str, indices: list[int], timeout: float):
    """(index, result) as the cluster's workers finish tasks; Dask is the optional `cluster` extra."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise ConversionError([error("XC007", "--cluster needs Dask: pip install 'xbrl-converter[cluster]'")]) from None
    try:
        client = Client(address, timeout=timeout)
    except OSError as failure:
        raise ConversionError([error("XC008", f"cannot reach the Dask scheduler at {address!r}: {failure}")]) from None
    try:
        futures = {client.submit(function, task, pure=False): index for index, task in zip(indices, tasks)}
        for future in as_completed(futures):
            yield futures[future], future.result()
    finally:
        client.close()


def _ticker(progress, total: int, phase: str, start: int):
    done = [start]
    if progress:
        progress(done[0], total, phase)

    def tick():
        done[0] += 1
        if progress:
            progress(done[0], total, phase)
    return tick


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _output_name(path: Path, taken: set[str]) -> str:
    """The document's file name without its suffix, made safe; a number added when two share it."""
    stem = "".join(c if c.isalnum() or c in "-_." else "_" for c in path.stem).strip(".") or "document"
    name, n = stem, 2
    while name in taken:
        name, n = f"{stem}-{n}", n + 1
    return name


def _previous_rows(out_dir: Path) -> dict[str, BatchRow]:
    try:
        data = json.loads((out_dir / MANIFEST_JSON).read_text(encoding="utf-8"))
        return {row["document"]: BatchRow(**{k: row[k] for k in BatchRow.FIELDS if k in row}) for row in data["documents"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _write_manifest(rows: list[BatchRow], out_dir: Path) -> None:
    records = [{k: asdict(row)[k] for k in BatchRow.FIELDS} for row in rows]
    text = io.StringIO()
    writer = csv.DictWriter(text, BatchRow.FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    for name, content in ((MANIFEST_JSON, json.dumps({"documents": records}, indent=1) + "\n"), (MANIFEST_CSV, text.getvalue())):
        staged = out_dir / f".{name}.{os.getpid()}"
        staged.write_text(content, encoding="utf-8")
        os.replace(staged, out_dir / name)
