"""Reading a document: bytes to text, EDGAR SGML submissions to their documents, header metadata.

This is the first stage. Its output, SourceDocument, carries the text of each document part with
the line offset of that part in the original file, so later stages can cite file:line:column.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .diagnostics import Diagnostic, SourceRef, warning
from .edgar import decode, split_submission
from .filer import identify_filer
from .source import NON_DOCUMENT_TYPES, DocumentPart, Filer, SourceDocument, SubmissionHeader

__all__ = ["NON_DOCUMENT_TYPES", "DocumentPart", "Filer", "SourceDocument", "SubmissionHeader", "read_document", "statement_parts"]


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


# C0 control characters other than tab and newline (NUL, form feed, escape...), DEL, the C1 controls
# (a terminal obeys U+009B as it does ESC [), and the code
# points XML cannot carry: no reader means them, an XML writer cannot write them, a terminal obeys them.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")


def clean_text(text: str, path: str) -> tuple[str, tuple[Diagnostic, ...]]:
    """The text without control characters, and a warning naming the first line that had one."""
    first = _CONTROL.search(text)
    if first is None:
        return text, ()
    count = len(_CONTROL.findall(text))
    line = text.count("\n", 0, first.start()) + 1
    note = warning("XC002", f"{count} control character(s) removed, the first {first.group()!r} on this line", SourceRef(path, line))
    return _CONTROL.sub("", text), (note,)


def clean_value(value: str | None) -> str | None:
    """A user-given name or identifier without control characters."""
    return None if value is None else _CONTROL.sub("", value)


def read_document(data: bytes, path: str) -> SourceDocument:
    """Decode bytes and split an EDGAR submission into its parts. Never raises on odd input."""
    text, encoding = decode(data)
    text, cleaned = clean_text(text, path)
    header, parts, diagnostics = split_submission(text, path)
    document = SourceDocument(path, encoding, header, tuple(parts), cleaned + tuple(diagnostics))
    return replace(document, filer=identify_filer(header, statement_parts(document), path))
