import pytest

from converter.diagnostics import SourceRef
from converter.tables.grid import RowKind
from converter.tables.text import read_text_tables

SIMPLE = """\
              ACME WIDGET CO.
        CONSOLIDATED BALANCE SHEETS
            (in thousands)

                               June 30, December 31,
                                 2007       2006
                               -------- ------------
 ASSETS
  Cash                         $  1,200 $      1,000
  Receivables, net of allowance
   of $64 and $68                   300          250
                               -------- ------------
     Total assets              $  1,500 $      1,250
                               ======== ============
"""


def test_grid_of_a_simple_table():
    (grid,) = read_text_tables(SIMPLE, "acme.txt")
    assert grid.column_count == 2
    assert [line.text for line in grid.context] == ["ACME WIDGET CO.", "CONSOLIDATED BALANCE SHEETS", "(in thousands)"]
    assert [[(c.text, c.first, c.last) for c in row] for row in grid.header] == [
        [("June 30,", 0, 0), ("December 31,", 1, 1)],
        [("2007", 0, 0), ("2006", 1, 1)],
    ]
    data = [(r.label, [c.text if c else None for c in r.cells]) for r in grid.rows if r.kind is RowKind.DATA]
    assert data == [
        ("Cash", ["$ 1,200", "$ 1,000"]),
        ("of $64 and $68", ["300", "250"]),
        ("Total assets", ["$ 1,500", "$ 1,250"]),
    ]
    assert grid.rows[-1].kind is RowKind.RULE and grid.rows[-1].double_rule


def test_every_cell_knows_where_it_was_read():
    (grid,) = read_text_tables(SIMPLE, "acme.txt", first_line=101)
    cash = next(r for r in grid.rows if r.label == "Cash")
    assert cash.source == SourceRef("acme.txt", 109, 3)
    assert [c.source for c in cash.cells] == [SourceRef("acme.txt", 109, 32), SourceRef("acme.txt", 109, 41)]


@pytest.mark.parametrize("line, cells", [
    ("Net loss                  (267)     (985)", ["(267)", "(985)"]),
    ("Net loss               $ (0.02)  $(0.06)", ["$ (0.02)", "$(0.06)"]),
    ("Restructuring               --       420", ["--", "420"]),
    ("Gross margin %            24.1%    22.0%", ["24.1%", "22.0%"]),
    ("Balance at June 30, 2007   100       200", ["100", "200"]),
    ("Note 3 receivable          100       200", ["100", "200"]),
])
def test_values_are_cut_from_the_label(line, cells):
    text = f"Statement of operations\n{'':26}2007      2006\n{line}\nOther                      1         2\n"
    (grid,) = read_text_tables(text, "t.txt")
    row = next(r for r in grid.rows if r.kind is RowKind.DATA)
    assert [c.text for c in row.cells] == cells


def test_edgar_table_tags_and_spanning_headers():
    text = """\
<TABLE>
<CAPTION>
                                  Three Months Ended   Six Months Ended
                                  ------------------  ------------------
                                    2000      1999      2000      1999
                                  --------  --------  --------  --------
<S>                               <C>       <C>       <C>       <C>
Net sales                         $ 1,945   $ 1,530   $ 4,288   $ 3,240
Cost of sales                       1,396     1,127     3,132     2,355
</TABLE>
"""
    (grid,) = read_text_tables(text, "t.txt")
    assert grid.column_count == 4
    assert [[(c.text, c.first, c.last) for c in row] for row in grid.header][0] == [
        ("Three Months Ended", 0, 1), ("Six Months Ended", 2, 3)]
    assert [r.label for r in grid.rows if r.kind is RowKind.DATA] == ["Net sales", "Cost of sales"]


def test_prose_with_numbers_is_not_a_table():
    text = "Revenues for the quarter were $6.97 million, an increase of 24% compared to the\nsame period of 2006, when revenues were $5.64 million and net loss was $1.1 million.\n"
    assert read_text_tables(text, "t.txt") == ()


def _data_rows(text):
    (grid,) = read_text_tables(text, "t.txt")
    return grid, [(r.label, [c.text if c else None for c in r.cells]) for r in grid.rows if r.kind is RowKind.DATA]


def test_page_numbers_and_page_breaks_are_not_values():
    text = """\
                                  2008        2007
  Revenues                       1,000         900
  Net income                       100          90

                                   7
<PAGE>
  Other                              1           2
"""
    grid, rows = _data_rows(text)
    assert grid.column_count == 2
    assert rows == [("Revenues", ["1,000", "900"]), ("Net income", ["100", "90"]), ("Other", ["1", "2"])]


def test_columns_printed_unevenly_are_one_column():
    text = """\
                                             1991             1992
  Revenue                            $225,686,168     $227,001,696
  Net income                            9,850,000       10,400,000
  Net income per share                      $.66              $.45
"""
    grid, rows = _data_rows(text)
    assert grid.column_count == 2
    assert rows[-1] == ("Net income per share", ["$.66", "$.45"])


def test_numbers_inside_a_wrapped_label_stay_in_the_label():
    text = """\
                             Sept. 30,     June 30,
                               2008          2008
  Common stock, $1.00 par
   value; 30,000,000
   shares authorized          11,960        11,917
  Retained earnings           50,100        49,800
"""
    grid, rows = _data_rows(text)
    assert grid.column_count == 2
    assert rows == [("shares authorized", ["11,960", "11,917"]), ("Retained earnings", ["50,100", "49,800"])]


# Narrow wrapped labels: each of the many label numbers stands alone on its line, left of columns
# whose values share their lines; a single column set off from its subtotals keeps both.
@pytest.mark.parametrize("text, rows", [
    ("""\
                      Dec 31,     Sept 30,     Dec 31,
                        2008        2008        2007
   Preferred
    stock, $1.00
    par value;
    5,000,000
    shares
    authorized          --          --          --
   Common stock,
    $1.00 par
    value;
    20,000,000
    shares
    authorized;
    9,876,543
    and
    9,812,345
    shares
    outstanding     $  9,877     $  9,812    $  9,799
   Retained
    earnings          41,210      40,086      39,839
   Other               1,140        (10)       2,391
""", [("authorized", ["--", "--", "--"]), ("outstanding", ["$ 9,877", "$ 9,812", "$ 9,799"]),
      ("earnings", ["41,210", "40,086", "39,839"]), ("Other", ["1,140", "(10)", "2,391"])]),
    ("""\
                                        2008
  Cash                          100
  Receivables                   200
  Inventories                   300
                                         600
""", [("Cash", ["100", None]), ("Receivables", ["200", None]), ("Inventories", ["300", None]), ("", [None, "600"])]),
])
def test_label_numbers_never_beside_another_columns_value_are_label_text(text, rows):
    grid, found = _data_rows(text)
    assert found == rows


def test_headers_with_text_in_the_label_area_and_change_columns():
    text = """\
 CONSOLIDATED STATEMENTS OF INCOME
 (unaudited)         Quarter               Quarter
 (in 000s,            Ended     Three       Ended
  except share       Sept. 30,  Month      June 30,
  data)               2008     Change       2008
 -------------------------------------------------
   Interest on loans $19,808     -3%   $  20,446
   Other                 949     -1%         961
"""
    (grid,) = read_text_tables(text, "t.txt")
    assert [line.text for line in grid.context] == ["CONSOLIDATED STATEMENTS OF INCOME", "(unaudited)", "(in 000s,", "except share", "data)"]
    assert [" ".join(c.text for c in grid.column_headers(i)) for i in range(3)] == [
        "Quarter Ended Sept. 30, 2008", "Three Month Change", "Quarter Ended June 30, 2008"]


def test_header_centred_over_two_columns_with_a_short_underline():
    text = """\
                             Three Months Ended
                                 June 30,
                                 --------
                           2005               2004
                           ----               ----
  Finance income    $19,028,000        $12,050,000
  Interest              512,000            167,000
"""
    (grid,) = read_text_tables(text, "t.txt")
    assert [[(c.text, c.first, c.last) for c in row] for row in grid.header] == [
        [("Three Months Ended", 0, 1)], [("June 30,", 0, 1)], [("2005", 0, 0), ("2004", 1, 1)]]


@pytest.mark.parametrize("header, spans", [
    # one heading over a rule across the columns: the rule groups them
    ("""\
                                        December 31,
                                  -------------------------
                                      1991          1992
                                      ----          ----
""", [[("December 31,", 0, 1)], [("1991", 0, 0), ("1992", 1, 1)]]),
    # several headings over one long rule: it only separates the header from the body
    ("""\
                                   Year Ended    Year Ended
                                      1991          1992
                                  -------------------------
""", [[("Year Ended", 0, 0), ("Year Ended", 1, 1)], [("1991", 0, 0), ("1992", 1, 1)]]),
    # a date centred over two underlined years is one heading, not one word over each
    ("""\
                                          June 30,
                                      1991          1992
                                    --------      --------
""", [[("June 30,", 0, 1)], [("1991", 0, 0), ("1992", 1, 1)]]),
])
def test_rules_under_headers(header, spans):
    text = "         STATEMENTS OF INCOME\n" + header + "  Revenue                       133,141       225,686\n  Net income                      9,850        10,400\n"
    (grid,) = read_text_tables(text, "t.txt")
    assert [[(c.text, c.first, c.last) for c in row] for row in grid.header] == spans


def _headers(text):
    (grid,) = read_text_tables(text, "t.txt")
    return grid, [" ".join(c.text for c in grid.column_headers(i)) for i in range(grid.column_count)]


@pytest.mark.parametrize("header, columns, aside", [
    # a units note beside the years
    ("(IN THOUSANDS)                       2001        2000        1999\n", ["2001", "2000", "1999"], ["(IN THOUSANDS)"]),
    # the period itself beside the years, its day a number
    ("For the year ended June 30,          2001        2000        1999\n", ["2001", "2000", "1999"], ["For the year ended June 30,"]),
    ("Fiscal years ended Nov. 30, 2001     2001        2000        1999\n", ["2001", "2000", "1999"], ["Fiscal years ended Nov. 30, 2001"]),
    ("(unaudited)(in 000s)                 2001        2000        1999\n", ["2001", "2000", "1999"], ["(unaudited)(in 000s)"]),
    # the statement's title on the header line
    ("STATEMENTS OF INCOME                 2001        2000        1999\n", ["2001", "2000", "1999"], ["STATEMENTS OF INCOME"]),
    # a rule printed under a section label heads nothing; the one beside it separates the headers
    ("                                     2001        2000        1999\n"
     "REVENUES                            ------      ------      ------\n"
     "- --------\n", ["2001", "2000", "1999"], ["REVENUES"]),
])
def test_years_beside_label_area_text_are_headers(header, columns, aside):
    text = "ACME CO.\n" + header + "  Sales                            1,100       1,000         900\n  Net income                         110         100          90\n"
    grid, headers = _headers(text)
    assert headers == columns
    assert [line.text for line in grid.context][1:] == aside
    assert [r.label for r in grid.rows if r.kind is RowKind.DATA] == ["Sales", "Net income"]
    assert all(r.kind is not RowKind.RULE for r in grid.rows)


@pytest.mark.parametrize("line", [
    "Balance at end of year 12           2001        2000        1999",  # a label's own number: values
    "Units sold in lot 7                 2001        2000        1999",
])
def test_years_beside_a_label_with_its_own_number_are_values(line):
    text = "                                     2008        2007        2006\n" + line + "\n  Other                              1           2           3\n"
    grid, _ = _headers(text)
    assert [r.label for r in grid.rows if r.kind is RowKind.DATA][0] == line.split("  ")[0]


@pytest.mark.parametrize("table, columns", [
    # one heading printed as wide as the three years (its rule only underlines it)
    ("""\
                            For the year ended December 31
                            ------------------------------
                             2001        2000        1999
  Sales                     $1,100      $1,000        $900
  Net income                   110         100          90
""", ["For the year ended December 31 2001", "For the year ended December 31 2000", "For the year ended December 31 1999"]),
    # a month-day heading over only one of the years belongs to the group
    ("""\
                              March 31,
                                2001        2000        1999
  Sales                        1,100       1,000         900
  Net income                     110         100          90
""", ["March 31, 2001", "March 31, 2000", "March 31, 1999"]),
    # an off-centre spanning heading that touches its second column
    ("""\
                           Three Months          Year Ended
                              Ended            December 31,
                           2001     2000      2001      2000
  Sales                   1,100    1,000     4,400     4,000
  Net income                110      100       440       400
""", ["Three Months Ended 2001", "Three Months Ended 2000", "Year Ended December 31, 2001", "Year Ended December 31, 2000"]),
])
def test_a_heading_over_a_group_of_years_heads_them_all(table, columns):
    _, headers = _headers("STATEMENTS OF INCOME\n" + table)
    assert headers == columns


def test_a_period_running_into_the_columns_beside_the_years_is_set_aside():
    text = """\
                 STATEMENTS OF INCOME
Three fiscal years ended Sept. 27, 2001      2001        2000        1999
  Sales                             $       1,100 $     1,000 $       900
  Net income                                  110         100          90
"""
    grid, headers = _headers(text)
    assert headers == ["2001", "2000", "1999"]
    assert [line.text for line in grid.context] == ["STATEMENTS OF INCOME", "Three fiscal years ended Sept. 27, 2001"]


def test_a_wide_date_heading_over_one_column_spans_only_it():
    text = """\
                 BALANCE SHEETS
                                         March 31, 2001      December 31,2000
    Cash and cash equivalents                    $1,358                 $1,481
    Total assets                                  4,935                  4,289
"""
    _, headers = _headers(text)
    assert headers == ["March 31, 2001", "December 31,2000"]
