"""Tables derived from the bundled data, kept on disk so that a new process does not derive them again.

A fresh process spends about half a second of CPU deriving the same tables from the taxonomy (the
terms of every concept name, the standard labels): the cold command line and every batch worker pay
it. cached(name, key, build) keeps build()'s value as a pickle named by a digest of key, which the
caller makes of everything the value depends on (the data and the source of the code that derives
it), so a changed input or a changed function is a new file, never a stale value. The folder is
$XBRL_CONVERT_CACHE, else $XDG_CACHE_HOME/xbrl-convert, else ~/.cache/xbrl-convert;
XBRL_CONVERT_CACHE=off derives everything in each process. A cache that cannot be read or written
is as if there were none: the value is derived, nothing fails.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Callable, TypeVar

CACHE_ENV = "XBRL_CONVERT_CACHE"
T = TypeVar("T")


def cache_dir() -> Path | None:
    chosen = os.environ.get(CACHE_ENV, "")
    if chosen.lower() == "off":
        return None
    if chosen:
        return Path(chosen).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "xbrl-convert"


def source_key(*files: Path | str) -> bytes:
    """The bytes of the files a derived value depends on (data, and the modules deriving it)."""
    return b"\0".join(Path(f).read_bytes() for f in files)


def cached(name: str, key: bytes, build: Callable[[], T]) -> T:
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{hashlib.sha256(key).hexdigest()[:24]}.pickle"
    try:
        with path.open("rb") as stream:
            return pickle.load(stream)
    except Exception:  # missing, unreadable, truncated or from another Python: derive it again
        pass
    value = build()
    staged = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with staged.open("wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(staged, path)  # whole or not at all, when processes write it at once
    except OSError:
        try:
            staged.unlink(missing_ok=True)
        except OSError:
            pass
    return value
