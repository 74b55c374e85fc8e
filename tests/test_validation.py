"""converter.validation against tiny hand-written instances (one Arelle process for all of them)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from converter.validation import VALIDATOR_FAILED, ValidationReport, validate_instance, validate_instances

US_GAAP = "https://xbrl.fasb.org/us-gaap/2024/elts/us-gaap-2024.xsd"
DEI = "https://xbrl.sec.gov/dei/2024/dei-2024.xsd"

EXTENSION_SCHEMA = f"""<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:link="http://www.xbrl.org/2003/linkbase"
  xmlns:xlink="http://www.w3.org/1999/xlink" targetNamespace="http://example.com/tst/20240630"
  elementFormDefault="qualified">
  <xs:annotation><xs:appinfo>
    <link:roleType roleURI="http://example.com/tst/role/BalanceSheet" id="BalanceSheet">
      <link:definition>100000 - Statement - Balance Sheet</link:definition>
      <link:usedOn>link:calculationLink</link:usedOn>
    </link:roleType>
    <link:linkbaseRef xlink:type="simple" xlink:href="tst_cal.xml"
      xlink:role="http://www.xbrl.org/2003/role/calculationLinkbaseRef"
      xlink:arcrole="http://www.w3.org/1999/xlink/properties/linkbase"/>
  </xs:appinfo></xs:annotation>
  <xs:import namespace="http://fasb.org/us-gaap/2024" schemaLocation="{US_GAAP}"/>
  <xs:import namespace="http://xbrl.sec.gov/dei/2024" schemaLocation="{DEI}"/>
</xs:schema>
"""

CALCULATION_LINKBASE = f"""<?xml version="1.0" encoding="UTF-8"?>
<link:linkbase xmlns:link="http://www.xbrl.org/2003/linkbase" xmlns:xlink="http://www.w3.org/1999/xlink">
  <link:roleRef roleURI="http://example.com/tst/role/BalanceSheet" xlink:type="simple" xlink:href="tst.xsd#BalanceSheet"/>
  <link:calculationLink xlink:type="extended" xlink:role="http://example.com/tst/role/BalanceSheet">
    <link:loc xlink:type="locator" xlink:href="{US_GAAP}#us-gaap_Assets" xlink:label="Assets"/>
    <link:loc xlink:type="locator" xlink:href="{US_GAAP}#us-gaap_AssetsCurrent" xlink:label="AssetsCurrent"/>
    <link:loc xlink:type="locator" xlink:href="{US_GAAP}#us-gaap_AssetsNoncurrent" xlink:label="AssetsNoncurrent"/>
    <link:calculationArc xlink:type="arc" xlink:arcrole="http://www.xbrl.org/2003/arcrole/summation-item"
      xlink:from="Assets" xlink:to="AssetsCurrent" weight="1" order="1"/>
    <link:calculationArc xlink:type="arc" xlink:arcrole="http://www.xbrl.org/2003/arcrole/summation-item"
      xlink:from="Assets" xlink:to="AssetsNoncurrent" weight="1" order="2"/>
  </link:calculationLink>
</link:linkbase>
"""


def instance(assets: str = "1500000", extra_facts: str = "", eps_unit: str = "USDPerShare",
             schema: str = "tst.xsd") -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<xbrli:xbrl xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:link="http://www.xbrl.org/2003/linkbase"
  xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:iso4217="http://www.xbrl.org/2003/iso4217"
  xmlns:us-gaap="http://fasb.org/us-gaap/2024" xmlns:dei="http://xbrl.sec.gov/dei/2024">
  <link:schemaRef xlink:type="simple" xlink:href="{schema}"/>
  <xbrli:context id="I2024">
    <xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">0000123456</xbrli:identifier></xbrli:entity>
    <xbrli:period><xbrli:instant>2024-06-30</xbrli:instant></xbrli:period>
  </xbrli:context>
  <xbrli:context id="D2024">
    <xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">0000123456</xbrli:identifier></xbrli:entity>
    <xbrli:period><xbrli:startDate>2024-01-01</xbrli:startDate><xbrli:endDate>2024-06-30</xbrli:endDate></xbrli:period>
  </xbrli:context>
  <xbrli:unit id="USD"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit>
  <xbrli:unit id="USDPerShare"><xbrli:divide>
    <xbrli:unitNumerator><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unitNumerator>
    <xbrli:unitDenominator><xbrli:measure>xbrli:shares</xbrli:measure></xbrli:unitDenominator>
  </xbrli:divide></xbrli:unit>
  <dei:DocumentType contextRef="D2024">10-Q</dei:DocumentType>
  <dei:EntityRegistrantName contextRef="D2024">Example Corp</dei:EntityRegistrantName>
  <dei:EntityCentralIndexKey contextRef="D2024">0000123456</dei:EntityCentralIndexKey>
  <dei:DocumentPeriodEndDate contextRef="D2024">2024-06-30</dei:DocumentPeriodEndDate>
  <dei:DocumentFiscalPeriodFocus contextRef="D2024">Q2</dei:DocumentFiscalPeriodFocus>
  <dei:DocumentFiscalYearFocus contextRef="D2024">2024</dei:DocumentFiscalYearFocus>
  <dei:AmendmentFlag contextRef="D2024">false</dei:AmendmentFlag>
  <dei:CurrentFiscalYearEndDate contextRef="D2024">--12-31</dei:CurrentFiscalYearEndDate>
  <us-gaap:AssetsCurrent contextRef="I2024" unitRef="USD" decimals="-3">1000000</us-gaap:AssetsCurrent>
  <us-gaap:AssetsNoncurrent contextRef="I2024" unitRef="USD" decimals="-3">500000</us-gaap:AssetsNoncurrent>
  <us-gaap:Assets contextRef="I2024" unitRef="USD" decimals="-3">{assets}</us-gaap:Assets>
  <us-gaap:EarningsPerShareBasic contextRef="D2024" unitRef="{eps_unit}" decimals="2">0.25</us-gaap:EarningsPerShareBasic>
  {extra_facts}
</xbrli:xbrl>
"""


CASES = {
    "valid": instance(),
    "calc_inconsistent": instance(assets="1600000"),
    "unresolvable_schema": instance(schema="https://example.invalid/no-such-taxonomy.xsd"),
    "inconsistent_duplicate": instance(extra_facts='<us-gaap:AssetsCurrent contextRef="I2024" unitRef="USD" '
                                                   'decimals="-3">1001000</us-gaap:AssetsCurrent>'),
    "wrong_unit": instance(eps_unit="USD"),
    "period_mismatch": instance().replace('<us-gaap:Assets contextRef="I2024"', '<us-gaap:Assets contextRef="D2024"'),
    "not_xml": "this is not an XBRL instance\n",
    # concepts of the vocabulary outside the face-statement networks, one per kind of type
    "vocabulary": instance(extra_facts="""<xbrli:unit id="pure"><xbrli:measure>xbrli:pure</xbrli:measure></xbrli:unit>
  <xbrli:unit id="shares"><xbrli:measure>xbrli:shares</xbrli:measure></xbrli:unit>
  <us-gaap:RightOfUseAssetObtainedInExchangeForOperatingLeaseLiability contextRef="D2024" unitRef="USD"
    decimals="-3">250000</us-gaap:RightOfUseAssetObtainedInExchangeForOperatingLeaseLiability>
  <us-gaap:DebtInstrumentInterestRateStatedPercentage contextRef="D2024" unitRef="pure"
    decimals="4">0.0525</us-gaap:DebtInstrumentInterestRateStatedPercentage>
  <us-gaap:NumberOfReportableSegments contextRef="D2024" unitRef="pure"
    decimals="INF">3</us-gaap:NumberOfReportableSegments>
  <us-gaap:ShareBasedCompensationArrangementByShareBasedPaymentAwardOptionsOutstandingNumber
    contextRef="I2024" unitRef="shares" decimals="-3">120000
  </us-gaap:ShareBasedCompensationArrangementByShareBasedPaymentAwardOptionsOutstandingNumber>"""),
}


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory):
    """Validate every case with one Arelle process, with HOME and XDG_CONFIG_HOME pointing at empty folders."""
    folder = tmp_path_factory.mktemp("instances")
    (folder / "tst.xsd").write_text(EXTENSION_SCHEMA, encoding="utf-8")
    (folder / "tst_cal.xml").write_text(CALCULATION_LINKBASE, encoding="utf-8")
    paths = []
    for name, text in CASES.items():
        paths.append(folder / f"{name}.xml")
        paths[-1].write_text(text, encoding="utf-8")
    home, config = tmp_path_factory.mktemp("home"), tmp_path_factory.mktemp("xdg-config")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(home))
        patch.setenv("XDG_CONFIG_HOME", str(config))
        reports = validate_instances(paths)
    return dict(zip(CASES, reports)), home, config


def codes(report: ValidationReport) -> set[str]:
    return {m.code for m in report.messages}


def test_valid_instance_passes(run):
    report = run[0]["valid"]
    assert report.ok, report.messages
    assert report.messages == ()


def test_vocabulary_concepts_validate(run):
    report = run[0]["vocabulary"]
    assert report.ok, report.messages
    assert report.messages == ()


def test_calculation_inconsistency_fails_validation(run):
    report = run[0]["calc_inconsistent"]
    assert not report.ok
    assert codes(report) == {"calc11e:inconsistentCalculationUsingRounding"}
    assert report.errors == () and len(report.inconsistencies) == 1
    assert report.inconsistencies[0].source.startswith("calc_inconsistent.xml")


def test_unresolvable_schema_is_reported_not_raised(run):
    report = run[0]["unresolvable_schema"]
    assert not report.ok
    assert "IOerror" in codes(report)
    assert any("no-such-taxonomy.xsd" in m.text for m in report.errors)


def test_inconsistent_duplicates_are_errors(run):
    report = run[0]["inconsistent_duplicate"]
    assert not report.ok
    assert codes(report) == {"arelle:duplicateFacts"}


def test_units_registry_is_checked(run):
    report = run[0]["wrong_unit"]
    assert not report.ok
    assert codes(report) == {"utre:error-NumericFactUtrInvalid"}


def test_period_type_comes_from_the_bundled_taxonomy(run):
    report = run[0]["period_mismatch"]
    assert "xbrl.4.7.2:contextPeriodType" in codes(report)


def test_a_file_that_is_not_xbrl_is_an_error(run):
    report = run[0]["not_xml"]
    assert not report.ok and report.errors


def test_user_configuration_is_left_alone(run):
    _, home, config = run
    assert list(home.iterdir()) == []
    assert list(config.iterdir()) == []


def test_validator_failure_becomes_a_report(tmp_path: Path):
    path = tmp_path / "x.xml"
    path.write_text(CASES["valid"], encoding="utf-8")
    report = validate_instance(path, timeout=0.01)  # too short for Arelle to start
    assert not report.ok
    assert [m.code for m in report.messages] == [VALIDATOR_FAILED]


def test_no_files_no_process():
    assert validate_instances([]) == ()


def test_arelle_stays_out_of_this_process(run):
    assert not any(name == "arelle" or name.startswith("arelle.") for name in sys.modules)


UNDEFINED = instance(extra_facts='<us-gaap:NoSuchConceptAnywhere contextRef="I2024" unitRef="USD" '
                                 'decimals="-3">1</us-gaap:NoSuchConceptAnywhere>')


def test_trimmed_package_changes_no_message(run, tmp_path_factory: pytest.TempPathFactory):
    """The default (a package trimmed to each instance) and the whole package report the same messages."""
    from converter.validation import Validator

    reports, _, _ = run
    folder = tmp_path_factory.mktemp("full")
    (folder / "tst.xsd").write_text(EXTENSION_SCHEMA, encoding="utf-8")
    (folder / "tst_cal.xml").write_text(CALCULATION_LINKBASE, encoding="utf-8")
    (folder / "undefined.xml").write_text(UNDEFINED, encoding="utf-8")
    for name, text in CASES.items():
        (folder / f"{name}.xml").write_text(text, encoding="utf-8")
    with Validator(full_dts=True) as full, Validator() as trimmed:
        for name in CASES:
            assert sorted(map(repr, full.validate(folder / f"{name}.xml").messages)) == sorted(map(repr, reports[name].messages)), name
        undefined = full.validate(folder / "undefined.xml")
        assert sorted(map(repr, trimmed.validate(folder / "undefined.xml").messages)) == sorted(map(repr, undefined.messages))
    assert not undefined.ok


def test_a_warm_validator_gives_each_document_its_own_report(tmp_path: Path):
    from converter.validation import Validator

    (tmp_path / "tst.xsd").write_text(EXTENSION_SCHEMA, encoding="utf-8")
    (tmp_path / "tst_cal.xml").write_text(CALCULATION_LINKBASE, encoding="utf-8")
    for name in ("valid", "calc_inconsistent", "vocabulary"):
        (tmp_path / f"{name}.xml").write_text(CASES[name], encoding="utf-8")
    with Validator() as validator:
        oks = [validator.validate(tmp_path / f"{name}.xml").ok for name in ("valid", "calc_inconsistent", "vocabulary", "valid")]
    assert oks == [True, False, True, True]
