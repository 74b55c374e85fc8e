"""Publishing an output set into a folder all or nothing: a kill at any moment leaves the old output or the new.

A new folder is staged beside itself and renamed into place. An existing folder is rebuilt beside itself
(the new files written, the folder's other entries linked in) and exchanged with it in one step
(Linux renameat2 RENAME_EXCHANGE). Where that cannot be done (the folder is a mount point, the parent is
not writable, the system or filesystem has no exchange), the files are staged inside the folder and moved
in under a journal: a commit mark written once every file is staged, so that a run that finds a marked
staging folder completes the move, and one that finds an unmarked one removes it. Staging folders carry
the process id of their run; those of runs no longer alive are cleaned up before publishing.
"""
from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
import uuid
from pathlib import Path

STAGING = ".xbrl-convert-staging-"
COMMIT_MARK = ".commit"  # inside a journaled staging folder: every file staged, the move may complete
PREVIOUS = ".previous"  # inside a journaled staging folder: the old files, to roll back a failed move

__all__ = ["COMMIT_MARK", "STAGING", "publish", "recover"]


def publish(files: dict[str, bytes], out_dir: Path) -> None:
    """Write files (plain name -> content) into out_dir, replacing files of the same names and keeping
    the folder's other entries. Raises OSError when the folder cannot be written; out_dir is then as it was."""
    out_dir = Path(out_dir)
    if not out_dir.exists():
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        recover(out_dir)
        _publish_new(files, out_dir)
        return
    if not out_dir.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(out_dir))
    recover(out_dir)
    if _can_exchange_beside(out_dir):
        try:
            _publish_by_exchange(files, out_dir)
            return
        except _NoExchange:
            pass
    _publish_by_journal(files, out_dir)


def recover(out_dir: Path) -> None:
    """Finish or remove what interrupted runs left: staging folders beside and inside out_dir whose
    run is no longer alive. A journaled staging folder with its commit mark is moved in first."""
    out_dir = Path(out_dir)
    for staging in _stale(out_dir.parent, f".{out_dir.name}{STAGING}"):
        shutil.rmtree(staging, ignore_errors=True)
    if out_dir.is_dir():
        for staging in _stale(out_dir, STAGING):
            if (staging / COMMIT_MARK).exists():
                _move_in(staging, out_dir, _staged_names(staging))
            shutil.rmtree(staging, ignore_errors=True)


# --- the three ways ------------------------------------------------------------------------------------------


def _publish_new(files: dict[str, bytes], out_dir: Path) -> None:
    staging = _stage_folder(out_dir.parent, f".{out_dir.name}{STAGING}")
    try:
        _write_all(files, staging)
        os.rename(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _publish_by_exchange(files: dict[str, bytes], out_dir: Path) -> None:
    staging = _stage_folder(out_dir.parent, f".{out_dir.name}{STAGING}")
    try:
        _write_all(files, staging)
        _link_others(out_dir, staging, set(files))
        shutil.copymode(out_dir, staging)
        _fsync_folder(staging)
        _exchange(staging, out_dir)  # staging now holds the old output
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _publish_by_journal(files: dict[str, bytes], out_dir: Path) -> None:
    staging = _stage_folder(out_dir, STAGING)
    try:
        _write_all(files, staging)
        (staging / PREVIOUS).mkdir()
        _write_file(staging / COMMIT_MARK, "\n".join(files).encode("utf-8"))
        _fsync_folder(staging)
        try:
            _move_in(staging, out_dir, list(files))
        except BaseException:
            (staging / COMMIT_MARK).unlink(missing_ok=True)
            _roll_back(staging, out_dir, list(files))
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


# --- steps ---------------------------------------------------------------------------------------------------


def _stage_folder(home: Path, prefix: str) -> Path:
    staging = home / f"{prefix}{os.getpid()}-{uuid.uuid4().hex[:12]}"
    staging.mkdir()
    return staging


def _stale(home: Path, prefix: str) -> list[Path]:
    if not home.is_dir():
        return []
    return [p for p in home.iterdir() if p.name.startswith(prefix) and p.is_dir() and not _alive(p.name[len(prefix):])]


def _alive(tag: str) -> bool:
    pid = tag.split("-", 1)[0]
    if not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _write_all(files: dict[str, bytes], folder: Path) -> None:
    for name, content in files.items():
        _write_file(folder / name, content)


def _write_file(path: Path, content: bytes) -> None:
    with open(path, "xb") as stream:
        stream.write(content)
        stream.flush()
        os.fsync(stream.fileno())


def _fsync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # folders cannot be opened for fsync on every system
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _link_others(out_dir: Path, staging: Path, names: set[str]) -> None:
    """Carry the folder's other entries into its replacement: files as hard links (copies where links fail)."""
    for entry in out_dir.iterdir():
        if entry.name in names or entry.name.startswith(STAGING):
            continue
        target = staging / entry.name
        if entry.is_symlink():
            os.symlink(os.readlink(entry), target)
        elif entry.is_dir():
            shutil.copytree(entry, target, symlinks=True, copy_function=_link_or_copy)
        else:
            _link_or_copy(entry, target)


def _link_or_copy(source, target) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _move_in(staging: Path, out_dir: Path, names: list[str]) -> None:
    previous = staging / PREVIOUS
    for name in names:
        new, target = staging / name, out_dir / name
        if not new.exists():
            continue  # moved in before an interruption
        if previous.is_dir() and target.exists() and not (previous / name).exists():
            os.link(target, previous / name)
        os.replace(new, target)


def _roll_back(staging: Path, out_dir: Path, names: list[str]) -> None:
    previous = staging / PREVIOUS
    for name in names:
        if (staging / name).exists():
            continue  # never moved in
        if (previous / name).exists():
            os.replace(previous / name, out_dir / name)
        else:
            (out_dir / name).unlink(missing_ok=True)


def _staged_names(staging: Path) -> list[str]:
    return [n for n in (staging / COMMIT_MARK).read_text("utf-8").split("\n") if n]


# --- the exchange ----------------------------------------------------------------------------------------------


class _NoExchange(Exception):
    """The system or the filesystem cannot exchange two folders in one step."""


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _can_exchange_beside(out_dir: Path) -> bool:
    """Whether out_dir can be rebuilt beside itself and exchanged: not a mount point, parent writable."""
    if not sys.platform.startswith("linux") or _renameat2() is None:
        return False
    try:
        return (os.stat(out_dir).st_dev == os.stat(out_dir.parent).st_dev
                and os.access(out_dir.parent, os.W_OK | os.X_OK) and not out_dir.is_symlink())
    except OSError:
        return False


def _renameat2():
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def _exchange(first: Path, second: Path) -> None:
    if _renameat2()(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EXDEV, errno.EBUSY, errno.ENOTSUP):
        raise _NoExchange(os.strerror(code))
    raise OSError(code, os.strerror(code), str(second))
