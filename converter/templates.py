"""The statement templates of templates/statements.json: what each kind of face statement looks like."""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass

from .resources import templates_dir


@dataclass(frozen=True)
class StatementTemplate:
    kind: str  # a StatementKind value
    titles: tuple[re.Pattern, ...]
    labels: tuple[re.Pattern, ...]
    role_id: str
    role_title: str
    requires: re.Pattern | None = None  # a line an untitled table must print as well


@functools.lru_cache(maxsize=None)
def statement_templates() -> tuple[StatementTemplate, ...]:
    data = json.loads((templates_dir() / "statements.json").read_text(encoding="utf-8"))
    return tuple(
        StatementTemplate(
            kind=entry["kind"],
            titles=tuple(re.compile(p, re.IGNORECASE) for p in entry["titles"]),
            labels=tuple(re.compile(p, re.IGNORECASE) for p in entry["labels"]),
            role_id=entry["role_id"],
            role_title=entry["role_title"],
            requires=re.compile(entry["requires"], re.IGNORECASE) if entry.get("requires") else None,
        )
        for entry in data["kinds"]
    )


def template_for(kind: str) -> StatementTemplate:
    return next(t for t in statement_templates() if t.kind == kind)
