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
the user's Arelle settings are never touched. validate_instances() checks several files with one
child process, which pays Arelle's start-up (about a second) once.

With efm_plugin (the SEC's EDGAR plugin folder, its `validate` part) the same run also applies the
EDGAR Filer Manual rules (disclosure system "efm-pragmatic"); the plugin needs the `holidays` and
`pytz` packages (the project's `efm` extra). efm_problem() says why a folder cannot serve.

No Arelle type leaves this module: reports carry plain strings.
"""
from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

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


_XBRLI = "{http://www.xbrl.org/2003/instance}xbrl"
_INLINE_NS = "http://www.xbrl.org/2013/inlineXBRL"


def instance_problem(path: str | Path) -> str | None:
    """Why a file is not an XBRL or inline XBRL instance (None when it is one): read without entities,
    DTDs or the network. A schema, a linkbase, a catalog or a plain web page validates as XML, but
    there is no instance in it to validate."""
    from lxml import etree

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


def validate_instance(path: str | Path, *, timeout: float = DEFAULT_TIMEOUT,
                      efm_plugin: str | Path | None = None) -> ValidationReport:
    """Validate one XBRL (or inline XBRL) instance offline; with efm_plugin, also by the EDGAR rules."""
    return validate_instances([path], timeout=timeout, efm_plugin=efm_plugin)[0]


def validate_instances(paths: Iterable[str | Path], *, timeout: float = DEFAULT_TIMEOUT,
                       efm_plugin: str | Path | None = None) -> tuple[ValidationReport, ...]:
    """Validate several instances with one Arelle process; the reports come back in the same order.

    efm_plugin is the EDGAR plugin's `validate` folder; a folder that cannot serve (see efm_problem)
    is a ValueError, since a run without the plugin would report a filing clean that EDGAR refuses."""
    files = [str(Path(p).resolve()) for p in paths]
    if not files:
        return ()
    plugin = ""
    if efm_plugin is not None:
        problem = efm_problem(efm_plugin)
        if problem:
            raise ValueError(problem)
        plugin = str(Path(efm_plugin).resolve())
    with tempfile.TemporaryDirectory(prefix="xbrl-convert-arelle-") as tmp:
        work = Path(tmp)
        request, result = work / "request.json", work / "result.json"
        package = _zip_package(_package_dir(), work / f"{PACKAGE_NAME}.zip")
        request.write_text(json.dumps({"files": files, "packages": [str(package)], "efm_plugin": plugin}),
                           encoding="utf-8")
        failure = _run_worker(work, request, result, timeout)
        if failure:
            return tuple(_failed(failure) for _ in files)
        entries = json.loads(result.read_text(encoding="utf-8"))
    return tuple(_report(entry) for entry in entries)


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


def _run_worker(work: Path, request: Path, result: Path, timeout: float) -> str:
    """Run this file as Arelle's host process; the problem as text, or "" when it produced its result."""
    env = dict(os.environ)
    env["XDG_CONFIG_HOME"] = str(work / "config")  # Arelle's user folder: config.json, packages, cache
    env["XDG_CACHE_HOME"] = str(work / "cache")
    # run_path rather than the script itself: the script's folder (converter/) must not lead sys.path.
    command = [sys.executable, "-c", "import runpy, sys; runpy.run_path(sys.argv[1], run_name='__main__')",
               str(Path(__file__).resolve()), str(request), str(result)]
    try:
        done = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"Arelle did not finish within {timeout:g} s"
    except OSError as exc:
        return f"could not start Arelle: {exc}"
    if done.returncode != 0 or not result.is_file():
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        return f"Arelle failed (exit status {done.returncode}): " + " | ".join(tail)
    return ""


def _failed(problem: str) -> ValidationReport:
    return ValidationReport(ok=False, messages=(ValidationMessage(VALIDATOR_FAILED, "error", problem),))


def _report(entry: dict) -> ValidationReport:
    messages = tuple(ValidationMessage(**m) for m in entry["messages"])
    return ValidationReport(ok=not any(m.level in _FAILING_LEVELS for m in messages), messages=messages)


# ---------------------------------------------------------------------------------------------
# The child process: everything below runs inside Arelle's host process only.


class _Collector(logging.Handler):
    """Keeps Arelle's warnings and errors as plain dictionaries."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[dict[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        code = str(getattr(record, "messageCode", "") or record.levelname.lower())
        level = _LEVELS.get(record.levelname, "warning")
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


def _worker_main(request_path: str, result_path: str) -> None:
    request = json.loads(Path(request_path).read_text(encoding="utf-8"))
    results = [_validate_in_worker(file, request["packages"], request.get("efm_plugin", ""))
               for file in request["files"]]
    Path(result_path).write_text(json.dumps(results), encoding="utf-8")


if __name__ == "__main__":
    _worker_main(*sys.argv[-2:])
