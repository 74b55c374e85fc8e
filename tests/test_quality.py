"""Data-quality checks on the built instance (converter/quality.py), and none on the corpus
(whose text documents also give the same facts through their suggested mapping)."""
from dataclasses import replace
from pathlib import Path

import pytest

from converter.diagnostics import ConversionError
from converter.mapping.taxonomy import ConceptDef, load_taxonomy
from converter.mapping.overrides import parse_overrides, suggestion_csv
from converter.pipeline import Options, convert
from converter.quality import check_instance, load_equalities
from converter.xbrl.model import CalculationArc

from .conftest import EXAMPLE, SHARED, converted


@pytest.fixture(scope="module")
def instance():
    return convert(EXAMPLE.read_bytes(), str(EXAMPLE)).instance


def codes(instance):
    return [(d.code, d.message) for d in check_instance(instance, load_taxonomy())]


def with_fact(instance, name, change):
    facts = tuple(change(f) if f.concept.name == name else f for f in instance.facts)
    return replace(instance, facts=facts)


def test_the_example_has_no_violation(instance):
    assert codes(instance) == []


def test_a_negative_never_negative_value(instance):
    changed = with_fact(instance, "CostOfRevenue", lambda f: replace(f, value=-f.value))
    found = codes(changed)
    assert found and {c for c, _ in found} == {"XC813"}
    assert found[0][1].startswith("us-gaap:CostOfRevenue is never negative (DQC_0015/DQC_0014), but its fact in context d2008")


def test_assets_must_equal_liabilities_and_equity_within_tolerance(instance):
    assert codes(with_fact(instance, "Assets", lambda f: replace(f, value=f.value + 2000))) == []  # decimals -3, tolerance 2
    found = codes(with_fact(instance, "Assets", lambda f: replace(f, value=f.value + 3000)))
    assert found and {c for c, _ in found} == {"XC814"}
    assert "DQC_0004 rule 16: Assets (" in found[0][1]
    assert any(rule.sum == "LiabilitiesAndStockholdersEquity" and rule.substitutes("Liabilities") for rule in load_equalities())


def test_a_deprecated_or_undefined_concept(instance):
    deprecated = ConceptDef("us-gaap", "SalesRevenueNet", "http://fasb.org/us-gaap/2024", "xbrli:monetaryItemType", "duration", "credit")
    found = codes(with_fact(instance, "Revenues", lambda f: replace(f, concept=deprecated)))
    assert [c for c, _ in found] == ["XC811"]
    made_up = replace(deprecated, name="MadeUpRevenue")
    found = codes(with_fact(instance, "Revenues", lambda f: replace(f, concept=made_up)))
    assert found == [("XC812", "fact of undefined concept us-gaap:MadeUpRevenue")]


def test_a_reversed_calculation(instance):
    network = instance.extension.networks[1]
    arc = CalculationArc("us-gaap:CostOfRevenue", "us-gaap:GrossProfit", 1, 99.0)
    extension = replace(instance.extension, networks=(replace(network, calculation=network.calculation + (arc,)),))
    found = codes(replace(instance, extension=extension))
    assert [c for c, _ in found] == ["XC815"]
    assert "where us-gaap:GrossProfit sums us-gaap:CostOfRevenue" in found[0][1]


def corpus_documents() -> list[Path]:
    folders = [SHARED / "corpus" / name for name in ("text", "html", "pairs", "ixbrl")]
    return [p for folder in folders if folder.is_dir() for p in sorted(folder.iterdir())
            if p.is_file() and not p.name.endswith("_instance.xml")]


def test_no_quality_violation_in_any_corpus_document():
    documents = corpus_documents()
    if not documents:
        pytest.skip("../shared/corpus is not available")
    from converter.inline_reader import read_inline

    violations, failures = [], []
    for path in documents:
        data = path.read_bytes()
        if path.parent.name == "ixbrl":
            data = read_inline(data, str(path)).html.encode("utf-8")
        try:
            conversion = convert(data, str(path)) if path.parent.name == "ixbrl" else converted(path)
        except ConversionError as exc:
            if path.parent.name != "html" or exc.exit_code != 2:
                failures.append((path.name, str(exc).splitlines()[-1]))
            continue
        violations.extend((path.name, str(d)) for d in conversion.diagnostics if d.code.startswith("XC81"))
        if path.parent.name == "text" and facts_of(conversion) != facts_of(convert(data, str(path), suggested(conversion))):
            failures.append((path.name, "the suggested mapping gives other facts"))
    assert (failures, violations) == ([], [])


def suggested(conversion) -> Options:
    """The conversion's own choices as overrides (inspect --suggest fed back through --mapping)."""
    return Options(overrides=parse_overrides(suggestion_csv(conversion.mapped), "draft.csv", load_taxonomy()))


def facts_of(conversion):
    return sorted((f.concept.qname, f.context_id, str(f.value)) for f in conversion.instance.facts)
