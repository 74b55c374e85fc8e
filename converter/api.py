"""The library interface: convert a document and get a typed result that writes and validates itself.

    from converter import convert

    result = convert("release.txt", cik="0000123456")
    for fact in result.facts:
        print(fact.concept, fact.value, fact.period, fact.source)
    result.write("out/")          # instance, extension taxonomy, report.json, facts.csv; all or nothing
    result.validate().ok          # Arelle, offline, in a child process
    result.checks()               # the accounting checks: A = L + E, totals, net income, cash, EPS
    result.write("out/", validation=result.validation_report())  # with validation.json

Calls keep no state between them: convert may be called any number of times in one process (the
taxonomy and word tables are read once and shared read-only). Arelle's global state stays in its own
child process. Problems with the input raise ConversionError, which owns its exit status.
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .diagnostics import Diagnostic, SourceRef
from .pipeline import MAX_INPUT_MB, Conversion, Options, output_extras, read_input
from .pipeline import convert as _convert
from .statements import Statement

__all__ = ["ConvertedFact", "Result", "convert"]


@dataclass(frozen=True)
class ConvertedFact:
    """One fact of the instance, with where its number was printed."""

    concept: str  # qname, e.g. "us-gaap:Revenues"
    value: Decimal | str
    unit: str | None  # "USD", "shares", "USD_per_share"; None for text
    decimals: int | str | None
    period: str  # "2008-09-30" for an instant, "2008-07-01/2008-09-30" for a duration
    source: SourceRef | None


@dataclass(frozen=True)
class Result:
    """A finished conversion: its statements, facts and diagnostics, and the files it makes."""

    conversion: Conversion

    @property
    def statements(self) -> tuple[Statement, ...]:
        return self.conversion.statements

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return self.conversion.diagnostics

    @property
    def facts(self) -> tuple[ConvertedFact, ...]:
        instance = self.conversion.instance
        periods = {c.id: str(c.period) for c in instance.contexts}
        return tuple(ConvertedFact(f.concept.qname, _plain(f.value), f.unit_id, f.decimals, periods[f.context_id], f.source)
                     for f in instance.facts)

    def report(self) -> dict:
        """What was converted and what was not, with every diagnostic (report.json)."""
        return self.conversion.report()

    def files(self, formats: str | tuple[str, ...] = "xml", validator=None) -> dict[str, bytes]:
        """File name -> content of the output set, without writing anything.

        formats: "xml" (the XBRL instance), "ixbrl" (the Inline XBRL document), "json" (xBRL-JSON),
        "csv" (xBRL-CSV: metadata and table) or a list of them, "xml,ixbrl,json,csv" (or a tuple).
        The OIM formats are Arelle's saves of the instance: with a converter.validation.Validator,
        its warm Arelle makes them; else one is started for the call."""
        from .writers import render_output

        return render_output(self.conversion.instance, output_extras(self.conversion), formats=_formats(formats),
                             mapped=self.conversion.mapped, narrative=self._narrative(formats), validator=validator)

    def write(self, out_dir: str | Path, formats: str | tuple[str, ...] = "xml", viewer: bool = False, validator=None,
              validation: dict | None = None):
        """Write the output set into out_dir all or nothing; returns its OutputFiles (paths).

        viewer: also the inline document wrapped by the ixbrl-viewer (formats must hold ixbrl; needs the
        viewer extra), with its script beside it: OutputFiles.viewer. validator: a warm Validator for
        the OIM formats and the viewer (else one is started for the call when they need it). With
        validation (a validation_report()), validation.json is published with the rest."""
        from contextlib import nullcontext

        from .validation import Validator
        from .validation_report import validation_bytes
        from .writers import write_output

        extra = output_extras(self.conversion)
        if validation is not None:
            extra["validation.json"] = validation_bytes(validation)
        own = validator is None and viewer
        with Validator() if own else nullcontext(validator) as arelle:  # the viewer runs in Arelle
            return write_output(self.conversion.instance, Path(out_dir), extra, formats=_formats(formats),
                                mapped=self.conversion.mapped, viewer=arelle.viewer if viewer else None,
                                narrative=self._narrative(formats), validator=arelle)

    def _narrative(self, formats: str | tuple[str, ...]):
        from .narrative import Narrative
        from .writers import IXBRL

        return self.conversion.narrative() if IXBRL in _formats(formats) else Narrative()

    def checks(self):
        """The accounting checks of the statements (converter.accounting.Check values): A = L + E, totals,
        net income, cash, earnings per share, the same value wherever printed; each with its result and figures."""
        from .accounting import accounting_checks

        return accounting_checks(self.conversion.mapped)

    def validation_report(self, formats: str | tuple[str, ...] = "xml", validator=None, validate: bool = True) -> dict:
        """What validation.json holds: Arelle's messages on each document of the formats (validated from the
        rendered bytes; validate=False leaves Arelle out) and the accounting checks."""
        from .validation_report import validate_rendered, validation_json

        reports = None
        if validate:
            from contextlib import nullcontext

            from .validation import Validator

            count = len(_formats(formats))
            with Validator() if validator is None else nullcontext(validator) as warm:
                files = self.files(formats, validator=warm)
                reports = validate_rendered(files, list(files)[:count], warm, Path("."))
        return validation_json(self.checks(), reports, reason="not asked for (validate=False)")

    def validate(self, validator=None):
        """Validate the instance with Arelle, offline; returns a ValidationReport (.ok, .messages).
        With a converter.validation.Validator (a warm Arelle kept alive), validating many results
        pays Arelle's start-up once."""
        from .validation import validate_instance

        with tempfile.TemporaryDirectory(prefix="xbrl-convert-") as folder:
            instance = self.write(folder).instance
            return validate_instance(instance) if validator is None else validator.validate(instance)


def convert(source: str | Path | bytes, *, path: str | None = None, cik: str | None = None,
            company_name: str | None = None, ticker: str | None = None, mapping: str | Path | None = None,
            max_input_mb: float = MAX_INPUT_MB, emerging_growth: bool | None = None, shell_company: bool | None = None,
            filer_category: str | None = None, cover_facts: tuple[tuple[str, str], ...] = ()) -> Result:
    """Convert a document: a file path, or its bytes (then `path` names it in messages).

    Raises ConversionError (with .diagnostics and .exit_code) when the input cannot be read, is larger
    than max_input_mb, or holds no statement; OSError problems reading a path are ConversionError XC001."""
    data, name = (source, "<bytes>") if isinstance(source, bytes) else read_input(str(source), int(max_input_mb * 2**20))
    overrides = None
    if mapping is not None:
        from .mapping.overrides import load_overrides
        from .mapping.taxonomy import load_taxonomy

        overrides = load_overrides(str(mapping), load_taxonomy())
    options = Options(cik=cik, company_name=company_name, short_name=ticker, overrides=overrides, emerging_growth=emerging_growth,
                      shell_company=shell_company, filer_category=filer_category, cover_facts=tuple(cover_facts))
    return Result(_convert(data, path or name, options))


def _formats(formats: str | tuple[str, ...]) -> tuple[str, ...]:
    from .writers import parse_formats

    return parse_formats(formats if isinstance(formats, str) else ",".join(formats))


def _plain(value: Decimal | str) -> Decimal | str:
    """A scaled amount without an exponent (10450000, not 1.0450E+7); the same number."""
    return Decimal(format(value, "f")) if isinstance(value, Decimal) else value
