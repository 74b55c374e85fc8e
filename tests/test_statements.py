from datetime import date
from decimal import Decimal

import pytest

from converter.periods import Period
from converter.diagnostics import SourceRef
from converter.statements import StatementKind, StatementLine, UnitKind, build_statements, parse_scale
from converter.tables.text import read_text_tables

OPERATIONS = """\
           CONSOLIDATED STATEMENTS OF OPERATIONS
   (in thousands, except per share amounts, unaudited)

                          Three Months Ended Six Months Ended
                               June 30,          June 30,
                          ------------------ -----------------
                            2007      2006     2007     2006
                          --------- -------- -------- --------
 Revenues                 $   6,974 $  5,637 $ 13,559 $ 10,906
 Costs and expenses:
  Cost of revenues            1,922    1,669    4,017    3,359
  General, administrative and
   patent costs               1,768    1,612    3,424    2,994
                          --------- -------- -------- --------
  Total costs and expenses    3,690    3,281    7,441    6,353
                          --------- -------- -------- --------
 Income from operations       3,284    2,356    6,118    4,553
 Net loss per common share
  Basic and diluted       $  (0.02) $ (0.06) $ (0.09) $ (0.12)
 Weighted average common shares
  outstanding
  Basic and diluted          17,571   17,318   17,555   16,640
"""


def _statement(text):
    (statement,) = build_statements(read_text_tables(text, "ops.txt"))
    return statement


def test_columns_get_their_periods_from_spanning_headers():
    statement = _statement(OPERATIONS)
    assert statement.kind is StatementKind.INCOME
    assert [c.period for c in statement.columns] == [
        Period(date(2007, 6, 30), date(2007, 4, 1)), Period(date(2006, 6, 30), date(2006, 4, 1)),
        Period(date(2007, 6, 30), date(2007, 1, 1)), Period(date(2006, 6, 30), date(2006, 1, 1)),
    ]


def test_lines_with_wrapped_labels_sections_units_and_totals():
    statement = _statement(OPERATIONS)
    got = [(line.full_label, line.sections, line.unit, line.is_total) for line in statement.lines]
    assert got == [
        ("Revenues", (), UnitKind.MONEY, False),
        ("Cost of revenues", ("Costs and expenses:",), UnitKind.MONEY, False),
        ("General, administrative and patent costs", ("Costs and expenses:",), UnitKind.MONEY, False),
        ("Total costs and expenses", ("Costs and expenses:",), UnitKind.MONEY, True),
        ("Income from operations", (), UnitKind.MONEY, True),
        ("Net loss per common share, basic and diluted", ("Net loss per common share",), UnitKind.PER_SHARE, False),
        ("Weighted average common shares outstanding, basic and diluted",
         ("Weighted average common shares outstanding",), UnitKind.SHARES, False),
    ]


def test_values_are_scaled_to_full_units_with_their_printed_sign():
    statement = _statement(OPERATIONS)
    revenues, *_, eps, shares = statement.lines
    assert [(v.amount, v.decimals) for v in revenues.values][:2] == [(Decimal(6974000), -3), (Decimal(5637000), -3)]
    assert [(v.amount, v.decimals) for v in eps.values][:2] == [(Decimal("-0.02"), 2), (Decimal("-0.06"), 2)]
    assert shares.values[0].amount == Decimal(17571000)


@pytest.mark.parametrize("note, scale", [
    ("(in thousands, except per share amounts)", 3),
    ("(In millions)", 6),
    ("(000's omitted)", 3),
    ("(in 000s, except share data)", 3),
    ("(Dollars in thousands)", 3),
    ("($ in billions)", 9),
    ("(unaudited)", 0),
])
def test_scale_notes(note, scale):
    assert parse_scale(note) == scale


def test_share_counts_stay_unscaled_when_the_note_says_so():
    text = OPERATIONS.replace("except per share amounts", "except share and per share data")
    shares = _statement(text).lines[-1]
    assert shares.values[0].amount == Decimal(17571)


def test_balance_sheet_columns_are_instants():
    text = """\
                 BALANCE SHEETS
                 (in millions)
                                 Dec. 31,    Dec. 31,
                                   2008        2007
  Cash                           $   12      $   10
  Total assets                   $   40      $   35
"""
    statement = _statement(text)
    assert statement.kind is StatementKind.BALANCE_SHEET
    assert [c.period for c in statement.columns] == [Period(date(2008, 12, 31)), Period(date(2007, 12, 31))]
    assert statement.lines[0].values[0].amount == Decimal(12000000)
    assert statement.lines[0].values[0].decimals == -6


def test_percent_change_columns_are_not_values():
    text = """\
        STATEMENTS OF INCOME
                                Year Ended December 31,
                                  2008      2007   % Change
  Revenues                       1,100     1,000      10%
  Net income                       110       100      10%
"""
    statement = _statement(text)
    assert [c.is_value for c in statement.columns] == [True, True, False]
    assert statement.columns[0].period == Period(date(2008, 12, 31), date(2008, 1, 1))


def test_unlabeled_totals_close_their_sections():
    text = """\
                      CONSOLIDATED BALANCE SHEETS
                                    ASSETS
                                 (In millions)
                                  March 28,     September 27
                                       1997             1996
Inventories:
  Purchased parts                      220              213
  Finished goods                       270              406
                                       490              619
Other assets                           289              251
                                       779              870
"""
    statement = _statement(text)
    assert [(line.label, line.sections, line.is_total) for line in statement.lines] == [
        ("Purchased parts", ("Inventories:",), False),
        ("Finished goods", ("Inventories:",), False),
        ("Total Inventories", ("Inventories:",), True),
        ("Other assets", (), False),
        ("Total assets", (), True),
    ]


def test_items_at_the_indent_of_a_colon_header_stay_in_its_section_until_a_total():
    text = """\
            STATEMENTS OF OPERATIONS
                              Year ended December 31,
                                   2008        2007
Costs and expenses:
Cost of sales                       500         400
Selling                             100          90
                                  -----       -----
                                    600         490
Operating income                    400         410
"""
    statement = _statement(text)
    assert [(line.label, line.sections) for line in statement.lines] == [
        ("Cost of sales", ("Costs and expenses:",)),
        ("Selling", ("Costs and expenses:",)),
        ("Total Costs and expenses", ("Costs and expenses:",)),
        ("Operating income", ()),
    ]


def test_year_columns_take_the_day_from_the_title_and_ranges_their_own_start():
    text = """\
                 Statements of Cash Flows
                                          Year Ended         Year Ended      March 28, 2005
                                         September 30,      September 30,   (Inception) to
                                             2008               2007       September 30, 2008
  Net loss                                 (3,717)              (100)             (3,416)
  Cash, beginning of period                  1,742                 50                 --
"""
    statement = _statement(text)
    assert [c.period for c in statement.columns] == [
        Period(date(2008, 9, 30), date(2007, 10, 1)), Period(date(2007, 9, 30), date(2006, 10, 1)),
        Period(date(2008, 9, 30), date(2005, 3, 28))]
    assert statement.lines[1].is_opening_balance
    balance = """\
                         Balance Sheets
                  September 30, 2008 and 2007
                                      2008                2007
  Cash                           6,557,394           1,742,940
  Total assets                   9,890,604           1,867,892
"""
    assert [c.period for c in _statement(balance).columns] == [Period(date(2008, 9, 30)), Period(date(2007, 9, 30))]


def test_pro_forma_tables_and_tables_of_contents_are_not_statements():
    text = """\
              Unaudited Pro Forma Statements of Operations
                                  Year Ended December 31,
                                     2008          2007
  Revenues                          1,100         1,000
  Net income                          110           100
"""
    assert build_statements(read_text_tables(text, "t.txt")) == ()


@pytest.mark.parametrize("note, money, shares", [
    ("(In millions, except share amounts which are reflected in thousands and per share amounts)", 6, 3),
    ("(in thousands, except share data)", 3, 0),
    ("(in thousands, except per share amounts)", 3, 3),
    ("(In millions, except number of shares which are reflected in thousands)", 6, 3),
])
def test_share_counts_follow_the_note(note, money, shares):
    from converter.statements import _share_scale

    assert (parse_scale(note), _share_scale(note, parse_scale(note))) == (money, shares)


def test_prior_years_of_a_52_53_week_company_end_on_its_weekday():
    text = """\
            CONSOLIDATED STATEMENTS OF OPERATIONS
            Three years ended September 25, 2010
                                      2010        2009        2008
  Net sales                         65,225      42,905      37,491
  Net income                        14,013       8,235       6,119
"""
    assert [c.period.end for c in _statement(text).columns] == [date(2010, 9, 25), date(2009, 9, 26), date(2008, 9, 27)]


def test_percentages_among_amounts_are_not_amounts():
    text = """\
            STATEMENTS OF OPERATIONS
                                  Year Ended December 31,
                                      2008        2007
  Net sales                          1,000         900
  Gross margin                       24.1%       22.0%
"""
    margin = _statement(text).lines[1]
    assert [(v.amount, v.is_percent) for v in margin.values] == [(Decimal("24.1"), True), (Decimal("22.0"), True)]


def test_a_period_printed_twice_with_the_same_figures_is_kept_once():
    text = """\
            STATEMENTS OF OPERATIONS
                               Three Months Ended   Nine Months Ended
                                 July 22 to           July 22 to
                                September 30,        September 30,
                                    2023                 2023
  Revenues                           100                  100
  Net loss                           (10)                 (10)
"""
    statement = _statement(text)
    assert [(c.period, c.is_value, c.note) for c in statement.columns] == [
        (Period(date(2023, 9, 30), date(2023, 7, 22)), True, ""),
        (Period(date(2023, 9, 30), date(2023, 7, 22)), False, "column 2 ('Nine Months Ended July 22 to September 30, 2023') repeats column 1"),
    ]


@pytest.mark.parametrize("table, periods", [
    # a report date printed above the title does not date the year-only columns
    ("""\
                         ACME CORP.
                      February 14, 2001
                 CONSOLIDATED BALANCE SHEETS
                 DECEMBER 31, 2000 AND 1999
                                      2000                1999
  Cash                               6,557               1,742
  Total assets                       9,890               1,867
""", [Period(date(2000, 12, 31)), Period(date(1999, 12, 31))]),
    # the period printed beside the years, with a column of note references
    ("""\
                    STATEMENTS OF OPERATIONS
                         (in thousands)
For the year ended June 30:      Notes       2002        2001
  Revenues                          3       1,100       1,000
  Cost of sales                   4(a)        600         550
  Other income                      B          10          20
  Net income                                  510         470
""", [Period(date(2002, 6, 30), date(2001, 7, 1)), Period(date(2001, 6, 30), date(2000, 7, 1))]),
    # a units note beside the years, the title's date for their day
    ("""\
                 STATEMENTS OF INCOME
            Fiscal years ended November 30,
(IN THOUSANDS)                       2001        2000
  Revenues                          1,100       1,000
  Net income                          510         470
""", [Period(date(2001, 11, 30), date(2000, 12, 1)), Period(date(2000, 11, 30), date(1999, 12, 1))]),
])
def test_columns_are_dated_from_the_statements_own_title_and_headers(table, periods):
    statement = _statement(table)
    assert [c.period for c in statement.columns] == periods
    assert [line.label for line in statement.lines][:2] in (["Cash", "Total assets"], ["Revenues", "Cost of sales"], ["Revenues", "Net income"])


@pytest.mark.parametrize("table, periods", [
    # the inception period named in a long heading in capitals, which keeps the title above it
    ("""\
                         STATEMENTS OF OPERATIONS
    YEAR ENDED JUNE 30, 2001 AND PERIOD FROM AUGUST 9, 1999 (INCEPTION) TO JUNE 30, 2000

                                    2001             2000
  Revenues                         1,100            1,000
  Net loss                           (51)             (47)
""", [Period(date(2001, 6, 30), date(2000, 7, 1)), Period(date(2000, 6, 30), date(1999, 8, 9))]),
    # a year column of a development-stage company stays a year; the cumulative column is the range
    ("""\
                         STATEMENTS OF OPERATIONS
     For the years ended June 30, 2001 and 2000 and the period
            from August 9, 1999 (inception) to June 30, 2001

                                    2001             2000      Cumulative
  Revenues                         1,100            1,000           2,100
  Net loss                           (51)             (47)            (98)
""", [Period(date(2001, 6, 30), date(2000, 7, 1)), Period(date(2000, 6, 30), date(1999, 7, 1)), Period(date(2001, 6, 30), date(1999, 8, 9))]),
])
def test_a_range_in_the_heading_dates_the_column_it_ends(table, periods):
    statement = _statement(table)
    assert statement.title == "STATEMENTS OF OPERATIONS"
    assert [c.period for c in statement.columns] == periods


def test_a_change_column_lends_no_length_to_its_neighbours():
    text = """\
 STATEMENTS OF INCOME            Quarter                  Quarter      One
                                  Ended       Three        Ended       Year
                                Mar 31,       Month      Dec 31,     Change       Mar 31,
                                  2008       Change        2007                     2007
   Interest on loans           $22,637         -9%     $ 24,917        -2%     $ 23,160
   Net income                    2,100         -5%        2,200        -1%        2,110
"""
    statement = _statement(text)
    assert [c.period for c in statement.columns if c.is_value] == [
        Period(date(2008, 3, 31), date(2008, 1, 1)), Period(date(2007, 12, 31), date(2007, 10, 1)), Period(date(2007, 3, 31), date(2007, 1, 1))]


def test_one_heading_naming_two_years_dates_its_columns_in_turn():
    text = """\
                 BALANCE SHEETS
                                    June 30, 2004 and 2003
                                    ----------------------
  Cash                               6,557           1,742
  Total assets                       9,890           1,867
"""
    assert [c.period for c in _statement(text).columns] == [Period(date(2004, 6, 30)), Period(date(2003, 6, 30))]


_EPS_TABLE = """\
            STATEMENTS OF EARNINGS
            (in millions, except per share amounts)
                                   Year Ended December 31,
                                      2008        2007
  Net earnings                      $  420      $  380
{body}
"""


@pytest.mark.parametrize("body, expected", [
    # per-share amounts printed without a leading zero, under a header at their own indent
    ("Earnings Per Common Share\n\nBasic                               $.84        $.76\n"
     "Diluted                              .82         .74",
     [("Earnings Per Common Share, basic", UnitKind.PER_SHARE, Decimal("0.84")),
      ("Earnings Per Common Share, diluted", UnitKind.PER_SHARE, Decimal("0.82"))]),
    # a share-count header at the indent of its lines keeps them; a per-share line after it closes it
    ("Average Shares Outstanding (in millions)\nBasic                                500         500\n\n"
     "Dividends Per Share                  $.245       $.20",
     [("Average Shares Outstanding (in millions), basic", UnitKind.SHARES, Decimal(500000000)),
      ("Dividends Per Share", UnitKind.PER_SHARE, Decimal("0.245"))]),
    # a per-share header over lines that do not name their unit: the lines printed with cents
    ("NET EARNINGS PER SHARE (in dollars)\nContinuing operations               $.75        $.70\n"
     "Discontinued operations               .09         .06",
     [("Continuing operations", UnitKind.PER_SHARE, Decimal("0.75")),
      ("Discontinued operations", UnitKind.PER_SHARE, Decimal("0.09"))]),
    # nested two deep: "Primary" under "Per share:" takes the per-share header's unit
    ("Per share:\n  Primary:\n    Net earnings                     $.84        $.76\n"
     "  Fully diluted:\n    Net earnings                      .82         .74",
     [("Net earnings", UnitKind.PER_SHARE, Decimal("0.84")), ("Net earnings", UnitKind.PER_SHARE, Decimal("0.82"))]),
    # "- Diluted" under "... - Basic": the stem of the line above
    ("Net earnings per share - Basic     $  .84      $  .76\n"
     "                       - Diluted       .82         .74",
     [("Net earnings per share - Basic", UnitKind.PER_SHARE, Decimal("0.84")),
      ("Net earnings per share - Diluted", UnitKind.PER_SHARE, Decimal("0.82"))]),
    ("Earnings per common and common\n  equivalent share                  $.84        $.76",
     [("Earnings per common and common equivalent share", UnitKind.PER_SHARE, Decimal("0.84"))]),
])
def test_per_share_lines(body, expected):
    lines = _statement(_EPS_TABLE.format(body=body)).lines[1:]
    assert [(line.full_label, line.unit, line.values[0].amount) for line in lines] == expected


@pytest.mark.parametrize("body, expected", [
    # label text continuing after the numbers, on the next row
    ("  Minority interest in earnings      12          10\n     of consolidated affiliates\n  Income taxes         30          28",
     ["Minority interest in earnings of consolidated affiliates", "Income taxes"]),
    ("  Other income                        12          10\n     (expense), net\n  Income taxes         30          28",
     ["Other income (expense), net", "Income taxes"]),
    # a number printed alone on the row below its label
    ("  Income taxes\n                                      30          28\n  Net income          90          80",
     ["Income taxes", "Net income"]),
    # a header ending in "-" wraps on to the next row
    ("  Gain on sales of loans-\n     servicing released               12          10",
     ["Gain on sales of loans- servicing released"]),
])
def test_wrapped_labels(body, expected):
    text = """\
            STATEMENTS OF OPERATIONS
                                   Year Ended December 31,
                                      2008        2007
  Revenues                          1,000         900
{body}
""".format(body=body)
    statement = _statement(text)
    assert [line.label for line in statement.lines[1:]] == expected
    assert all(not line.is_total for line in statement.lines)


def test_share_counts_are_checked_against_eps_without_change_columns():
    text = """\
            STATEMENTS OF INCOME
            (in thousands, except per share amounts)
                              Quarter Ended    Percent   Quarter Ended
                             March 31, 2008    Change   March 31, 2007
  Net income                      4,000           5%          3,800
  Basic earnings per share        $0.40           5%          $0.38
  Weighted average shares       10,000,000        0%      10,000,000
"""
    statement = _statement(text)
    assert statement.share_scale == 0
    assert statement.lines[-1].values[0].amount == Decimal(10000000)


@pytest.mark.parametrize("labels, balances, supplemental", [
    (("Cash and restricted cash at January 1", "Cash and restricted cash at December 31", "Interest paid"),
     ("opening", "closing", ""), (False, False, True)),
    (("Cash, beginning of year", "Cash, end of year", "Income taxes paid"), ("", "", ""), (False, False, True)),
    (("Cash at December 31, 2007", "Cash at December 31, 2008"), ("opening", "closing"), (False, False)),
])
def test_cash_balances_named_by_a_date_and_lines_below_the_closing_balance(labels, balances, supplemental):
    rows = "\n".join(f"  {label:<44}{100 + i:>6}{90 + i:>12}" for i, label in enumerate(labels))
    text = f"""\
            STATEMENTS OF CASH FLOWS
                                   Year Ended December 31,
                                              2008        2007
  Net cash provided by operating activities     10           9
{rows}
"""
    lines = _statement(text).lines[1:]
    assert tuple(line.balance for line in lines) == balances
    assert tuple(line.supplemental for line in lines) == supplemental
    assert lines[0].is_opening_balance


def test_a_reconciliation_to_operating_cash_below_the_closing_balance_is_not_supplemental():
    text = """\
            STATEMENTS OF CASH FLOWS
                                   Year Ended December 31,
                                              2008        2007
  Net cash provided by operating activities     10           9
  Cash at end of year                          110         100
RECONCILIATION OF NET INCOME TO NET CASH PROVIDED BY OPERATING ACTIVITIES:
  Net income                                     8           7
  Depreciation                                   2           2
"""
    assert not any(line.supplemental for line in _statement(text).lines)


@pytest.mark.parametrize("label, opening", [
    ("Beginning balance", True),  # an equity roll-forward's first line, with no section above it
    ("Balance, beginning of year", True),
    ("Cash, beginning of period", True),
    ("Ending balance", False),
    ("Beginning inventory purchases", False),
])
def test_opening_balances_by_their_label(label, opening):
    line = StatementLine(label, (), 0, (), UnitKind.MONEY, False, SourceRef("t.txt", 1))
    assert line.is_opening_balance is opening
