"""The records of the document stage: a submission's header, its document parts, who filed it.

document.read_document builds them; edgar.py (SGML and decoding) and filer.py (company, ticker and
form from the text) do the work. Kept apart so those modules and document.py import only this one.
"""
from __future__ import annotations

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
class SharesOutstanding:
    """The count of common shares outstanding a cover page states, at the date it gives."""

    count: int
    date: date
    source: SourceRef


@dataclass(frozen=True)
class Filer:
    """Who filed what, as the document itself says: the submission header first, else the cover
    page, the headings above the statements and the release's own lines."""

    company_name: str | None = None
    ticker: str | None = None
    form: str = "Other"  # "10-K", "10-Q", "8-K", "20-F", "40-F", "6-K" or "Other"
    name_source: SourceRef | None = None  # where the company name was read
    shares_outstanding: SharesOutstanding | None = None  # the cover's one class of common stock


@dataclass(frozen=True)
class SourceDocument:
    path: str  # as given by the user ("-" for standard input is shown as "<stdin>")
    encoding: str
    header: SubmissionHeader
    parts: tuple[DocumentPart, ...]
    diagnostics: tuple[Diagnostic, ...] = field(default=())
    filer: Filer = field(default_factory=lambda: Filer())


# Part types that are not documents a reader would read (XML: XBRL files and their R pages).
NON_DOCUMENT_TYPES = frozenset({"GRAPHIC", "ZIP", "EXCEL", "PDF", "XML", "JSON", "COVER", "CORRESP"})
