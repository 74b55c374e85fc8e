"""The benchmark's figures as plain data: per document, the means per folder and overall, and the
differences between two runs (`python -m bench.corpus --json` writes them, `--compare` reads them).

A document's figures (document_figures) are a flat dict; those of a document with an answer key:
  values               key values scored
  value_recall         share of them found with the same period and signed value
  concept_agreement    share found with one of the key line's concepts (an extension where extension_ok)
  top3_agreement       share found with a key concept among the line's first three ranked concepts
  sign_errors          key values found only with the opposite sign, the key explaining none of it
  explained_signs      sign disagreements the key explains (converter.evaluation)
  extension_lines / standard_lines / extension_share
                       key lines the company tagged with a US GAAP concept (standard_lines, with a
                       value found) whose values were found only on extension facts, and their share
and of every converted document, keyed or not: statements, facts, lines (mapped statement lines),
our_extension_lines and our_extension_share (lines our output gave an extension concept), error,
and the key-free checks of bench/checks.py (cells, cells_as_facts, totals, totals_footing, ...).

Means (folder_means): recall and agreement are means over the documents, a document that failed
counting as 0; the extension share is the mean over the documents that have a line to share;
counts are sums, and valid is the number of valid instances (None without validation).
"""
from __future__ import annotations

from typing import Iterable

from .checks import Checks

KEYED_RATES = ("value_recall", "concept_agreement", "top3_agreement")
KEYED_SUMS = ("values", "sign_errors", "explained_signs", "standard_lines", "extension_lines")
COMMON_SUMS = ("statements", "facts", "lines", "our_extension_lines")


def document_figures(row) -> dict:
    """The figures of one bench.corpus Row."""
    figures = {
        "folder": row.folder, "document": row.name, "company": row.company, "keyed": row.keyed,
        "statements": row.statements, "facts": row.facts, "lines": row.lines,
        "our_extension_lines": row.extension_lines,
        "our_extension_share": _share(row.extension_lines, row.lines),
        "valid": row.valid, "error": row.error, "seconds": round(row.seconds, 2),
        **(row.checks or Checks()).as_dict(),
    }
    if row.keyed:
        s = row.score
        figures.update({
            "values": s.total if s else 0,
            "value_recall": _rate(s.value_recall) if s else 0.0,
            "concept_agreement": _rate(s.concept_recall) if s else 0.0,
            "top3_agreement": _rate(s.top3_agreement) if s else 0.0,
            "sign_errors": s.unexplained_sign_errors if s else 0,
            "explained_signs": len(s.explained_signs) if s else 0,
            "standard_lines": s.standard_lines if s else 0,
            "extension_lines": s.extension_lines if s else 0,
            "extension_share": _share(s.extension_lines, s.standard_lines) if s else None,
        })
    return figures


def folder_means(documents: Iterable[dict]) -> dict:
    """Means and sums over documents' figures (all keyed, or all without a key)."""
    documents = list(documents)
    n = len(documents)
    means: dict = {"documents": n, "errors": sum(1 for d in documents if d["error"])}
    validated = [d["valid"] for d in documents if d["valid"] is not None]
    means["valid"] = sum(validated) if validated else None  # how many instances Arelle found valid
    for name in COMMON_SUMS:
        means[name] = sum(d[name] for d in documents)
    means["our_extension_share"] = _mean([d["our_extension_share"] for d in documents])
    if documents and documents[0]["keyed"]:
        for name in KEYED_RATES:
            means[name] = _rate(sum(d[name] for d in documents) / n) if n else 0.0
        for name in KEYED_SUMS:
            means[name] = sum(d[name] for d in documents)
        means["extension_share"] = _mean([d["extension_share"] for d in documents])
    return means


def group(documents: Iterable[dict]) -> dict[tuple[str, bool], list[dict]]:
    """Documents by (folder, keyed), in the order they come."""
    groups: dict[tuple[str, bool], list[dict]] = {}
    for document in documents:
        groups.setdefault((document["folder"], document["keyed"]), []).append(document)
    return groups


def run_figures(rows, header: dict) -> dict:
    """Everything a run measured, as --json writes it."""
    documents = [document_figures(r) for r in rows]
    groups = group(documents)
    keyed = [d for d in documents if d["keyed"]]
    return {
        "header": header,
        "documents": documents,
        "folders": [{"folder": folder, "keyed": is_keyed, **folder_means(docs)} for (folder, is_keyed), docs in groups.items()],
        "overall": folder_means(keyed) if keyed else {"documents": 0},
    }


def compare(old: dict, new: dict) -> str:
    """Per-document and per-folder differences between two runs' figures (new minus old)."""
    lines = [f"label table: {old['header'].get('label_table', '?')} -> {new['header'].get('label_table', '?')}"]
    before = {(d["folder"], d["document"]): d for d in old["documents"]}
    after = {(d["folder"], d["document"]): d for d in new["documents"]}
    for (folder, keyed), documents in group(new["documents"]).items():
        lines.append("")
        lines.append(f"== {folder}{'' if keyed else ' (no key)'}")
        lines.append(_KEYED_HEAD if keyed else _UNKEYED_HEAD)
        for d in documents:
            lines.append(_delta_row(d, before.get((folder, d["document"])), keyed))
        for key, d in before.items():
            if key[0] == folder and d["keyed"] == keyed and key not in after:
                lines.append(f"{d['document']:<52} only in the old run")
    old_folders = {(f["folder"], f["keyed"]): f for f in old.get("folders", [])}
    for keyed in (True, False):
        folders = [f for f in new.get("folders", []) if f["keyed"] == keyed]
        if not folders:
            continue
        lines.append("")
        lines.append("== means" if keyed else "== means (no key)")
        lines.append((_KEYED_HEAD if keyed else _UNKEYED_HEAD).replace("document", "folder  ", 1))
        for f in folders:
            lines.append(_delta_row({**f, "document": f"{f['folder']} ({f['documents']})", "error": ""},
                                    old_folders.get((f["folder"], keyed)), keyed))
        if keyed and new.get("overall", {}).get("documents"):
            overall = {**new["overall"], "document": f"overall ({new['overall']['documents']})", "error": ""}
            lines.append(_delta_row(overall, old.get("overall") if old.get("overall", {}).get("documents") else None, True))
    return "\n".join(lines)


_KEYED_HEAD = (f"{'document':<52} {'value':>14} {'concept':>14} {'top-3':>14} {'signs':>9} {'expl.':>9} "
               f"{'extension':>14}")
_UNKEYED_HEAD = f"{'document':<52} {'statements':>10} {'facts':>11} {'our ext.':>14}"


def _delta_row(new: dict, old: dict | None, keyed: bool) -> str:
    name = f"{new['document']:<52}"
    if old is None:
        return f"{name} new in this run" + (f"  {new['error']}" if new.get("error") else "")
    if keyed:
        cells = [_cell(new, old, k, 14) for k in (*KEYED_RATES,)]
        cells += [_cell(new, old, k, 9) for k in ("sign_errors", "explained_signs")]
        cells.append(_cell(new, old, "extension_share", 14))
    else:
        cells = [_cell(new, old, "statements", 10), _cell(new, old, "facts", 11), _cell(new, old, "our_extension_share", 14)]
    error = _error_change(old.get("error", ""), new.get("error", ""))
    return f"{name} {' '.join(cells)}" + (f"  {error}" if error else "")


def _cell(new: dict, old: dict, name: str, width: int) -> str:
    value, was = new.get(name), old.get(name)
    if value is None:
        return f"{'-':>{width}}"
    if isinstance(value, int) and not isinstance(value, bool):
        text = f"{value}" + (f" {value - was:+d}" if isinstance(was, int) and value != was else "")
    else:
        text = f"{value:.3f}" + (f" {value - was:+.3f}" if isinstance(was, float) and round(value - was, 3) else "")
    return f"{text:>{width}}"


def _error_change(old: str, new: str) -> str:
    if old == new:
        return "still fails" if new else ""
    if not new:
        return f"fixed (was: {old})"
    return f"fails now: {new}" if not old else f"fails otherwise: {new}"


def _share(part: int, whole: int) -> float | None:
    return _rate(part / whole) if whole else None


def _mean(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return _rate(sum(present) / len(present)) if present else None


def _rate(value: float) -> float:
    return round(value, 6)
