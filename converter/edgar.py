"""Decoding and EDGAR SGML submission splitting (the workings behind document.read_document).

Line numbers: a part's text is a run of the decoded file's lines (split on "\\n" only), so
part.first_line + index is the line number that editors and grep show for the original file.
Every rewrite done here (tag removal in <PRE> pages, wrapper lines) keeps that line structure.

Diagnostic codes of this stage: XC111-XC118 (XC101 is the pipeline's "no statements").
"""
from __future__ import annotations

import codecs
import html
import re
from dataclasses import replace
from datetime import date

from .diagnostics import Diagnostic, SourceRef, error, info, warning
from .source import NON_DOCUMENT_TYPES, DocumentPart, SubmissionHeader

# ----------------------------------------------------------------------------- decoding


def _latin1_fallback(exc: UnicodeError) -> tuple[str, int]:
    # The five bytes cp1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) read as Latin-1.
    return exc.object[exc.start : exc.end].decode("latin-1"), exc.end


codecs.register_error("xbrl_convert_latin1", _latin1_fallback)


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding used: UTF-8 when valid, else per line UTF-8, cp1252 or Latin-1.

    Submissions assembled from several word processors mix UTF-8 and cp1252 lines, so a
    file that is not valid UTF-8 as a whole is decoded line by line. The name returned is
    "utf-8", "cp1252", "latin-1" (no byte in 0x80-0x9F), "utf-8+cp1252" / "utf-8+latin-1"
    for such mixtures, "utf-16" for a file with a UTF-16 byte order mark, or "utf-16-le" / "utf-16-be"
    for one without whose every other byte is NUL (text of the Latin alphabet in UTF-16).
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _normalize_newlines(data.decode("utf-16", errors="replace")), "utf-16"
    if (unmarked := _utf16_without_mark(data)) is not None:
        return _normalize_newlines(data.decode(unmarked, errors="replace")), unmarked
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return _normalize_newlines(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    lines, kinds = [], set()
    for raw in data.split(b"\n"):
        line, kind = _decode_line(raw)
        lines.append(line)
        kinds.add(kind)
    legacy = "cp1252" if "cp1252" in kinds else "latin-1"
    return _normalize_newlines("\n".join(lines)), f"utf-8+{legacy}" if "utf-8" in kinds else legacy


def _utf16_without_mark(data: bytes) -> str | None:
    """utf-16-le or utf-16-be when nearly all of the high bytes of the first characters are NUL and
    nearly none of the low ones: no 8-bit text looks like that."""
    sample = data[: min(len(data), 4096) // 2 * 2]
    if len(sample) < 16:
        return None
    even, odd = sample[0::2], sample[1::2]
    share = lambda half: half.count(0) / len(half)  # noqa: E731
    if share(odd) > 0.9 and share(even) < 0.1:
        return "utf-16-le"
    if share(even) > 0.9 and share(odd) < 0.1:
        return "utf-16-be"
    return None


def _decode_line(raw: bytes) -> tuple[str, str]:
    if raw.isascii():
        return raw.decode("ascii"), "ascii"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Latin-1 would turn 0x80-0x9F (curly quotes, dashes) into C1 control characters.
    if any(0x80 <= byte <= 0x9F for byte in raw):
        return raw.decode("cp1252", errors="xbrl_convert_latin1"), "cp1252"
    return raw.decode("latin-1"), "latin-1"


def _normalize_newlines(text: str) -> str:
    # "\r\r\n" is one line ending (a DOS file run through a second conversion), not two.
    return re.sub(r"\r*\n|\r", "\n", text)


# ----------------------------------------------------------------------------- header

_HEADER_FIELDS = {  # field: header keys, modern/IMS "KEY: value" form and the <TAG>value form
    "company_name": ("COMPANY CONFORMED NAME", "CONFORMED-NAME"),
    "cik": ("CENTRAL INDEX KEY", "CIK"),
    "form_type": ("CONFORMED SUBMISSION TYPE", "TYPE", "FORM TYPE", "FORM-TYPE"),
    "period_of_report": ("CONFORMED PERIOD OF REPORT", "PERIOD"),
    "filed": ("FILED AS OF DATE", "FILING-DATE"),
    "fiscal_year_end": ("FISCAL YEAR END", "FISCAL-YEAR-END"),
    "accession_number": ("ACCESSION NUMBER", "ACCESSION-NUMBER"),
}
_KEY_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z0-9 ]*?)\s*:\s*(\S.*?)\s*$")
_TAG_LINE = re.compile(r"^\s*<([A-Za-z][A-Za-z0-9-]*)>\s*(\S.*?)\s*$")


def _parse_header(lines: list[str], path: str, diagnostics: list[Diagnostic]) -> SubmissionHeader:
    """Header fields from the lines before the first <DOCUMENT>; the first occurrence of a key wins."""
    raw: dict[str, tuple[str, int]] = {}
    for number, line in enumerate(lines, 1):
        if match := _KEY_LINE.match(line):
            value = match.group(2)
        elif match := _TAG_LINE.match(line):
            value = html.unescape(match.group(2))
        else:
            continue
        raw.setdefault(match.group(1).upper(), (value, number))
    values = {}
    for name, keys in _HEADER_FIELDS.items():
        found = next((raw[key] for key in keys if key in raw), None)
        if found is not None:
            values[name] = _header_value(name, *found, path, diagnostics)
    return SubmissionHeader(**values)


def _header_value(name: str, text: str, line: int, path: str, diagnostics: list[Diagnostic]):
    convert = {"cik": _cik, "period_of_report": _yyyymmdd, "filed": _yyyymmdd, "fiscal_year_end": _mmdd}.get(name)
    value = convert(text) if convert else " ".join(text.split())
    if value is None:
        diagnostics.append(warning("XC113", f"header {name.replace('_', ' ')}: unreadable value {text!r}", SourceRef(path, line)))
    return value


def _cik(text: str) -> str | None:
    return text.zfill(10) if text.isdigit() and len(text) <= 10 else None


def _yyyymmdd(text: str) -> date | None:
    if not re.fullmatch(r"\d{8}", text):
        return None
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


def _mmdd(text: str) -> str | None:
    if not re.fullmatch(r"\d{4}", text):
        return None
    try:
        date(2000, int(text[:2]), int(text[2:]))  # a leap year, so 0229 passes
    except ValueError:
        return None
    return text


# ----------------------------------------------------------------------------- submission

_PREAMBLE_MAX = 20
_DOC_TAG = re.compile(r"<(TYPE|SEQUENCE|FILENAME|DESCRIPTION)>(.*)$", re.I)
_SUBMISSION_START = ("<SEC-DOCUMENT>", "<IMS-DOCUMENT>", "<SUBMISSION>", "-----BEGIN PRIVACY-ENHANCED MESSAGE")
_SUBMISSION_END = ("</SEC-DOCUMENT>", "</IMS-DOCUMENT>", "</SUBMISSION>", "-----END PRIVACY-ENHANCED MESSAGE")


def split_submission(text: str, path: str) -> tuple[SubmissionHeader, list[DocumentPart], list[Diagnostic]]:
    """Header and readable parts of an EDGAR SGML submission, or the whole text as one part."""
    diagnostics: list[Diagnostic] = []
    if not text.strip():
        return SubmissionHeader(), [], [error("XC111", "the input is empty", SourceRef(path))]
    lines = text.split("\n")
    first = _first_document_line(lines)
    if first is None:
        return SubmissionHeader(), [_make_part("TEXT", lines, 1)], diagnostics
    header = _parse_header(lines[:first], path, diagnostics)
    parts, end = _read_documents(lines, first, path, diagnostics)
    _check_rest(lines, first, end, path, diagnostics)
    if not parts:
        diagnostics.append(error("XC112", "the submission holds no readable text document", SourceRef(path)))
    if header.form_type is None:
        main = next((p for p in parts if not p.is_exhibit and p.doc_type not in NON_DOCUMENT_TYPES | {"UNKNOWN"}), None)
        header = replace(header, form_type=main.doc_type if main else None)
    return header, parts, diagnostics


def _first_document_line(lines: list[str]) -> int | None:
    """Index of the first <DOCUMENT> line that is followed by its <TYPE>: the SGML sign."""
    for i, line in enumerate(lines):
        if line.strip().upper() == "<DOCUMENT>" and any(
            later.lstrip().upper().startswith("<TYPE>") for later in lines[i + 1 : i + 4]
        ):
            return i
    return None


def _read_documents(lines: list[str], i: int, path: str, diagnostics: list[Diagnostic]) -> tuple[list[DocumentPart], int]:
    """Parts of the <DOCUMENT>s from line index i up to the end of the (first) submission."""
    parts, skipped = [], []
    while i < len(lines):
        mark = lines[i].strip().upper()
        if mark.startswith(_SUBMISSION_END) or mark.startswith(_SUBMISSION_START):
            break
        if mark != "<DOCUMENT>":
            i += 1
            continue
        tags, text_lines, first_line, i = _read_document(lines, i + 1, path, diagnostics)
        if _is_binary(tags, text_lines):
            skipped.append(f"{tags.get('TYPE', '')} {tags.get('FILENAME', '')}".strip())
        elif text_lines is not None:
            parts.append(_document_part(tags, text_lines, first_line))
    if skipped:
        names = ", ".join(skipped[:5]) + (", ..." if len(skipped) > 5 else "")
        diagnostics.append(info("XC114", f"skipped {len(skipped)} binary part(s): {names}", SourceRef(path)))
    return parts, i


def _read_document(lines: list[str], i: int, path: str, diagnostics: list[Diagnostic]):
    """Tags, text lines and 1-based first line of the document whose tags start at index i,
    and the index after its </DOCUMENT>. Text lines are None for a document without text."""
    # Besides its tags, the preamble may hold a DESCRIPTION continued on a second line and
    # flags like <FLAWED> or <PAGES>, so look for <TEXT> rather than for the first untagged line.
    marks = ((j, lines[j].strip().upper()) for j in range(i, min(i + _PREAMBLE_MAX, len(lines))))
    stop = next(((j, mark) for j, mark in marks if mark.startswith(("<TEXT>", "</DOCUMENT>"))), None)
    if stop and stop[1].startswith("<TEXT>"):
        tags = _doc_tags(lines[i : stop[0]])
        return _read_text(lines, stop[0], lines[stop[0]].strip()[len("<TEXT>") :], tags, path, diagnostics)
    start = _skip_tags(lines, i)
    tags = _doc_tags(lines[i:start])
    if stop and start >= stop[0]:
        return tags, None, stop[0] + 1, stop[0] + 1
    diagnostics.append(warning("XC118", "document without <TEXT> tag", SourceRef(path, start + 1)))
    text_end, next_i = _text_end(lines, start, path, diagnostics, closed=False)
    return tags, lines[start:text_end], start + 1, next_i


def _doc_tags(lines: list[str]) -> dict[str, str]:
    return {m.group(1).upper(): m.group(2).strip() for line in lines if (m := _DOC_TAG.match(line.strip()))}


def _skip_tags(lines: list[str], i: int) -> int:
    while i < len(lines) and (not lines[i].strip() or _DOC_TAG.match(lines[i].strip())):
        i += 1
    return i


def _read_text(lines: list[str], i: int, head: str, tags: dict[str, str], path: str, diagnostics: list[Diagnostic]):
    """The text after the <TEXT> line at index i; head is what follows <TEXT> on that line."""
    if head.endswith("</TEXT>"):
        return tags, [head[: -len("</TEXT>")]], i + 1, _after_document(lines, i + 1)
    end, next_i = _text_end(lines, i + 1, path, diagnostics)
    text_lines = ([head] if head else []) + lines[i + 1 : end]
    closing = lines[end].rstrip() if end < len(lines) else ""
    if closing.endswith("</TEXT>") and closing.strip() != "</TEXT>":
        text_lines.append(closing[: -len("</TEXT>")])
    # Text that begins on the <TEXT> line itself starts there, six columns left of the file.
    return tags, text_lines, i + 1 if head else i + 2, next_i


def _text_end(lines: list[str], i: int, path: str, diagnostics: list[Diagnostic], closed: bool = True) -> tuple[int, int]:
    """Index of the </TEXT> line (exclusive end of the text) and the index to read on from."""
    start = i
    while i < len(lines):
        line = lines[i].rstrip()
        # Case-sensitive: a lowercase </text> may close an SVG element inside the HTML.
        if closed and line.endswith("</TEXT>"):
            return i, _after_document(lines, i + 1)
        mark = line.strip().upper()
        if mark in ("</DOCUMENT>", "<DOCUMENT>") or mark.startswith(_SUBMISSION_END):
            if closed:
                diagnostics.append(warning("XC115", "document text not closed by </TEXT>", SourceRef(path, start)))
            return i, i + 1 if mark == "</DOCUMENT>" else i
        i += 1
    return i, i


def _after_document(lines: list[str], i: int) -> int:
    for j in range(i, min(i + 3, len(lines))):
        if lines[j].strip().upper() == "</DOCUMENT>":
            return j + 1
    return i


def _check_rest(lines: list[str], first: int, end: int, path: str, diagnostics: list[Diagnostic]) -> None:
    """Report what follows the end of the submission: a repeated copy of it, or other content."""
    rest = [i for i in range(end, len(lines)) if lines[i].strip() and not _is_envelope(lines[i])]
    if not rest:
        return
    opening = next((ln.strip() for ln in lines[:first] if ln.strip().upper().startswith(_SUBMISSION_START[:2])), None)
    repeats = sum(1 for i in rest if lines[i].strip() == opening) if opening else 0
    if repeats:
        diagnostics.append(info("XC116", f"the file repeats the submission {repeats} more time(s); only the first copy is read", SourceRef(path, rest[0] + 1)))
    else:
        diagnostics.append(warning("XC117", "content after the end of the submission is ignored", SourceRef(path, rest[0] + 1)))


def _is_envelope(line: str) -> bool:
    return line.strip().upper().startswith(_SUBMISSION_END)


# ----------------------------------------------------------------------------- parts

_BINARY_TYPES = frozenset({"GRAPHIC", "ZIP", "EXCEL", "PDF"})
_BINARY_EXTENSIONS = (".jpg", ".jpeg", ".gif", ".png", ".bmp", ".tif", ".tiff", ".pdf", ".zip", ".xls", ".xlsx")
_UUENCODE_BEGIN = re.compile(r"begin [0-7]{3,4} \S")
_WRAPPERS = {"<XBRL>": "</XBRL>", "<XML>": "</XML>"}


def _document_part(tags: dict[str, str], text_lines: list[str], first_line: int) -> DocumentPart:
    # Inline XBRL and XML documents sit inside an <XBRL> or <XML> wrapper within <TEXT>.
    if text_lines and text_lines[0].strip().upper() in _WRAPPERS:
        closing = _WRAPPERS[text_lines[0].strip().upper()]
        text_lines = text_lines[1:-1] if text_lines[-1].strip().upper() == closing else text_lines[1:]
        first_line += 1
    doc_type = " ".join(tags.get("TYPE", "").upper().split()) or "UNKNOWN"
    part = _make_part(doc_type, text_lines, first_line)
    return replace(part, description=" ".join(tags.get("DESCRIPTION", "").split()), filename=tags.get("FILENAME", "").strip())


def _make_part(doc_type: str, text_lines: list[str], first_line: int) -> DocumentPart:
    text = "\n".join(text_lines)
    if not _looks_like_html(text):
        return DocumentPart(doc_type, text, first_line)
    if _is_pre_page(text):
        return DocumentPart(doc_type, _pre_page_text(text), first_line)
    return DocumentPart(doc_type, text, first_line, is_html=True)


def _is_binary(tags: dict[str, str], text_lines: list[str] | None) -> bool:
    doc_type, filename = tags.get("TYPE", "").upper(), tags.get("FILENAME", "").lower()
    if doc_type in _BINARY_TYPES or filename.endswith(_BINARY_EXTENSIONS):
        return True
    head = [line.strip() for line in (text_lines or [])[:20] if line.strip()][:2]
    return any(_UUENCODE_BEGIN.match(line) or line.upper() == "<PDF>" for line in head)


# ----------------------------------------------------------------------------- HTML

_HTML_MARK = re.compile(r"<(?:!doctype\s+html|html|body|head)\b", re.I)
# Tags EDGAR's plain-text markup never uses (it has <PAGE>, <TABLE>, <CAPTION>, <S>, <C>, <FN>).
_HTML_TAG = re.compile(r"</?(?:p|div|span|font|br|td|tr|th|b|i|u|a|img|hr|center|tt|h[1-6]|pre)\b", re.I)
_HTML_SAMPLE = 65536
_PRE_BLOCK = re.compile(r"<pre\b[^>]*>(.*?)(?:</pre\s*>|\Z)", re.I | re.S)
# Shared with filer.py, which reads an HTML part's visible lines.
INVISIBLE_HTML = re.compile(r"<!--.*?-->|<(head|script|style|title)\b.*?</\1\s*>", re.I | re.S)
ANY_TAG = re.compile(r"</?[A-Za-z!?][^>]*>")


def _looks_like_html(text: str) -> bool:
    sample = text[:_HTML_SAMPLE]
    return bool(_HTML_MARK.search(sample)) or len(_HTML_TAG.findall(sample)) >= 10


def _is_pre_page(text: str) -> bool:
    """Whether the visible text of an HTML page lies (almost) all inside <PRE> blocks."""
    inside = sum(_visible_size(block) for block in _PRE_BLOCK.findall(text))
    if not inside:
        return False
    outside = _visible_size(_PRE_BLOCK.sub("", text))
    return outside <= inside // 10


def _visible_size(fragment: str) -> int:
    visible = html.unescape(ANY_TAG.sub("", INVISIBLE_HTML.sub("", fragment)))
    return sum(1 for char in visible if not char.isspace())


def _pre_page_text(text: str) -> str:
    """The page as plain text: tags removed, entities decoded, every line kept where it was."""
    keep_newlines = lambda match: "\n" * match.group(0).count("\n")  # noqa: E731
    bare = ANY_TAG.sub(keep_newlines, INVISIBLE_HTML.sub(keep_newlines, text))
    # Per line, so that an encoded newline (&#10;) cannot add a line.
    return "\n".join(_unescape_line(line) for line in bare.split("\n"))


def _unescape_line(line: str) -> str:
    decoded = html.unescape(line) if "&" in line else line
    return decoded.replace("\xa0", " ").replace("\n", " ").replace("\r", " ")
