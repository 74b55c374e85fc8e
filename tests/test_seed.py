"""End to end on the seed press release: every value, period, concept and sign, and a clean Arelle run."""
import json
from decimal import Decimal

import pytest

from converter.pipeline import convert, report_bytes
from converter.validation import validate_instance
from converter.writers import write_output

from .conftest import shared_path

SEED = ("seed", "biosphere-medical-2007q2-ex99-1.txt")
GOLD = ("seed", "biosphere-medical-2007q2-ex99-1.gold.json")


@pytest.fixture(scope="module")
def seed_output(tmp_path_factory):
    path = shared_path(*SEED)
    conversion = convert(path.read_bytes(), str(path))
    files = write_output(conversion.instance, tmp_path_factory.mktemp("seed"), {"report.json": report_bytes(conversion)})
    return conversion, files


def test_every_gold_value_with_its_concept_and_sign(seed_output, scorer):
    _, files = seed_output
    gold = json.loads(shared_path(*GOLD).read_text())
    result = scorer.score(gold, scorer.load_facts(str(files.instance)))
    assert result["misses"] == []
    assert (result["total"], result["value_recall"], result["concept_recall"], result["sign_errors"]) == (82, 1.0, 1.0, 0)


@pytest.mark.parametrize("concept, period, value", [
    ("OperatingIncomeLoss", "2007-04-01/2007-06-30", "-499000"),
    ("PreferredStockDividendsIncomeStatementImpact", "2007-04-01/2007-06-30", "138000"),
    ("NetIncomeLoss", "2007-01-01/2007-06-30", "-1303000"),
    ("EarningsPerShareBasic", "2006-04-01/2006-06-30", "-0.06"),
    ("EarningsPerShareDiluted", "2006-04-01/2006-06-30", "-0.06"),
    ("WeightedAverageNumberOfDilutedSharesOutstanding", "2006-01-01/2006-06-30", "16640000"),
    ("LiabilitiesAndStockholdersEquity", "2006-12-31", "32079000"),
])
def test_signs_and_scales_as_xbrl_wants_them(seed_output, scorer, concept, period, value):
    _, files = seed_output
    facts = {(name, p): v for name, p, _, v in scorer.load_facts(str(files.instance))}
    assert facts[(concept, period)] == Decimal(value)


def test_output_folder_and_cover_facts(seed_output):
    conversion, files = seed_output
    assert files.instance.name == "bsmd-20070630.xml"
    assert sorted(p.name for p in files.paths) == sorted([
        "bsmd-20070630.xml", "bsmd-20070630.xsd", "bsmd-20070630_lab.xml", "bsmd-20070630_pre.xml",
        "bsmd-20070630_cal.xml", "report.json"])
    cover = {f.concept.name: (f.value, f.context_id) for f in conversion.instance.facts if f.concept.prefix == "dei"}
    assert cover == {
        "AmendmentFlag": ("false", "d20070101-20070630"),
        "DocumentType": ("8-K", "d20070101-20070630"),
        "DocumentPeriodEndDate": ("2007-06-30", "d20070101-20070630"),
        "DocumentFiscalYearFocus": ("2007", "d20070101-20070630"),
        "DocumentFiscalPeriodFocus": ("Q2", "d20070101-20070630"),
        "EntityRegistrantName": ("BioSphere Medical, Inc.", "d20070101-20070630"),
    }


def test_arelle_finds_no_error_and_no_inconsistency(seed_output):
    _, files = seed_output
    report = validate_instance(files.instance)
    assert report.ok, report.messages
    assert report.errors == () and report.inconsistencies == ()
