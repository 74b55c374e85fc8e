import functools
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLE = ROOT / "examples" / "northwind-2008q3-ex99-1.txt"

# A made-up balance sheet, the smallest statement that converts (tests of inputs and of batch).
BALANCE = """CONSOLIDATED BALANCE SHEETS
                     December 31,
                         2008      2007
Cash                      100        90
Inventories                50        40
Total assets              150       130
"""

# A made-up quarter: an income statement with per-share amounts and shares, a balance sheet whose
# caption prints a par value and the shares authorized (facts of their own).
QUARTER = """ACME WIDGETS, INC.
CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS
(In thousands, except per share amounts)

                                        Three Months Ended
                                             March 31,
                                        2009          2008
Revenues                             $ 1,200       $ 1,000
Cost of revenues                         700           600
Gross profit                             500           400
Operating expenses                       300           250
Net income                           $   200       $   150

Net income per share - basic         $  0.20       $  0.15
Weighted average shares outstanding    1,000         1,000

CONDENSED CONSOLIDATED BALANCE SHEETS
(In thousands, except par value)

                                     March 31,   December 31,
                                        2009          2008
Cash                                 $   500       $   400
Accounts receivable                      300           250
Total assets                         $   800       $   650

Accounts payable                     $   100       $    80
Common stock, $0.01 par value; 10,000 shares authorized
                                          10            10
Retained earnings                        690           560
Total liabilities and stockholders' equity
                                     $   800       $   650
"""


def converted(path: Path):
    """A document converted with the default options (pipeline.convert of its bytes), once per test
    session: several tests read the same corpus conversions. Raises its ConversionError."""
    result = _conversion(str(path))
    if isinstance(result, Exception):
        raise result
    return result


@functools.lru_cache(maxsize=None)
def _conversion(path: str):
    from converter.diagnostics import ConversionError
    from converter.pipeline import convert

    try:
        return convert(Path(path).read_bytes(), path)
    except ConversionError as failure:
        return failure


def shared_path(*parts: str) -> Path:
    """A file of ../shared, or a clean skip when the shared material is not beside the checkout."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path


@pytest.fixture(scope="session")
def scorer():
    """../shared/tools/score.py as a module: the same scoring logic the issues are judged by."""
    path = shared_path("tools", "score.py")
    spec = importlib.util.spec_from_file_location("shared_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Tables that tests want shown in the run's summary even when they pass (the corpus scores).
SUMMARY_TABLES: list[str] = []


def scored_corpus(folders: list[str], tmp_path_factory, name: str):
    """Every keyed document of the ../shared corpus folders converted, validated and scored (bench.corpus
    rows), its table added to the run's summary; a clean skip without ../shared."""
    from bench.corpus import keyed_documents, run, table

    documents = keyed_documents(folders, SHARED)
    if not documents:
        pytest.skip("../shared/corpus is not available")
    rows = run(documents, tmp_path_factory.mktemp(name))
    SUMMARY_TABLES.append(table(rows))
    return rows


def pytest_terminal_summary(terminalreporter):
    for text in SUMMARY_TABLES:
        terminalreporter.write_sep("-", "corpus scores")
        terminalreporter.write_line(text)
