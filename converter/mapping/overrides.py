"""User overrides of the concept choice: a CSV the user writes, or edits from `inspect --suggest`.

Each row is `pattern,kind,concepts[,comment]`:
  pattern   a regular expression, case-insensitive, searched in the normalized label (labels.normalize:
            lower case, no punctuation) and in the label read with its section ("Total" under
            "Current assets:" also reads "total current assets");
  kind      balance_sheet, income, cash_flow, comprehensive_income, equity, or * for any statement;
            "income#2" is the second statement of operations of the document only (the suggestion
            numbers the statements so when a document has several of a kind);
  concepts  a us-gaap name or a prefixed qname ("dei:..."), several separated by spaces for one line
            that is several concepts ("basic and diluted"), or "-" for a company extension concept;
  comment   ignored (the suggestion writes the score and the alternatives with their scores there).
A first row starting with "pattern" is a header; blank rows and rows starting with "#" are skipped.

Rows are tried in file order before the synonyms. A row gives at most one line of each statement
(a concept reported twice in one statement would make inconsistent duplicates), so a second line
with the same label takes the next row that matches it. A row whose concepts do not fit the line
(unit, period type) is passed over. The file is validated when loaded: any bad row is an error
with its file and line, and nothing is converted.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from ..diagnostics import EXIT_USAGE, ConversionError, Diagnostic, SourceRef, error
from .labels import label_variants, normalize
from .taxonomy import Taxonomy, qualify

if TYPE_CHECKING:
    from .mapper import MappedLine, MappedStatement

KINDS = frozenset({"balance_sheet", "income", "cash_flow", "comprehensive_income", "equity", "*"})
EXTENSION = "-"  # the concepts column of a row that makes the line a company extension concept
HEADER = ("pattern", "kind", "concepts", "comment")


@dataclass(frozen=True)
class Override:
    pattern: re.Pattern
    kind: str  # a statement kind value, or "*"
    concepts: tuple[str, ...]  # qnames; empty for a company extension concept
    file: str
    line: int
    number: int | None = None  # only the number-th statement of its kind in the document

    @property
    def reason(self) -> str:
        return f"override {self.file} line {self.line}"

    def applies_to(self, kind: str, number: int) -> bool:
        return self.kind in (kind, "*") and self.number in (None, number)

    def matches(self, normalized_labels: Iterable[str]) -> bool:
        return any(self.pattern.search(label) for label in normalized_labels)


@dataclass(frozen=True)
class Overrides:
    rows: tuple[Override, ...] = ()
    file: str = ""

    def for_statement(self, kind: str, number: int) -> "Overrides":
        """The rows for the number-th statement of this kind in the document (1-based)."""
        return Overrides(tuple(row for row in self.rows if row.applies_to(kind, number)), self.file)

    def matching(self, labels: Iterable[str]) -> tuple[Override, ...]:
        normalized = tuple(dict.fromkeys(normalize(label) for label in labels))
        return tuple(row for row in self.rows if row.matches(normalized))


def load_overrides(path: str | Path, taxonomy: Taxonomy) -> Overrides:
    """The overrides of a CSV file; raises ConversionError (exit status 2) naming every bad row."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise ConversionError([error("XC801", f"cannot read the mapping file: {reason}", SourceRef(name))], EXIT_USAGE) from None
    return parse_overrides(text, name, taxonomy)


def parse_overrides(text: str, name: str, taxonomy: Taxonomy) -> Overrides:
    rows: list[Override] = []
    diagnostics: list[Diagnostic] = []
    for number, fields in _rows(text):
        row, problems = _override(fields, name, number, taxonomy)
        diagnostics.extend(problems)
        if row is not None:
            rows.append(row)
    if diagnostics:
        raise ConversionError(diagnostics, EXIT_USAGE)
    return Overrides(tuple(rows), name)


def _rows(text: str) -> Iterable[tuple[int, list[str]]]:
    """(line number, fields) of the rows that count: not blank, not a comment, not the header."""
    lines = text.splitlines()
    for number, fields in zip(range(1, len(lines) + 1), csv.reader(lines)):
        if not fields or not "".join(fields).strip() or fields[0].lstrip().startswith("#"):
            continue
        if number == 1 and fields[0].strip().lower() == "pattern":
            continue
        yield number, fields


def _kind_and_number(text: str) -> tuple[str, int | None]:
    """"income#2" is ("income", 2); "income" is ("income", None); a bad number is 0."""
    kind, hash_, number = text.partition("#")
    if not hash_:
        return kind, None
    return kind, int(number) if number.isdigit() else 0


def _override(fields: list[str], name: str, line: int, taxonomy: Taxonomy) -> tuple[Override | None, list[Diagnostic]]:
    where = SourceRef(name, line)
    if len(fields) < 3 or len(fields) > 4 or not fields[0].strip():
        return None, [error("XC802", f"a row is pattern,kind,concepts[,comment]: got {len(fields)} fields", where)]
    pattern, kind, names = (f.strip() for f in fields[:3])
    kind, number = _kind_and_number(kind)
    problems = []
    try:
        compiled = re.compile(pattern, re.I)
    except re.error as exc:
        compiled = None
        problems.append(error("XC803", f"bad regular expression {pattern!r}: {exc}", where.at(column=1)))
    if kind not in KINDS or number == 0:
        problems.append(error("XC804", f"unknown statement kind {kind!r} (one of {', '.join(sorted(KINDS))})", where))
    concepts = () if names == EXTENSION else tuple(qualify(n) for n in names.split())
    if not concepts and names != EXTENSION:
        problems.append(error("XC802", "no concept given (a name, several separated by spaces, or - for an extension)", where))
    problems.extend(_concept_problems(concepts, taxonomy, where))
    if problems:
        return None, problems
    return Override(compiled, kind, concepts, name, line, number), []


def _concept_problems(qnames: tuple[str, ...], taxonomy: Taxonomy, where: SourceRef) -> list[Diagnostic]:
    problems = []
    for qname in qnames:
        concept = taxonomy.concept(qname)
        if taxonomy.is_deprecated(qname):
            instead = " ".join(taxonomy.replacements.get(qname.partition(":")[2], ()))
            hint = f" (use {instead})" if instead else ""
            problems.append(error("XC806", f"concept {qname} is deprecated in the 2024 taxonomy{hint}", where))
        elif concept is None:
            problems.append(error("XC805", f"unknown concept {qname}: not in the US GAAP 2024 or DEI 2024 taxonomy", where))
        elif concept.abstract or not concept.is_numeric:
            problems.append(error("XC807", f"concept {qname} is not a numeric line item", where))
    return problems


# --- the draft a user edits: inspect --suggest -------------------------------------------------

_MOVED = re.compile(r"^(\S+(?: and \S+)*) already reported with another value by ")


def suggestion_csv(mapped: Iterable["MappedStatement"]) -> str:
    """One row per statement line with the concepts chosen for it, for review and `--mapping`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    mapped = tuple(mapped)
    kinds = [m.statement.kind for m in mapped]
    for statement, number in zip(mapped, statement_numbers(kinds)):
        several = kinds.count(statement.statement.kind) > 1
        kind = f"{statement.statement.kind.value}#{number}" if several else statement.statement.kind.value
        for line in statement.lines:
            pattern = "^" + re.escape(normalize(_suggested_label(line))).replace("\\ ", " ") + "$"
            writer.writerow([pattern, kind, _chosen(line), _comment(line)])
    return out.getvalue()


def statement_numbers(kinds: list) -> list[int]:
    """Each statement's number among the statements of its kind, in document order (1-based)."""
    return [kinds[: i + 1].count(kind) for i, kind in enumerate(kinds)]


def _suggested_label(line: "MappedLine") -> str:
    """The label as printed; a total captioned "Total" or not at all, read with its section."""
    variants = label_variants(line.line)
    generic = normalize(variants[0]) == "total" and len(variants) > 1
    return variants[1] if generic else variants[0]


def _chosen(line: "MappedLine") -> str:
    """The concepts as the mapping chose them (a line moved by a conflict between statements keeps its choice)."""
    moved = next((m for m in map(_MOVED.match, line.reasons) if m), None)
    if moved:
        qnames = moved.group(1).split(" and ")
        standard = all(q.partition(":")[0] in ("us-gaap", "dei") for q in qnames)
        return " ".join(qnames) if standard else EXTENSION
    if line.is_extension:
        return EXTENSION
    return " ".join(c.qname for c in line.concepts)


def _comment(line: "MappedLine") -> str:
    text = f"score {line.score:.2f}"
    if line.is_extension:
        text += f"; extension {line.concepts[0].qname}"
    if line.candidates:
        text += f"; alternatives: {', '.join(c.brief() for c in line.candidates)}"
    return text
