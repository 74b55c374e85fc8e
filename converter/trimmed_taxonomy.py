"""A taxonomy package of the size of one instance: the bundled schemas cut to the concepts it names.

The bundled US GAAP subset holds thousands of elements, and Arelle re-checks every one of them on each
validation although an instance uses a few dozen. trimmed_package() writes a copy of the package whose
schemas keep their header (imports, types) and only the elements whose name occurs as a word in the
instance or in a local file of its DTS (extension schema, linkbases; for an xBRL-JSON or xBRL-CSV
report, the taxonomy and tables its JSON names). The official URLs resolve to the
trimmed schemas through the same catalog, so every concept the instance, its contexts or its linkbases
reference is defined exactly as in the full package, and a concept the full package lacks is still
missing: the messages do not change (bench/validation_speed.py --equivalence shows it on the corpus).

The named types the kept elements use stay too (and the types those derive from). A schema is trimmed
only when its shape is the one scripts/build_taxonomy.py writes (imports, then the types as blocks,
then one element per line); a DTS that points into a bundled schema by position (element(...) scheme) gets
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
# an xBRL-JSON or xBRL-CSV metadata file names its taxonomy and its tables as JSON strings (the empty
# group: no fragment, which _REFERENCE matches second)
_OIM_REFERENCE = re.compile(rb'"([^"\\#]+\.(?:xsd|xml|csv|json))()"')
_ELEMENT_LINE = re.compile(r'^\s*<xs:element\b[^>]*\bname="([^"]+)"[^>]*/>\s*$')
_TEXT_WORD = re.compile(r"[A-Za-z0-9]+")
_TYPE_START = re.compile(r'^\s*<xs:(complexType|simpleType)\s+name="([^"]+)"\s*>\s*$')
_CLOSING = "</xs:schema>"
_LOCAL_SUFFIXES = (".xsd", ".xml", ".csv", ".json")
_MAX_LOCAL_FILES = 200  # a DTS of our own making has a handful; the rest is somebody's whole folder


@dataclass(frozen=True)
class _Schema:
    header: str  # everything before the first type or element: the schema tag, its imports
    types: tuple[tuple[str, str], ...]  # (name, definition) of the named types, in file order
    elements: tuple[tuple[str, str], ...]  # (name, line) in file order

    def cut(self, words: frozenset[str]) -> str:
        """The schema with the elements named in words and the types they (or words) name; the lines of
        the others are left empty, so that a message's line number is that of the whole schema."""
        lines = [line for name, line in self.elements if name in words]
        named = set(words).union(*(_words(line) for line in lines))
        blank = "\n"  # a removed line stays as an empty one: every kept line keeps its number
        kept: dict[str, str] = {}
        while True:
            new = {name: text for name, text in self.types if name in named and name not in kept}
            if not new:
                break
            kept.update(new)
            named.update(*(_words(text) for text in new.values()))
        types = [text if name in kept else blank * text.count("\n") for name, text in self.types]
        elements = [line if name in words else blank for name, line in self.elements]
        return self.header + "".join(types) + "".join(elements) + _CLOSING + "\n"


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
        for match in (_OIM_REFERENCE if file.suffix.lower() == ".json" else _REFERENCE).finditer(data):
            fragment = match.group(2) or b""
            positional = positional or fragment.startswith(b"#element(")
            local = _local_file(file, match.group(1).decode("utf-8", "replace"))
            if local is not None:
                todo.append(local)
    return frozenset(words), positional


def trimmed_package(package_dir: Path, words: frozenset[str], cache_dir: Path, package_name: str) -> Path:
    """A zipped package (cached in cache_dir by its contents) with each schema cut to `words`."""
    files = sorted(p for p in package_dir.rglob("*") if p.is_file())
    texts: dict[Path, str | None] = {}
    digest = hashlib.sha1(str(package_dir).encode())
    for file in files:
        schema = _schema(file, file.stat().st_mtime_ns) if file.suffix == ".xsd" else None
        texts[file] = None if schema is None else schema.cut(words)
        digest.update(f"\0{file.name}\0{texts[file]}".encode())
    key = digest.hexdigest()[:20]
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
    header, types = _split_types(lines[:first])
    return _Schema(header, types, tuple(elements))


def _split_types(lines: list[str]) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The lines before the elements as (imports and the rest, named top-level types); all of it the
    header when the types are not each a block of lines of their own."""
    starts = [i for i, line in enumerate(lines) if _TYPE_START.match(line)]
    if not starts:
        return "".join(lines), ()
    types = []
    for number, start in enumerate(starts):
        end = (starts[number + 1] if number + 1 < len(starts) else len(lines)) - 1
        kind = _TYPE_START.match(lines[start]).group(1)
        if lines[end].strip() != f"</xs:{kind}>":
            return "".join(lines), ()
        types.append((_TYPE_START.match(lines[start]).group(2), "".join(lines[start:end + 1])))
    return "".join(lines[:starts[0]]), tuple(types)


def _words(text: str) -> set[str]:
    return set(_TEXT_WORD.findall(text))
