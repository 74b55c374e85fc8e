"""The benchmark's figures (bench/, converter.evaluation): extension share, top-3 agreement, the means,
the comparison of two runs, the leave-one-company-out label table and documents that fail."""
import sys
import types
from decimal import Decimal
from pathlib import Path

import pytest

from bench import corpus
from bench.corpus import Job, Row, convert_document, unkeyed_documents
from bench.figures import compare, folder_means, run_figures
from converter.evaluation import Score, ScoredFact, line_ranks, ranked_facts, score
from converter.mapping.mapper import MappedLine
from converter.mapping.taxonomy import ConceptDef

from .conftest import EXAMPLE

PERIOD = "2023-10-01/2023-12-31"
STANDARD = {"Revenues", "CostOfRevenue", "OtherNonoperatingIncomeExpense", "InterestExpense"}


def _key(*lines: tuple) -> dict:
    """(label, concepts, value[, extension_ok]) rows of one period."""
    return {"periods": {"Q": PERIOD}, "lines": [
        {"statement": "income statement", "label": row[0], "concepts": row[1], "unit": "USD", "values": {"Q": row[2]},
         **({"extension_ok": True} if len(row) > 3 else {})} for row in lines]}


def _fact(concept: str, value: str, is_extension: bool = False, ranked: tuple[str, ...] = ()) -> ScoredFact:
    return ScoredFact(concept, PERIOD, Decimal(value), is_extension, ranked)


def _score(key: dict, facts: list[ScoredFact]) -> Score:
    return score(key, facts, is_standard=STANDARD.__contains__)


# ----------------------------------------------------------------------------- extension share

@pytest.mark.parametrize("line, facts, counted", [
    # a US GAAP line found only on an extension fact: an extension line
    (("Revenues", ["Revenues"], "100"), [_fact("SalesOfStuff", "100", True)], (1, 1)),
    # ... found on a US GAAP fact too (another concept, the same value): not an extension line
    (("Revenues", ["Revenues"], "100"), [_fact("SalesOfStuff", "100", True), _fact("OtherIncome", "100")], (1, 0)),
    # ... found with the company's concept: not one
    (("Revenues", ["Revenues"], "100"), [_fact("Revenues", "100")], (1, 0)),
    # not found at all, or only with the other sign: no line to count
    (("Revenues", ["Revenues"], "100"), [_fact("SalesOfStuff", "-100", True)], (0, 0)),
    # the company's own concept: an extension is no worse than ours
    (("Special items", ["CompanySpecialItems"], "7"), [_fact("SpecialItems", "7", True)], (0, 0)),
    # extension_ok: no 2024 US GAAP concept fits, an extension is right
    (("Interest, related party", ["InterestExpense"], "7", True), [_fact("InterestRelatedParty", "7", True)], (0, 0)),
])
def test_extension_share_counts_us_gaap_lines_found_only_on_extensions(line, facts, counted):
    result = _score(_key(line), facts)
    assert (result.standard_lines, result.extension_lines) == counted


def test_a_line_of_two_values_is_an_extension_when_every_value_found_is_one():
    key = {"periods": {"Q": PERIOD, "P": "2022-10-01/2022-12-31"}, "lines": [
        {"label": "Revenues", "concepts": ["Revenues"], "values": {"Q": "100", "P": "90"}},
        {"label": "Cost of revenue", "concepts": ["CostOfRevenue"], "values": {"Q": "40", "P": "30"}}]}
    facts = [_fact("SalesOfStuff", "100", True), ScoredFact("SalesOfStuff", "2022-10-01/2022-12-31", Decimal(90), True),
             _fact("CostOfSales", "40", True), ScoredFact("CostOfRevenue", "2022-10-01/2022-12-31", Decimal(30))]
    result = _score(key, facts)
    assert (result.standard_lines, result.extension_lines, result.extension_share) == (2, 1, 0.5)


# ----------------------------------------------------------------------------- top-3

@pytest.mark.parametrize("facts, hits", [
    # chosen right: a concept hit is a top-3 hit
    ([_fact("Revenues", "100", ranked=("Revenues",))], (1, 1)),
    # chosen wrong, the key's concept among the line's ranked concepts
    ([_fact("SalesRevenueNet", "100", ranked=("SalesRevenueNet", "OtherIncome", "Revenues"))], (0, 1)),
    # ... not among them
    ([_fact("SalesRevenueNet", "100", ranked=("SalesRevenueNet", "OtherIncome"))], (0, 0)),
    # ranked unknown (a fact no line is known for)
    ([_fact("SalesRevenueNet", "100")], (0, 0)),
    # the value not found: neither
    ([_fact("Revenues", "-100", ranked=("Revenues",))], (0, 0)),
])
def test_top3_agreement(facts, hits):
    result = _score(_key(("Revenues", ["Revenues"], "100")), facts)
    assert (result.concept_hits, result.top3_hits) == hits
    assert result.top3_agreement == hits[1]


def _concept(name: str, prefix: str = "us-gaap") -> ConceptDef:
    return ConceptDef(prefix, name, "http://fasb.org/us-gaap/2024", "xbrli:monetaryItemType", "duration")


def test_line_ranks_are_the_chosen_concepts_and_the_first_two_alternatives():
    line = MappedLine(None, (_concept("EarningsPerShareBasic"), _concept("EarningsPerShareDiluted")), 1, 0.9, (),
                      ("us-gaap:IncomeLossFromContinuingOperationsPerBasicShare us-gaap:EarningsPerShareBasic",
                       "us-gaap:EarningsPerShareBasicAndDiluted", "us-gaap:NetIncomeLoss"))
    assert line_ranks(line) == ("EarningsPerShareBasic", "EarningsPerShareDiluted",
                                "IncomeLossFromContinuingOperationsPerBasicShare", "EarningsPerShareBasicAndDiluted")


def test_every_fact_is_traced_to_the_line_it_was_printed_on():
    from converter.evaluation import model_facts
    from converter.pipeline import convert

    conversion = convert(EXAMPLE.read_bytes(), str(EXAMPLE))
    facts = ranked_facts(model_facts(conversion.instance), conversion.instance, conversion.mapped)
    assert facts and [f for f in facts if not f.ranked or f.concept not in f.ranked] == []


# ----------------------------------------------------------------------------- means and comparison

def _row(name: str, folder: str = "more/ixbrl", score_: Score | None = None, **kw) -> Row:
    return Row(name, score_, folder=folder, company=name.split("_")[0].lower(), **kw)


def _scored(total: int, values: int, concepts: int, top3: int, signs: int = 0, explained: int = 0,
            standard: int = 0, extension: int = 0) -> Score:
    return Score(total, values, concepts, signs + explained, (), ("why",) * explained, top3, standard, extension)


def test_means_count_a_failed_document_as_zero_but_leave_it_out_of_the_extension_share():
    rows = [_row("A_1.htm", score_=_scored(10, 10, 5, 6, signs=1, explained=2, standard=4, extension=1), facts=12),
            _row("B_1.htm", score_=_scored(10, 8, 4, 4, standard=4, extension=2), facts=9),
            _row("C_1.htm", error="error XC102: no column with a date")]
    means = run_figures(rows, {})["overall"]
    assert {k: means[k] for k in ("documents", "errors", "values", "value_recall", "concept_agreement", "top3_agreement",
                                  "sign_errors", "explained_signs", "extension_lines", "standard_lines", "extension_share")} == {
        "documents": 3, "errors": 1, "values": 20, "value_recall": 0.6, "concept_agreement": 0.3,
        "top3_agreement": round(10 / 30, 6), "sign_errors": 1, "explained_signs": 2, "extension_lines": 3,
        "standard_lines": 8, "extension_share": 0.375}


def test_documents_without_a_key_have_their_own_means():
    rows = [_row("A_1.txt", "more/text", keyed=False, statements=3, facts=50, lines=40, extension_lines=10, valid=True),
            _row("B_1.txt", "more/text", keyed=False, error="error XC101: no statement")]
    assert folder_means(run_figures(rows, {})["documents"]) == {
        "documents": 2, "errors": 1, "valid": 1, "statements": 3, "facts": 50, "lines": 40, "our_extension_lines": 10,
        "our_extension_share": 0.25}


def test_compare_prints_the_differences_per_document_and_per_folder():
    old = run_figures([_row("A_1.htm", score_=_scored(10, 8, 4, 4, signs=2, standard=4, extension=2), facts=9),
                       _row("B_1.htm", score_=_scored(10, 9, 9, 9, standard=4)),
                       _row("D_1.htm", error="error XC102: boom"),
                       _row("Gone_1.htm", score_=_scored(1, 1, 1, 1)),
                       _row("T_1.txt", "more/text", keyed=False, statements=2, facts=20, lines=10, extension_lines=5)],
                      {"label_table": "none"})
    new = run_figures([_row("A_1.htm", score_=_scored(10, 9, 6, 7, signs=1, standard=4, extension=1), facts=10),
                       _row("B_1.htm", score_=_scored(10, 9, 9, 9, standard=4)),
                       _row("D_1.htm", score_=_scored(10, 5, 5, 5, standard=2)),
                       _row("New_1.htm", score_=_scored(1, 1, 1, 1)),
                       _row("T_1.txt", "more/text", keyed=False, error="error XC101: no statement")],
                      {"label_table": "leave-one-company-out (37 companies)"})
    text = compare(old, new).splitlines()
    assert text[0] == "label table: none -> leave-one-company-out (37 companies)"
    rows = {line[:52].strip(): line[52:].split() for line in text if line[:52].strip() and not line.startswith("==")}
    assert rows["A_1.htm"] == ["0.900", "+0.100", "0.600", "+0.200", "0.700", "+0.300", "1", "-1", "0", "0.250", "-0.250"]
    assert rows["B_1.htm"] == ["0.900", "0.900", "0.900", "0", "0", "0.000"]
    assert rows["D_1.htm"] == ["0.500", "+0.500", "0.500", "+0.500", "0.500", "+0.500", "0", "0", "0.000",
                               "fixed", "(was:", "error", "XC102:", "boom)"]
    assert rows["New_1.htm"] == ["new", "in", "this", "run"]
    assert rows["Gone_1.htm"] == ["only", "in", "the", "old", "run"]
    assert rows["T_1.txt"] == ["0", "-2", "0", "-20", "-", "fails", "now:", "error", "XC101:", "no", "statement"]
    assert "== means (no key)" in text
    overall = rows["overall (4)"]
    assert overall[:2] == ["0.825", "+0.150"]  # (0.9 + 0.9 + 0.5 + 1) / 4 against (0.8 + 0.9 + 0 + 1) / 4


# ----------------------------------------------------------------------------- documents and the label table

def test_documents_without_a_key(tmp_path):
    corpus_dir = tmp_path / "corpus"
    for name in ("more/text/Acme_1999-12_10K.txt", "more/ixbrl/Acme_2023-06_10Q_ixbrl.htm", "pairs/Acme_2010-06_10Q.htm",
                 "pairs/Acme_2010-06_10Q_instance.xml", "pairs/Acme_2011-06_10Q.htm", "text/Acme_2000-03_10Q.txt"):
        (corpus_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (corpus_dir / name).write_text("x")
    (corpus_dir / "keys").mkdir()
    (corpus_dir / "keys" / "Acme_2010-06_10Q.json").write_text('{"document": "Acme_2010-06_10Q.htm", "lines": []}')
    found = unkeyed_documents(["more", "text", "pairs", "ixbrl"], tmp_path)
    assert [p.relative_to(corpus_dir).as_posix() for p in found] == [
        "more/text/Acme_1999-12_10K.txt", "text/Acme_2000-03_10Q.txt", "pairs/Acme_2011-06_10Q.htm"]


def test_a_document_that_fails_is_a_row_with_its_error(tmp_path):
    path, key = tmp_path / "Acme_2000-01_8K.txt", tmp_path / "Acme_2000-01_8K.json"
    path.write_text("Nothing to see here.\n")
    key.write_text('{"document": "Acme_2000-01_8K.txt", "periods": {}, "lines": []}')
    for keyed in (False, True):
        row = convert_document(Job(path, key if keyed else None, keyed, tmp_path / "out"))
        assert (row.keyed, row.score, row.company, row.facts) == (keyed, None, "acme", 0)
        assert row.error == f"{path}: error XC101: no balance sheet, statement of operations or cash flows found"


@pytest.fixture
def observed(monkeypatch):
    """A stand-in converter.mapping.observed (the real one replaces it once it exists)."""
    def use(module):
        monkeypatch.setitem(sys.modules, corpus.OBSERVED_MODULE, module)
        corpus._observed.cache_clear()
        corpus._full_table.cache_clear()
    yield use
    corpus._observed.cache_clear()
    corpus._full_table.cache_clear()


class _Table:
    def __init__(self, companies: tuple[str, ...]):
        self.companies = companies

    def without(self, company: str) -> "_Table":
        return _Table(tuple(c for c in self.companies if c != company))


def test_without_a_label_table_the_converter_runs_as_it_is(observed):
    observed(None)  # importing it raises ModuleNotFoundError, as while it does not exist
    assert (corpus.label_table_header(), corpus.options_for(Path("Acme_2023_10Q.htm")).observed) == ("none", None)
    assert corpus.company_of(Path("/x/AcmeWidgets_2023-06_10Q_ixbrl.htm")) == "acmewidgets"


def test_each_company_is_scored_with_a_table_learned_without_it(observed):
    module = types.ModuleType(corpus.OBSERVED_MODULE)
    module.load_observed = lambda: _Table(("acme", "globex", "initech"))
    module.company_of = lambda path: Path(path).name.split("_")[0].lower()
    observed(module)
    assert corpus.label_table_header() == "leave-one-company-out (3 companies)"
    assert corpus.options_for(Path("Acme_2023-06_10Q.htm")).observed.companies == ("globex", "initech")
    assert corpus.label_table_header(full_table=True) == "full (3 companies, the scored company's own labels included)"
    assert corpus.options_for(Path("Acme_2023-06_10Q.htm"), full_table=True).observed.companies == ("acme", "globex", "initech")


def test_a_crash_is_a_row_too(tmp_path, monkeypatch):
    def crash(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(corpus, "convert", crash)
    row = convert_document(Job(EXAMPLE, None, False, tmp_path))
    assert (row.error, row.facts, row.instance) == ("ValueError: boom", 0, None)


def test_documents_in_several_processes_come_back_in_order(tmp_path):
    paths = []
    for i, text in enumerate((EXAMPLE.read_text(), "Nothing here.\n", EXAMPLE.read_text())):
        paths.append(tmp_path / f"Doc{i}_2008-09_8K.txt")
        paths[-1].write_text(text)
    one = corpus.run([], tmp_path / "one", validate=False, unkeyed=paths)
    two = corpus.run([], tmp_path / "two", validate=False, unkeyed=paths, jobs=2)
    assert [(r.name, r.facts, bool(r.error)) for r in two] == [(r.name, r.facts, bool(r.error)) for r in one]
    assert [bool(r.error) for r in one] == [False, True, False]


# ----------------------------------------------------------------------------- key-free checks

CHECKED_RELEASE = """\
                        ACME WIDGETS CORPORATION
                   CONSOLIDATED STATEMENTS OF OPERATIONS
                            (In thousands)
                                                 Year Ended December 31,
                                                  2008          2007
Net sales                                       $ 1,000       $   900
Cost of sales                                       600           550
                                                -------       -------
Gross profit                                        400           350
Operating expenses                                  150           140
                                                -------       -------
Net income                                      $   250       $   210
                                                =======       =======

                        CONSOLIDATED BALANCE SHEETS
                            (In thousands)
                                                    December 31,
                                                  2008          2007
Cash                                            $   500       $   300
Receivables                                         150           130
Equipment                                            50            50
                                                -------       -------
Total assets                                    $   700       $   480
                                                =======       =======
Liabilities:
  Accounts payable                              $   100       $   130
Stockholders' equity                                600           350
                                                -------       -------
Total liabilities and stockholders' equity      $   700       $   480
                                                =======       =======

                   CONSOLIDATED STATEMENTS OF CASH FLOWS
                            (In thousands)
                                                 Year Ended December 31,
                                                  2008          2007
Operating activities:
Net income                                      $   250       $   210
Increase in receivables                             (20)          (10)
Decrease in accounts payable                        (30)          (20)
                                                -------       -------
Net cash provided by operating activities           200           180
Purchases of equipment                              (50)          (40)
Proceeds from borrowings                             50            40
                                                -------       -------
Net increase in cash                                200           180
Cash at beginning of year                           300           120
                                                -------       -------
Cash at end of year                             $   500       $   300
                                                =======       =======
"""


@pytest.mark.parametrize(
    "change, expected",
    [
        ((), dict(cells=42, cells_as_facts=42, totals=12, totals_footing=12, balance_checks=2, balance_failures=0,
                  net_income_checks=2, net_income_failures=0, cash_checks=2, cash_failures=0, kinds="IS BS CF")),
        # an opening balance that does not roll forward to the closing one, in one column
        (("Cash at beginning of year                           300           120",
          "Cash at beginning of year                           300           130"),
         dict(cash_checks=2, cash_failures=1)),
    ],
)
def test_key_free_checks(change, expected, tmp_path):
    from bench.checks import document_checks
    from converter.pipeline import convert

    text = CHECKED_RELEASE.replace(*change) if change else CHECKED_RELEASE
    checks = document_checks(convert(text.encode(), "release.txt")).as_dict()
    assert {name: checks[name] for name in expected} == expected


def _rerank_row(company: str, candidates: list[tuple[float, float, bool]]) -> dict:
    """A key line of bench.rerank's dataset: (hand score, another feature, names the company's concept) per candidate."""
    return {"company": company, "candidates": [{"features": {"hand": hand, "other": other}, "gold": gold}
                                               for hand, other, gold in candidates]}


def test_rerank_learns_which_feature_decides_leave_one_company_out(capsys):
    from bench.rerank import evaluate, vocabulary

    # the hand score prefers the wrong candidate; the other feature marks the right one, for every company
    rows = [_rerank_row(f"c{n}", [(0.9, 0.0, False), (0.8, 1.0, True)]) for n in range(4)]
    rows.append(_rerank_row("c0", [(0.9, 0.0, False), (0.7, 0.0, False)]))  # no candidate names it: not learned from
    evaluate(rows, vocabulary(rows))
    counts, shares = capsys.readouterr().out.strip().split("} {")
    assert counts == "{'lines': 5, 'hand': 0, 'learned': 4, 'retrieved': 4"


# ----------------------------------------------------------------------------- scaling (bench/scaling.py)

@pytest.mark.parametrize("sizes, seconds, exponent", [
    ((1, 2, 4, 8), (3.0, 6.0, 12.0, 24.0), 1.0),  # linear
    ((1, 2, 4, 8), (1.0, 4.0, 16.0, 64.0), 2.0),  # quadratic
    ((10, 100, 1000), (5.0, 5.0, 5.0), 0.0),  # constant
])
def test_scaling_fits_the_exponent(sizes, seconds, exponent):
    from bench.scaling import fit_exponent

    assert fit_exponent(sizes, seconds) == pytest.approx(exponent)


@pytest.mark.parametrize("sizes, seconds", [((4,), (1.0,)), ((4, 4), (1.0, 2.0)), ((), ())])
def test_scaling_fits_nothing_without_two_sizes(sizes, seconds):
    from bench.scaling import fit_exponent

    assert fit_exponent(sizes, seconds) is None


def test_scaling_converts_a_tiny_input_in_a_child():
    from bench.scaling import measure

    run = measure("lines", 30, timeout=120)
    assert (run.error, run.statements) == ("", 1)
    assert run.seconds > 0 and run.peak_mb > 0
