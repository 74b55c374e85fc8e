"""Round trip: every output format, loaded back by Arelle, holds exactly the model's facts.

Each document is converted once (without validation), written as XML, inline XBRL, xBRL-JSON and
xBRL-CSV, and each document of the output set is loaded by Arelle (one warm child for the module);
the facts Arelle reads (concept, period, unit, value, decimals, dimensions) are compared one by one
with the facts of the XBRL model. The corpus documents are read from ../shared and skipped without it.
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from converter import ConversionError, Result, convert
from converter.validation import Validator
from converter.writers import document_name

from .conftest import QUARTER, SHARED, converted

FORMATS = "xml,ixbrl,json,csv"
SEED = SHARED / "seed" / "biosphere-medical-2007q2-ex99-1.txt"
CORPUS_FOLDERS = ("text", "html", "pairs", "ixbrl")


def _corpus() -> list:
    folder = SHARED / "corpus"
    if not folder.is_dir():
        return [pytest.param(None, marks=pytest.mark.skip(reason="../shared/corpus not available"), id="corpus")]
    return [pytest.param(path, id=f"{path.parent.name}/{path.name}")
            for name in CORPUS_FOLDERS for path in sorted((folder / name).iterdir()) if path.is_file()]


@pytest.fixture(scope="module")
def arelle():
    with Validator() as validator:
        yield validator


def _unit(unit) -> str:
    return "*".join(sorted(unit.numerator)) + ("/" + "*".join(sorted(unit.denominator)) if unit.denominator else "")


def _comparable(concept: str, period: str, unit: str | None, value, decimals, dimensions) -> tuple:
    """A fact as a sortable tuple: numbers compared as numbers (2830000 == 2830000.0, -0 == 0), the rest as text."""
    number = isinstance(value, Decimal) or (unit is not None and value is not None)
    shown = str(abs(Decimal(value)).normalize() if Decimal(value) == 0 else Decimal(value).normalize()) if number else str(value)
    return (concept, period, unit or "", shown, "" if decimals is None else str(decimals), tuple(dimensions))


def model_facts(result) -> list[tuple]:
    units = {u.id: _unit(u) for u in result.conversion.instance.units}
    return sorted(_comparable(f.concept, f.period, units.get(f.unit), f.value, f.decimals, ()) for f in result.facts)


def round_trip_problems(result, folder: Path, arelle: Validator) -> dict[str, str]:
    """Document name -> what differs between the facts Arelle loads from it and the model's; empty when none."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in result.files(FORMATS, validator=arelle).items():  # as write() would, without its fsyncs
        (folder / name).write_bytes(content)
    expected = model_facts(result)
    problems = {}
    for output_format in FORMATS.split(","):
        document = folder / document_name(result.conversion.instance, output_format)
        loaded = arelle.load_facts(document)
        got = sorted(_comparable(*fact) for fact in loaded.facts)
        if loaded.errors:
            problems[document.name] = "; ".join(f"{m.code}: {m.text}" for m in loaded.errors[:3])
        elif got != expected:
            missing, extra = sorted(set(expected) - set(got)), sorted(set(got) - set(expected))
            problems[document.name] = f"{len(got)} facts for {len(expected)}; missing {missing[:3]}; extra {extra[:3]}"
    return problems


def test_made_up_statements_round_trip(tmp_path: Path, arelle: Validator):
    source = tmp_path / "acme-2009q1.txt"
    source.write_text(QUARTER, encoding="utf-8")
    result = convert(source, cik="0000123456")
    assert len(result.facts) == 39
    assert {f.unit for f in result.facts} == {None, "USD", "USD_per_share", "shares"}
    assert round_trip_problems(result, tmp_path / "out", arelle) == {}


def test_seed_round_trips(tmp_path: Path, arelle: Validator):
    if not SEED.exists():
        pytest.skip("../shared/seed not available")
    assert round_trip_problems(Result(converted(SEED)), tmp_path, arelle) == {}


@pytest.mark.parametrize("document", _corpus())
def test_corpus_document_round_trips(document: Path, tmp_path: Path, arelle: Validator):
    try:
        result = Result(converted(document))  # the conversion other tests of the session made, if any
    except ConversionError as failure:
        pytest.skip(f"does not convert: {failure.diagnostics[-1].code}")
    assert round_trip_problems(result, tmp_path, arelle) == {}
