"""The trimmed taxonomy package against the whole one on real conversions (skipped without ../shared)."""
from __future__ import annotations

from pathlib import Path

import pytest

from bench.validation_speed import CORPUS, SEED, broken_copies, convert_to, same_messages
from converter.validation import Validator

DOCUMENTS = [SEED, CORPUS / "text" / "Apple_2000-04_10Q.txt", CORPUS / "html" / "Caterpillar_2022-04_8K_EX99.1.txt"]


@pytest.fixture(scope="module")
def instances(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    present = [d for d in DOCUMENTS if d.exists()]
    if SEED not in present:
        pytest.skip("../shared/seed not present")
    folder = tmp_path_factory.mktemp("converted")
    written = {d.name: convert_to(d, folder / d.stem) for d in present}
    written.update(broken_copies(written[SEED.name]))
    return written


def test_trimmed_and_full_packages_report_the_same(instances: dict[str, Path]):
    with Validator(full_dts=True) as full, Validator() as trimmed:
        for name, instance in instances.items():
            assert same_messages(trimmed.validate(instance), full.validate(instance)), name


@pytest.mark.parametrize("broken, code", [
    ("undefined-concept", "xbrl:schemaImportMissing"),
    ("wrong-period-type", "xbrl.4.7.2:contextPeriodType"),
    ("calculation-inconsistency", "calc11e:inconsistentCalculationUsingRounding"),
])
def test_broken_instances_are_still_flagged(instances: dict[str, Path], broken: str, code: str):
    with Validator() as validator:
        report = validator.validate(instances[broken])
    assert not report.ok
    assert code in report.codes, sorted(report.codes)
