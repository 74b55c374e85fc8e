"""The writers stage: serialize the XBRL model and write the output set into a folder, all or nothing.

write_output renders every file in memory first, then publishes them in one step (see folder): if anything
fails, or the run is killed, out_dir holds the old output or the new one, never a mix. Every format comes
from the same model in one run; xBRL-JSON and xBRL-CSV are Arelle's saves of the XML instance (see oim).
The viewer page (`<stem>-viewer.htm` and the script it loads, beside it) is rendered the same way, before
publishing, by a `viewer` function given by the caller (validation.Validator.viewer: the ixbrl-viewer runs in Arelle).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..diagnostics import EXIT_OUTPUT, ConversionError, Diagnostic, error, warning
from ..narrative import Narrative
from ..xbrl.model import Instance
from .extension import write_extension, written_linkbases
from .inline import inline_file_name, write_inline
from .instance import write_instance
from .folder import publish
from .oim import CSV, JSON, oim_entry_name, write_oim

__all__ = ["FORMATS", "OutputFiles", "document_name", "format_warnings", "parse_formats", "publish_output",
           "render_output", "viewer_file_name", "write_extension", "write_inline", "write_instance", "write_output"]

XML, IXBRL = "xml", "ixbrl"
# the XBRL 2.1 instance; the Inline XBRL 1.1 document; xBRL-JSON; xBRL-CSV (metadata and table)
FORMATS = (XML, IXBRL, JSON, CSV)
VIEWER_SUFFIX = "-viewer.htm"
# forms EDGAR takes only as Inline XBRL (EDGAR XBRL Guide EXG.12.08): an XML instance alone is refused
INLINE_ONLY_FORMS = ("8-K",)


class ViewerPage(Protocol):
    """What a viewer function returns (validation.ViewerPage): the page, its script, or a problem."""

    page: bytes
    script_name: str
    script: bytes
    problem: str


# (the files rendered so far, the inline document's name) -> its viewer page
Viewer = Callable[[Mapping[str, bytes], str], ViewerPage]


@dataclass(frozen=True)
class OutputFiles:
    """The files written: the instance, the extension (schema, _lab, _pre, and _cal when there are
    calculations) and any extra files (the xBRL-CSV table among them). instance is the first document
    of the formats asked for (the XML instance, or the inline document, the xBRL-JSON file or the
    xBRL-CSV metadata when only it is written); documents holds them all, in the order of the formats."""

    instance: Path
    extension: tuple[Path, ...]
    extra: tuple[Path, ...] = ()
    documents: tuple[Path, ...] = ()

    @property
    def inline(self) -> Path | None:
        return next((p for p in self.documents if p.suffix == ".htm"), None)

    @property
    def viewer(self) -> Path | None:
        return next((p for p in self.extra if p.name.endswith(VIEWER_SUFFIX)), None)

    @property
    def json(self) -> Path | None:
        return next((p for p in self.documents if p.suffix == ".json" and not p.name.endswith("-metadata.json")), None)

    @property
    def csv(self) -> Path | None:
        """The xBRL-CSV metadata file (its table beside it)."""
        return next((p for p in self.documents if p.name.endswith("-metadata.json")), None)

    @property
    def paths(self) -> tuple[Path, ...]:
        return (*(self.documents or (self.instance,)), *self.extension, *self.extra)

    def __iter__(self):
        return iter(self.paths)


def parse_formats(text: str) -> tuple[str, ...]:
    """ "xml", "ixbrl", "json", "csv" or a list of them ("xml,ixbrl,json,csv") as a tuple of FORMATS;
    ValueError naming what is not one."""
    formats = tuple(dict.fromkeys(part.strip().lower() for part in text.split(",") if part.strip()))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise ValueError(f"unknown output format {', '.join(unknown) or repr(text)}: use xml, ixbrl, json, csv or a list of them (xml,ixbrl,json,csv)")
    return formats


def format_warnings(instance: Instance, formats: tuple[str, ...]) -> tuple[Diagnostic, ...]:
    """A warning XC907 when the form is one EDGAR accepts only as Inline XBRL and ixbrl is not asked for."""
    if IXBRL in formats:
        return ()
    form = next((f for f in instance.facts if f.concept.qname == "dei:DocumentType"), None)
    if form is None or not str(form.value).upper().startswith(INLINE_ONLY_FORMS):
        return ()
    return (warning("XC907", f"EDGAR accepts a Form {form.value} only as Inline XBRL (EXG.12.08): "
                             "use --format ixbrl (or xml,ixbrl)", form.source),)


def viewer_file_name(instance: Instance) -> str:
    """`<ticker>-<yyyymmdd>-viewer.htm`, beside the inline document."""
    return inline_file_name(instance).rsplit(".", 1)[0] + VIEWER_SUFFIX


def render_output(instance: Instance, extra: Mapping[str, bytes] | None = None, *,
                  formats: tuple[str, ...] = (XML,), mapped: tuple = (), viewer: Viewer | None = None,
                  narrative: Narrative = Narrative(), validator=None) -> dict[str, bytes]:
    """File name -> content for the whole output set: the documents of the formats asked for (the
    XML instance, the inline document rendered from the mapped statements and showing the narrative's
    paragraphs around them, Arelle's xBRL-JSON and xBRL-CSV of the instance), the extension, then with
    `viewer` the inline document's viewer page and its script, extras last. validator: a
    converter.validation.Validator to save the OIM formats with (a warm Arelle), else one for this call.
    Arelle failing to save them is a ConversionError XC904; a viewer that cannot make the page is XC906
    (both exit status 3)."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown output format {unknown[0]!r}")
    xml = write_instance(instance)
    extension = write_extension(instance.extension, instance.namespaces)
    oim = write_oim(instance, {instance.file_name: xml, **extension}, formats, validator)
    files: dict[str, bytes] = {}
    tables: dict[str, bytes] = {}
    for output_format in formats:
        if output_format == XML:
            _add_file(files, instance.file_name, xml)
        elif output_format == IXBRL:
            _add_file(files, inline_file_name(instance), write_inline(instance, mapped, narrative=narrative))
        else:
            entry = oim_entry_name(instance, output_format)
            _add_file(files, entry, oim[output_format][entry])
            tables.update((name, content) for name, content in oim[output_format].items() if name != entry)
    for name, content in extension.items():
        _add_file(files, name, content)
    if viewer is not None:
        _add_viewer(files, instance, viewer)
    for name, content in (*tables.items(), *(extra or {}).items()):
        _add_file(files, name, content)
    return files


def _add_viewer(files: dict[str, bytes], instance: Instance, viewer: Viewer) -> None:
    document = inline_file_name(instance)
    if document not in files:
        raise ValueError("the viewer page needs the inline document: ask for the ixbrl format")
    page = viewer(files, document)
    if page.problem:
        raise ConversionError([error("XC906", f"cannot make the viewer page of {document}: {page.problem}")], EXIT_OUTPUT)
    _add_file(files, viewer_file_name(instance), page.page)
    _add_file(files, page.script_name, page.script)


def write_output(instance: Instance, out_dir: Path, extra: Mapping[str, bytes] | None = None, *,
                 formats: tuple[str, ...] = (XML,), mapped: tuple = (), viewer: Viewer | None = None,
                 narrative: Narrative = Narrative(), validator=None) -> OutputFiles:
    """Write the instance, its extension files and the extra files (name -> bytes) into out_dir, atomically.

    out_dir is created if needed; existing files of the same names are replaced, other files are left alone.
    A folder that cannot be written (a file in the path, no permission, a full disk) is a ConversionError
    XC901 with the environment's exit status, and out_dir is left as it was (so too after XC904, see
    render_output).
    """
    files = render_output(instance, extra, formats=formats, mapped=mapped, viewer=viewer, narrative=narrative,
                          validator=validator)
    return publish_output(instance, files, Path(out_dir), formats)


def publish_output(instance: Instance, files: dict[str, bytes], out_dir: Path, formats: tuple[str, ...] = (XML,)) -> OutputFiles:
    """Publish an output set render_output made for formats (files added after it go last, as extras)
    into out_dir, atomically. Errors as write_output."""
    out_dir = Path(out_dir)
    try:
        publish(files, out_dir)
    except OSError as exc:
        where = exc.filename or out_dir
        raise ConversionError([error("XC901", f"cannot write the output into {str(out_dir)!r}: {exc.strerror or exc} ({where})")],
                              EXIT_OUTPUT) from None
    return _output_files(instance, out_dir, list(files), formats)


def _add_file(files: dict[str, bytes], name: str, content: bytes) -> None:
    if not name or name != Path(name).name or name.startswith("."):
        raise ValueError(f"output file names must be plain file names: {name!r}")
    if name in files:
        raise ValueError(f"two output files are named {name!r}")
    if not isinstance(content, bytes):
        raise TypeError(f"{name}: content must be bytes")
    files[name] = content


def _output_files(instance: Instance, out_dir: Path, names: list[str], formats: tuple[str, ...]) -> OutputFiles:
    documents = [document_name(instance, f) for f in formats]
    extension_names = {instance.extension.schema_file, *written_linkbases(instance.extension)}
    extension = [name for name in names if name in extension_names]
    extra = [name for name in names if name not in documents and name not in extension_names]
    return OutputFiles(out_dir / documents[0], tuple(out_dir / n for n in extension),
                       tuple(out_dir / n for n in extra), tuple(out_dir / n for n in documents))


def document_name(instance: Instance, output_format: str) -> str:
    """The file name of a format's document (for xBRL-CSV, its metadata file)."""
    if output_format == XML:
        return instance.file_name
    if output_format == IXBRL:
        return inline_file_name(instance)
    return oim_entry_name(instance, output_format)
