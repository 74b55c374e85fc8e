"""The command line: thin click commands over the pipeline, the writers and validation.

Exit statuses: 0 success; 1 the output or the instance is not valid XBRL (errors or calculation
inconsistencies; with --efm, also EDGAR Filer Manual errors); 2 bad usage, an unreadable input, a
document with no statement in it, or --efm without a usable EDGAR plugin; 3 the output cannot be written.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .diagnostics import EXIT_INVALID, EXIT_NO_STATEMENTS, EXIT_OUTPUT, ConversionError, Severity
from .pipeline import MAX_INPUT_MB, Conversion, Options, convert, read_input


def _echo_diagnostics(diagnostics, verbose: bool) -> None:
    for diagnostic in diagnostics:
        if verbose or diagnostic.severity is not Severity.INFO:
            click.echo(str(diagnostic), err=True)


def _read(input_path: str, max_mb: float = MAX_INPUT_MB) -> tuple[bytes, str]:
    """The input's bytes, or a ConversionError: XC001 unreadable, XC003 larger than the limit."""
    return read_input(input_path, int(max_mb * 2**20))


def _run_conversion(input_path: str, options: Options, verbose: bool, max_mb: float = MAX_INPUT_MB) -> Conversion:
    try:
        data, name = _read(input_path, max_mb)
        return convert(data, name, options)
    except ConversionError as exc:
        _echo_diagnostics(exc.diagnostics, verbose)
        sys.exit(exc.exit_code)


def _load_mapping(path: str | None):
    """The --mapping overrides, or exit 2 naming each bad row."""
    if path is None:
        return None
    from .mapping.overrides import load_overrides
    from .mapping.taxonomy import load_taxonomy

    try:
        return load_overrides(path, load_taxonomy())
    except ConversionError as exc:
        _echo_diagnostics(exc.diagnostics, verbose=True)
        sys.exit(exc.exit_code)


_MAPPING_HELP = "CSV of concept overrides (pattern,kind,concepts), tried before the synonyms; see inspect --suggest."
_EFM_HELP = "Also apply the EDGAR Filer Manual rules (the SEC's EDGAR plugin for Arelle, efm-pragmatic)."
_PLUGIN_HELP = "The EDGAR plugin's validate folder (or the plugin's root); default $XBRL_CONVERT_EDGAR_PLUGIN."


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="xbrl-convert")
def main() -> None:
    """Convert the financial statements of text and HTML filings into validated XBRL."""


def _check_cover(context, parameter, values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """NAME=VALUE pairs naming dei concepts of the bundled taxonomy, booleans as true or false."""
    from .mapping.taxonomy import load_taxonomy

    taxonomy, pairs = load_taxonomy(), []
    for value in values:
        name, equals, text = value.partition("=")
        concept = taxonomy.concept(f"dei:{name.strip()}")
        if not equals or concept is None:
            raise click.BadParameter(f"{value!r}: NAME=VALUE with NAME a dei concept (e.g. EntitySmallBusiness=false)")
        text = text.strip()
        if concept.data_type == "xbrli:booleanItemType":
            if text.lower() not in ("true", "false"):
                raise click.BadParameter(f"{value!r}: dei:{concept.name} is true or false")
            text = text.lower()
        pairs.append((concept.name, text))
    return tuple(pairs)


def _cover_options(command):
    """The cover facts only the filer knows (EDGAR asks for them on a current filing's cover)."""
    from .pipeline import FILER_CATEGORIES

    options = [
        click.option("--emerging-growth/--not-emerging-growth", "emerging_growth", default=None,
                     help="dei:EntityEmergingGrowthCompany true or false (left out unless given)."),
        click.option("--shell-company/--not-shell-company", "shell_company", default=None,
                     help="dei:EntityShellCompany true or false (left out unless given)."),
        click.option("--filer-category", "filer_category", type=click.Choice(FILER_CATEGORIES, case_sensitive=False),
                     help="dei:EntityFilerCategory (left out unless given)."),
        click.option("--cover", "cover_facts", multiple=True, metavar="NAME=VALUE", callback=_check_cover,
                     help="Any other dei cover fact, e.g. EntitySmallBusiness=false (repeatable)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@main.command("convert")
@click.argument("input_path", metavar="INPUT")
@click.option("-o", "--output", "output_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the instance, its extension taxonomy, report.json and facts.csv.")
@click.option("--validate/--no-validate", default=True, show_default=True, help="Check the output with Arelle (offline).")
@click.option("--cik", help="The company's SEC CIK, when the document does not give it.")
@click.option("--name", "company_name", help="The company's name, when the document does not give it.")
@click.option("--ticker", "short_name", help="Ticker or short name for file names and the extension prefix.")
@click.option("--mapping", "mapping_path", metavar="FILE", help=_MAPPING_HELP)
@click.option("--max-input-mb", "max_mb", type=click.FloatRange(min=0, min_open=True), default=MAX_INPUT_MB, show_default=True,
              help="Refuse a larger input (or standard input) before reading it.")
@click.option("--efm", is_flag=True, help=_EFM_HELP.replace("Also", "With --validate, also"))
@click.option("--edgar-plugin", "edgar_plugin", metavar="DIR", help=_PLUGIN_HELP)
@click.option("--format", "output_format", default=None, callback=lambda _c, _p, v: v and _formats(v),
              help="xml (the XBRL instance), ixbrl (an Inline XBRL document: the statements as a page), json (xBRL-JSON), "
                   "csv (xBRL-CSV), or a list of them: xml,ixbrl,json,csv. All from the same model in one run "
                   "[default: xml; ixbrl with --viewer].")
@click.option("--viewer", is_flag=True, help="Also write the inline document wrapped by the ixbrl-viewer "
                                            "(<name>-viewer.htm and its script beside it, for a browser offline).")
@click.option("-v", "--verbose", is_flag=True, help="Also print informational messages.")
@_cover_options
def convert_command(input_path, output_dir, validate, cik, company_name, short_name, mapping_path, max_mb,
                    efm, edgar_plugin, output_format, viewer, verbose, **cover) -> None:
    """Convert INPUT (a file, or - for standard input) and print the path of each document written.

    The output folder gets validation.json (Arelle's messages and the accounting checks), summed up
    on standard error as a table."""
    from .validation import Validator
    from .validation_report import checked_output, summary_table
    from .writers import IXBRL, XML, format_warnings, publish_output

    formats = _output_formats(output_format, viewer, input_path)
    plugin = _efm_plugin(efm and validate, edgar_plugin, input_path)

    overrides = _load_mapping(mapping_path)
    options = Options(cik=cik, company_name=company_name, short_name=short_name, overrides=overrides, **cover)
    with Validator(efm_plugin=plugin) as validator:  # one Arelle for the viewer page, the OIM formats and validation
        if validate or viewer or not set(formats) <= {XML, IXBRL}:
            validator.start()  # Arelle's import runs on another core while this process converts
        conversion = _run_conversion(input_path, options, verbose, max_mb)
        _echo_diagnostics(conversion.diagnostics + format_warnings(conversion.instance, formats), verbose)
        try:
            files, reports, checks = checked_output(conversion, formats, validator, output_dir, viewer=viewer,
                                                    validate=validate, efm=plugin is not None)
            published = publish_output(conversion.instance, files, output_dir, formats)
        except ConversionError as exc:
            _echo_diagnostics(exc.diagnostics, verbose)
            sys.exit(exc.exit_code)
    for document in (*published.documents, *([published.viewer] if published.viewer else [])):
        click.echo(str(document))
    valid = all([_print_report(document, reports[document.name], quiet_when_ok=True) for document in published.documents]
                if reports is not None else [True])
    click.echo(summary_table(checks, reports, efm=plugin is not None), err=True)
    if not valid:
        sys.exit(EXIT_INVALID)


def _output_formats(formats: tuple[str, ...] | None, viewer: bool, where: str) -> tuple[str, ...]:
    """The formats asked for (xml by default, ixbrl with --viewer); with --viewer, the ixbrl-viewer
    package must be installed and the inline document asked for, or exit 2 (XC905)."""
    from .writers import IXBRL, XML

    if not viewer:
        return formats or (XML,)
    from .validation import viewer_problem

    problem = viewer_problem()
    if problem is None and formats and IXBRL not in formats:
        problem = "--viewer shows the inline document: use --format ixbrl or xml,ixbrl"
    if problem is not None:
        click.echo(f"{where}: error XC905: {problem}", err=True)
        sys.exit(EXIT_NO_STATEMENTS)
    return formats or (IXBRL,)


def _formats(value: str) -> tuple[str, ...]:
    from .writers import parse_formats

    try:
        return parse_formats(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _efm_plugin(efm: bool, plugin: str | None, where: str) -> Path | None:
    """The EDGAR plugin folder when --efm is given, or exit 2 (XC903) when it cannot run."""
    if not efm:
        return None
    from .validation import efm_plugin_dir, efm_problem

    folder = efm_plugin_dir(plugin)
    problem = efm_problem(folder)
    if problem is not None:
        click.echo(f"{where}: error XC903: {problem}", err=True)
        sys.exit(EXIT_NO_STATEMENTS)
    return folder


@main.command("validate")
@click.argument("instance", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--efm", is_flag=True, help=_EFM_HELP)
@click.option("--edgar-plugin", "edgar_plugin", metavar="DIR", help=_PLUGIN_HELP)
def validate_command(instance: Path, efm: bool, edgar_plugin: str | None) -> None:
    """Validate an XBRL INSTANCE (XML, inline, xBRL-JSON or xBRL-CSV metadata) with Arelle, offline, against the bundled taxonomy."""
    from .validation import instance_problem

    problem = instance_problem(instance)
    if problem is not None:
        click.echo(f"{instance}: error XC902: {problem}", err=True)
        sys.exit(EXIT_NO_STATEMENTS)
    plugin = _efm_plugin(efm, edgar_plugin, str(instance))
    if not _validate_and_print(instance, quiet_when_ok=False, efm_plugin=plugin):
        sys.exit(EXIT_INVALID)


def _validate_and_print(instance: Path, quiet_when_ok: bool, efm_plugin: Path | None = None) -> bool:
    from .validation import validate_instance

    return _print_report(instance, validate_instance(instance, efm_plugin=efm_plugin), quiet_when_ok)


def _print_report(instance: Path, report, quiet_when_ok: bool) -> bool:
    for message in report.messages:
        click.echo(f"{message.level} {message.code}: {message.text}", err=not quiet_when_ok or not report.ok)
    if not quiet_when_ok or not report.ok:
        status = "valid" if report.ok else "NOT valid"
        click.echo(f"{instance}: {status} ({len(report.errors)} errors, {len(report.inconsistencies)} calculation inconsistencies)",
                   err=quiet_when_ok)
    return report.ok


@main.command("inspect")
@click.argument("input_path", metavar="INPUT")
@click.option("--cik", help="The company's SEC CIK, when the document does not give it.")
@click.option("--mapping", "mapping_path", metavar="FILE", help=_MAPPING_HELP)
@click.option("--suggest", "suggest_path", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path),
              help="Write a draft --mapping CSV: one row per statement line with the concepts chosen, to edit.")
def inspect_command(input_path: str, cik: str | None, mapping_path: str | None, suggest_path: Path | None) -> None:
    """Show the statements found in INPUT: columns with periods, lines, values and chosen concepts."""
    conversion = _run_conversion(input_path, Options(cik=cik, overrides=_load_mapping(mapping_path)), verbose=False)
    if suggest_path is not None:
        from .mapping.overrides import suggestion_csv

        suggest_path.write_text(suggestion_csv(conversion.mapped), encoding="utf-8")
    for mapped in conversion.mapped:
        statement = mapped.statement
        click.echo(f"{statement.kind.value}: {statement.title or '(untitled)'}  [{statement.source}]  scale 10^{statement.scale}")
        for column in statement.columns:
            kind = "" if column.is_value else "  (not a fact)"
            click.echo(f"  column {column.index + 1}: {column.header!r} -> {column.period or 'no period'}{kind}")
        for line in mapped.lines:
            values = "  ".join("-" if v is None else str(v.amount * line.sign) for v in line.line.values)
            concepts = ", ".join(c.qname for c in line.concepts)
            total = " (total)" if line.line.is_total else ""
            click.echo(f"  {line.line.full_label}{total}: {values}")
            click.echo(f"      -> {concepts}  score {line.score:.2f}; {'; '.join(line.reasons)}")
            for n, candidate in enumerate(line.candidates):
                click.echo(f"         {'alternatives:' if n == 0 else '':13} {candidate.brief()}")
        for relation in mapped.calculations:
            total, component = mapped.lines[relation.total], mapped.lines[relation.component]
            click.echo(f"  calc: {total.concepts[0].qname} {'+' if relation.weight > 0 else '-'}= {component.concepts[0].qname}")
    unconverted = conversion.not_converted()
    if unconverted:
        click.echo(f"not converted ({len(unconverted)}):")
        for row in unconverted:
            click.echo(f"  {row['source']}: {row['label']} {row['printed']!r}: {row['reason']}")
    _echo_diagnostics(conversion.diagnostics, verbose=True)


@main.command("evaluate")
@click.argument("filing", metavar="FILING")
@click.option("--misses", is_flag=True, help="List every tagged value that was not converted, or not as tagged.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def evaluate_command(filing: str, misses: bool, as_json: bool) -> None:
    """Score the conversion of an inline XBRL FILING against the company's own tags.

    The filing is unwrapped to the plain HTML a reader sees, converted, and compared with the
    company's facts in its face statements: value recall, period agreement, concept recall, sign errors."""
    import json

    from .inline_reader import evaluate, evaluation_text

    try:
        data, name = _read(filing)
    except ConversionError as exc:
        _echo_diagnostics(exc.diagnostics, verbose=False)
        sys.exit(exc.exit_code)
    evaluation = evaluate(data, name)
    if as_json:
        click.echo(json.dumps(evaluation.as_json(misses), indent=1))
    else:
        click.echo(evaluation_text(evaluation, misses))
    _echo_diagnostics([d for d in evaluation.diagnostics if d.code.startswith("XC7")], verbose=False)
    if evaluation.error:  # the conversion failed: the scores above are of nothing converted
        click.echo(evaluation.error, err=True)
        sys.exit(EXIT_NO_STATEMENTS)


@main.command("batch")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUTS...")
@click.option("-o", "--output", "output_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for one output folder per document and the manifest batch.json / batch.csv.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Worker processes (default: the cores).")
@click.option("--validate/--no-validate", default=True, show_default=True, help="Check every output with Arelle (offline).")
@click.option("--force", is_flag=True, help="Convert again documents an earlier run has done.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("--cluster", metavar="ADDRESS", help="Convert on the workers of this Dask scheduler (tcp://host:8786); needs the cluster extra.")
@click.option("--format", "output_format", default="xml", show_default=True, callback=lambda _c, _p, v: _formats(v),
              help="The documents of each output folder, as for convert: xml, ixbrl, json, csv or a list of them.")
def batch_command(inputs, output_dir, jobs, validate, force, quiet, cluster, output_format) -> None:
    """Convert every document of INPUTS (files, folders, glob patterns) into a folder of its own.

    Exit status 0 when every document converted (and validated), 1 when any failed or is not valid,
    2 when INPUTS name no document, 3 when the output folder cannot be written."""
    import os

    from .batch import FAILED, collect_inputs, run_batch

    documents = collect_inputs(list(inputs))
    if not documents:
        click.echo("error XC006: no document found in the inputs given", err=True)
        sys.exit(EXIT_NO_STATEMENTS)
    bar = _Progress(quiet)
    try:
        rows = run_batch(documents, output_dir, jobs=jobs or os.cpu_count() or 1, validate=validate, force=force,
                         progress=bar.update_to, cluster=cluster, formats=output_format)
    except ConversionError as exc:
        bar.close()
        _echo_diagnostics(exc.diagnostics, verbose=False)
        sys.exit(exc.exit_code)
    except OSError as exc:
        click.echo(f"{output_dir}: error XC901: cannot write the output: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_OUTPUT)
    finally:
        bar.close()
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
        if row.status in FAILED:
            click.echo(f"{row.document}: {row.status}: {row.message}", err=True)
    skipped = sum(row.skipped for row in rows)
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    click.echo(f"{len(rows)} documents: {summary}{f' ({skipped} done before)' if skipped else ''}; manifest {output_dir / 'batch.csv'}")
    if any(row.status in FAILED for row in rows):
        sys.exit(EXIT_INVALID)


class _Progress:
    """A tqdm bar per phase on standard error (none when it is not a terminal, or with --quiet)."""

    def __init__(self, quiet: bool):
        self.quiet, self.bar, self.phase = quiet, None, None

    def update_to(self, done: int, total: int, phase: str) -> None:
        if self.quiet:
            return
        if phase != self.phase:
            from tqdm import tqdm

            self.close()
            self.bar, self.phase = tqdm(total=total, desc=phase, unit="doc", disable=None, file=sys.stderr), phase
        if self.bar is not None:
            self.bar.n = done
            self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


if __name__ == "__main__":  # pragma: no cover
    main()
