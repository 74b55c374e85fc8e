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
