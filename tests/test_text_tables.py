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
