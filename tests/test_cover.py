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


# --- shares outstanding from the cover page ------------------------------------------------------------------

from datetime import date  # noqa: E402

from converter.diagnostics import SourceRef  # noqa: E402
from converter.shares_outstanding import shares_outstanding  # noqa: E402


def _lines(text: str) -> list[tuple[str, SourceRef]]:
    return [(line, SourceRef("c.txt", n)) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]


@pytest.mark.parametrize("cover, expected", [
    ("As of March 1, 2024, there were 12,345,678 shares of the registrant's common stock outstanding.",
     (12345678, date(2024, 3, 1), 1)),
    ("Yes [X] No [ ]\nAt June 30, 1999, there were 4,321,000 shares outstanding of the\nRegistrant's $.01 par value Common Stock.",
     (4321000, date(1999, 6, 30), 2)),
    ("As of May 5, 2015, 9,876,543 shares of common stock, $0.001 par value were outstanding.", (9876543, date(2015, 5, 5), 1)),
    ("  1,234,567 shares of Common Stock Issued and Outstanding as of Feb. 3, 2001", (1234567, date(2001, 2, 3), 1)),
    ("The number of shares outstanding of the registrant's Common Stock as of January 9, 2010 was 55,000,111 shares.",
     (55000111, date(2010, 1, 9), 1)),
    ("Number of shares of common stock outstanding as of April 4, 2007\n2,000,002\nDOCUMENTS INCORPORATED BY REFERENCE",
     (2000002, date(2007, 4, 4), 2)),
    ("The number of shares outstanding of the registrant's common stock, as of August 1, 2012: 7,654,321 (excluding 1,000,000 "
     "shares held by subsidiaries).", (7654321, date(2012, 8, 1), 1)),
    ("Class Shares Outstanding as of October 2, 2020\n$0.10 Par Value 3,003,003", (3003003, date(2020, 10, 2), 2)),
    ("At May 1, 2003 there were 1,111,111 shares of the Registrant's Common Stock and 22,000 shares of Series A Preferred "
     "Stock outstanding.", (1111111, date(2003, 5, 1), 1)),
    ("As of November 8, 2022, there were 3,456,789 of the registrant\u2019s shares of Class A common stock outstanding.",
     (3456789, date(2022, 11, 8), 1)),
    # the aggregate market value is no count of shares; a sentence without a count states none
    ("As of June 30, 2023, the aggregate market value held by non-affiliates was $1,234,567,890. As of July 1, 2023, "
     "there were 8,000,000 shares of common stock outstanding.", (8000000, date(2023, 7, 1), 1)),
])
def test_shares_outstanding(cover, expected):
    found = shares_outstanding(_lines(cover))
    assert (found.count, found.date, found.source.line) == expected


@pytest.mark.parametrize("cover", [
    # two classes of common stock: each would need its own fact on the class axis
    "As of March 1, 2002, the company had outstanding 1,000,000 shares of Common Stock and 70,000 shares of Class B Stock.",
    "As of September 30, 2008, the Company had 8,805 Series A and 1,000 Series C Membership Units outstanding.",
    "shares of common stock held by persons who hold more than 5% of the outstanding shares are excluded.",
    "Indicate the number of shares outstanding of each of the issuer's classes of common stock.",
    "On February 30, 2020 there were 1,000,000 shares outstanding.",
])
def test_no_shares_outstanding(cover):
    assert shares_outstanding(_lines(cover)) is None


def test_shares_outstanding_fact_has_its_own_instant_context():
    text = _submission("10-K").replace("<TEXT>\n", "<TEXT>\nFORM 10-K\nAs of January 15, 2009, there were 1,500,000 shares "
                                       "of common stock outstanding.\n\n")
    instance = convert(text.encode(), "acme.txt", Options()).instance
    fact = next(f for f in instance.facts if f.concept.name == "EntityCommonStockSharesOutstanding")
    assert (fact.context_id, fact.value, fact.unit_id, fact.decimals) == ("i20090115", 1500000, "shares", "INF")
    # an 8-K's cover counts no shares
    eight_k = _submission("8-K").replace("<TEXT>\n", "<TEXT>\nAs of January 15, 2009, there were 1,500,000 shares "
                                         "of common stock outstanding.\n\n")
    assert "EntityCommonStockSharesOutstanding" not in {f.concept.name for f in convert(eight_k.encode(), "a.txt", Options()).instance.facts}
