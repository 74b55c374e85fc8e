"""Cover facts the filer states (issue 12): emerging-growth and shell flags, the filer category and any
other dei concept by --cover; the forms whose cover has them; the fiscal year end from the header."""
import pytest
from click.testing import CliRunner

from converter.pipeline import Options, convert

BALANCE = """CONSOLIDATED BALANCE SHEETS
                     December 31,
                         2008      2007
Cash                      100        90
Total assets              100        90
"""


def _submission(form: str) -> str:
    return (f"<SEC-DOCUMENT>0000000000-08-000001.txt : 20090201\n<SEC-HEADER>0000000000-08-000001.hdr.sgml : 20090201\n"
            f"CONFORMED SUBMISSION TYPE:\t{form}\nCONFORMED PERIOD OF REPORT:\t20081231\n\nFILER:\n\n\tCOMPANY DATA:\n"
            f"\t\tCOMPANY CONFORMED NAME:\t\t\tACME CORP\n\t\tCENTRAL INDEX KEY:\t\t\t0000123456\n"
            f"\t\tFISCAL YEAR END:\t\t\t0930\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>{form}\n<TEXT>\n{BALANCE}</TEXT>\n</DOCUMENT>\n"
            f"</SEC-DOCUMENT>\n")


def _cover(form: str, options: Options) -> list[tuple[str, str]]:
    conversion = convert(_submission(form).encode(), "acme.txt", options)
    wanted = {"CurrentFiscalYearEndDate", "EntityEmergingGrowthCompany", "EntityShellCompany", "EntityFilerCategory", "EntitySmallBusiness"}
    return [(f.concept.name, f.value) for f in conversion.instance.facts if f.concept.name in wanted]


FLAGS = Options(emerging_growth=False, shell_company=False, filer_category="Accelerated Filer",
                cover_facts=(("EntitySmallBusiness", "true"), ("EntityShellCompany", "true")))


@pytest.mark.parametrize("form, options, expected", [
    ("10-Q", Options(), [("CurrentFiscalYearEndDate", "--09-30")]),
    ("10-Q", FLAGS, [("CurrentFiscalYearEndDate", "--09-30"), ("EntityEmergingGrowthCompany", "false"), ("EntityShellCompany", "false"),
                     ("EntityFilerCategory", "Accelerated Filer"), ("EntitySmallBusiness", "true")]),
    # an 8-K's cover states neither the filer category nor the shell status
    ("8-K", FLAGS, [("CurrentFiscalYearEndDate", "--09-30"), ("EntityEmergingGrowthCompany", "false"), ("EntitySmallBusiness", "true"),
                    ("EntityShellCompany", "true")]),
])
def test_cover_facts(form, options, expected):
    assert _cover(form, options) == expected


@pytest.mark.parametrize("cover, message", [
    ("Bogus=1", "NAME=VALUE with NAME a dei concept"),
    ("EntitySmallBusiness", "NAME=VALUE with NAME a dei concept"),
    ("EntitySmallBusiness=maybe", "dei:EntitySmallBusiness is true or false"),
])
def test_bad_cover_options_are_usage_errors(tmp_path, cover, message):
    from converter.cli import main

    (tmp_path / "b.txt").write_text(BALANCE)
    result = CliRunner().invoke(main, ["convert", str(tmp_path / "b.txt"), "-o", str(tmp_path / "out"), "--no-validate", "--cover", cover])
    assert (result.exit_code, message in result.output) == (2, True), result.output
