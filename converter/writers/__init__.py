"""The writers stage: serialize the XBRL model and write the output set into a folder, all or nothing.

write_output renders every file in memory first, writes them into a staging folder on out_dir's own
filesystem, and only then moves them into place; if anything fails, out_dir is left as it was.
"""
from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import EXIT_OUTPUT, ConversionError, error
from ..xbrl.model import Instance
from .extension import linkbase_file_names, write_extension
from .instance import write_instance

__all__ = ["OutputFiles", "render_output", "write_extension", "write_instance", "write_output"]


@dataclass(frozen=True)
class OutputFiles:
    """The files written: the instance, the extension (schema, _lab, _pre, _cal) and any extra files."""

    instance: Path
    extension: tuple[Path, ...]
    extra: tuple[Path, ...] = ()

    @property
    def paths(self) -> tuple[Path, ...]:
        return (self.instance, *self.extension, *self.extra)

    def __iter__(self):
        return iter(self.paths)


def render_output(instance: Instance, extra: Mapping[str, bytes] | None = None) -> dict[str, bytes]:
    """File name -> content for the whole output set, instance first, extras last."""
    files = {instance.file_name: write_instance(instance)}
    for name, content in write_extension(instance.extension, instance.namespaces).items():
        _add_file(files, name, content)
    for name, content in (extra or {}).items():
        _add_file(files, name, content)
    return files


def write_output(instance: Instance, out_dir: Path, extra: Mapping[str, bytes] | None = None) -> OutputFiles:
    """Write the instance, its extension files and the extra files (name -> bytes) into out_dir, atomically.

    out_dir is created if needed; existing files of the same names are replaced, other files are left alone.
    A folder that cannot be written (a file in the path, no permission, a full disk) is a ConversionError
    XC901 with the environment's exit status, and out_dir is left as it was.
    """
    out_dir = Path(out_dir)
    files = render_output(instance, extra)
    try:
        _write_files(files, out_dir)
    except OSError as exc:
        where = exc.filename or out_dir
        raise ConversionError([error("XC901", f"cannot write the output into {str(out_dir)!r}: {exc.strerror or exc} ({where})")],
                              EXIT_OUTPUT) from None
    return _output_files(instance, out_dir, list(files))


_STAGING = ".xbrl-convert-staging-"


def _write_files(files: dict[str, bytes], out_dir: Path) -> None:
    """Stage the files on out_dir's own filesystem (inside it when it exists: it may be a mount point),
    then move them into place; staging folders an interrupted run left behind are removed first."""
    fresh = not out_dir.exists()
    home = out_dir.parent if fresh else out_dir
    home.mkdir(parents=True, exist_ok=True)
    for stale in home.glob(f"{_STAGING}*") if home.is_dir() else ():
        shutil.rmtree(stale, ignore_errors=True)
    staging = home / f"{_STAGING}{uuid.uuid4().hex}"
    staging.mkdir()
    try:
        for name, content in files.items():
            _write_file(staging / name, content)
        _install(staging, out_dir, list(files))
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _add_file(files: dict[str, bytes], name: str, content: bytes) -> None:
    if not name or name != Path(name).name or name.startswith("."):
        raise ValueError(f"output file names must be plain file names: {name!r}")
    if name in files:
        raise ValueError(f"two output files are named {name!r}")
    if not isinstance(content, bytes):
        raise TypeError(f"{name}: content must be bytes")
    files[name] = content


def _write_file(path: Path, content: bytes) -> None:
    with open(path, "xb") as stream:
        stream.write(content)
        stream.flush()
        os.fsync(stream.fileno())


def _install(staging: Path, out_dir: Path, names: list[str]) -> None:
    """Move the staged files into out_dir: one rename when out_dir is new, else file by file with rollback."""
    if not out_dir.exists():
        try:
            os.rename(staging, out_dir)
            return
        except OSError:
            if not out_dir.is_dir():  # created by someone else meanwhile: fall through to the file-by-file move
                raise
    _replace_files(staging, out_dir, names)


def _replace_files(staging: Path, out_dir: Path, names: list[str]) -> None:
    backup = staging / ".previous"
    backup.mkdir()
    moved: list[tuple[str, bool]] = []  # (name, whether out_dir had a file of that name)
    try:
        for name in names:
            target = out_dir / name
            had_old = target.exists()
            if had_old:
                os.replace(target, backup / name)
            moved.append((name, had_old))
            os.replace(staging / name, target)
    except BaseException:
        _roll_back(staging, out_dir, backup, moved)
        raise


def _roll_back(staging: Path, out_dir: Path, backup: Path, moved: list[tuple[str, bool]]) -> None:
    for name, had_old in reversed(moved):
        target = out_dir / name
        if not (staging / name).exists():  # the new file reached out_dir: take it out again
            target.unlink(missing_ok=True)
        if had_old:
            os.replace(backup / name, target)


def _output_files(instance: Instance, out_dir: Path, names: list[str]) -> OutputFiles:
    extension_names = (instance.extension.schema_file, *linkbase_file_names(instance.extension.schema_file))
    paths = [out_dir / name for name in names]
    return OutputFiles(paths[0], tuple(paths[1:1 + len(extension_names)]), tuple(paths[1 + len(extension_names):]))
