"""User overrides of the concept choice (--mapping) and the draft that inspect --suggest writes."""
import json

import pytest
from click.testing import CliRunner

from converter.cli import main
from converter.diagnostics import ConversionError
from converter.mapping.overrides import parse_overrides
from converter.mapping.taxonomy import load_taxonomy
from converter.pipeline import Options, convert

from .conftest import EXAMPLE


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def lines_of(conversion):
    return {line.line.full_label: line for statement in conversion.mapped for line in statement.lines}


def test_an_override_wins_over_the_synonyms(tmp_path):
    mapping = tmp_path / "mapping.csv"
    mapping.write_text("pattern,kind,concepts\n"
                       "^revenues$,income,RevenueFromContractWithCustomerExcludingAssessedTax\n"
                       "other income,*,-\n")
    result = run("convert", EXAMPLE, "-o", tmp_path / "out", "--no-validate", "--mapping", mapping)
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    lines = {line["label"]: line for s in report["statements"] for line in s["lines"]}
    revenues = lines["Revenues"]
    assert revenues["concepts"] == ["us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax"]
    assert revenues["reasons"][0] == f"override {mapping} line 2"
    assert "us-gaap:Revenues" in revenues["alternatives"]
    other = lines["Other income (expense), net"]
    assert other["concepts"] == ["nwnd:OtherIncomeExpenseNet"]
    assert other["reasons"][0] == f"override {mapping} line 3: extension concept nwnd:OtherIncomeExpenseNet"


def test_a_row_gives_one_line_of_a_statement_and_must_fit_it():
    overrides = parse_overrides("net income,income,NetIncomeLoss\n", "m.csv", load_taxonomy())
    lines = lines_of(convert(EXAMPLE.read_bytes(), str(EXAMPLE), Options(overrides=overrides)))
    assert lines["Net income"].reasons[0] == "override m.csv line 1"
    per_share = lines["Net income per share, basic"]  # matches too, but is per share and the row is taken
    assert per_share.concepts[0].qname == "us-gaap:EarningsPerShareBasic"
    assert not per_share.reasons[0].startswith("override")


@pytest.mark.parametrize("row, message", [
    ("^revenues$,income,NoSuchConcept",
     "2: error XC805: unknown concept us-gaap:NoSuchConcept: not in the US GAAP 2024 or DEI 2024 taxonomy"),
    ("^revenues$,income,SalesRevenueNet", "2: error XC806: concept us-gaap:SalesRevenueNet is deprecated in the 2024 taxonomy"),
    ("^(revenues$,income,Revenues", "2:1: error XC803: bad regular expression '^(revenues$': missing ), unterminated subpattern at position 1"),
    ("^revenues$,incomes,Revenues",
     "2: error XC804: unknown statement kind 'incomes' (one of *, balance_sheet, cash_flow, comprehensive_income, equity, income)"),
    ("^revenues$,income", "2: error XC802: a row is pattern,kind,concepts[,comment]: got 2 fields"),
    ("^revenues$,income,us-gaap:RevenuesAbstract", "2: error XC807: concept us-gaap:RevenuesAbstract is not a numeric line item"),
])
def test_a_bad_mapping_file_exits_2_naming_file_and_line(tmp_path, row, message):
    mapping = tmp_path / "bad.csv"
    mapping.write_text(f"pattern,kind,concepts\n{row}\n")
    result = run("convert", EXAMPLE, "-o", tmp_path / "out", "--no-validate", "--mapping", mapping)
    assert result.exit_code == 2
    if "XC806" in message:
        assert result.stderr.startswith(f"{mapping}:{message}")
    else:
        assert result.stderr == f"{mapping}:{message}\n"
    assert not (tmp_path / "out").exists()


def test_every_bad_row_is_reported_at_once():
    with pytest.raises(ConversionError) as raised:
        parse_overrides("# a comment\nx,income,Nope\n\ny,equity#0,Revenues\n", "m.csv", load_taxonomy())
    assert [(d.code, d.source.line) for d in raised.value.diagnostics] == [("XC805", 2), ("XC804", 4)]
    assert raised.value.exit_code == 2


def test_an_unreadable_mapping_file_exits_2(tmp_path):
    result = run("inspect", EXAMPLE, "--mapping", tmp_path / "missing.csv")
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path / 'missing.csv'}: error XC801: cannot read the mapping file: No such file or directory\n"


def test_suggest_then_override_gives_identical_facts(tmp_path):
    draft = tmp_path / "draft.csv"
    assert run("inspect", EXAMPLE, "--suggest", draft).exit_code == 0
    rows = draft.read_text().splitlines()
    assert rows[0] == "pattern,kind,concepts,comment"
    assert "^revenues$,income,us-gaap:Revenues,score 1.00" in rows
    assert ('^other income expense net$,income,us-gaap:NonoperatingIncomeExpense,"score 0.95; alternatives: '
            'us-gaap:OtherNonoperatingIncomeExpense 0.91 (neighbour +0.75, network +0.06, agree +0.10), '
            'us-gaap:OtherNonoperatingExpense 0.70 (taxonomy +0.64, network +0.06), '
            'us-gaap:InterestIncomeExpenseNonoperatingNet 0.57 (taxonomy +0.57)"') in rows
    assert len(rows) == 1 + sum(len(s.lines) for s in convert(EXAMPLE.read_bytes(), str(EXAMPLE)).mapped)
    assert run("convert", EXAMPLE, "-o", tmp_path / "plain", "--no-validate").exit_code == 0
    assert run("convert", EXAMPLE, "-o", tmp_path / "mapped", "--no-validate", "--mapping", draft).exit_code == 0
    instance = "nwnd-20080930.xml"
    assert (tmp_path / "mapped" / instance).read_bytes() == (tmp_path / "plain" / instance).read_bytes()
    report = json.loads((tmp_path / "mapped" / "report.json").read_text())
    assert all(line["reasons"][0].startswith(f"override {draft} line ") for s in report["statements"] for line in s["lines"])


def test_the_suggestion_numbers_statements_of_one_kind():
    overrides = parse_overrides("^total$,balance_sheet#2,Assets\n^total$,balance_sheet,Liabilities\n", "m.csv", load_taxonomy())
    assert [r.line for r in overrides.for_statement("balance_sheet", 1).rows] == [2]
    assert [r.line for r in overrides.for_statement("balance_sheet", 2).rows] == [1, 2]
    assert overrides.for_statement("income", 2).rows == ()


def test_the_suggestion_names_the_line_that_took_a_better_concept(tmp_path):
    source, draft = tmp_path / "income.txt", tmp_path / "draft.csv"
    source.write_text("""\
                  STATEMENTS OF OPERATIONS
                       (in thousands)
                                     Year Ended December 31,
                                       2008        2007
  Revenues                            1,000         900
  Other revenues                        100          50
  Total revenues                      1,100         950
""")
    assert run("inspect", source, "--suggest", draft).exit_code == 0
    assert draft.read_text().splitlines()[1] == (
        '^revenues$,income,-,"score 0.30; extension unknown:Revenues; alternatives: '
        "us-gaap:Revenues 1.00 (synonym +0.90, agree +0.10; taken by line 'Total revenues')\"")
