"""The writers stage: serialize the XBRL model and write the output set into a folder, all or nothing.

write_output renders every file in memory first, then publishes them in one step (see folder): if anything
fails, or the run is killed, out_dir holds the old output or the new one, never a mix.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import EXIT_OUTPUT, ConversionError, error
from ..xbrl.model import Instance
from .extension import write_extension, written_linkbases
from .inline import inline_file_name, write_inline
from .instance import write_instance
from .folder import publish

__all__ = ["FORMATS", "OutputFiles", "parse_formats", "publish_output", "render_output", "write_extension", "write_inline",
           "write_instance", "write_output"]

XML, IXBRL = "xml", "ixbrl"
FORMATS = (XML, IXBRL)  # the XBRL 2.1 instance; the Inline XBRL 1.1 document


@dataclass(frozen=True)
class OutputFiles:
    """The files written: the instance, the extension (schema, _lab, _pre, and _cal when there are
    calculations) and any extra files. instance is the first document of the formats asked for (the
    XML instance, or the inline document when only it is written); documents holds them all."""

    instance: Path
    extension: tuple[Path, ...]
    extra: tuple[Path, ...] = ()
    documents: tuple[Path, ...] = ()

    @property
    def inline(self) -> Path | None:
        return next((p for p in self.documents if p.suffix == ".htm"), None)

    @property
    def paths(self) -> tuple[Path, ...]:
        return (*(self.documents or (self.instance,)), *self.extension, *self.extra)

    def __iter__(self):
        return iter(self.paths)


def parse_formats(text: str) -> tuple[str, ...]:
    """ "xml", "ixbrl" or "xml,ixbrl" as a tuple of FORMATS; ValueError naming what is not one."""
    formats = tuple(dict.fromkeys(part.strip().lower() for part in text.split(",") if part.strip()))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise ValueError(f"unknown output format {', '.join(unknown) or repr(text)}: use xml, ixbrl or xml,ixbrl")
    return formats


def render_output(instance: Instance, extra: Mapping[str, bytes] | None = None, *,
                  formats: tuple[str, ...] = (XML,), mapped: tuple = ()) -> dict[str, bytes]:
    """File name -> content for the whole output set: the documents of the formats asked for (the
    XML instance, the inline document rendered from the mapped statements), the extension, extras last."""
    files: dict[str, bytes] = {}
    for output_format in formats:
        if output_format == XML:
            _add_file(files, instance.file_name, write_instance(instance))
        elif output_format == IXBRL:
            _add_file(files, inline_file_name(instance), write_inline(instance, mapped))
        else:
            raise ValueError(f"unknown output format {output_format!r}")
    for name, content in write_extension(instance.extension, instance.namespaces).items():
        _add_file(files, name, content)
    for name, content in (extra or {}).items():
        _add_file(files, name, content)
    return files


def write_output(instance: Instance, out_dir: Path, extra: Mapping[str, bytes] | None = None, *,
                 formats: tuple[str, ...] = (XML,), mapped: tuple = ()) -> OutputFiles:
    """Write the instance, its extension files and the extra files (name -> bytes) into out_dir, atomically.

    out_dir is created if needed; existing files of the same names are replaced, other files are left alone.
    A folder that cannot be written (a file in the path, no permission, a full disk) is a ConversionError
    XC901 with the environment's exit status, and out_dir is left as it was.
    """
    return publish_output(instance, render_output(instance, extra, formats=formats, mapped=mapped), Path(out_dir), len(formats))


def publish_output(instance: Instance, files: dict[str, bytes], out_dir: Path, documents: int = 1) -> OutputFiles:
    """Publish an output set render_output made (files added after it go last, as extras) into out_dir,
    atomically; the first `documents` files are the documents of the formats asked for. Errors as write_output."""
    out_dir = Path(out_dir)
    try:
        publish(files, out_dir)
    except OSError as exc:
        where = exc.filename or out_dir
        raise ConversionError([error("XC901", f"cannot write the output into {str(out_dir)!r}: {exc.strerror or exc} ({where})")],
                              EXIT_OUTPUT) from None
    return _output_files(instance, out_dir, list(files), documents)


def _add_file(files: dict[str, bytes], name: str, content: bytes) -> None:
    if not name or name != Path(name).name or name.startswith("."):
        raise ValueError(f"output file names must be plain file names: {name!r}")
    if name in files:
        raise ValueError(f"two output files are named {name!r}")
    if not isinstance(content, bytes):
        raise TypeError(f"{name}: content must be bytes")
    files[name] = content


def _output_files(instance: Instance, out_dir: Path, names: list[str], documents: int) -> OutputFiles:
    extension_names = (instance.extension.schema_file, *written_linkbases(instance.extension))
    paths = [out_dir / name for name in names]
    end = documents + len(extension_names)
    return OutputFiles(paths[0], tuple(paths[documents:end]), tuple(paths[end:]), tuple(paths[:documents]))
