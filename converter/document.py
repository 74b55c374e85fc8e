"""Reading a document: bytes to text, EDGAR SGML submissions to their documents, header metadata.

This is the first stage. Its output, SourceDocument, carries the text of each document part with
the line offset of that part in the original file, so later stages can cite file:line:column.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .diagnostics import Diagnostic, SourceRef


@dataclass(frozen=True)
class SubmissionHeader:
    """What an EDGAR submission header (or the document itself) says about the filing."""

    company_name: str | None = None
    cik: str | None = None  # ten digits, zero padded
    form_type: str | None = None  # "8-K", "10-Q", ...
    period_of_report: date | None = None
    filed: date | None = None
    fiscal_year_end: str | None = None  # "MMDD"
    ticker: str | None = None
    accession_number: str | None = None  # "0000320193-97-000011"


@dataclass(frozen=True)
class DocumentPart:
    """One <DOCUMENT> of a submission (or the whole file when it is a single document)."""

    doc_type: str  # "EX-99.1", "10-Q", "TEXT" for a bare file
    text: str  # the part's text, with <TEXT> wrapper removed, newlines normalized to \n
    first_line: int  # 1-based line number in the original file of text's first line
    description: str = ""
    filename: str = ""
    is_html: bool = False

    def source(self, path: str, line_index: int, column: int = 0) -> SourceRef:
        """Source reference of the line at 0-based index line_index of this part's text."""
        return SourceRef(path, self.first_line + line_index, column)

    @property
    def lines(self) -> list[str]:
        """The text's lines, numbered as in source(). Split on "\\n" only: str.splitlines also
        breaks at form feeds and other separators, which would shift the line numbers."""
        return self.text.split("\n")

    @property
    def is_exhibit(self) -> bool:
        return self.doc_type.startswith("EX-")

    @property
    def is_financial_data_schedule(self) -> bool:
        """EX-27 (1993-2001): machine-readable tagged totals, not a presented statement."""
        return self.doc_type.startswith("EX-27")


@dataclass(frozen=True)
class SourceDocument:
    path: str  # as given by the user ("-" for standard input is shown as "<stdin>")
    encoding: str
    header: SubmissionHeader
    parts: tuple[DocumentPart, ...]
    diagnostics: tuple[Diagnostic, ...] = field(default=())


# Part types that are not documents a reader would read (XML: XBRL files and their R pages).
NON_DOCUMENT_TYPES = frozenset({"GRAPHIC", "ZIP", "EXCEL", "PDF", "XML", "JSON", "COVER", "CORRESP"})

# Exhibits that never hold the filer's statements: underwriting and merger agreements, charters,
# instruments, opinions, contracts, codes of ethics, letters, subsidiaries, consents, powers of
# attorney, certifications, XBRL files.
_NO_STATEMENTS = re.compile(r"EX-(1|2|3|4|5|8|10|14|16|21|23|24|31|32|101|104)(?![0-9])|EX-FILING")

# Current reports put their earnings release in an EX-99 exhibit; other forms carry the
# statements in their body, or in an EX-13 annual report incorporated by reference.
_CURRENT_REPORTS = ("8-K", "6-K")


def statement_parts(doc: SourceDocument) -> tuple[DocumentPart, ...]:
    """The parts most likely to hold the financial statements, best first; parts that cannot
    hold them (graphics, XBRL files, consents, contracts, certifications) are left out."""
    form = doc.header.form_type or next((p.doc_type for p in doc.parts if not p.is_exhibit), "")
    current = form.startswith(_CURRENT_REPORTS)
    ranked = [(rank, i, part) for i, part in enumerate(doc.parts) if (rank := _rank(part, current)) is not None]
    return tuple(part for _, _, part in sorted(ranked, key=lambda item: item[:2]))


def _rank(part: DocumentPart, current_report: bool) -> int | None:
    doc_type = part.doc_type
    if not part.text.strip() or doc_type in NON_DOCUMENT_TYPES or _NO_STATEMENTS.match(doc_type):
        return None
    if doc_type.startswith("EX-99"):
        return 0 if current_report else 2
    if not part.is_exhibit:
        return 1 if current_report else 0
    if doc_type.startswith("EX-13"):
        return 2 if current_report else 1
    return 4 if part.is_financial_data_schedule else 3


def read_document(data: bytes, path: str) -> SourceDocument:
    """Decode bytes and split an EDGAR submission into its parts. Never raises on odd input."""
    from .edgar import decode, split_submission

    text, encoding = decode(data)
    header, parts, diagnostics = split_submission(text, path)
    return SourceDocument(path, encoding, header, parts, tuple(diagnostics))
