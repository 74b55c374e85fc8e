"""A taxonomy package of the size of one instance: the bundled schemas cut to the concepts it names.

The bundled US GAAP subset holds thousands of elements, and Arelle re-checks every one of them on each
validation although an instance uses a few dozen. trimmed_package() writes a copy of the package whose
schemas keep their header (imports, types) and only the elements whose name occurs as a word in the
instance or in a local file of its DTS (extension schema, linkbases). The official URLs resolve to the
trimmed schemas through the same catalog, so every concept the instance, its contexts or its linkbases
reference is defined exactly as in the full package, and a concept the full package lacks is still
missing: the messages do not change (bench/validation_speed.py --equivalence shows it on the corpus).

A schema is trimmed only when its shape is the one scripts/build_taxonomy.py writes (one element per
line after the header); a DTS that points into a bundled schema by position (element(...) scheme) gets
the full package, since removing elements would move what such a pointer designates.

Runs in the caller's process: plain files, no Arelle.
"""
from __future__ import annotations

import hashlib
import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

_WORD = re.compile(rb"[A-Za-z0-9]+")
_REFERENCE = re.compile(rb"""(?:href|schemaLocation)\s*=\s*["']([^"'#]*)(#[^"']*)?["']""")
_ELEMENT_LINE = re.compile(r'^\s*<xs:element\b[^>]*\bname="([^"]+)"[^>]*/>\s*$')
_CLOSING = "</xs:schema>"
_LOCAL_SUFFIXES = (".xsd", ".xml")
_MAX_LOCAL_FILES = 200  # a DTS of our own making has a handful; the rest is somebody's whole folder


@dataclass(frozen=True)
class _Schema:
    header: str  # everything before the first element
    elements: tuple[tuple[str, str], ...]  # (name, line) in file order


def dts_words(entry: str | Path) -> tuple[frozenset[str], bool]:
    """The words of an instance and of the local files of its DTS, and whether a reference points into
    a schema by position (then trimming is unsafe)."""
    words: set[str] = set()
    positional = False
    seen: set[Path] = set()
    todo = [Path(entry).resolve()]
    while todo and len(seen) < _MAX_LOCAL_FILES:
        file = todo.pop()
        if file in seen or not file.is_file():
            continue
        seen.add(file)
        data = file.read_bytes()
        words.update(w.decode("ascii") for w in set(_WORD.findall(data)))
        for match in _REFERENCE.finditer(data):
            fragment = match.group(2) or b""
            positional = positional or fragment.startswith(b"#element(")
            local = _local_file(file, match.group(1).decode("utf-8", "replace"))
            if local is not None:
                todo.append(local)
    return frozenset(words), positional


def trimmed_package(package_dir: Path, words: frozenset[str], cache_dir: Path, package_name: str) -> Path:
    """A zipped package (cached in cache_dir by the elements kept) with each schema cut to `words`."""
    files = sorted(p for p in package_dir.rglob("*") if p.is_file())
    texts: dict[Path, str | None] = {}
    kept_names: list[str] = []
    for file in files:
        schema = _schema(file, file.stat().st_mtime_ns) if file.suffix == ".xsd" else None
        if schema is None:
            texts[file] = None
            continue
        lines = [line for name, line in schema.elements if name in words]
        kept_names.append(f"{file.name}:" + ",".join(name for name, _ in schema.elements if name in words))
        texts[file] = schema.header + "".join(lines) + _CLOSING + "\n"
    key = hashlib.sha1("\n".join([str(package_dir)] + kept_names).encode()).hexdigest()[:20]
    target = cache_dir / f"{package_name}-{key}.zip"
    if target.is_file():
        return target
    partial = target.with_suffix(".part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_STORED) as archive:
        for file in files:
            name = f"{package_name}/{file.relative_to(package_dir).as_posix()}"
            text = texts[file]
            if text is None:
                archive.write(file, name)
            else:
                archive.writestr(name, text)
    partial.replace(target)
    return target


def _local_file(base: Path, reference: str) -> Path | None:
    """The local DTS file a reference names (relative or file:), None for URLs and other kinds of file."""
    parts = urlsplit(reference)
    if parts.scheme not in ("", "file") or parts.netloc not in ("", "localhost") or not parts.path:
        return None
    path = Path(unquote(parts.path))
    if not path.is_absolute():
        path = base.parent / path
    return path.resolve() if path.suffix.lower() in _LOCAL_SUFFIXES else None


@lru_cache(maxsize=16)
def _schema(file: Path, _mtime: int) -> _Schema | None:
    """The schema split into header and one-line elements; None when it is not of that shape."""
    lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
    first = next((i for i, line in enumerate(lines) if line.lstrip().startswith("<xs:element")), None)
    if first is None:
        return None
    elements = []
    for line in lines[first:]:
        stripped = line.strip()
        if stripped == _CLOSING:
            break
        match = _ELEMENT_LINE.match(line)
        if match is None:
            return None  # a multi-line element, a type after the elements: not ours to cut
        elements.append((match.group(1), line))
    else:
        return None
    if any(line.strip() for line in lines[first + len(elements) + 1:]):
        return None
    return _Schema("".join(lines[:first]), tuple(elements))
