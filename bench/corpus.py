"""Convert every keyed document of ../shared/corpus and score it: a per-document table.

    python -m bench.corpus [text|html|pairs|ixbrl ...] [--out DIR] [--misses]

Documents of ixbrl/ are scored against the company's own inline tags (converter.ixbrl): the plain
HTML a reader sees is converted, and the face-statement facts are the answer key.

Prints, for each document with an answer key: value recall, concept recall, sign errors, the sign
disagreements the key explains (converter.evaluation; each listed with its reason), facts written,
Arelle's verdict, and the time taken; then the means. Used by tests/test_corpus.py.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from converter.diagnostics import ConversionError
from converter.evaluation import Score, instance_facts, load_key, model_calculations, score
from converter.pipeline import convert, report_bytes
from converter.writers import write_output

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@dataclass
class Row:
    name: str
    score: Score | None = None
    facts: int = 0
    instance: Path | None = None
    valid: bool | None = None
    validation: tuple[str, ...] = ()
    error: str = ""
    seconds: float = 0.0


def keyed_documents(folders: list[str], shared: Path = SHARED) -> list[tuple[Path, Path | None]]:
    """(document, key) pairs of the given corpus folders; inline XBRL documents carry their key (None)."""
    pairs: list[tuple[Path, Path | None]] = []
    if "ixbrl" in folders:
        pairs.extend((path, None) for path in sorted((shared / "corpus" / "ixbrl").glob("*.htm*")))
    if "more" in folders:  # inline filings of companies new to the corpus, with keys brought to 2024
        for path in sorted((shared / "corpus" / "more" / "ixbrl").glob("*.htm*")):
            key = shared / "corpus" / "more" / "keys" / f"{path.stem}.json"
            pairs.append((path, key if key.exists() else None))
    for key in sorted((shared / "corpus" / "keys").glob("*.json")):
        document = load_key(key).get("document", "")
        for folder in folders:
            path = shared / "corpus" / folder / document
            if document and path.exists():
                pairs.append((path, key))
    return pairs


def run(documents: list[tuple[Path, Path | None]], out_dir: Path, validate: bool = True) -> list[Row]:
    rows = []
    for path, key in documents:
        row = Row(path.name)
        started = time.perf_counter()
        try:
            data, answers = _document_and_key(path, key)
            conversion = convert(data, str(path))
            files = write_output(conversion.instance, out_dir / path.stem, {"report.json": report_bytes(conversion)})
            row.instance = files.instance
            facts = instance_facts(files.instance)
            row.facts = len(facts)
            row.score = score(answers, facts, model_calculations(conversion.instance))
        except ConversionError as exc:
            row.error = str(exc).splitlines()[-1]
        except Exception:  # noqa: BLE001 - a crash is what this report must show
            row.error = traceback.format_exc().strip().splitlines()[-1]
        row.seconds = time.perf_counter() - started
        rows.append(row)
    if validate:
        _validate(rows)
    return rows


def _document_and_key(path: Path, key: Path | None) -> tuple[bytes, dict]:
    """What the converter reads and the answer key: an inline XBRL document is unwrapped first."""
    from converter.ixbrl import answer_key, read_inline

    if key is not None and not _is_inline(path):
        return path.read_bytes(), load_key(key)
    document = read_inline(path.read_bytes(), str(path))
    if key is not None:
        return document.html.encode("utf-8"), load_key(key)
    return document.html.encode("utf-8"), answer_key(document.facts, path.name)


def _is_inline(path: Path) -> bool:
    return path.parent.name == "ixbrl"


def _validate(rows: list[Row]) -> None:
    from converter.validation import validate_instances

    done = [r for r in rows if r.instance is not None]
    for row, report in zip(done, validate_instances([r.instance for r in done])):
        row.valid = report.ok
        row.validation = tuple(f"{m.level} {m.code}: {m.text}" for m in report.messages if m.level != "warning")


def table(rows: list[Row], misses: bool = False) -> str:
    lines = [f"{'document':<52} {'values':>6} {'value':>6} {'concept':>7} {'signs':>5} {'expl.':>5} {'facts':>5} {'valid':>5} {'secs':>5}"]
    for row in rows:
        if row.score is None:
            lines.append(f"{row.name:<52} {'':>6} {'':>6} {'':>7} {'':>5} {'':>5} {'':>5} {'':>5} {row.seconds:5.1f}  {row.error}")
            continue
        s = row.score
        valid = {True: "yes", False: "NO", None: "-"}[row.valid]
        lines.append(f"{row.name:<52} {s.total:>6} {s.value_recall:6.3f} {s.concept_recall:7.3f} {s.unexplained_sign_errors:>5} {len(s.explained_signs):>5} {row.facts:>5} {valid:>5} {row.seconds:5.1f}")
        lines.extend(f"      explained: {why}" for why in s.explained_signs)
        if misses:
            lines.extend(f"      {m}" for m in s.misses[:60])
            lines.extend(f"      {m}" for m in row.validation[:10])
    scored = [r.score for r in rows if r.score is not None]
    n = len(rows) or 1
    lines.append(
        f"{'mean over ' + str(len(rows)) + ' documents':<52} {sum(s.total for s in scored):>6} "
        f"{sum(s.value_recall for s in scored) / n:6.3f} {sum(s.concept_recall for s in scored) / n:7.3f} "
        f"{sum(s.unexplained_sign_errors for s in scored):>5} {sum(len(s.explained_signs) for s in scored):>5}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", default=["text"])
    parser.add_argument("--out", type=Path)
    parser.add_argument("--misses", action="store_true", help="list what each document misses")
    parser.add_argument("--no-validate", action="store_true")
    parser.add_argument("-k", help="only documents whose name contains this")
    args = parser.parse_args(argv)
    documents = [d for d in keyed_documents(args.folders) if not args.k or args.k in d[0].name]
    out = args.out or Path(tempfile.mkdtemp(prefix="corpus-"))
    rows = run(documents, out, validate=not args.no_validate)
    print(table(rows, args.misses))
    print(f"output in {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
