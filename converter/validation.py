"""XBRL validation by Arelle: the one module of the project that talks to Arelle.

validate_instance(path) -> ValidationReport checks an instance (ours or anyone's) with:
  * XBRL 2.1 and XBRL Dimensions validation;
  * Calculations 1.1 in round-to-nearest mode ("c11r"); an inconsistency makes the report not ok;
  * the inconsistent duplicate facts check (an error here, where Arelle only warns);
  * the Units Registry (Arelle's bundled utr.xml);
  * no internet: the official US GAAP 2024 and DEI 2024 URLs resolve to the subset in taxonomy/package
    (loaded as a taxonomy package), the XBRL specification schemas to Arelle's bundled copies, and
    anything else is reported as an error.

Arelle keeps global state (plugin and package managers) and writes configuration into its user
folder (~/.config/arelle). So it runs in a child process, with XDG_CONFIG_HOME/XDG_CACHE_HOME
pointing into a temporary folder and persistent configuration disabled: the caller's process and
the user's Arelle settings are never touched. A Validator keeps that child alive between documents,
so Arelle's start-up (about a second) is paid once; validate_instances() uses one for its files.
Each validation loads the bundled package trimmed to the concepts the instance names (see
trimmed_taxonomy): the same messages as with the whole package, in a fraction of the time.

With efm_plugin (the SEC's EDGAR plugin folder, its `validate` part) the same run also applies the
EDGAR Filer Manual rules (disclosure system "efm-pragmatic"); the plugin needs the `holidays` and
`pytz` packages (the project's `efm` extra). efm_problem() says why a folder cannot serve.

Validator.viewer() also renders the inline document wrapped by the ixbrl-viewer package (an Arelle
plugin, the project's `viewer` extra) in the same child: facts a reader can click and inspect, with
the viewer's script beside the page rather than on the internet. viewer_problem() says why it cannot.

The same warm child also serves the Open Information Model: save_oim() has Arelle load an XML
instance and save it as xBRL-JSON and xBRL-CSV (its saveLoadableOIM plugin), returned as bytes;
load_facts() has it load any instance (XML, inline, xBRL-JSON, xBRL-CSV metadata) and returns its facts.

No Arelle type leaves this module: reports carry plain strings, the viewer page and the OIM files plain bytes.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
import weakref
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

# Arelle's levels, mapped to ours. INCONSISTENCY is what calculation checks log at.
_LEVELS = {"CRITICAL": "error", "FATAL": "error", "ERROR": "error", "INCONSISTENCY": "inconsistency",
           "WARNING": "warning"}
_FAILING_LEVELS = frozenset({"error", "inconsistency"})
# Codes Arelle logs as warnings that mean the instance is wrong for us.
_ESCALATED_CODES = frozenset({"arelle:duplicateFacts"})  # only inconsistent duplicates are checked
VALIDATOR_FAILED = "xbrl-convert:validatorFailed"
PACKAGE_NAME = "xbrl-convert-taxonomy"
DEFAULT_TIMEOUT = 300.0
EFM_DISCLOSURE_SYSTEM = "efm-pragmatic"
EDGAR_PLUGIN_ENV = "XBRL_CONVERT_EDGAR_PLUGIN"
# Modules the EDGAR plugin imports beyond Arelle's own requirements.
_EFM_MODULES = ("holidays", "pytz", "regex")
_VIEWER_MODULE = "iXBRLViewerPlugin"  # the ixbrl-viewer package's Arelle plugin
VIEWER_FAILED = "xbrl-convert:viewerFailed"


@dataclass(frozen=True)
class ValidationMessage:
    code: str  # Arelle's message code, e.g. "calc11e:inconsistentCalculationUsingRounding"
    level: str  # "error" | "inconsistency" (a calculation does not add up) | "warning"
    text: str
    source: str = ""  # "file#element(...):line" of the first object the message is about


@dataclass(frozen=True)
class ValidationReport:
    ok: bool  # no error and no calculation inconsistency
    messages: tuple[ValidationMessage, ...]

    @property
    def errors(self) -> tuple[ValidationMessage, ...]:
        return tuple(m for m in self.messages if m.level == "error")

    @property
    def inconsistencies(self) -> tuple[ValidationMessage, ...]:
        return tuple(m for m in self.messages if m.level == "inconsistency")

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(m.code for m in self.messages)


@dataclass(frozen=True)
class ViewerPage:
    """The inline document wrapped by the ixbrl-viewer: the page, and the script it loads from its own
    folder (script_name, a plain file name). problem says why there is no page (then page is empty)."""

    page: bytes
    script_name: str = ""
    script: bytes = b""
    problem: str = ""


# xBRL-JSON: one file; xBRL-CSV: Arelle writes <stem>-metadata.json and its tables (<stem>-facts.csv)
OIM_SUFFIXES = {"json": ".json", "csv": ".csv"}
_OIM_ENTRIES = {"json": "{stem}.json", "csv": "{stem}-metadata.json"}


@dataclass(frozen=True)
class OimFiles:
    """What save_oim made: (file name, content) per file, each format's entry first, then its tables."""

    files: tuple[tuple[str, bytes], ...] = ()
    problem: str = ""  # why Arelle could not make them; empty when it did


# A fact as Arelle reads it back: concept qname, period ("2008-09-30" or "2008-07-01/2008-09-30"),
# unit ("iso4217:USD", "iso4217:USD/xbrli:shares"; None for text), value (its text: the number in
# canonical form, or the string), decimals ("-3", "INF"; None), dimensions ((dimension, member), ...).
LoadedFact = tuple[str, str, "str | None", str, "str | None", tuple[tuple[str, str], ...]]


@dataclass(frozen=True)
class LoadedFacts:
    facts: tuple[LoadedFact, ...]
    messages: tuple[ValidationMessage, ...]  # what Arelle said loading the file (errors and warnings)

    @property
    def errors(self) -> tuple[ValidationMessage, ...]:
        return tuple(m for m in self.messages if m.level == "error")


_XBRLI = "{http://www.xbrl.org/2003/instance}xbrl"
_INLINE_NS = "http://www.xbrl.org/2013/inlineXBRL"


def instance_problem(path: str | Path) -> str | None:
    """Why a file is not an XBRL or inline XBRL instance (None when it is one): read without entities,
    DTDs or the network. A schema, a linkbase, a catalog or a plain web page validates as XML, but
    there is no instance in it to validate. A .json file is one when it is an xBRL-JSON report or
    xBRL-CSV metadata."""
    from lxml import etree

    if Path(path).suffix.lower() == ".json":
        return _oim_problem(Path(path))

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
    try:
        root = etree.parse(str(path), parser).getroot()
    except OSError as exc:
        return f"cannot be read: {exc}"
    except etree.XMLSyntaxError as exc:
        return f"is not well-formed XML: {exc}"
    if root.tag == _XBRLI:
        return None
    if _INLINE_NS in (root.nsmap or {}).values() or root.find(f".//{{{_INLINE_NS}}}header") is not None:
        return None
    return f"is not an XBRL instance (its root element is {etree.QName(root).localname!r})"


_OIM_DOCUMENT_TYPES = ("https://xbrl.org/2021/xbrl-json", "https://xbrl.org/2021/xbrl-csv")


def _oim_problem(path: Path) -> str | None:
    try:
        report = json.loads(path.read_bytes())
    except OSError as exc:
        return f"cannot be read: {exc}"
    except ValueError as exc:
        return f"is not JSON: {exc}"
    info = report.get("documentInfo") if isinstance(report, dict) else None
    kind = info.get("documentType") if isinstance(info, dict) else None
    if kind in _OIM_DOCUMENT_TYPES:
        return None
    return f"is not an xBRL-JSON report or xBRL-CSV metadata (its documentType is {kind!r})"


def validate_instance(path: str | Path, *, timeout: float = DEFAULT_TIMEOUT,
                      efm_plugin: str | Path | None = None, full_dts: bool = False) -> ValidationReport:
    """Validate one XBRL (or inline XBRL) instance offline; with efm_plugin, also by the EDGAR rules."""
    return validate_instances([path], timeout=timeout, efm_plugin=efm_plugin, full_dts=full_dts)[0]


def save_oim(files: dict[str, bytes], instance: str, formats: Iterable[str], *,
             validator: "Validator | None" = None, timeout: float = DEFAULT_TIMEOUT) -> OimFiles:
    """The xBRL-JSON and/or xBRL-CSV forms ("json", "csv") of the XML instance named `instance`
    among `files` (its DTS: name -> content, written into a temporary folder for Arelle to load)."""
    if validator is not None:
        return validator.save_oim(files, instance, formats)
    with Validator(timeout=timeout) as own:
        return own.save_oim(files, instance, formats)


def load_facts(path: str | Path, *, validator: "Validator | None" = None,
               timeout: float = DEFAULT_TIMEOUT) -> LoadedFacts:
    """The facts of an instance (XML, inline XBRL, xBRL-JSON or an xBRL-CSV metadata file) as Arelle reads them."""
    if validator is not None:
        return validator.load_facts(path)
    with Validator(timeout=timeout) as own:
        return own.load_facts(path)


def validate_instances(paths: Iterable[str | Path], *, timeout: float = DEFAULT_TIMEOUT,
                       efm_plugin: str | Path | None = None, full_dts: bool = False) -> tuple[ValidationReport, ...]:
    """Validate several instances with one Arelle process; the reports come back in the same order.

    efm_plugin is the EDGAR plugin's `validate` folder; a folder that cannot serve (see efm_problem)
    is a ValueError, since a run without the plugin would report a filing clean that EDGAR refuses.
    timeout bounds the whole call. full_dts validates against the whole bundled package rather than
    the package trimmed to each instance's concepts (the same messages, slower)."""
    files = [Path(p) for p in paths]
    if not files:
        return ()
    with Validator(timeout=timeout, efm_plugin=efm_plugin, full_dts=full_dts) as validator:
        return validator.validate_many(files, deadline=time.monotonic() + timeout)


class Validator:
    """A warm Arelle: one child process kept alive between validations, so that Arelle's import and
    start-up are paid once per Validator, not per document. Use as a context manager (or call close()).

    Each validation gets a taxonomy package trimmed to the instance's concepts (see trimmed_taxonomy),
    except with efm_plugin or full_dts: some EDGAR rules depend on which standard concepts the DTS
    holds (a missing EntityCentralIndexKey is reported only when dei defines it), so they keep the
    whole package. A child that dies or overruns `timeout` (seconds per
    document) becomes a failed report for that document, and the next one starts a fresh child.
    Not thread-safe: one Validator per thread."""

    def __init__(self, *, timeout: float = DEFAULT_TIMEOUT, efm_plugin: str | Path | None = None,
                 full_dts: bool = False) -> None:
        self.timeout = timeout
        self._plugin = ""
        if efm_plugin is not None:
            problem = efm_problem(efm_plugin)
            if problem:
                raise ValueError(problem)
            self._plugin = str(Path(efm_plugin).resolve())
        self._trim = not (full_dts or self._plugin)
        self._work = Path(tempfile.mkdtemp(prefix="xbrl-convert-arelle-"))
        # A Validator dropped without close(): its folder goes with it (the child ends on its stdin's end).
        self._remove_work = weakref.finalize(self, shutil.rmtree, str(self._work), True)
        self._full_package: Path | None = None
        self._child: _Child | None = None

    def __enter__(self) -> "Validator":
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def start(self) -> None:
        """Start the Arelle child now rather than at the first validation: its import (about half a
        second) then runs on another core while the caller converts."""
        if self._child is None:
            started = _Child.start(self._work)
            if not isinstance(started, str):  # a child that cannot start fails the first validation
                self._child = started

    def validate(self, path: str | Path) -> ValidationReport:
        return self.validate_many([path])[0]

    def validate_many(self, paths: Iterable[str | Path], *, deadline: float | None = None) -> tuple[ValidationReport, ...]:
        """Reports in the order of paths; each document within timeout, all of them by deadline
        (a time.monotonic() value) when given."""
        files = [str(Path(p).resolve()) for p in paths]
        reports = []
        for file in files:
            remaining = self.timeout if deadline is None else min(self.timeout, deadline - time.monotonic())
            if remaining <= 0:
                reports.append(_failed(f"Arelle did not finish within {self.timeout:g} s"))
                continue
            try:
                package = self._package_for(file)
            except OSError as exc:
                reports.append(_failed(f"could not prepare the taxonomy package: {exc}"))
                continue
            # EDGAR takes no OIM report: an xBRL-JSON or xBRL-CSV file gets the XBRL checks only
            plugin = "" if file.lower().endswith(".json") else self._plugin
            reports.append(_report_of(self._ask({"file": file, "packages": [str(package)], "efm_plugin": plugin}, remaining)))
        return tuple(reports)

    def viewer(self, files: Mapping[str, bytes], document: str) -> ViewerPage:
        """The viewer page of `document`, one of `files` (file name -> content: the inline document and
        its extension taxonomy), rendered by the ixbrl-viewer plugin offline."""
        problem = viewer_problem()
        if problem:
            return ViewerPage(b"", problem=problem)
        folder = Path(tempfile.mkdtemp(prefix="viewer-", dir=self._work))
        try:
            for name, content in files.items():
                (folder / Path(name).name).write_bytes(content)
            file, page = str(folder / document), folder / "viewer" / document
            page.parent.mkdir()
            try:
                package = self._package_for(file)
            except OSError as exc:
                return ViewerPage(b"", problem=f"could not prepare the taxonomy package: {exc}")
            answer = self._ask({"action": "viewer", "file": file, "packages": [str(package)], "page": str(page)},
                               self.timeout)
            return _viewer_page(answer, page)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def save_oim(self, files: dict[str, bytes], instance: str, formats: Iterable[str]) -> OimFiles:
        """See save_oim(): the files come back in the order of formats."""
        chosen = list(dict.fromkeys(formats))
        unknown = [f for f in chosen if f not in OIM_SUFFIXES]
        if unknown:
            raise ValueError(f"not an OIM format: {', '.join(unknown)}")
        folder = Path(tempfile.mkdtemp(prefix="oim-", dir=self._work))
        try:
            for name, content in files.items():
                (folder / name).write_bytes(content)
            entry = folder / instance
            targets = [str(folder / f"{entry.stem}{OIM_SUFFIXES[f]}") for f in chosen]
            answer = self._ask_entry(entry, {"action": "oim", "targets": targets})
            if isinstance(answer, str):
                return OimFiles(problem=answer)
            failed = [m for m in answer["messages"] if m["level"] == "error"]
            if failed:
                return OimFiles(problem=f"Arelle could not load {entry.name}: {failed[0]['code']}: {failed[0]['text']}")
            return _oim_files(folder, set(files), entry.stem, chosen)
        except OSError as exc:
            return OimFiles(problem=f"could not prepare the instance for Arelle: {exc}")
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def load_facts(self, path: str | Path) -> LoadedFacts:
        """See load_facts(); a child that fails gives no facts and its problem as an error message."""
        try:
            answer = self._ask_entry(Path(path).resolve(), {"action": "facts"})
        except OSError as exc:
            answer = f"could not prepare the taxonomy package: {exc}"
        if isinstance(answer, str):
            return LoadedFacts((), _failed(answer).messages)
        facts = tuple((c, p, u, v, d, tuple(tuple(pair) for pair in dims)) for c, p, u, v, d, dims in answer["facts"])
        return LoadedFacts(facts, tuple(ValidationMessage(**m) for m in answer["messages"]))

    def close(self) -> None:
        if self._child is not None:
            self._child.stop()
            self._child = None
        self._remove_work()

    def _package_for(self, file: str) -> Path:
        from .trimmed_taxonomy import dts_words, trimmed_package  # see _package_dir

        if self._trim:
            words, positional = dts_words(file)
            if not positional:
                return trimmed_package(_package_dir(), words, self._work, PACKAGE_NAME)
        if self._full_package is None:
            self._full_package = _zip_package(_package_dir(), self._work / f"{PACKAGE_NAME}.zip")
        return self._full_package

    def _ask_entry(self, entry: Path, request: dict) -> dict | str:
        """A request about one file, with the taxonomy package for it (OSError when it cannot be made)."""
        package = self._package_for(str(entry))
        return self._ask({**request, "file": str(entry), "packages": [str(package)]}, self.timeout)

    def _ask(self, request: dict, timeout: float) -> dict | str:
        """The child's answer, or why there is none."""
        if self._child is None:
            started = _Child.start(self._work)
            if isinstance(started, str):
                return started
            self._child = started
        answer = self._child.ask(request, timeout)
        if isinstance(answer, str):  # the child is gone or stuck: a fresh one for the next document
            self._child.kill()
            self._child = None
        return answer


class _Child:
    """The Arelle host process: JSON requests on its stdin, one JSON answer a line on its stdout."""

    def __init__(self, process: subprocess.Popen, stderr_path: Path) -> None:
        import queue
        import threading

        self._process = process
        self._stderr_path = stderr_path
        self._asked = False
        self._answers: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    @classmethod
    def start(cls, work: Path) -> "_Child | str":
        env = dict(os.environ)
        env["XDG_CONFIG_HOME"] = str(work / "config")  # Arelle's user folder: config.json, packages, cache
        env["XDG_CACHE_HOME"] = str(work / "cache")
        # run_path rather than the script itself: the script's folder (converter/) must not lead sys.path.
        command = [sys.executable, "-c", "import runpy, sys; runpy.run_path(sys.argv[1], run_name='__main__')",
                   str(Path(__file__).resolve()), "--serve"]
        stderr_path = work / f"arelle-{len(list(work.glob('arelle-*.log')))}.log"
        try:
            with stderr_path.open("wb") as stderr:
                process = subprocess.Popen(command, cwd=work, env=env, stdin=subprocess.PIPE,
                                           stdout=subprocess.PIPE, stderr=stderr)
        except OSError as exc:
            return f"could not start Arelle: {exc}"
        return cls(process, stderr_path)

    def ask(self, request: dict, timeout: float) -> dict | str:
        import queue

        self._asked = True
        try:
            self._process.stdin.write(json.dumps(request).encode("utf-8") + b"\n")
            self._process.stdin.flush()
        except OSError:
            return self._problem()
        try:
            line = self._answers.get(timeout=timeout)
        except queue.Empty:
            return f"Arelle did not finish within {timeout:g} s"
        return json.loads(line) if line else self._problem()

    def stop(self) -> None:
        if not self._asked:  # started ahead and never used (the conversion failed): nothing to wait for
            self.kill()
            return
        if self._process.poll() is None:
            try:
                self._process.stdin.close()
                self._process.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                self._process.kill()
                self._process.wait()

    def kill(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()

    def _read(self) -> None:
        for line in self._process.stdout:
            self._answers.put(line)
        self._answers.put(b"")

    def _problem(self) -> str:
        try:
            status = self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            status = None
        tail = self._stderr_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-5:]
        return f"Arelle failed (exit status {status}): " + " | ".join(tail)


def efm_plugin_dir(option: str | Path | None = None) -> Path | None:
    """The EDGAR plugin folder: the option, else $XBRL_CONVERT_EDGAR_PLUGIN; the EDGAR repository's root
    (a plugin of its own, the renderer) stands for its `validate` part."""
    chosen = option or os.environ.get(EDGAR_PLUGIN_ENV)
    if not chosen:
        return None
    folder = Path(chosen).expanduser()
    if (folder / "validate" / "__init__.py").is_file():
        return folder / "validate"
    return folder


def efm_problem(plugin: str | Path | None) -> str | None:
    """Why the EDGAR checks cannot run with this plugin folder (None when they can)."""
    import importlib.util

    if plugin is None:
        return f"no EDGAR plugin given (--edgar-plugin DIR or ${EDGAR_PLUGIN_ENV})"
    folder = Path(plugin)
    if not (folder / "__init__.py").is_file():
        return f"no EDGAR plugin in {str(folder)!r} (the folder of the plugin's validate part, holding __init__.py)"
    missing = [name for name in _EFM_MODULES if importlib.util.find_spec(name) is None]
    if missing:
        return f"the EDGAR plugin needs {', '.join(missing)}: pip install 'xbrl-converter[efm]'"
    return None


def viewer_problem() -> str | None:
    """Why the viewer page cannot be made (None when it can): the ixbrl-viewer package is missing."""
    import importlib.util

    if importlib.util.find_spec(_VIEWER_MODULE) is None:
        return "--viewer needs the ixbrl-viewer package: pip install 'xbrl-converter[viewer]'"
    return None


def _viewer_page(answer: dict | str, page: Path) -> ViewerPage:
    if isinstance(answer, str):
        return ViewerPage(b"", problem=answer)
    script = Path(answer.get("script", ""))
    if not page.is_file() or not script.is_file():
        errors = [m["text"] for m in answer["messages"]
                  if m["level"] == "error" or m["code"] in ("viewer:error", "viewer:exception")]
        return ViewerPage(b"", problem="the ixbrl-viewer made no page" + (f": {errors[0]}" if errors else ""))
    return ViewerPage(page.read_bytes(), script.name, script.read_bytes())


def _package_dir() -> Path:
    from .resources import taxonomy_dir  # here, not at the top: the worker runs this file without its package

    return taxonomy_dir() / "package"


def _zip_package(package_dir: Path, zip_path: Path) -> Path:
    """Arelle loads taxonomy packages from zip files only; the zip holds one top folder, as the spec asks."""
    if not (package_dir / "META-INF" / "taxonomyPackage.xml").is_file():
        raise FileNotFoundError(f"no taxonomy package in {package_dir}; run scripts/build_taxonomy.py")
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(p for p in package_dir.rglob("*") if p.is_file()):
            archive.write(file, f"{PACKAGE_NAME}/{file.relative_to(package_dir).as_posix()}")
    return zip_path


def _failed(problem: str) -> ValidationReport:
    return ValidationReport(ok=False, messages=(ValidationMessage(VALIDATOR_FAILED, "error", problem),))


def _report_of(answer: dict | str) -> ValidationReport:
    if isinstance(answer, str):
        return _failed(answer)
    messages = tuple(ValidationMessage(**m) for m in answer["messages"])
    return ValidationReport(ok=not any(m.level in _FAILING_LEVELS for m in messages), messages=messages)


def _oim_files(folder: Path, inputs: set[str], stem: str, formats: list[str]) -> OimFiles:
    """The files Arelle wrote into folder, each format's entry first; a missing entry is a problem."""
    written = sorted(p.name for p in folder.iterdir() if p.name not in inputs and p.is_file())
    entries = [_OIM_ENTRIES[f].format(stem=stem) for f in formats]
    missing = [name for name in entries if name not in written]
    if missing:
        return OimFiles(problem=f"Arelle wrote no {', '.join(missing)}")
    tables = [name for name in written if name not in entries]
    names = [n for f, entry in zip(formats, entries) for n in (entry, *(tables if f == "csv" else ()))]
    return OimFiles(tuple((name, (folder / name).read_bytes()) for name in names))


# ---------------------------------------------------------------------------------------------
# The child process: everything below runs inside Arelle's host process only.


class _Collector(logging.Handler):
    """Keeps Arelle's warnings and errors as plain dictionaries."""

    def __init__(self, level: int = logging.WARNING) -> None:
        super().__init__(level=level)
        self.messages: list[dict[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        code = str(getattr(record, "messageCode", "") or record.levelname.lower())
        level = _LEVELS.get(record.levelname, "info" if record.levelno < logging.WARNING else "warning")
        if code in _ESCALATED_CODES:
            level = "error"
        self.messages.append({"code": code, "level": level, "text": record.getMessage(),
                              "source": _source(getattr(record, "refs", None))})


def _source(refs) -> str:
    if not refs:
        return ""
    first = refs[0]
    line = first.get("sourceLine")
    return f"{first.get('href', '')}:{line}" if line else str(first.get("href", ""))


def _validate_in_worker(file: str, packages: list[str], efm_plugin: str = "") -> dict:
    from arelle.api.Session import Session
    from arelle.RuntimeOptions import RuntimeOptions

    efm = {"plugins": efm_plugin, "disclosureSystemName": EFM_DISCLOSURE_SYSTEM} if efm_plugin else {}
    options = RuntimeOptions(
        entrypointFile=file,
        packages=packages,
        internetConnectivity="offline",
        disablePersistentConfig=True,
        validate=True,
        calcs="c11r",
        validateDuplicateFacts="inconsistent",
        utrValidate=True,
        **efm,
    )
    collector = _Collector()
    # A new session per file: Arelle 2.47 cannot load packages again in a session it has run before.
    with Session() as session:
        try:
            session.run(options, logHandler=collector)
        except Exception as exc:  # Arelle's own failure, reported like its messages
            collector.messages.append({"code": VALIDATOR_FAILED, "level": "error",
                                       "text": f"{type(exc).__name__}: {exc}", "source": file})
    return {"file": file, "messages": collector.messages}


def _cache_units_registry() -> None:
    """Parse the Units Registry once per child: Arelle parses utr.xml again for every document (some
    13 ms of the seed's 160). Each session gets its own copy of the entries; a load that logged an
    error is not kept, so that every document gets the error again."""
    from collections import defaultdict

    from arelle import ValidateUtr

    parse = ValidateUtr.loadUtr
    parsed: dict[tuple, dict] = {}

    def load(model_xbrl, statusFilters=None):  # noqa: N803 (Arelle's keyword)
        system = model_xbrl.modelManager.disclosureSystem
        key = (tuple(system.utrUrl), tuple(statusFilters or ()), system.utrStatusFilters)
        if key not in parsed:
            errors = len(model_xbrl.errors)
            parse(model_xbrl, statusFilters)
            if len(model_xbrl.errors) != errors:
                return
            parsed[key] = {item: dict(entries) for item, entries in system.utrItemTypeEntries.items()}
        system.utrItemTypeEntries = defaultdict(dict, {item: dict(entries) for item, entries in parsed[key].items()})

    ValidateUtr.loadUtr = load


def _viewer_in_worker(file: str, packages: list[str], page: str) -> dict:
    """The ixbrl-viewer plugin's page of an inline document, saved at `page`, its script copied beside it."""
    from arelle.api.Session import Session
    from arelle.RuntimeOptions import RuntimeOptions
    from iXBRLViewerPlugin import __file__ as plugin
    from iXBRLViewerPlugin.constants import DEFAULT_VIEWER_PATH

    viewer = {"saveViewerDest": page, "viewerURL": DEFAULT_VIEWER_PATH, "viewerNoCopyScript": False,
              "validationMessages": False, "useStubViewer": False, "zipViewerOutput": False,
              "packageDownloadURL": None, "viewerBasenameSuffix": ""}
    options = RuntimeOptions(entrypointFile=file, packages=packages, internetConnectivity="offline",
                             disablePersistentConfig=True, plugins=plugin, pluginOptions=viewer)
    collector = _Collector(logging.INFO)  # the plugin logs why it made no page at the info level
    with Session() as session:
        try:
            session.run(options, logHandler=collector)
        except Exception as exc:  # the plugin's or Arelle's failure, reported like their messages
            collector.messages.append({"code": VIEWER_FAILED, "level": "error",
                                       "text": f"{type(exc).__name__}: {exc}", "source": file})
    script = Path(page).parent / Path(DEFAULT_VIEWER_PATH).name
    return {"file": file, "messages": collector.messages, "script": str(script)}


def _load_options(file: str, packages: list[str]):
    from arelle.RuntimeOptions import RuntimeOptions

    return RuntimeOptions(entrypointFile=file, packages=packages, internetConnectivity="offline",
                          disablePersistentConfig=True, keepOpen=True)


def _with_model(file: str, packages: list[str], work) -> dict:
    """Load file (no validation) and call work(model) -> dict on it; Arelle's messages and failures
    become the answer's messages."""
    from arelle.api.Session import Session

    collector = _Collector()
    answer: dict = {}
    with Session() as session:
        try:
            session.run(_load_options(file, packages), logHandler=collector)
            models = [m for m in session.get_models() if m.modelDocument is not None]
            if not models:
                raise ValueError("Arelle loaded no instance")
            answer = work(models[0])
        except Exception as exc:  # Arelle's own failure, reported like its messages
            collector.messages.append({"code": VALIDATOR_FAILED, "level": "error",
                                       "text": f"{type(exc).__name__}: {exc}", "source": file})
        finally:
            for model in session.get_models():
                model.close()
    return {"file": file, "messages": collector.messages, **answer}


def _save_oim_in_worker(file: str, packages: list[str], targets: list[str]) -> dict:
    # The plugin's function imported as a module: naming it in `plugins` would have Arelle parse
    # every bundled plugin to find it, on each run (most of a second).
    def save(model) -> dict:
        from arelle.plugin.saveLoadableOIM import saveLoadableOIM

        for target in targets:
            saveLoadableOIM(model, target)
        return {}

    return _with_model(file, packages, save)


def _facts_in_worker(file: str, packages: list[str]) -> dict:
    return _with_model(file, packages, lambda model: {"facts": [_fact_tuple(f) for f in _items(model.facts)]})


def _items(facts):
    for fact in facts:
        if fact.isTuple:
            yield from _items(fact.modelTupleFacts)
        else:
            yield fact


def _fact_tuple(fact) -> list:
    context, unit = fact.context, fact.unit
    dimensions = sorted([str(d.dimensionQname), str(d.memberQname) if d.isExplicit else d.typedMember.stringValue]
                        for d in context.qnameDims.values()) if context is not None else []
    numeric = fact.concept is not None and fact.concept.isNumeric
    value = None if fact.isNil else (str(fact.xValue) if numeric else fact.value)
    return [str(fact.qname), _period_text(context), _unit_text(unit), value, fact.decimals, dimensions]


def _period_text(context) -> str:
    """The period as the converter prints it: the last day, not the next midnight Arelle keeps."""
    import datetime

    if context is None or context.isForeverPeriod:
        return "forever"
    day = datetime.timedelta(days=1)
    if context.isInstantPeriod:
        return (context.instantDatetime - day).date().isoformat()
    return f"{context.startDatetime.date().isoformat()}/{(context.endDatetime - day).date().isoformat()}"


def _unit_text(unit) -> str | None:
    if unit is None:
        return None
    numerator, denominator = (sorted(str(m) for m in measures) for measures in unit.measures)
    return "*".join(numerator) + ("/" + "*".join(denominator) if denominator else "")


def _serve() -> None:
    """Answer requests until stdin closes. Arelle may print: the answers get a stdout of their own."""
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    import gc

    import arelle.api.Session  # noqa: F401  (imported before the first request, not during it)

    _cache_units_registry()

    for count, line in enumerate(sys.stdin):
        request = json.loads(line)
        action = request.get("action", "validate")
        if action == "viewer":
            result = _viewer_in_worker(request["file"], request["packages"], request["page"])
        elif action == "oim":
            result = _save_oim_in_worker(request["file"], request["packages"], request["targets"])
        elif action == "facts":
            result = _facts_in_worker(request["file"], request["packages"])
        else:
            result = _validate_in_worker(request["file"], request["packages"], request.get("efm_plugin", ""))
        answers.write(json.dumps(result) + "\n")
        answers.flush()
        if count == 0:
            # Arelle's modules and caches, complete after one run, stay: the full collection Arelle
            # runs after each document then skips them.
            gc.freeze()


if __name__ == "__main__":
    _serve()
