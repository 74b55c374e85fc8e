"""validation.json: Arelle's messages on each output document and the accounting checks, in one report
published with the output; and its summary for the terminal.

The documents are validated from the bytes rendered in memory, written to a temporary folder, before
anything is published: validation.json then goes into the output folder in the same atomic step as the
files it speaks of (writers.folder.publish), so a folder never holds an output without its report, or
a report of other files. Arelle's messages name the files as they are published (the temporary
folder's path replaced by the output folder's).
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

from .accounting import CHECKS, FAILS, Check, summarise
from .validation import ValidationMessage, ValidationReport

NOT_RUN = "not run"


def validate_rendered(files: dict[str, bytes], documents: list[str], validator, shown_in: Path) -> dict[str, ValidationReport]:
    """Each of documents (names in files) validated by validator (a validation.Validator) in a
    temporary folder holding files; the reports' paths as if the files were in shown_in."""
    with tempfile.TemporaryDirectory(prefix="xbrl-convert-validate-") as folder:
        for name, content in files.items():
            (Path(folder) / name).write_bytes(content)
        reports = {name: validator.validate(Path(folder) / name) for name in documents}
        places = {str(Path(folder).resolve()), folder}
    return {name: _moved(report, places, str(Path(shown_in))) for name, report in reports.items()}


def checked_output(conversion, formats: tuple[str, ...], validator, output_dir: Path, *, viewer: bool = False,
                   validate: bool = True, efm: bool = False):
    """The output set of a conversion rendered (validator's Arelle makes the viewer page and the OIM
    formats; None: one for the call when they need it), its documents validated from those bytes, and
    validation.json added: (files, reports or None, accounting checks). convert and batch share it."""
    from .accounting import accounting_checks
    from .narrative import Narrative
    from .pipeline import output_extras
    from .writers import IXBRL, render_output

    files = render_output(conversion.instance, output_extras(conversion), formats=formats, mapped=conversion.mapped,
                          viewer=validator.viewer if viewer else None, validator=validator,
                          narrative=conversion.narrative() if IXBRL in formats else Narrative())
    reports = validate_rendered(files, list(files)[:len(formats)], validator, output_dir) if validate else None
    checks = accounting_checks(conversion.mapped)
    files["validation.json"] = validation_bytes(validation_json(checks, reports, efm=efm))
    return files, reports, checks


def with_validation(report: dict, reports: dict[str, ValidationReport], efm: bool = False) -> dict:
    """A validation.json content written with Arelle not run, given Arelle's reports (as batch validates
    after converting)."""
    return {**report, "validation": validation_json((), reports, efm=efm)["validation"]}


def failed_checks(checks: tuple[Check, ...]) -> int:
    return sum(c.result == FAILS for c in checks)


def _moved(report: ValidationReport, places: set[str], target: str) -> ValidationReport:
    def move(text: str) -> str:
        for place in sorted(places, key=len, reverse=True):
            text = text.replace(place, target)
        return text

    return ValidationReport(report.ok, tuple(ValidationMessage(m.code, m.level, move(m.text), move(m.source))
                                             for m in report.messages))


def validation_json(checks: tuple[Check, ...], reports: dict[str, ValidationReport] | None, efm: bool = False,
                    reason: str = "not asked for (--no-validate)") -> dict:
    """The content of validation.json: reports None means Arelle did not run (reason says why)."""
    if reports is None:
        validation = {"run": False, "reason": reason}
    else:
        validation = {"run": True, "efm": efm, "ok": all(r.ok for r in reports.values()),
                      "documents": [_document_json(name, report) for name, report in reports.items()]}
    return {
        "validation": validation,
        "checks_ok": not any(c.result == FAILS for c in checks),
        "summary": [{"check": s.name, "states": CHECKS[s.name], "statement": s.statement, "result": s.result,
                     "ok": s.ok, "fails": s.fails, "not_applicable": s.not_applicable} for s in summarise(checks)],
        "checks": [c.as_json() for c in checks],
    }


def _document_json(name: str, report: ValidationReport) -> dict:
    return {"file": name, "ok": report.ok, "errors": len(report.errors), "inconsistencies": len(report.inconsistencies),
            "warnings": sum(m.level == "warning" for m in report.messages),
            "messages": [{"code": m.code, "level": m.level, "text": m.text, "source": m.source} for m in report.messages]}


def validation_bytes(report: dict) -> bytes:
    return (json.dumps(report, indent=1) + "\n").encode("utf-8")


def summary_table(checks: tuple[Check, ...], reports: dict[str, ValidationReport] | None, efm: bool = False) -> str:
    """The terminal's short table: one row per output document validated, then one per check and statement."""
    rows = [("check", "statement", "result", "figures")]
    name = "XBRL + EFM" if efm else "XBRL (Arelle)"
    if reports is None:
        rows.append((name, "-", NOT_RUN, "--no-validate"))
    for document, report in (reports or {}).items():
        warnings = sum(m.level == "warning" for m in report.messages)
        rows.append((name, document, "ok" if report.ok else FAILS,
                     f"{len(report.errors)} errors, {len(report.inconsistencies)} inconsistencies, {warnings} warnings"))
    for summary in summarise(checks):
        rows.append((CHECKS[summary.name], summary.statement, summary.result, summary.figures()))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[3] for row in rows)
