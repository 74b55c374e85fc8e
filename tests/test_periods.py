from datetime import date

import pytest

from converter.periods import DateParts, Length, Period, all_date_parts, parse_date_parts, parse_length, parse_lengths, start_for


@pytest.mark.parametrize("text, expected", [
    ("June 30, 2007", DateParts(6, 30, 2007)),
    ("Three Months Ended June 30, 2007", DateParts(6, 30, 2007)),
    ("Sept. 30, 1999", DateParts(9, 30, 1999)),
    ("Dec. 31, '06", DateParts(12, 31, 2006)),
    ("6/30/07", DateParts(6, 30, 2007)),
    ("12/31/1998", DateParts(12, 31, 1998)),
    ("June 2005", DateParts(6, None, 2005)),
    ("Fiscal 2005", DateParts(None, None, 2005)),
    ("2007", DateParts(None, None, 2007)),
    ("April 1, 2000", DateParts(4, 1, 2000)),
    ("Quarter Ended Dec 31,2007", DateParts(12, 31, 2007)),  # printed without spaces
    ("September24, 1993", DateParts(9, 24, 1993)),
    ("AS OF APRIL 1,2006", DateParts(4, 1, 2006)),
    ("12,2007", DateParts(None, None, None)),
])
def test_parse_date_parts(text, expected):
    assert parse_date_parts(text) == expected


# The day printed before the month ("Year ended 30 September"): a capitalised month only, and a
# "Month day" printed in the same text is read as such.
@pytest.mark.parametrize("text, parts, named", [
    ("Year ended 30 September", DateParts(9, 30, None), [DateParts(9, 30, None)]),
    ("1 October 2018", DateParts(10, 1, 2018), [DateParts(10, 1, 2018)]),
    ("30 September (Millions of dollars)", DateParts(9, 30, None), [DateParts(9, 30, None)]),
    ("Balances at 30 June 2019 and 1 July 2018", DateParts(7, 1, 2018), [DateParts(6, 30, 2019), DateParts(7, 1, 2018)]),
    ("As of June 30, 2007 and 2006", DateParts(6, 30, 2006), [DateParts(6, 30, 2007)]),
    ("Page 12 December 31, 2008", DateParts(12, 31, 2008), [DateParts(12, 31, 2008)]),
    ("Balance at 31 december 2008", DateParts(12, None, 2008), []),  # lower case: no day-first date
])
def test_day_before_month(text, parts, named):
    assert parse_date_parts(text) == parts
    assert all_date_parts(text) == named


@pytest.mark.parametrize("text, expected", [
    ("Three Months Ended", Length(months=3)),
    ("Six months ended June 30,", Length(months=6)),
    ("Nine Months", Length(months=9)),
    ("13 weeks ended", Length(weeks=13)),
    ("Fifty-two weeks ended", Length(weeks=52)),
    ("Fourth Quarter", Length(months=3)),
    ("Year Ended December 31,", Length(months=12)),
    ("June 30,", None),
    ("Year to date", None),
])
def test_parse_length(text, expected):
    assert parse_length(text) == expected


def test_lengths_and_dates_named_in_a_sentence():
    assert parse_lengths("For the three and six months ended June 30, 2007 and 2006") == [Length(months=3), Length(months=6)]
    assert parse_lengths("For the years ended December 31") == [Length(months=12)]
    assert all_date_parts("As of June 30, 2007 and December 31, 2006") == [DateParts(6, 30, 2007), DateParts(12, 31, 2006)]
    assert all_date_parts("September 27, 1996, and September 29, 1995") == [DateParts(9, 27, 1996), DateParts(9, 29, 1995)]


@pytest.mark.parametrize("end, length, start", [
    (date(2007, 6, 30), Length(months=3), date(2007, 4, 1)),
    (date(2007, 6, 30), Length(months=6), date(2007, 1, 1)),
    (date(2006, 12, 31), Length(months=12), date(2006, 1, 1)),
    (date(2008, 2, 29), Length(months=3), date(2007, 12, 1)),
    (date(2000, 4, 1), Length(months=3), date(2000, 1, 2)),  # 52/53-week quarter: one day after three months back
    (date(2024, 11, 2), Length(weeks=13), date(2024, 8, 4)),
    (date(2006, 2, 3), Length(weeks=53), date(2005, 1, 29)),
])
def test_start_for(end, length, start):
    assert start_for(end, length) == start


def test_period_text_and_months():
    assert str(Period(date(2007, 6, 30))) == "2007-06-30"
    assert str(Period(date(2007, 6, 30), date(2007, 4, 1))) == "2007-04-01/2007-06-30"
    assert Period(date(2024, 11, 2), date(2024, 8, 4)).months == 3


@pytest.mark.parametrize("known, year, expected", [
    (date(2010, 9, 25), 2009, date(2009, 9, 26)),  # last Saturday of September
    (date(2010, 9, 25), 2008, date(2008, 9, 27)),
    (date(2006, 2, 3), 2005, date(2005, 1, 28)),  # Friday nearest January 31
    (date(2006, 12, 30), 2005, date(2005, 12, 31)),  # last Saturday of December
    (date(2008, 12, 31), 2007, date(2007, 12, 31)),  # a month end stays a month end
    (date(2008, 2, 29), 2007, date(2007, 2, 28)),
])
def test_same_fiscal_day_in_another_year(known, year, expected):
    from converter.periods import same_fiscal_day

    assert same_fiscal_day(known, year) == expected


# A start computed by calendar months moves to the day after the printed period end nearest it.
@pytest.mark.parametrize("derived, ends, balances, expected", [
    (date(2022, 1, 3), [date(2022, 12, 31)], [date(2021, 12, 25)], date(2021, 12, 26)),  # a 53-week year's first half
    (date(2023, 1, 2), [date(2022, 12, 31)], [], date(2023, 1, 1)),
    (date(2009, 9, 26), [date(2009, 9, 26), date(2010, 9, 25)], [date(2009, 9, 26)], date(2009, 9, 27)),  # a year-end is no start
    (date(2007, 1, 1), [date(2006, 12, 31), date(2006, 12, 24)], [], date(2007, 1, 1)),  # a calendar year stays
    (date(2022, 1, 1), [date(2022, 12, 31)], [date(2022, 1, 1)], date(2022, 1, 1)),  # "Balance at January 1"
    (date(2022, 4, 3), [date(2021, 12, 25), date(2022, 7, 2)], [], date(2022, 4, 3)),  # nothing near: as computed
    (date(2022, 1, 3), [], [], date(2022, 1, 3)),
])
def test_fiscal_start_is_the_day_after_a_printed_end(derived, ends, balances, expected):
    from converter.periods import fiscal_start

    assert fiscal_start(derived, ends, balances) == expected
