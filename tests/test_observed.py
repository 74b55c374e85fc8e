"""The observed-labels table: its loader, and the alignment of statement lines with company facts
that scripts/build_observed_labels.py builds it with."""
from __future__ import annotations

import importlib.util
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from converter.mapping.observed import COLUMNS, Observation, ObservedLabels, company_of, load_observed, read_observed
from converter.mapping.taxonomy import Taxonomy, load_taxonomy
from converter.statements import build_statements
from converter.tables.text import read_text_tables

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def script():
    spec = importlib.util.spec_from_file_location("build_observed_labels", ROOT / "scripts" / "build_observed_labels.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


# ----------------------------------------------------------------------------- the loader

TABLE = """\
# a comment line
kind,label,context,concept,extension,sign,company,values,lines,printed_label,tagged_as,deprecated
balance_sheet,cash,side=assets class=current | current assets,us-gaap:CashAndCashEquivalentsAtCarryingValue,0,1,acme,4,2,Cash,,0
income,cost of sales,nocostofsales | ,us-gaap:CostOfGoodsAndServicesSold,0,-1,acme,2,1,"Cost of sales, net",,0
income,cost of sales,nocostofsales | ,us-gaap:CostOfRevenue,0,1,globex,4,1,Cost of sales,us-gaap:OldCost,0
income,widget royalties,| ,WidgetRoyalties,1,1,globex,2,1,Widget royalties,,0
income,net sales,| ,us-gaap:SalesRevenueNet,0,1,initech,1,1,Net sales,,1
"""


@pytest.fixture()
def observed(tmp_path) -> ObservedLabels:
    path = tmp_path / "observed.csv"
    path.write_text(TABLE, encoding="utf-8")
    return read_observed(path)


def test_read_observed(observed):
    assert len(observed.observations) == 5
    assert observed.observations[1] == Observation(
        kind="income", label="cost of sales", printed="Cost of sales, net", context="nocostofsales | ",
        concept="us-gaap:CostOfGoodsAndServicesSold", is_extension=False, sign=-1, company="acme", values=2, lines=1)
    extension = observed.observations[3]
    assert (extension.concept, extension.is_extension) == ("WidgetRoyalties", True)
    assert observed.observations[2].tagged_as == "us-gaap:OldCost"
    assert observed.observations[4].deprecated is True


def test_by_label(observed):
    found = observed.by_label("income", "cost of sales")
    assert [(o.concept, o.company) for o in found] == [("us-gaap:CostOfGoodsAndServicesSold", "acme"), ("us-gaap:CostOfRevenue", "globex")]
    assert observed.by_label("balance_sheet", "cost of sales") == ()
    assert observed.by_label("income", "nothing printed so") == ()


def test_without_and_companies(observed):
    assert observed.companies() == frozenset({"acme", "globex", "initech"})
    rest = observed.without("acme")
    assert rest.companies() == frozenset({"globex", "initech"})
    assert [o.concept for o in rest.by_label("income", "cost of sales")] == ["us-gaap:CostOfRevenue"]
    assert len(observed.by_label("income", "cost of sales")) == 2  # the original is unchanged
    assert observed.without("nobody") == observed


@pytest.mark.parametrize("path, company", [
    ("CocaCola_2023-06_10Q_ixbrl.htm", "cocacola"),
    ("../shared/corpus/more/ixbrl/3m_2023-06_10Q_ixbrl.htm", "3m"),
    ("corpus\\pairs\\Apple_2010-09_10K_instance.xml", "apple"),
])
def test_company_of(path, company):
    assert company_of(path) == company


def test_shipped_table_reads():
    table = load_observed()
    assert table is load_observed()  # cached
    assert table.observations, "taxonomy/observed-labels.csv is missing or empty"
    assert all(o.sign in (1, -1) and o.values >= 1 and o.lines >= 1 for o in table.observations)
    assert all(o.is_extension != o.concept.startswith(("us-gaap:", "srt:", "dei:")) for o in table.observations)


def test_shipped_table_header():
    lines = (ROOT / "taxonomy" / "observed-labels.csv").read_text(encoding="utf-8").splitlines()
    header = next(line for line in lines if not line.startswith("#"))
    assert tuple(header.split(",")) == COLUMNS


# ----------------------------------------------------------------------------- alignment

INCOME = """\
               STATEMENTS OF OPERATIONS
         (in thousands, except per share data)
                                             Three Months Ended June 30,
                                                2008          2007
Net sales                                      1,000           900
Cost of sales                                   (600)         (500)
Other                                              1             2
Net income per share, basic and diluted         0.10          0.09
"""
Q08, Q07 = "2008-04-01/2008-06-30", "2007-04-01/2007-06-30"


def _statement(text: str):
    (statement,) = build_statements(read_text_tables(text, "t.txt"))
    return statement


def _fact(script, concept, period, value, unit="USD", statement="", label="", is_extension=False):
    return script.CompanyFact(concept, is_extension, period, unit, Decimal(value), statement, label)


def _aligned(script, text, facts, line_index):
    statement = _statement(text)
    _, lines = script.align_statement(statement, script.FactIndex(tuple(facts)))
    return lines[line_index].alignment


def test_a_line_takes_the_concept_its_values_agree_on(script):
    facts = [_fact(script, "us-gaap:Revenues", Q08, "1000000"), _fact(script, "us-gaap:Revenues", Q07, "900000"),
             _fact(script, "us-gaap:OtherIncome", Q08, "1000000")]  # one value alike: outvoted
    alignment = _aligned(script, INCOME, facts, 0)
    assert (alignment.concept, alignment.sign, alignment.values, alignment.is_extension) == ("us-gaap:Revenues", 1, 2, False)


def test_the_sign_is_the_printed_one_against_the_fact(script):
    facts = [_fact(script, "us-gaap:CostOfRevenue", Q08, "600000"), _fact(script, "us-gaap:CostOfRevenue", Q07, "500000")]
    assert _aligned(script, INCOME, facts, 1).sign == -1
    negative = [_fact(script, "us-gaap:CostOfRevenue", Q08, "-600000"), _fact(script, "us-gaap:CostOfRevenue", Q07, "-500000")]
    assert _aligned(script, INCOME, negative, 1).sign == 1


def test_a_company_concept_is_an_extension(script):
    facts = [_fact(script, "WidgetSales", Q08, "1000000", is_extension=True), _fact(script, "WidgetSales", Q07, "900000", is_extension=True)]
    alignment = _aligned(script, INCOME, facts, 0)
    assert (alignment.concept, alignment.is_extension) == ("WidgetSales", True)


def test_a_concept_contradicting_half_the_values_is_not_taken(script):
    facts = [_fact(script, "us-gaap:OtherNonoperatingIncomeExpense", Q08, "1000"),
             _fact(script, "us-gaap:OtherNonoperatingIncomeExpense", Q07, "7000")]
    alignment = _aligned(script, INCOME, facts, 2)
    assert (alignment.concept, alignment.reason) == (None, script.CONTRADICTED)
    # the company's row printed with the line's label settles an even split
    labelled = [_fact(script, "us-gaap:OtherNonoperatingIncomeExpense", period, value, "USD", "income", "Other")
                for period, value in ((Q08, "1000"), (Q07, "7000"))]
    assert _aligned(script, INCOME, labelled, 2).concept == "us-gaap:OtherNonoperatingIncomeExpense"


def test_a_period_out_of_the_filing_says_nothing(script):
    facts = [_fact(script, "us-gaap:Revenues", Q08, "1000000")]  # no fact of the 2007 quarter at all
    assert _aligned(script, INCOME, facts, 0).concept == "us-gaap:Revenues"


def test_one_row_tagged_twice_gives_both_concepts(script):
    eps = [_fact(script, f"us-gaap:{name}", period, value, "USD/shares", "income", "Net income per share, basic and diluted")
           for name in ("EarningsPerShareBasic", "EarningsPerShareDiluted") for period, value in ((Q08, "0.10"), (Q07, "0.09"))]
    alignment = _aligned(script, INCOME, eps, 3)
    assert alignment.concept == "us-gaap:EarningsPerShareBasic us-gaap:EarningsPerShareDiluted"
    # without the company's rows (an instance) the two cannot be told apart
    bare = [_fact(script, f.concept, f.period, f.value, "USD/shares") for f in eps]
    assert _aligned(script, INCOME, bare, 3).reason == script.AMBIGUOUS


def test_the_unit_must_fit(script):
    facts = [_fact(script, "us-gaap:EarningsPerShareBasic", Q08, "1000000", "USD/shares")]
    assert _aligned(script, INCOME, facts, 0).reason == script.NO_UNIT


@pytest.mark.parametrize("facts, reason", [
    ([], "no company fact of the columns' periods"),
    ([("us-gaap:Revenues", Q08, "5")], "no company fact of the value"),
    ([("us-gaap:Revenues", "2006-04-01/2006-06-30", "1000000"), ("us-gaap:Other", Q08, "5")], "the company tags the value at another period"),
    ([("us-gaap:Revenues", Q08, "1000")], "the company tags the value at another scale"),
])
def test_why_a_line_is_not_aligned(script, facts, reason):
    alignment = _aligned(script, INCOME, [_fact(script, *f) for f in facts], 0)
    assert (alignment.concept, alignment.reason) == (None, reason)


def test_a_single_value_of_another_statement_and_wording_is_a_coincidence(script):
    facts = [_fact(script, "us-gaap:PaymentsForRepurchaseOfCommonStock", Q08, "1000000", statement="cash_flow", label="Share repurchases")]
    assert _aligned(script, INCOME, facts, 0).reason == script.COINCIDENCE


def test_a_statement_read_at_the_wrong_scale(script):
    facts = [_fact(script, "us-gaap:Revenues", Q08, "1000000000"), _fact(script, "us-gaap:Revenues", Q07, "900000000"),
             _fact(script, "us-gaap:CostOfRevenue", Q08, "600000000"), _fact(script, "us-gaap:CostOfRevenue", Q07, "500000000")]
    statement = _statement(INCOME)
    index = script.FactIndex(tuple(facts))
    assert script.statement_scale(statement, index) == 3
    scale, lines = script.align_statement(statement, index)
    assert (scale, lines[0].alignment.concept, lines[1].alignment.sign) == (3, "us-gaap:Revenues", -1)


CASH = """\
               STATEMENTS OF CASH FLOWS
                    (in thousands)
                                             Year Ended December 31,
                                                2008          2007
Net income                                       100            90
Net cash provided by operating activities        100            90
Cash at beginning of year                         50            40
Cash at end of year                              150            50
"""


def test_balances_of_a_statement_of_flows_are_dated_as_balances(script):
    facts = [_fact(script, "us-gaap:Cash", day, value) for day, value in
             (("2006-12-31", "40000"), ("2007-12-31", "50000"), ("2008-12-31", "150000"))]
    statement = _statement(CASH)
    _, lines = script.align_statement(statement, script.FactIndex(tuple(facts)))
    assert [(line.label, line.alignment.concept, line.alignment.values) for line in lines[2:]] == [
        ("Cash at beginning of year", "us-gaap:Cash", 2), ("Cash at end of year", "us-gaap:Cash", 2)]
    assert lines[0].context == "activity=operating | "


@pytest.mark.parametrize("fact, column, same", [
    ("2008-06-30", "2008-06-30", True),
    ("2008-06-28", "2008-06-30", True),  # a 52/53-week year
    ("2007-12-30/2008-06-28", "2008-01-01/2008-06-30", True),
    ("2007-12-26/2008-06-28", "2008-01-03/2008-06-28", True),  # a start dated a week off
    ("2008-04-01/2008-06-30", "2008-01-01/2008-06-30", False),  # a quarter is not a half year
    ("2008-06-30", "2008-04-01/2008-06-30", False),
])
def test_same_period(script, fact, column, same):
    assert script.same_period(fact, column) is same


@pytest.mark.parametrize("printed, kept", [
    ("Net sales", "Net sales"),
    ("Common stock, $.01 par value; 30,000,000 shares authorized", "Common stock"),
    ("Common stock $0.005 par value", "Common stock"),
    ("Accounts receivable, net of allowances of ($16) and ($13)", "Accounts receivable"),
    ("Accounts receivable, net of allowances", "Accounts receivable, net of allowances"),
    ("Noncontrolling interests (includes redeemable interests of $147 and $142 at June 30, 2023)", "Noncontrolling interests"),
    ("Repayments of debt (maturities longer than 90 days)", "Repayments of debt (maturities longer than 90 days)"),
    ("Payment for settlement of 2025 convertible notes", "Payment for settlement of 2025 convertible notes"),
])
def test_kept_label_drops_figures(script, printed, kept):
    assert script.kept_label(printed) == kept


def test_a_total_without_caption_reads_with_its_section(script):
    assert script.kept_label("Total", ("Operating expenses:",)) == "Total Operating expenses"


def test_deprecated_concepts(script):
    taxonomy = Taxonomy(concepts={}, calculations=(), deprecated={"OldName": "2020", "GoneName": "2018"},
                        replacements={"OldName": ("us-gaap:NewName",), "GoneName": ("us-gaap:A", "us-gaap:B")},
                        non_negative=frozenset(), package_dir=Path("."))
    replaced = script.current_concept("us-gaap:OldName", False, taxonomy)
    assert (replaced.name, replaced.tagged_as, replaced.deprecated) == ("us-gaap:NewName", "us-gaap:OldName", False)
    kept = script.current_concept("us-gaap:GoneName", False, taxonomy)
    assert (kept.name, kept.tagged_as, kept.deprecated) == ("us-gaap:GoneName", "", True)
    assert script.current_concept("OldName", True, taxonomy).name == "OldName"  # a company's own name stays
    both = script.current_concept("us-gaap:OldName us-gaap:Current", False, taxonomy)
    assert both.name == "us-gaap:Current us-gaap:NewName"


@pytest.mark.parametrize("namespace, concept", [
    ("http://fasb.org/us-gaap/2023", ("us-gaap:Assets", False)),
    ("http://xbrl.us/us-gaap/2009-01-31", ("us-gaap:Assets", False)),
    ("http://fasb.org/srt/2023", ("srt:Assets", False)),
    ("http://www.example.com/20230630", ("Assets", True)),
])
def test_qualified(script, namespace, concept):
    assert script.qualified(namespace, "Assets") == concept


def test_every_standard_concept_of_the_shipped_table_is_known_or_flagged():
    """A us-gaap concept of the table is in the 2024 taxonomy, or deprecated and flagged, or one of
    the company concepts outside the face-statement subset (listed by the build summary)."""
    taxonomy = load_taxonomy()
    for observation in load_observed().observations:
        for concept in observation.concept.split():
            if concept.startswith("us-gaap:") and taxonomy.is_deprecated(concept):
                assert observation.deprecated, observation


INLINE = """<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"
 xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:iso4217="http://www.xbrl.org/2003/iso4217"
 xmlns:us-gaap="http://fasb.org/us-gaap/2023" xmlns:acme="http://www.example.com/20230630"><body>
<div style="display:none"><ix:header><ix:resources>
<xbrli:context id="q"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">1</xbrli:identifier></xbrli:entity>
<xbrli:period><xbrli:startDate>2023-04-01</xbrli:startDate><xbrli:endDate>2023-06-30</xbrli:endDate></xbrli:period></xbrli:context>
<xbrli:unit id="usd"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit>
</ix:resources></ix:header></div>
<p>Notes</p>
<table><tr><td>Widget royalties</td><td><ix:nonFraction name="acme:WidgetRoyalties" contextRef="q" unitRef="usd" decimals="-6" scale="6" format="ixt:num-dot-decimal">12</ix:nonFraction></td></tr>
<tr><td>Net sales</td><td><ix:nonFraction name="us-gaap:Revenues" contextRef="q" unitRef="usd" decimals="-6" scale="6" sign="-" format="ixt:num-dot-decimal">(40)</ix:nonFraction></td></tr></table>
</body></html>"""


def test_inline_facts(script):
    html, facts = script.inline_facts(INLINE.encode("utf-8"), "Acme_2023-06_10Q_ixbrl.htm")
    assert "ix:" not in html and "Widget royalties" in html
    assert [(f.concept, f.is_extension, f.period, f.unit, f.value, f.label) for f in facts] == [
        ("WidgetRoyalties", True, "2023-04-01/2023-06-30", "USD", Decimal("12E6"), "Widget royalties"),
        ("us-gaap:Revenues", False, "2023-04-01/2023-06-30", "USD", Decimal("-40E6"), "Net sales")]


INSTANCE = """<xbrli:xbrl xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:iso4217="http://www.xbrl.org/2003/iso4217"
 xmlns:us-gaap="http://xbrl.us/us-gaap/2009-01-31" xmlns:acme="http://www.example.com/20100626"
 xmlns:xbrldi="http://xbrl.org/2006/xbrldi">
<xbrli:context id="i"><xbrli:entity><xbrli:identifier scheme="x">1</xbrli:identifier></xbrli:entity>
<xbrli:period><xbrli:instant>2010-06-26</xbrli:instant></xbrli:period></xbrli:context>
<xbrli:context id="d"><xbrli:entity><xbrli:identifier scheme="x">1</xbrli:identifier>
<xbrli:segment><xbrldi:explicitMember dimension="us-gaap:X">us-gaap:Y</xbrldi:explicitMember></xbrli:segment></xbrli:entity>
<xbrli:period><xbrli:instant>2010-06-26</xbrli:instant></xbrli:period></xbrli:context>
<xbrli:unit id="usd"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit>
<xbrli:unit id="eps"><xbrli:divide><xbrli:unitNumerator><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unitNumerator>
<xbrli:unitDenominator><xbrli:measure>xbrli:shares</xbrli:measure></xbrli:unitDenominator></xbrli:divide></xbrli:unit>
<us-gaap:Assets contextRef="i" unitRef="usd" decimals="-6">1000000</us-gaap:Assets>
<us-gaap:Assets contextRef="d" unitRef="usd" decimals="-6">7000000</us-gaap:Assets>
<acme:BookValuePerShare contextRef="i" unitRef="eps" decimals="2">1.25</acme:BookValuePerShare>
</xbrli:xbrl>"""


def test_instance_facts(script, tmp_path):
    path = tmp_path / "acme_instance.xml"
    path.write_text(INSTANCE, encoding="utf-8")
    assert [(f.concept, f.is_extension, f.period, f.unit, f.value) for f in script.instance_facts(path)] == [
        ("us-gaap:Assets", False, "2010-06-26", "USD", Decimal("1000000")),
        ("BookValuePerShare", True, "2010-06-26", "USD/shares", Decimal("1.25"))]
