"""Document stage: who filed what (company name, ticker, form) from the header or the document's own text."""
import pytest

from converter.diagnostics import SourceRef
from converter.document import read_document

HTML_COVER = """<html><body>
<p>UNITED STATES SECURITIES AND EXCHANGE COMMISSION</p>
<p>FORM 10-Q</p>
<p>&#9746; QUARTERLY REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES EXCHANGE ACT OF 1934</p>
<p>For the quarterly period ended June 30, 2023</p>
<p>ACME WIDGETS, INC.</p>
<p>(Exact name of registrant as specified in its charter)</p>
<table><tr><td>Title of each class</td><td>Trading Symbol(s)</td><td>Name of each exchange on which registered</td></tr>
<tr><td>Common Stock, $0.01 par value</td><td>ACMW</td><td>The Nasdaq Stock Market LLC</td></tr></table>
<p>CONDENSED CONSOLIDATED BALANCE SHEETS</p>
</body></html>"""

# Cells printed one per line (a table of <div>s), as many inline filings do.
SPLIT_CELLS = HTML_COVER.replace("<td>ACMW</td>", "</tr><tr><td>ACMW</td></tr><tr>")


@pytest.mark.parametrize(
    "text, name, ticker, form",
    [
        (HTML_COVER, "ACME WIDGETS, INC.", "ACMW", "10-Q"),
        (SPLIT_CELLS, "ACME WIDGETS, INC.", "ACMW", "10-Q"),
        # a 10-K cover with no "FORM" line: the checked box names the report
        ("ANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d)\nCommission file number 1-1234\nACME WIDGETS CORPORATION\n"
         "(Exact name of registrant as specified in its charter)\n", "ACME WIDGETS CORPORATION", None, "10-K"),
        # the company line above a statement title, without "and subsidiaries"
        ("\n\n           ACME WIDGETS CORPORATION AND SUBSIDIARIES\n           CONSOLIDATED STATEMENTS OF INCOME\n"
         "                                   1999      1998\n", "ACME WIDGETS CORPORATION", None, "Other"),
        # an earnings release: the headline's subject, the exchange and symbol in parentheses
        ("EXHIBIT 99.1\nAcme Widgets Reports Record Third Quarter Results\nSPRINGFIELD--(BUSINESS WIRE)--Acme Widgets\n"
         "(NASDAQ:\nACMW) today reported ...\n", "Acme Widgets", "ACMW", "8-K"),
        # a statement line that ends in a company word is not a name
        ("FOR IMMEDIATE RELEASE\nNet income attributable to Acme Bancorp\nCONSOLIDATED BALANCE SHEETS\n", None, None, "8-K"),
    ],
)
def test_filer_from_the_document_text(text, name, ticker, form):
    filer = read_document(text.encode(), "f.htm").filer
    assert (filer.company_name, filer.ticker, filer.form) == (name, ticker, form)


def test_the_submission_header_comes_first_and_the_name_source_is_kept():
    submission = "\n".join([
        "<SEC-DOCUMENT>", "CONFORMED SUBMISSION TYPE:\t10-K405", "COMPANY CONFORMED NAME:\tACME WIDGETS CORP",
        "<DOCUMENT>", "<TYPE>10-K405", "<TEXT>", "FORM 10-Q", "OTHER NAME INC", "</TEXT>", "</DOCUMENT>", "</SEC-DOCUMENT>"])
    filer = read_document(submission.encode(), "f.txt").filer
    assert (filer.company_name, filer.form, filer.name_source) == ("ACME WIDGETS CORP", "10-K", None)
    bare = read_document(b"\n\nACME WIDGETS CORPORATION\n(Exact name of registrant as specified in its charter)\n", "f.txt").filer
    assert bare.name_source == SourceRef("f.txt", 3, 0)
