"""Errors and warnings as frozen values: a stable code, a message and a source reference.

Stages collect diagnostics and return them with their results; only the API and CLI boundary
turns them into exceptions (ConversionError) and exit statuses.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass


@dataclass(frozen=True, order=True, slots=True)
class SourceRef:
    """A position in an input file: 1-based line and column (0 = whole line)."""

    file: str
    line: int = 0
    column: int = 0

    def at(self, line: int | None = None, column: int | None = None) -> "SourceRef":
        return SourceRef(self.file, self.line if line is None else line, self.column if column is None else column)

    def __str__(self) -> str:
        if not self.line:
            return self.file
        if not self.column:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"


class Severity(enum.Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: Severity
    message: str
    source: SourceRef | None = None

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"{where}{self.severity.value} {self.code}: {self.message}"


def error(code: str, message: str, source: SourceRef | None = None) -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, message, source)


def warning(code: str, message: str, source: SourceRef | None = None) -> Diagnostic:
    return Diagnostic(code, Severity.WARNING, message, source)


def info(code: str, message: str, source: SourceRef | None = None) -> Diagnostic:
    return Diagnostic(code, Severity.INFO, message, source)


# Exit statuses of the CLI, documented in the README.
EXIT_OK = 0
EXIT_INVALID = 1  # validation found errors or calculation inconsistencies
EXIT_NO_STATEMENTS = 2  # the input holds no recognizable statement, or cannot be read
EXIT_USAGE = 2  # click's own status for bad arguments
EXIT_OUTPUT = 3  # the output cannot be written: a file in its path, no permission, a full disk


class ConversionError(Exception):
    """Raised at the API boundary when a conversion cannot produce output; owns its exit status."""

    def __init__(self, diagnostics: tuple[Diagnostic, ...] | list[Diagnostic], exit_code: int = EXIT_NO_STATEMENTS):
        self.diagnostics = tuple(diagnostics)
        self.exit_code = exit_code
        super().__init__("\n".join(str(d) for d in self.diagnostics))
