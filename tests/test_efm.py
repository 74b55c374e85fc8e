"""EDGAR Filer Manual rules: label rules on made-up inputs, the model's extension, and the SEC's own
EDGAR plugin over the seed (skipped without ../shared/arelle-plugins/EDGAR or its packages)."""
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from click.testing import CliRunner

from converter.cli import main
from converter.mapping.taxonomy import DEI_NS, US_GAAP_NS, load_taxonomy
from converter.pipeline import Options, convert
from converter.validation import efm_plugin_dir, efm_problem, validate_instances
from converter.writers import write_output
from converter.xbrl.efm import COVER_DEFINITION, clean_label, edgar_clean, unique_label
from converter.xbrl.model import (
    LABEL_ROLE, TERSE_LABEL_ROLE, Context, Entity, Extension, Fact, Instance, Label, Period, PresentationArc,
    StatementNetwork,
)

from .conftest import EXAMPLE, SHARED, shared_path

PLUGIN = SHARED / "arelle-plugins" / "EDGAR"
SEED = ("seed", "biosphere-medical-2007q2-ex99-1.txt")
# What EDGAR reports of an instance whose entity is no CIK (we identify it by name: XC601).
NO_CIK_CODES = frozenset({"EFM.6.05.01", "EFM.6.05.02", "EFM.6.05.23.cikValue", "EFM.6.05.23", "EFM.6.05.21.entityCentralIndexKeyMissing",
                          "EFM.6.05.21"})


@pytest.mark.parametrize("text, expected", [
    ("Stockholders\u2019 equity", "Stockholders' equity"),
    ("\u201cOther\u201d income \u2014 net", '"Other" income - net'),
    ("  Total   assets  ", "Total assets"),
    ("Net\tloss\nper share", "Net loss per share"),
    ("Cash < 90 days", "Cash less than 90 days"),
    ("Caf\u00e9 sales", "Cafe sales"),
    ("Revenues\u00a0(note\u00a02)", "Revenues (note 2)"),
    ("Income taxes\u2026", "Income taxes..."),
    ("Total \u00a7 12 assets\u00ae", "Total Section 12 assets"),
    ("x" * 600, "x" * 511),
])
def test_clean_label(text, expected):
    assert clean_label(text) == expected


@pytest.mark.parametrize("base, qualifiers, taken, abstract, expected", [
    ("Other income", ("Operating expenses", "Statement of Operations"), set(), False, "Other income"),
    ("Other income", ("Operating expenses", "Statement of Operations"), {"other income"}, False,
     "Other income (Operating expenses)"),
    ("Other income", ("Operating expenses",), {"other income", "other income (operating expenses)"}, False,
     "Other income (Operating expenses) 2"),
    ("Revenues", ("Revenues", "Balance Sheet"), {"revenues"}, False, "Revenues (Balance Sheet)"),
    ("Current assets", (), set(), True, "Current assets [Abstract]"),
    ("Assets", ("Balance Sheet",), {"assets [abstract]"}, True, "Assets (Balance Sheet) [Abstract]"),
    ("Assets", (), {"assets"}, False, "Assets 2"),
])
def test_unique_label(base, qualifiers, taken, abstract, expected):
    assert unique_label(base, qualifiers, taken, abstract) == expected


# --- the model's extension, made up ----------------------------------------------------------------------------

NS = "http://tst.xbrl-convert.invalid/20240630"


def _instance() -> Instance:
    taxonomy = load_taxonomy()
    ext = lambda name, period="duration", abstract=False, label="": replace(  # noqa: E731
        taxonomy.concept("us-gaap:Revenues"), prefix="tst", name=name, namespace=NS, period_type=period,
        abstract=abstract, label=label, balance=None if abstract else "credit", statements=())
    revenues, eps_basic, eps_diluted = (taxonomy.concept(q) for q in (
        "us-gaap:Revenues", "us-gaap:EarningsPerShareBasic", "us-gaap:EarningsPerShareDiluted"))
    doc_type = taxonomy.concept("dei:DocumentType")
    root = ext("StatementOfOperationsAbstract", abstract=True, label="Statement of Operations")
    section = ext("OperatingExpensesAbstract", abstract=True, label="Operating expenses:")
    fees, other1, other2 = ext("Fees", label="Fees"), ext("OtherA", label="Other"), ext("OtherB", label="Other")
    clash = ext("IncomeTaxExpenseBenefit", period="instant", label="Income taxes \u2014 deferred")
    concepts = (root, section, fees, other1, other2, clash)
    arcs = [PresentationArc(root.qname, revenues.qname, 1.0), PresentationArc(root.qname, section.qname, 2.0),
            PresentationArc(section.qname, other1.qname, 1.0), PresentationArc(root.qname, other2.qname, 3.0),
            PresentationArc(root.qname, fees.qname, 4.0), PresentationArc(root.qname, clash.qname, 5.0),
            PresentationArc(root.qname, eps_basic.qname, 6.0), PresentationArc(root.qname, eps_diluted.qname, 7.0)]
    printed = {revenues.qname: "Revenues", fees.qname: "Revenues ", other1.qname: "Other", other2.qname: "Other",
               clash.qname: "Income taxes \u2014 deferred", section.qname: "Operating expenses:",
               eps_basic.qname: "Net loss per share, basic and diluted",
               eps_diluted.qname: "Net loss per share, basic and diluted", root.qname: "Statement of Operations"}
    labels = tuple(Label(q, LABEL_ROLE, text) for q, text in printed.items())
    network = StatementNetwork("StatementOfOperations", f"{NS}/role/StatementOfOperations",
                               "020000 - Statement - Statements of Operations", tuple(arcs), ())
    extension = Extension("tst", NS, "tst-20240630.xsd", concepts, labels, (network,),
                          ((US_GAAP_NS, "u.xsd"), (DEI_NS, "d.xsd")))
    entity = Entity("0000000001")
    context = Context("d1", entity, Period(date(2024, 6, 30), date(2024, 1, 1)))
    facts = (Fact(doc_type, "d1", "10-Q"), Fact(clash, "d1", Decimal(5), "USD", 0))
    return Instance("tst-20240630.xml", (context,), (), facts, extension)


@pytest.fixture(scope="module")
def cleaned():
    return edgar_clean(_instance(), load_taxonomy())


def _labels(instance, role=LABEL_ROLE):
    return {label.concept: label.text for label in instance.extension.labels if label.role == role}


def test_standard_labels_are_unique_and_the_printed_text_stays_terse(cleaned):
    standard = _labels(cleaned)
    assert len(set(t.lower() for t in standard.values())) == len(standard)
    assert standard == {
        "dei:DocumentType": "Document Type",
        "tst:IncomeTaxExpenseBenefit2": "Income taxes - deferred",
        "tst:StatementOfOperationsAbstract": "Statement of Operations [Abstract]",
        "us-gaap:Revenues": "Revenues",
        "us-gaap:OperatingExpensesAbstract": "Operating Expenses [Abstract]",
        "tst:OtherA": "Other",
        "tst:OtherB": "Other (Statements of Operations)",
        "tst:Fees": "Revenues (Statements of Operations)",
        "us-gaap:EarningsPerShareBasic": "Earnings per Share Basic",
        "us-gaap:EarningsPerShareDiluted": "Earnings per Share Diluted",
        "dei:CoverAbstract": "Cover [Abstract]",
    }
    terse = _labels(cleaned, TERSE_LABEL_ROLE)
    assert terse["tst:Fees"] == "Revenues"
    assert terse["us-gaap:EarningsPerShareDiluted"] == "Net loss per share, basic and diluted"
    assert terse["us-gaap:OperatingExpensesAbstract"] == "Operating expenses:"
    assert "us-gaap:Revenues" not in terse


def test_extension_names_never_reuse_a_standard_name(cleaned):
    names = {c.name for c in cleaned.extension.concepts}
    assert names == {"StatementOfOperationsAbstract", "Fees", "OtherA", "OtherB", "IncomeTaxExpenseBenefit2"}
    assert [f.concept.qname for f in cleaned.facts] == ["dei:DocumentType", "tst:IncomeTaxExpenseBenefit2"]


def test_cover_network_presents_the_dei_facts_and_arcs_show_the_terse_label(cleaned):
    cover, statement = cleaned.extension.networks
    assert (cover.definition, [(a.parent, a.child) for a in cover.presentation]) == (
        COVER_DEFINITION, [("dei:CoverAbstract", "dei:DocumentType")])
    preferred = {a.child: a.preferred_label for a in statement.presentation}
    assert preferred["tst:Fees"] == TERSE_LABEL_ROLE and preferred["us-gaap:Revenues"] is None
    assert ("tst:StatementOfOperationsAbstract", "us-gaap:OperatingExpensesAbstract") in {
        (a.parent, a.child) for a in statement.presentation}


# --- the SEC's EDGAR plugin ------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["validate", "convert"])
@pytest.mark.parametrize("plugin", [None, "{tmp}"])
def test_efm_without_a_usable_plugin_exits_2(tmp_path, monkeypatch, command, plugin):
    monkeypatch.delenv("XBRL_CONVERT_EDGAR_PLUGIN", raising=False)
    instance = tmp_path / "x.xml"
    instance.write_text('<xbrli:xbrl xmlns:xbrli="http://www.xbrl.org/2003/instance"/>')
    args = [command, str(EXAMPLE if command == "convert" else instance), "--efm"]
    args += ["-o", str(tmp_path / "out")] if command == "convert" else []
    args += ["--edgar-plugin", plugin.format(tmp=tmp_path)] if plugin else []
    result = CliRunner().invoke(main, args)
    assert (result.exit_code, "XC903" in result.output) == (2, True)
    assert not (tmp_path / "out").exists()


# A few corpus documents besides the seed, all in one Arelle process (its start-up is paid once).
CORPUS = (("text", "AstaFunding_2004-11_8K_EX99.txt"), ("html", "Caterpillar_2022-04_8K_EX99.1.txt"))


@pytest.fixture(scope="module")
def efm_reports(tmp_path_factory):
    path = shared_path(*SEED)
    problem = efm_problem(efm_plugin_dir(PLUGIN)) if PLUGIN.is_dir() else "no ../shared/arelle-plugins/EDGAR"
    if problem:
        pytest.skip(problem)
    jobs = [("seed", path, "0000123456"), ("seed without a CIK", path, None)]
    jobs += [(name, SHARED / "corpus" / folder / name, "0000999999") for folder, name in CORPUS
             if (SHARED / "corpus" / folder / name).is_file()]
    instances = []
    for name, source, cik in jobs:
        conversion = convert(source.read_bytes(), str(source), Options(cik=cik))
        instances.append(write_output(conversion.instance, tmp_path_factory.mktemp("efm")).instance)
    return dict(zip((name for name, _, _ in jobs), validate_instances(instances, efm_plugin=efm_plugin_dir(PLUGIN))))


@pytest.mark.parametrize("name", ["seed", *(name for _, name in CORPUS)])
def test_no_efm_error(efm_reports, name):
    if name not in efm_reports:
        pytest.skip(f"{name} not available")
    report = efm_reports[name]
    assert [(m.code, m.text) for m in report.errors] == []
    assert report.ok


def test_seed_without_a_cik_has_only_the_errors_of_the_missing_cik(efm_reports):
    assert {m.code for m in efm_reports["seed without a CIK"].errors} <= NO_CIK_CODES
