import pytest

from converter.fiscal import fiscal_starts, printed_period_ends
from converter.statements import build_statements
from converter.tables.text import read_text_tables

# A 52/53-week company: its half-year columns print only their ends; the year before ended on a
# Saturday printed in the balance sheet (this year) or in the equity statement (last year).
INCOME = """\
            CONSOLIDATED STATEMENTS OF INCOME
                                   Three Months Ended       Six Months Ended
                                  July 1,     July 2,     July 1,     July 2,
                                   2023        2022        2023        2022
  Net revenue                      1,200       1,500       2,400       3,100
  Net income                         100         150         200         310
"""
BALANCE = """\
            CONSOLIDATED BALANCE SHEETS
                                               July 1,   December 31,
                                                2023         2022
  Cash                                           500          450
  Total assets                                 2,000        1,900
"""
EQUITY = """\
            CONSOLIDATED STATEMENTS OF STOCKHOLDERS' EQUITY
                                                 Common      Retained
                                                  Stock      Earnings
  Balance as of {opening}                         1,000         3,000
  Net income                                         --           310
  Balance as of {closing}                         1,000         3,310
"""
CALENDAR = """\
            CONSOLIDATED STATEMENTS OF INCOME
                                          Six Months Ended
                                              June 30,
                                          2023        2022
  Net revenue                             2,400       3,100
  Net income                                200         310
"""
WEEKS = """\
            CONSOLIDATED STATEMENTS OF INCOME
                                          Twenty-six Weeks Ended
                                         July 1,         July 2,
                                          2023            2022
  Net revenue                             2,400           3,100
  Net income                                200             310
"""
CALENDAR_BALANCE = BALANCE.replace("July 1,  ", "June 30,  ")


def _periods(*tables):
    statements = tuple(s for text in tables for s in build_statements(read_text_tables(text, "t.txt")))
    return [[str(c.period) for c in s.columns] for s in fiscal_starts(statements, printed_period_ends(statements))]


@pytest.mark.parametrize("tables, first", [
    # the year-end this year printed by the balance sheet; none near the start of the half before
    ((INCOME, BALANCE), ["2023-04-02/2023-07-01", "2022-04-03/2022-07-02", "2023-01-01/2023-07-01", "2022-01-03/2022-07-02"]),
    # last year's year-end printed in a balance line of the equity statement
    ((INCOME, BALANCE, EQUITY.format(opening="December 25, 2021", closing="July 2, 2022")),
     ["2023-04-02/2023-07-01", "2022-04-03/2022-07-02", "2023-01-01/2023-07-01", "2021-12-26/2022-07-02"]),
    # a calendar company printing its opening balance date: the calendar start stays
    ((CALENDAR, CALENDAR_BALANCE, EQUITY.format(opening="January 1, 2022", closing="June 30, 2022")),
     ["2023-01-01/2023-06-30", "2022-01-01/2022-06-30"]),
    # a length counted in weeks is no computed guess
    ((WEEKS, BALANCE, EQUITY.format(opening="December 25, 2021", closing="July 2, 2022")),
     ["2023-01-01/2023-07-01", "2022-01-02/2022-07-02"]),
])
def test_computed_starts_follow_the_period_ends_the_document_prints(tables, first):
    assert _periods(*tables)[0] == first


def test_a_balance_named_by_the_printed_year_end_opens_the_moved_period():
    text = """\
            CONSOLIDATED STATEMENTS OF CASH FLOWS
                                                 Six Months Ended
                                               July 1,      July 2,
                                                2023         2022
  Net income                                     200          310
  Net cash provided by operating activities      260          330
  Cash at December 25, 2021                      450          400
  Cash at end of period                          500          420
"""
    statements = build_statements(read_text_tables(text, "t.txt"))
    assert statements[0].lines[2].balance == ""
    (moved,) = fiscal_starts(statements, printed_period_ends(statements))
    assert [str(c.period) for c in moved.columns] == ["2023-01-02/2023-07-01", "2021-12-26/2022-07-02"]
    assert moved.lines[2].balance == "opening"


def test_a_year_begins_the_day_after_the_year_before_ended():
    text = """\
            CONSOLIDATED STATEMENTS OF OPERATIONS
                                               Year Ended
                                        December 31,   December 25,
                                            2022           2021
  Net revenue                              6,300          7,900
  Net income                                 800          1,990
"""
    assert _periods(text) == [["2021-12-26/2022-12-31", "2020-12-26/2021-12-25"]]
