"""The command line: outputs, messages and exit statuses."""
import json

import pytest
from click.testing import CliRunner
from lxml import etree

from converter.cli import main

from .conftest import EXAMPLE

NO_TABLES = b"Exhibit 99.1\n\nAcme Corp. announced today that its chief executive will retire next spring.\n"


@pytest.fixture()
def run():
    def invoke(*args, stdin=None):
        return CliRunner().invoke(main, [str(a) for a in args], input=stdin, catch_exceptions=False)
    return invoke


def test_convert_writes_the_output_set_and_prints_the_instance_path(run, tmp_path):
    result = run("convert", EXAMPLE, "-o", tmp_path / "out", "--no-validate", "--cik", "1234567")
    assert result.exit_code == 0
    assert result.stdout == f"{tmp_path / 'out' / 'nwnd-20080930.xml'}\n"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "facts.csv", "nwnd-20080930.xml", "nwnd-20080930.xsd", "nwnd-20080930_cal.xml", "nwnd-20080930_lab.xml",
        "nwnd-20080930_pre.xml", "report.json", "validation.json"]
    root = etree.parse(str(tmp_path / "out" / "nwnd-20080930.xml")).getroot()
    identifiers = {(e.get("scheme"), e.text) for e in root.iter("{http://www.xbrl.org/2003/instance}identifier")}
    assert identifiers == {("http://www.sec.gov/CIK", "0001234567")}
    cik = root.find("{http://xbrl.sec.gov/dei/2024}EntityCentralIndexKey")
    assert cik.text == "0001234567"


def test_convert_reads_standard_input(run, tmp_path):
    result = run("convert", "-", "-o", tmp_path, "--no-validate", "--ticker", "NWND", stdin=EXAMPLE.read_bytes())
    assert result.exit_code == 0
    assert result.stdout.strip().endswith("nwnd-20080930.xml")
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["document"] == "<stdin>"


def test_convert_validates_by_default(run, tmp_path):
    result = run("convert", EXAMPLE, "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert "warning XC601: no CIK known" in result.stderr


def test_no_statement_found_exits_2_and_writes_nothing(run, tmp_path):
    source = tmp_path / "letter.txt"
    source.write_bytes(NO_TABLES)
    result = run("convert", source, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert f"{source}: error XC101: no balance sheet, statement of operations or cash flows found" in result.stderr
    assert not (tmp_path / "out").exists()


def test_unreadable_input_exits_2(run, tmp_path):
    result = run("convert", tmp_path / "missing.txt", "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert f"{tmp_path / 'missing.txt'}: error XC001: cannot read the input: No such file or directory" in result.stderr


def test_validate_reports_inconsistency_with_status_1(run, tmp_path):
    run("convert", EXAMPLE, "-o", tmp_path, "--no-validate")
    instance = tmp_path / "nwnd-20080930.xml"
    text = instance.read_text()
    instance.write_text(text.replace(">29180000<", ">29190000<", 1))
    result = run("validate", instance)
    assert result.exit_code == 1
    assert "calc11e:inconsistentCalculationUsingRounding" in result.output
    assert "NOT valid" in result.output


def test_validate_a_valid_instance(run, tmp_path):
    run("convert", EXAMPLE, "-o", tmp_path, "--no-validate")
    result = run("validate", tmp_path / "nwnd-20080930.xml")
    assert result.exit_code == 0
    assert result.stdout.strip().endswith("valid (0 errors, 0 calculation inconsistencies)")


def test_inspect_shows_periods_concepts_and_reasons(run):
    result = run("inspect", EXAMPLE)
    assert result.exit_code == 0
    assert "  column 3: 'Nine Months Ended September 30, 2008' -> 2008-01-01/2008-09-30" in result.stdout
    assert ("      -> us-gaap:OperatingIncomeLoss  score 1.00; 29 of 29 companies printing labels like 'income from operations'"
            " (such as 'loss from operations', 1.00 alike) tag us-gaap:OperatingIncomeLoss"
            " [score 1.06: neighbour +0.85, network +0.06, agree +0.15]") in result.stdout
    assert "  calc: us-gaap:OperatingIncomeLoss -= us-gaap:OperatingExpenses" in result.stdout


def test_inspect_lists_the_alternatives_with_their_scores_and_features(run):
    result = run("inspect", EXAMPLE)
    assert result.exit_code == 0
    assert ("      -> us-gaap:NonoperatingIncomeExpense  score 0.95; pattern '^other income(?: and| or)? expenses?(?: net)?$'"
            " (synonyms.csv line 344) matches 'other income expense net' [score 0.95: synonym +0.80, agree +0.15]\n"
            "         alternatives: us-gaap:OtherNonoperatingIncomeExpense 0.91 (neighbour +0.75, network +0.06, agree +0.10)\n"
            "                       us-gaap:OtherNonoperatingExpense 0.70 (taxonomy +0.64, network +0.06)\n"
            "                       us-gaap:InterestIncomeExpenseNonoperatingNet 0.57 (taxonomy +0.57)\n"
            "  Income before income taxes (total):") in result.stdout


TWO_EQUITY_TOTALS = b"""\
                       CONSOLIDATED BALANCE SHEETS
                             (in thousands)
                                              December 31,
                                           2008        2007
  Cash                                    1,000         900
  Total assets                            1,000         900
  Accounts payable                          400         300
  Total liabilities                         400         300
  Stockholders' equity                      600         600
  Total stockholders' equity                600         600
  Total liabilities and stockholders' equity  1,000   900
"""


def test_a_candidate_another_line_took_names_that_line(run, tmp_path):
    source = tmp_path / "equity.txt"
    source.write_bytes(TWO_EQUITY_TOTALS)
    result = run("inspect", source)
    assert result.exit_code == 0
    assert ("""  Stockholders' equity: 6.00E+5  6.00E+5\n"""
            """      -> unknown:StockholdersEquity  score 0.30; no free US GAAP concept for "Stockholders' equity" """
            """(us-gaap:StockholdersEquity is taken by "Total stockholders' equity"): extension concept unknown:StockholdersEquity\n"""
            """         alternatives: us-gaap:StockholdersEquity 0.85 (synonym +0.80, agree +0.05; taken by line "Total stockholders' equity")\n"""
            """                       us-gaap:LiabilitiesAndStockholdersEquity 0.69 (taxonomy +0.63, network +0.06; """
            """taken by line "Total liabilities and stockholders' equity")\n"""
            """                       us-gaap:StockholdersEquityIncludingPortionAttributableToNoncontrollingInterest 0.29 """
            """(taxonomy +0.53, network +0.06, no noncontrolling interest -0.30)\n"""
            """  Total stockholders' equity (total):""") in result.stdout
    assert run("convert", source, "-o", tmp_path / "out", "--no-validate").exit_code == 0
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    line = next(line for line in report["statements"][0]["lines"] if line["label"] == "Stockholders' equity")
    assert line["alternatives"] == ["us-gaap:StockholdersEquity", "us-gaap:LiabilitiesAndStockholdersEquity",
                                    "us-gaap:StockholdersEquityIncludingPortionAttributableToNoncontrollingInterest"]
    assert line["candidates"][0] == {
        "concepts": ["us-gaap:StockholdersEquity"], "score": 0.85, "source": "synonym",
        "features": {"synonym": 0.8, "agree": 0.05},
        "evidence": "pattern '^(?:total )?(?:stockholders|shareholders|shareowners) equity(?: deficit| deficiency)?$'"
                    " (synonyms.csv line 221) matches 'stockholders equity'",
        "taken_by": "Total stockholders' equity"}
    assert [(c["score"], c["source"], c["taken_by"]) for c in line["candidates"][1:]] == [
        (0.69, "taxonomy", "Total liabilities and stockholders' equity"), (0.29, "taxonomy", None)]


def test_usage_errors_exit_2(run):
    assert run("convert").exit_code == 2
    assert run("frobnicate").exit_code == 2


CHANGE_COLUMN = b"""\
                    STATEMENTS OF OPERATIONS
                       (in thousands)
                               Year Ended December 31,
                                  2008        2007     % Change
  Net sales                      1,100       1,000          10%
  Net income                       110         100          10%
"""


def test_numbers_that_are_not_facts_are_reported(run, tmp_path):
    source = tmp_path / "change.txt"
    source.write_bytes(CHANGE_COLUMN)
    result = run("convert", source, "-o", tmp_path / "out", "--no-validate")
    assert result.exit_code == 0
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert [(r["source"], r["label"], r["printed"]) for r in report["not_converted"]] == [
        (f"{source}:5:61", "Net sales", "10%"), (f"{source}:6:61", "Net income", "10%")]
    assert all("change or percentage column" in r["reason"] for r in report["not_converted"])
    inspected = run("inspect", source)
    assert "not converted (2):" in inspected.stdout
    assert f"  {source}:5:61: Net sales '10%': column 3" in inspected.stdout


SEGMENTS_ONLY = b"""\
                    STATEMENTS OF OPERATIONS
                       (in thousands)
                              Year Ended December 31, 2008
                              Widgets    Gadgets    Gizmos
  Net sales                     1,100      2,000       300
  Net income                      110        200        30
"""


def test_columns_all_set_aside_as_segments_exit_2_with_a_diagnostic(run, tmp_path):
    source = tmp_path / "segments.txt"
    source.write_bytes(SEGMENTS_ONLY)
    result = run("convert", source, "-o", tmp_path / "out", "--no-validate")
    assert result.exit_code == 2
    assert "error XC103: statements found, but no dated column reports a value" in result.stderr
    assert "a sector or segment" in result.stderr
    assert not (tmp_path / "out").exists()
