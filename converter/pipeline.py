"""convert(): the stages in order, from bytes to an XBRL model and its files.

read document -> find tables -> statements -> map to concepts -> XBRL model -> writers -> validation
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import EXIT_NO_STATEMENTS, ConversionError, Diagnostic, SourceRef, error, warning
from .document import SourceDocument, clean_value, read_document, statement_parts
from .fiscal import fiscal_starts, printed_period_ends
from .mapping.conflicts import resolve_conflicts
from .mapping.mapper import ExtensionNaming, MappedStatement, map_statements
from .mapping.observed import load_observed
from .mapping.overrides import Overrides
from .mapping.parenthetical import ParentheticalFact, parenthetical_facts
from .mapping.taxonomy import load_taxonomy
from .narrative import Narrative, read_narrative
from .quality import check_instance
from .assembly import drop_repeats, infer_scale, merge_continued
from .statements import Statement, build_statements
from .tables.html import read_html_tables
from .tables.text import read_text_tables
from .xbrl.build import Filing, build_instance
from .xbrl.model import Instance


@dataclass(frozen=True)
class Options:
    cik: str | None = None  # overrides the submission header
    company_name: str | None = None
    short_name: str | None = None  # ticker or short name for file names and the extension prefix
    overrides: Overrides | None = None  # the user's concept choices (--mapping), tried before the synonyms
    # cover facts only the filer knows: True/False, or None to leave them out
    emerging_growth: bool | None = None  # dei:EntityEmergingGrowthCompany
    shell_company: bool | None = None  # dei:EntityShellCompany
    filer_category: str | None = None  # dei:EntityFilerCategory: "Large Accelerated Filer", "Accelerated Filer", "Non-accelerated Filer"
    cover_facts: tuple[tuple[str, str], ...] = ()  # any other dei cover facts (name, value) the user states
    # the printed labels companies use for each concept (mapping.observed.ObservedLabels); None: the
    # bundled table. A benchmark passes a table without the company it scores (leave-one-company-out).
    observed: object | None = None


@dataclass(frozen=True)
class Conversion:
    document: SourceDocument
    statements: tuple[Statement, ...]
    mapped: tuple[MappedStatement, ...]
    instance: Instance | None
    diagnostics: tuple[Diagnostic, ...] = field(default=())
    parenthetical: tuple[ParentheticalFact, ...] = ()  # the amounts printed inside captions, with their captions

    def not_converted(self) -> list[dict]:
        """Every printed number of a recognised statement that is not a fact, and why (report.json's not_converted)."""
        return _not_converted(self.mapped) + _rejected(self.mapped)

    def narrative(self) -> Narrative:
        """The document's text outside its statements, for the inline page: a press release's (any form
        but a periodic report, whose text is the whole report)."""
        if self.document.filer.form.upper() in PERIODIC_FORMS:
            return Narrative()
        return read_narrative(self.document, self.statements)

    def report(self) -> dict:
        """What was converted and what was not, with every diagnostic: written as report.json."""
        return {
            "document": self.document.path,
            "instance": self.instance.file_name if self.instance else None,
            "statements": [_statement_summary(m) for m in self.mapped],
            "not_converted": self.not_converted(),
            "conflicts": _conflicts(self.mapped),
            "diagnostics": [_diagnostic_json(d) for d in self.diagnostics],
        }


def find_statements(document: SourceDocument, cut_line: int | None = None) -> tuple[tuple[Statement, ...], list[Diagnostic]]:
    """The face statements of a document, from every part that may hold them, best part first.

    cut_line: the line the input ends in without a line break (see cut_line()), if any."""
    diagnostics: list[Diagnostic] = []
    found: list[Statement] = []
    by_part: list[tuple[Statement, ...]] = []
    for part in statement_parts(document):
        if part.is_financial_data_schedule:
            continue  # EX-27 repeats the statements' totals as tagged data, not as statements
        if part.is_html:
            grids = read_html_tables(part.text, document.path, part.first_line, diagnostics)
        else:
            grids = read_text_tables(part.text, document.path, part.first_line, cut_line)
        statements = build_statements(grids)
        if any(s.scale == 0 for s in statements):
            statements = build_statements(grids, infer_scale(statements, part.text))
        by_part.append(statements)
    # a start not printed is the day after a period end the document prints (a 52/53-week year)
    ends = printed_period_ends(tuple(s for statements in by_part for s in statements))
    for statements in by_part:
        found.extend(merge_continued(fiscal_starts(statements, ends)))
    found = list(drop_repeats(tuple(found)))  # the same statement in the body and in an exhibit: one set of facts
    for statement in found:
        diagnostics.extend(statement.diagnostics)
    read = {p.source.line for s in found for line in s.lines for p in line.parts + ((line,) if not line.parts else ())}
    if cut_line is not None and not any(d.code == "XC203" for d in diagnostics):
        diagnostics.extend(_cut_off(document, cut_line, read))
    return tuple(found), diagnostics


def _cut_off(document: SourceDocument, cut_line: int, read: set[int]) -> list[Diagnostic]:
    """The input ends in the middle of a line that is no text statement row read whole (a table's
    first row, running text, an HTML cell): a warning, unless the page ends in a closing tag or the
    line is in a data schedule."""
    for part in statement_parts(document):
        last = part.lines[-1].strip()
        if (part.first_line + len(part.lines) - 1 != cut_line or part.is_financial_data_schedule
                or (last.endswith(">") if part.is_html else cut_line in read)):
            continue
        return [warning("XC203", f"the input ends in the middle of this line ({last[-60:]!r}): it may be cut off", SourceRef(document.path, cut_line))]
    return []


def convert(data: bytes, path: str, options: Options = Options()) -> Conversion:
    """Convert a document; raises ConversionError (exit status 2) when it holds no statement."""
    document = read_document(data, path)
    diagnostics = list(document.diagnostics)
    statements, found = find_statements(document, cut_line(data))
    diagnostics.extend(found)
    if not statements:
        diagnostics.append(error("XC101", "no balance sheet, statement of operations or cash flows found", SourceRef(path)))
        raise ConversionError(diagnostics, EXIT_NO_STATEMENTS)
    if not any(c.period for s in statements for c in s.columns):
        diagnostics.append(error("XC102", "statements found, but no column with a date it reports", statements[0].source))
        raise ConversionError(diagnostics, EXIT_NO_STATEMENTS)
    if not any(_reported(s) for s in statements):
        notes = "; ".join(dict.fromkeys(c.note for s in statements for c in s.columns if c.period and c.note))
        diagnostics.append(error("XC103", f"statements found, but no dated column reports a value{': ' + notes if notes else ''}", statements[0].source))
        raise ConversionError(diagnostics, EXIT_NO_STATEMENTS)
    filing = describe_filing(document, statements, options)
    taxonomy = load_taxonomy()
    naming = ExtensionNaming(filing.short_name, filing.extension_namespace)
    mapped, conflicts = resolve_conflicts(map_statements(statements, taxonomy, naming, options.overrides,
                                                       options.observed if options.observed is not None else load_observed()), naming)
    diagnostics.extend(conflicts)
    for statement in mapped:
        diagnostics.extend(statement.diagnostics)
    parenthetical, read = parenthetical_facts(statements)
    diagnostics.extend(read)
    instance, built = build_instance(filing, mapped, taxonomy, parenthetical)
    diagnostics.extend(built)
    diagnostics.extend(check_instance(instance, taxonomy))
    return Conversion(document, statements, mapped, instance, tuple(diagnostics), parenthetical)


def _reported(statement: Statement) -> bool:
    """Whether a statement has a value in a column that becomes facts (dated, not a segment or a repeat)."""
    columns = [c.index for c in statement.columns if c.period is not None and c.is_value]
    return any(line.values[i] is not None and not line.values[i].is_percent for line in statement.lines for i in columns)


def describe_filing(document: SourceDocument, statements: tuple[Statement, ...], options: Options) -> Filing:
    header, filer = document.header, document.filer
    name = clean_value(options.company_name) or filer.company_name or "Unknown Company"
    short = clean_value(options.short_name) or filer.ticker or _short_name(name)
    cik = clean_value(options.cik)
    return Filing(
        company_name=name,
        cik=(cik.zfill(10) if cik else header.cik),
        document_type=filer.form,
        short_name=_prefix(short),
        period_end=max(c.period.end for s in statements for c in s.columns if c.period),
        source=statements[0].source,
        fiscal_year_end_month=int(header.fiscal_year_end[:2]) if header.fiscal_year_end else None,
        fiscal_year_end=f"--{header.fiscal_year_end[:2]}-{header.fiscal_year_end[2:]}" if header.fiscal_year_end else None,
        cover=_cover_facts(options, filer.form),
        shares_outstanding=filer.shares_outstanding if filer.form.upper() in PERIODIC_FORMS else None,
    )


FILER_CATEGORIES = ("Large Accelerated Filer", "Accelerated Filer", "Non-accelerated Filer")


# the forms whose cover states the filer category and shell status (EFM 6.5.20-21); an 8-K's states neither
PERIODIC_FORMS = frozenset({"10-K", "10-Q", "10-KT", "10-QT", "10-K405", "20-F", "40-F"})


def _cover_facts(options: Options, form: str) -> tuple[tuple[str, str], ...]:
    periodic = form.upper() in PERIODIC_FORMS
    flags = (("EntityEmergingGrowthCompany", options.emerging_growth), ("EntityShellCompany", options.shell_company if periodic else None))
    facts = tuple((name, "true" if value else "false") for name, value in flags if value is not None)
    category = (("EntityFilerCategory", options.filer_category),) if options.filer_category and periodic else ()
    named = {name for name, _ in facts + category}
    return facts + category + tuple((name, value) for name, value in options.cover_facts if name not in named)


def _prefix(short: str) -> str:
    """An XML-name-safe lower-case prefix: letters first."""
    prefix = re.sub(r"[^a-z0-9]", "", short.lower())[:12]
    return prefix if prefix[:1].isalpha() else f"c{prefix}"


def _short_name(name: str) -> str:
    words = [w for w in re.findall(r"[A-Za-z0-9]+", name) if w.lower() not in {"inc", "corp", "co", "the", "ltd", "llc", "company", "corporation"}]
    return "".join(words[:2]) or "company"


def _statement_summary(mapped: MappedStatement) -> dict:
    statement = mapped.statement
    return {
        "kind": statement.kind.value,
        "title": statement.title,
        "source": str(statement.source),
        "columns": [{"header": c.header, "period": str(c.period) if c.period else None, "is_value": c.is_value} for c in statement.columns],
        "lines": [
            {
                "label": line.line.full_label,
                "source": str(line.line.source),
                "concepts": [c.qname for c in line.concepts],
                "sign": line.sign,
                "score": line.score,
                "reasons": list(line.reasons),
                "alternatives": list(line.alternatives),
                "candidates": [c.as_json() for c in line.candidates],
            }
            for line in mapped.lines
        ],
    }


def _not_converted(mapped: tuple[MappedStatement, ...]) -> list[dict]:
    """Every printed number that is not a fact, and why."""
    rows = []
    for statement in mapped:
        for line in statement.lines:
            for column, value in zip(statement.statement.columns, line.line.values):
                reason = _unconverted_reason(column) or ("a percentage printed among amounts, not an amount" if value and value.is_percent else None)
                if value is not None and reason:
                    rows.append(_entry(value.source, line.line.full_label, value.printed, reason))
        rows.extend(_entry(value.source, line.full_label, value.printed, reason)
                    for line, reason in statement.statement.set_aside for value in line.values if value is not None)
    return rows


def _entry(source: SourceRef, label: str, printed: str, reason: str) -> dict:
    """One line of report.json's not_converted."""
    return {"source": str(source), "label": label, "printed": printed, "reason": reason}


def _conflicts(mapped: tuple[MappedStatement, ...]) -> list[dict]:
    """Every printed number another statement prints otherwise for its concept and period (warning XC416):
    a fact of an extension concept, and why."""
    return [{"source": str(c.source), "label": c.label, "printed": c.printed, "concept": c.concept, "period": c.period,
             "converted_as": c.extension, "reason": c.reason}
            for statement in mapped for c in statement.conflicts]


def _rejected(mapped: tuple[MappedStatement, ...]) -> list[dict]:
    """What a statement line prints in its value columns that is read as no value: a malformed number, a row cut off."""
    return [_entry(r.cell.source, line.line.full_label, r.cell.text, r.reason)
            for statement in mapped for line in statement.lines for r in line.line.rejected]


def cut_line(data: bytes) -> int | None:
    """The line the input ends in when it ends in the middle of one (no line break after its last text)."""
    if data.endswith((b"\n", b"\r")) or not data.rsplit(b"\n", 1)[-1].strip():
        return None
    return data.count(b"\n") + 1


def _unconverted_reason(column) -> str | None:
    if column.note:
        return column.note
    if not column.is_value:
        return f"column {column.index + 1} ({column.header!r}) is a change or percentage column, not a reported amount"
    if column.period is None:
        return f"no period known for column {column.index + 1} ({column.header!r})"
    return None


def _diagnostic_json(diagnostic: Diagnostic) -> dict:
    return {"code": diagnostic.code, "severity": diagnostic.severity.value, "message": diagnostic.message,
            "source": str(diagnostic.source) if diagnostic.source else None}


def report_bytes(conversion: Conversion) -> bytes:
    return (json.dumps(conversion.report(), indent=1) + "\n").encode("utf-8")


def output_extras(conversion: Conversion) -> dict[str, bytes]:
    """The files written beside the documents whatever the formats: report.json and facts.csv."""
    from .fact_table import fact_table_bytes

    return {"report.json": report_bytes(conversion), "facts.csv": fact_table_bytes(conversion)}


MAX_INPUT_MB = 64  # larger inputs are refused before they are read (--max-input-mb raises it)


def read_input(path: str, limit: int = MAX_INPUT_MB * 2**20) -> tuple[bytes, str]:
    """The bytes of a file, or of standard input for "-"; a ConversionError XC001 when it cannot be read,
    XC003 when it is over limit bytes: found before reading a file, after reading one byte more than the
    limit of standard input."""
    try:
        return _read_bounded(path, limit)
    except OSError as exc:
        raise ConversionError([error("XC001", f"cannot read the input: {exc.strerror or exc}", SourceRef(path))]) from None


def _read_bounded(path: str, limit: int) -> tuple[bytes, str]:
    import sys

    if path == "-":
        data, name = sys.stdin.buffer.read(limit + 1), "<stdin>"
        size = len(data)
    else:
        name = path
        size = Path(path).stat().st_size
    if size > limit:
        raise ConversionError([error("XC003", f"the input is larger than {limit / 2**20:g} MB (give --max-input-mb to raise the limit)",
                                     SourceRef(name))])
    return (data if path == "-" else Path(path).read_bytes()), name
