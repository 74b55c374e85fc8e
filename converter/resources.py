"""Where the data folders live: installed as package data, or beside the package in a checkout."""
from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def _data_dir(installed: str, checkout: str) -> Path:
    candidate = _HERE / installed
    if candidate.is_dir():
        return candidate
    return _HERE.parent / checkout


def taxonomy_dir() -> Path:
    """The project's taxonomy/ folder (concept data, calculations, the bundled schema package)."""
    return _data_dir("taxonomy_data", "taxonomy")


def templates_dir() -> Path:
    """The project's templates/ folder (statement templates, synonyms, XML skeletons)."""
    return _data_dir("template_data", "templates")
