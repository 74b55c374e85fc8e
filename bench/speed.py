"""Speed figures (issue 13): the seed warm and cold, batch over corpus folders, the largest document, a 5 MB submission.

    python -m bench.speed [--repeat 20] [--batch releases text html more/text more/ixbrl] [--jobs N]
                          [--no-validate] [--skip seed,cold,batch,largest,submission]

Prints, for the seed: the conversion alone and conversion + validation in one warm process (median of
--repeat runs), with the CPU time of each phase (conversion, writing the files, trimming the taxonomy
package, Arelle in its child); the cold command line (`xbrl-convert convert`, median of 3) with the
CPU time of the command's process and of its Arelle child. For each --batch set: documents per
second through `xbrl-convert batch`, the CPU seconds per document, and the peak resident memory of
each kind of process (the batch's own, a conversion worker, an Arelle child; a job is one worker and
one child); `releases` is every 8-K exhibit of ../shared/corpus (EX-99 and whole 8-K submissions of
text, html and more/text), the other names are folders of ../shared/corpus. Then the largest document
of those sets and a made-up 5 MB EDGAR submission, each as a cold command (after one untimed run
that compiles the modules and fills the cache of converter/cache.py, as for an installed command). CPU time is the figure to
compare on a loaded machine: wall time there includes waiting for the other processes. Figures only:
nothing here asserts a time. Memory is read from /proc (Linux).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SEED = SHARED / "seed" / "biosphere-medical-2007q2-ex99-1.txt"
EXAMPLE = ROOT / "examples" / "northwind-2008q3-ex99-1.txt"
SUFFIXES = (".txt", ".htm", ".html")
RELEASE_FOLDERS = ("text", "html", "more/text")
_TICK = os.sysconf("SC_CLK_TCK")
# Runs the command line and leaves its CPU time and its children's (the Arelle child) in a file.
_CPU_WRAPPER = """import atexit, json, resource, runpy, sys
def _cpu(path=sys.argv[1]):
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(path, "w") as out:
        json.dump({"own": own.ru_utime + own.ru_stime, "children": kids.ru_utime + kids.ru_stime}, out)
atexit.register(_cpu)
sys.argv = ["xbrl-convert"] + sys.argv[2:]
runpy.run_module("converter", run_name="__main__")
"""


@dataclass(frozen=True)
class Cold:
    wall: float
    own_cpu: float  # the command's process
    child_cpu: float  # its Arelle child


# ----------------------------------------------------------------------------- the seed in one process

def warm(path: Path, repeat: int, validate: bool) -> None:
    """Median seconds of a conversion, and of conversion + validation, in this process, with the CPU
    time of each phase."""
    from converter import convert

    data = path.read_bytes()
    convert(data, path=path.name)  # tables and taxonomy loaded once
    alone = statistics.median(_timed(lambda: convert(data, path=path.name)) for _ in range(repeat))
    print(f"{path.name}: warm convert {alone * 1000:.0f} ms (median of {repeat})")
    if not validate:
        return
    from converter.validation import Validator

    with Validator() as validator:  # one warm Arelle, as batch and a long-running caller use it
        convert(data, path=path.name).validate(validator=validator)
        both = statistics.median(_timed(lambda: convert(data, path=path.name).validate(validator=validator))
                                 for _ in range(repeat))
        phases = [_phases(validator, data, path.name) for _ in range(repeat)]
    cpu = {name: statistics.median(p[name] for p in phases) * 1000 for name in phases[0]}
    print(f"{path.name}: warm convert + validate {both * 1000:.0f} ms (median of {repeat}); CPU ms: "
          + ", ".join(f"{name} {ms:.0f}" for name, ms in cpu.items()) + f", total {sum(cpu.values()):.0f}")


def _phases(validator, data: bytes, name: str) -> dict[str, float]:
    """CPU seconds of each phase of one convert + validate (Arelle's in its child, from /proc)."""
    from converter import convert

    with tempfile.TemporaryDirectory() as folder:
        started = time.process_time()
        result = convert(data, path=name)
        converted = time.process_time()
        instance = str(Path(result.write(folder).instance).resolve())
        written = time.process_time()
        package = validator._package_for(instance)
        trimmed = time.process_time()
        before = _process_cpu(validator._child._process.pid)
        validator._ask({"file": instance, "packages": [str(package)], "efm_plugin": ""}, validator.timeout)
        arelle = _process_cpu(validator._child._process.pid) - before
    return {"convert": converted - started, "write": written - converted, "trim package": trimmed - written,
            "Arelle child": arelle}


def _process_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICK


# ----------------------------------------------------------------------------- cold commands

def cold(path: Path, validate: bool, repeat: int = 3) -> Cold:
    """`xbrl-convert convert` in a fresh process: median wall time, and the CPU of that run."""
    runs = []
    with tempfile.TemporaryDirectory() as out:
        cpu_file = Path(out) / "cpu.json"
        command = [sys.executable, "-c", _CPU_WRAPPER, str(cpu_file), "convert", str(path), "-o", str(Path(out) / "o")]
        command += [] if validate else ["--no-validate"]
        subprocess.run(command, capture_output=True, env=_environment())  # compiles the modules, fills the cache
        for _ in range(repeat):
            wall = _timed(lambda: subprocess.run(command, capture_output=True, env=_environment()))
            cpu = json.loads(cpu_file.read_text())
            runs.append(Cold(wall, cpu["own"], cpu["children"]))
    runs.sort(key=lambda r: r.wall)
    return runs[len(runs) // 2]


def _print_cold(label: str, run: Cold, validate: bool, repeat: int) -> None:
    print(f"{label}: cold command {run.wall:.2f} s {'with' if validate else 'without'} validation "
          f"(median of {repeat}); CPU {run.own_cpu:.2f} s in the command" + (f", {run.child_cpu:.2f} s in Arelle" if validate else ""))


# ----------------------------------------------------------------------------- batch

def batch_set(name: str) -> list[Path]:
    """The documents of a set: `releases` (every 8-K of the corpus) or a corpus folder."""
    if name == "releases":
        return sorted(p for folder in RELEASE_FOLDERS for p in (CORPUS / folder).glob("*")
                      if p.suffix.lower() in SUFFIXES and "_8K" in p.name)
    folder = CORPUS / name
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES) if folder.is_dir() else []


def batch(documents: list[Path], jobs: int, validate: bool) -> dict:
    """`xbrl-convert batch` over the documents (linked into one folder): seconds, CPU and peak memory."""
    with tempfile.TemporaryDirectory() as work:
        inputs = Path(work) / "in"
        inputs.mkdir()
        for number, document in enumerate(documents):
            (inputs / f"{number:03d}-{document.name}").symlink_to(document)
        command = [sys.executable, "-m", "converter", "batch", str(inputs), "-o", str(Path(work) / "out"),
                   "-j", str(jobs), "-q", "--force"] + ([] if validate else ["--no-validate"])
        before = _children_cpu()
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_environment())
        peaks = _watch(process)
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "cpu": _children_cpu() - before, **peaks}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _watch(process: subprocess.Popen) -> dict[str, float]:
    """Peak RSS (MB) of the batch process, of any conversion worker and any Arelle child, and the CPU
    seconds of each kind (as last seen: up to 50 ms of a process's end can be missed), sampled every
    50 ms until the batch ends."""
    peaks = {"main": 0.0, "worker": 0.0, "arelle": 0.0}
    cpu: dict[int, tuple[str, float]] = {}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            for pid, kind in _tree(process.pid).items():
                if cpu.get(pid, ("",))[0] == "arelle":  # an ending child's command line reads empty
                    kind = "arelle"
                peaks[kind] = max(peaks[kind], _rss_mb(pid))
                try:
                    cpu[pid] = (kind, _process_cpu(pid))
                except (OSError, ValueError, IndexError):
                    pass
            done.wait(0.05)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    process.wait()
    done.set()
    watcher.join()
    return {**peaks, **{f"{kind} cpu": sum(s for k, s in cpu.values() if k == kind) for kind in peaks}}


def _tree(root: int) -> dict[int, str]:
    """The batch process and its descendants, each as main, worker or arelle."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    kinds, todo = {root: "main"}, [root]
    while todo:
        parent = todo.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in kinds:
                kinds[pid] = "arelle" if "--serve" in _command_line(pid) else "worker"
                todo.append(pid)
    return kinds


def _command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


# ----------------------------------------------------------------------------- a 5 MB submission

def submission_text(size: int) -> str:
    """A made-up EDGAR 8-K submission of about size bytes: the cover, the example release as EX-99.1,
    and an EX-99.2 of prose and schedules (a long investor supplement) filling up the rest."""
    from bench.scaling import document_text

    header = ("<SEC-DOCUMENT>0000000000-08-000001.txt : 20081030\n<SEC-HEADER>0000000000-08-000001.hdr.sgml : 20081030\n"
              "ACCESSION NUMBER:\t\t0000000000-08-000001\nCONFORMED SUBMISSION TYPE:\t8-K\nPUBLIC DOCUMENT COUNT:\t\t3\n"
              "CONFORMED PERIOD OF REPORT:\t20081030\nFILED AS OF DATE:\t\t20081030\n\nFILER:\n\n\tCOMPANY DATA:\t\n"
              "\t\tCOMPANY CONFORMED NAME:\t\t\tNORTHWIND INSTRUMENTS INC\n\t\tCENTRAL INDEX KEY:\t\t\t0000999999\n"
              "\t\tFISCAL YEAR END:\t\t\t1231\n</SEC-HEADER>\n")
    cover = "FORM 8-K\n\nItem 2.02 Results of Operations and Financial Condition.\n\nThe release is furnished as Exhibit 99.1.\n"
    release = EXAMPLE.read_text(encoding="utf-8")
    filler = document_text(max(size - len(header) - len(cover) - 2 * len(release), 0))[len(release):]
    parts = [("8-K", 1, cover), ("EX-99.1", 2, release), ("EX-99.2", 3, filler)]
    documents = "".join(f"<DOCUMENT>\n<TYPE>{kind}\n<SEQUENCE>{number}\n<FILENAME>d{number}.txt\n<TEXT>\n{text}</TEXT>\n</DOCUMENT>\n"
                        for kind, number, text in parts)
    return header + documents + "</SEC-DOCUMENT>\n"


# ----------------------------------------------------------------------------- running

def _timed(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def _environment() -> dict[str, str]:
    """As an installed command runs: its modules compiled once (PYTHONDONTWRITEBYTECODE would have
    every cold run compile some 80 modules again, half a second)."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    return environment


def _print_batch(name: str, count: int, jobs: int, figures: dict) -> None:
    print(f"batch {name}: {count} documents in {figures['seconds']:.1f} s, {count / figures['seconds']:.2f} documents/s "
          f"({jobs} jobs); CPU {figures['cpu']:.1f} s, {figures['cpu'] / count * 1000:.0f} ms per document; "
          f"CPU s by process: batch {figures['main cpu']:.1f}, conversion workers {figures['worker cpu']:.1f}, "
          f"Arelle children {figures['arelle cpu']:.1f}; "
          f"peak MB: batch process {figures['main']:.0f}, conversion worker {figures['worker']:.0f}, "
          f"Arelle child {figures['arelle']:.0f} (a job: {figures['worker'] + figures['arelle']:.0f})")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--batch", nargs="*", default=["releases", "text", "html", "more/text", "more/ixbrl"])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--no-validate", dest="validate", action="store_false")
    parser.add_argument("--skip", default="", help="comma-separated: seed, cold, batch, largest, submission")
    args = parser.parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))
    seed = SEED if SEED.exists() else EXAMPLE
    if "seed" not in skip:
        warm(seed, args.repeat, args.validate)
    if "cold" not in skip:
        _print_cold(seed.name, cold(seed, args.validate), args.validate, 3)
    largest = None
    for name in args.batch if "batch" not in skip else ():
        documents = batch_set(name)
        if not documents:
            print(f"batch {name}: no documents found, skipped")
            continue
        _print_batch(name, len(documents), args.jobs, batch(documents, args.jobs, args.validate))
        biggest = max(documents, key=lambda p: p.stat().st_size)
        if largest is None or biggest.stat().st_size > largest.stat().st_size:
            largest = biggest
    if largest is not None and "largest" not in skip:
        _print_cold(f"largest: {largest.name} ({largest.stat().st_size / 2**20:.1f} MB)", cold(largest, args.validate, 1),
                    args.validate, 1)
    if "submission" not in skip:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "submission-5mb.txt"
            path.write_text(submission_text(5 * 2**20), encoding="utf-8")
            _print_cold(f"made-up 8-K submission ({path.stat().st_size / 2**20:.1f} MB)", cold(path, args.validate, 1),
                        args.validate, 1)


if __name__ == "__main__":
    main()
