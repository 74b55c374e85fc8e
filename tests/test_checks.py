"""The accounting checks (converter.accounting) and validation.json: made-up statements with exact results,
typos named at their line, and every corpus document getting a report."""
import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from converter import convert
from converter.accounting import FAILS, NOT_APPLICABLE, OK, accounting_checks, summarise

from .conftest import EXAMPLE, SHARED

BALANCE = """CONSOLIDATED BALANCE SHEETS
(in thousands)
                                         December 31,
                                       2008        2007
Cash                                    100          90
Inventories                              50          40
Total current assets                    150         130
Property and equipment, net             200         180
Total assets                            350         310
Accounts payable                         60          50
Total current liabilities                60          50
Long-term debt                           90          80
Total liabilities                       150         130
Common stock                            120         120
Retained earnings                        80          60
Total stockholders' equity              200         180
Total liabilities and stockholders' equity  350     310
"""

INCOME = """CONSOLIDATED STATEMENTS OF OPERATIONS
(in thousands, except per share amounts)
                                      Year Ended December 31,
                                       2008        2007
Revenues                              1,000         900
Cost of revenues                        600         540
Gross profit                            400         360
Research and development                100          90
Selling, general and administrative     100          70
Total operating expenses                200         160
Income from operations                  200         200
Provision for income taxes               80          80
Net income                              120         120
Net income per share, basic          $ 1.20      $ 1.00
Net income per share, diluted        $ 1.00      $ 0.96
Weighted average shares, basic          100         120
Weighted average shares, diluted        120         125
"""

FLOWS = """CONSOLIDATED STATEMENTS OF OPERATIONS
(in thousands)
                                      Year Ended December 31,
                                       2008        2007
Revenues                              1,000         900
Cost of revenues                        600         540
Net income                              400         360

CONSOLIDATED STATEMENTS OF CASH FLOWS
(in thousands)
                                      Year Ended December 31,
                                       2008        2007
Net income                              400         360
Depreciation                             50          40
                                       ----        ----
Net cash provided by operating activities  450      400
Purchases of equipment                  (50)        (50)
                                       ----        ----
Net cash used in investing activities   (50)        (50)
                                       ----        ----
Net increase in cash                    400         350
Cash at beginning of year               500         150
Cash at end of year                     900         500
"""

CASH_BALANCE = """CONSOLIDATED BALANCE SHEETS
(in thousands)
                                         December 31,
                                       2008        2007
Cash                                    900         500
Total assets                            900         500
Accounts payable                        300         200
Stockholders' equity                    600         300
Total liabilities and stockholders' equity  900     500

"""

Y2008, Y2007 = "2008-01-01/2008-12-31", "2007-01-01/2007-12-31"


def _typo(text: str, line: str, typo: str) -> str:
    assert text.count(line) == 1
    return text.replace(line, typo)


def _checks(text: str):
    return accounting_checks(convert(text.encode(), path="release.txt").conversion.mapped)


# (document, {check name: (ok, fails)} of the checks that apply, the failures:
#  (check, period, expected, found, line of the printed number, cause))
CASES = {
    "a balance sheet that holds together": (
        BALANCE, {"balance": (2, 0), "totals": (12, 0)}, []),
    "a total off by 10: the total's line": (
        _typo(BALANCE, "Total current assets                    150", "Total current assets                    160"),
        {"balance": (2, 0), "totals": (11, 1)},
        [("totals", "2008-12-31", 150000, 160000, 7, "document")]),
    "assets are not liabilities and equity": (
        _typo(_typo(BALANCE, "Retained earnings                        80", "Retained earnings                        70"),
              "Total stockholders' equity              200         180\nTotal liabilities and stockholders' equity  350",
              "Total stockholders' equity              190         180\nTotal liabilities and stockholders' equity  340"),
        {"balance": (1, 1), "totals": (12, 0)},
        [("balance", "2008-12-31", 350000, 340000, 17, "document")]),
    "an income statement with earnings per share": (
        INCOME, {"totals": (8, 0), "eps basic": (2, 0), "eps diluted": (2, 0)}, []),
    "earnings per share that the shares do not give": (
        _typo(INCOME, "$ 1.20      $ 1.00", "$ 1.50      $ 1.00"),
        {"totals": (8, 0), "eps basic": (1, 1), "eps diluted": (2, 0)},
        [("eps basic", Y2008, 120000, 150000, 14, "document")]),
    "net income and cash that agree": (
        FLOWS, {"totals": (8, 0), "net income": (2, 0), "cash": (2, 0), "same value": (3, 0)}, []),
    "net income printed otherwise on the cash flows": (
        _typo(FLOWS, "Net income                              400         360\nDepreciation",
              "Net income                              410         360\nDepreciation"),
        {"totals": (7, 1), "net income": (1, 1), "cash": (2, 0), "same value": (2, 1)},
        [("totals", Y2008, 460000, 450000, 16, "document"),
         ("net income", Y2008, 400000, 410000, 13, "document"),
         ("same value", Y2008, 400000, 410000, 13, "document")]),
    "cash at the end that is not the beginning and the change": (
        _typo(FLOWS, "Cash at end of year                     900", "Cash at end of year                     910"),
        {"totals": (8, 0), "net income": (2, 0), "cash": (1, 1), "same value": (3, 0)},
        [("cash", "2008-12-31", 900000, 910000, 23, "document")]),
    "cash on the cash flows printed otherwise than on the balance sheet": (
        CASH_BALANCE + _typo(FLOWS, "Cash at end of year                     900", "Cash at end of year                     910"),
        {"balance": (2, 0), "totals": (12, 0), "net income": (2, 0), "cash": (1, 1), "same value": (4, 1)},
        [("cash", "2008-12-31", 900000, 910000, 33, "document"),
         ("same value", "2008-12-31", 900000, 910000, 33, "document")]),
}


@pytest.mark.parametrize("text, counts, failures", CASES.values(), ids=CASES.keys())
def test_accounting_checks(text, counts, failures):
    checks = _checks(text)
    found = {}
    for row in summarise(checks):
        if row.ok or row.fails:
            found[row.name] = tuple(a + b for a, b in zip(found.get(row.name, (0, 0)), (row.ok, row.fails)))
    assert found == counts
    assert [(c.name, c.period, c.expected, c.found, c.source.line, c.cause) for c in checks if c.result == FAILS] == failures
    assert all(c.difference == c.found - c.expected for c in checks if c.result == FAILS)
    assert {c.name for c in checks} == {"balance", "totals", "net income", "cash", "eps basic", "eps diluted", "same value"}


def test_a_check_whose_lines_are_not_printed_says_so():
    checks = {c.name: c for c in _checks(BALANCE) if c.result == NOT_APPLICABLE}
    assert sorted(checks) == ["cash", "eps basic", "eps diluted", "net income", "same value"]
    assert checks["cash"].detail == "no cash flow statement prints cash at the beginning, the change and cash at the end"


def test_a_total_checked_by_its_calculation_names_its_items():
    check = next(c for c in _checks(BALANCE) if c.name == "totals" and c.source.line == 7 and c.period == "2008-12-31")
    assert (check.result, check.expected, check.found) == (OK, Decimal(150000), Decimal(150000))
    assert check.detail == "Total current assets 150 = Cash + Inventories"
    assert check.as_json()["source"] == "release.txt:7:41"


def test_shares_read_at_the_wrong_scale_are_the_conversions_doing():
    from dataclasses import replace

    mapped = list(convert(INCOME.encode(), path="release.txt").conversion.mapped)
    lines = list(mapped[0].lines)
    shares = next(i for i, line in enumerate(lines) if line.line.label == "Weighted average shares, basic")
    values = tuple(replace(v, amount=v.amount * 1000) for v in lines[shares].line.values)  # as if printed in thousands
    lines[shares] = replace(lines[shares], line=replace(lines[shares].line, values=values))
    mapped[0] = replace(mapped[0], lines=tuple(lines))
    failing = [c for c in accounting_checks(tuple(mapped)) if c.name == "eps basic"]
    assert [(c.result, c.cause) for c in failing] == [(FAILS, "conversion")] * 2
    assert "; agrees with the shares scaled by 10^-3: the shares' scale was misread" in failing[0].detail


def _run(*args):
    from click.testing import CliRunner

    from converter.cli import main

    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_convert_writes_validation_json_and_prints_the_table(tmp_path):
    source = tmp_path / "release.txt"
    source.write_text(_typo(BALANCE, "Total current assets                    150", "Total current assets                    160"))
    result = _run("convert", source, "-o", tmp_path / "out", "--no-validate")
    assert result.exit_code == 0
    report = json.loads((tmp_path / "out" / "validation.json").read_text())
    assert report["validation"] == {"run": False, "reason": "not asked for (--no-validate)"}
    assert report["checks_ok"] is False
    failing = [c for c in report["checks"] if c["result"] == FAILS]
    assert [(c["check"], c["source"], c["expected"], c["found"], c["difference"]) for c in failing] == [
        ("totals", f"{source}:7:41", 150000, 160000, 10000)]
    table = [" ".join(line.split()) for line in result.stderr.splitlines()[-9:]]
    assert table[:4] == [
        "check statement result figures",
        "XBRL (Arelle) - not run --no-validate",
        "A = L + E balance sheet ok 2 of 2 periods",
        f"totals = items balance sheet fails 11 of 12 printed totals; first fails at {source}:7:41, off by 10000 (the document)"]
    assert [row.split(" not applicable ")[0] for row in table[4:]] == [
        "net income IS = CF income statement + cash flows", "cash end = begin + change cash flows",
        "EPS x shares (basic) income statement", "EPS x shares (diluted) income statement", "same concept, same value all statements"]


def test_convert_puts_arelles_messages_into_validation_json(tmp_path):
    source = tmp_path / "release.txt"
    source.write_text(BALANCE)
    result = _run("convert", source, "-o", tmp_path / "out", "--cik", "1234567")
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "out" / "validation.json").read_text())
    documents = report["validation"]["documents"]
    assert [(d["file"], d["ok"], d["errors"], d["inconsistencies"]) for d in documents] == [(Path(result.stdout.strip()).name, True, 0, 0)]
    assert report["validation"]["run"] and report["checks_ok"]
    assert all(str(tmp_path / "out") in m["source"] for d in documents for m in d["messages"] if m["source"])


def test_arelles_messages_name_the_published_files(tmp_path):
    from converter.validation import efm_plugin_dir, efm_problem

    plugin = SHARED / "arelle-plugins" / "EDGAR"
    if not plugin.is_dir() or efm_problem(efm_plugin_dir(plugin)):
        pytest.skip("no usable ../shared/arelle-plugins/EDGAR")
    result = _run("convert", EXAMPLE, "-o", tmp_path / "out", "--cik", "1234567", "--efm", "--edgar-plugin", plugin)
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "out" / "validation.json").read_text())
    assert report["validation"]["efm"] is True
    messages = {m["code"]: m for d in report["validation"]["documents"] for m in d["messages"]}
    assert messages["EXG.12.08"]["source"] == result.stdout.splitlines()[0]  # an 8-K's XML instance: EDGAR takes inline only
    assert "XBRL + EFM" in result.stderr


CORE = ("text", "html", "pairs", "ixbrl")


def _corpus_documents() -> list[Path]:
    folders = [SHARED / "corpus" / name for name in CORE]
    return [p for folder in folders if folder.is_dir() for p in sorted(folder.iterdir())
            if p.is_file() and not p.name.endswith("_instance.xml")]


def test_every_core_corpus_document_gets_validation_json(tmp_path):
    documents = _corpus_documents()
    if not documents:
        pytest.skip("../shared/corpus is not available")
    results, causes = Counter(), Counter()
    for path in documents:
        out = tmp_path / path.stem
        result = _run("convert", path, "-o", out, "--no-validate")
        if result.exit_code == 2:  # no statement in it
            continue
        report = json.loads((out / "validation.json").read_text())
        checks = report["checks"]
        assert {c["check"] for c in checks} == {"balance", "totals", "net income", "cash", "eps basic", "eps diluted", "same value"}
        assert all(c["result"] in (OK, FAILS, NOT_APPLICABLE) for c in checks)
        results.update(c["result"] for c in checks)
        causes.update(f"{c['check']} ({c['cause'] or 'unexplained'})" for c in checks if c["result"] == FAILS)
    from .conftest import SUMMARY_TABLES

    SUMMARY_TABLES.append("accounting checks on the core corpus: " + ", ".join(f"{k} {v}" for k, v in sorted(results.items()))
                          + "\n  failing: " + ", ".join(f"{k} {v}" for k, v in sorted(causes.items())))
    assert results[OK] > results[FAILS]
