"""xbrl-convert batch (issue 13): a folder mixing good, bad and duplicate documents; the manifest says
what became of each, a rerun skips what is done, --force redoes it, one bad document never stops the run."""
import csv
import json
import shutil

import pytest
from click.testing import CliRunner

from converter.cli import main

from .conftest import BALANCE, EXAMPLE


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(EXAMPLE, folder / "release.txt")
    shutil.copy(EXAMPLE, folder / "sub" / "copy.txt")  # the same bytes again
    (folder / "sub" / "balance.txt").write_text(BALANCE)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "prose.htm").write_text("<html><body><p>Acme Corp. names a new chief executive.</p></body></html>")
    (folder / "notes.csv").write_text("not a document kind batch reads")
    return folder


def run(*args):
    return CliRunner().invoke(main, ["batch", *map(str, args)], catch_exceptions=False)


def manifest(out):
    with (out / "batch.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    assert [r["document"] for r in rows] == [r["document"] for r in json.loads((out / "batch.json").read_text())["documents"]]
    return {r["document"].rsplit("/in/", 1)[1]: r for r in rows}


def test_batch_converts_each_document_and_says_what_became_of_it(tmp_path, inputs):
    out = tmp_path / "out"
    result = run(inputs, "-o", out, "-j", "1", "--no-validate", "-q")
    assert result.exit_code == 1  # two documents failed
    rows = manifest(out)
    assert {name: (r["status"], r["exit_code"], r["output"]) for name, r in rows.items()} == {
        "empty.txt": ("failed", "2", "empty"),
        "prose.htm": ("failed", "2", "prose"),
        "release.txt": ("converted", "0", "release"),
        "sub/balance.txt": ("converted", "0", "balance"),
        "sub/copy.txt": ("duplicate", "0", "release"),
    }
    assert "XC101" in rows["empty.txt"]["message"] and rows["sub/copy.txt"]["message"].endswith("/in/release.txt")
    balance = rows["sub/balance.txt"]
    # six amounts and the cover facts; no extension, nothing left over, not validated, every check ok
    assert [balance[k] for k in ("statements", "facts", "extension_facts", "unconverted", "valid", "checks_failed")] == [
        "1", "12", "0", "0", "", "0"]
    assert json.loads((out / "balance" / "validation.json").read_text())["validation"] == {
        "run": False, "reason": "not asked for (--no-validate)"}
    assert sorted(p.name for p in out.iterdir()) == ["balance", "batch.csv", "batch.json", "release"]
    assert "5 documents: 2 converted, 1 duplicate, 2 failed; manifest" in result.output

    again = run(inputs, "-o", out, "-j", "1", "--no-validate", "-q")
    assert "(2 done before)" in again.output and manifest(out)["release.txt"]["seconds"] == rows["release.txt"]["seconds"]
    forced = run(inputs, "-o", out, "-j", "2", "--no-validate", "-q", "--force")
    assert "done before" not in forced.output and manifest(out)["release.txt"]["status"] == "converted"


# a made-up balance sheet whose printed 2008 total does not foot: one accounting check fails
OFF = BALANCE.replace("Total assets              150", "Total assets              160")


@pytest.mark.parametrize("formats, validate, documents", [
    ("xml", True, ["unknown-20081231.xml"]),
    ("xml,json,csv", True, ["unknown-20081231.xml", "unknown-20081231.json", "unknown-20081231-metadata.json"]),
    ("ixbrl", False, ["unknown-20081231.htm"]),
])
def test_batch_writes_the_formats_and_validation_json_as_convert_does(tmp_path, formats, validate, documents):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "balance.txt").write_text(BALANCE)
    (tmp_path / "in" / "off.txt").write_text(OFF)
    out = tmp_path / "out"
    result = run(tmp_path / "in", "-o", out, "-j", "1", "-q", "--format", formats, *([] if validate else ["--no-validate"]))
    assert result.exit_code == 0, result.output  # a failing check is reported, not an invalid output
    rows = manifest(out)
    assert {name: (r["status"], r["valid"], r["checks_failed"]) for name, r in rows.items()} == {
        "balance.txt": ("converted", str(validate) if validate else "", "0"),
        "off.txt": ("converted", str(validate) if validate else "", "1")}
    tables = ["unknown-20081231-facts.csv"] if "csv" in formats else []
    for name, calculations in (("balance", ["unknown-20081231_cal.xml"]), ("off", [])):  # a total that does not foot has none
        assert sorted(p.name for p in (out / name).iterdir()) == sorted(
            [*documents, *tables, "unknown-20081231.xsd", "unknown-20081231_lab.xml", "unknown-20081231_pre.xml",
             *calculations, "facts.csv", "report.json", "validation.json"])
    report = json.loads((out / "off" / "validation.json").read_text())
    if validate:
        assert [(d["file"], d["ok"], d["errors"]) for d in report["validation"]["documents"]] == [(d, True, 0) for d in documents]
        assert (report["validation"]["run"], report["validation"]["ok"]) == (True, True)
    else:
        assert report["validation"] == {"run": False, "reason": "not asked for (--no-validate)"}
    assert report["checks_ok"] is False
    assert [(c["check"], c["period"], c["result"]) for c in report["checks"] if c["result"] != "not applicable"] == [
        ("totals", "2008-12-31", "fails"), ("totals", "2007-12-31", "ok")]


def test_batch_writes_validation_json_the_way_convert_does(tmp_path):
    (tmp_path / "off.txt").write_text(OFF)
    run(tmp_path / "off.txt", "-o", tmp_path / "batch", "-j", "1", "-q", "--format", "xml,ixbrl")
    converted = CliRunner().invoke(main, ["convert", str(tmp_path / "off.txt"), "-o", str(tmp_path / "convert"), "--format", "xml,ixbrl"])
    assert converted.exit_code == 0, converted.output
    assert (json.loads((tmp_path / "batch" / "off" / "validation.json").read_text())
            == json.loads((tmp_path / "convert" / "validation.json").read_text()))


def test_batch_refuses_an_unknown_format(tmp_path, inputs):
    result = run(inputs, "-o", tmp_path / "out", "--format", "xml,pdf")
    assert result.exit_code == 2 and "unknown output format pdf" in result.output
    assert not (tmp_path / "out").exists()


def test_batch_validates_its_outputs(tmp_path, inputs):
    out = tmp_path / "out"
    result = run(inputs / "release.txt", inputs / "sub" / "balance.txt", "-o", out, "-q")
    assert result.exit_code == 0, result.output
    assert [r["valid"] for r in manifest(out).values()] == ["True", "True"]


@pytest.mark.parametrize("args, status, code", [
    (("{tmp}/nothing-here/*.txt",), 2, "XC006"),
    (("{tmp}/in/release.txt", "-o", "{tmp}/in/release.txt/x"), 3, "XC901"),
])
def test_batch_errors(tmp_path, inputs, args, status, code):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if "-o" not in args:
        args += ["-o", str(tmp_path / "out")]
    result = run(*args, "--no-validate", "-q")
    assert (result.exit_code, code in result.output) == (status, True), result.output


def test_batch_on_a_local_dask_cluster(tmp_path, inputs):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        result = run(inputs, "-o", tmp_path / "out", "--no-validate", "-q", "--cluster", cluster.scheduler_address,
                     "--format", "xml,ixbrl")
    assert result.exit_code == 1, result.output  # the two bad documents
    assert {name: (r["status"], r["checks_failed"]) for name, r in manifest(tmp_path / "out").items()} == {
        "empty.txt": ("failed", "0"), "prose.htm": ("failed", "0"), "release.txt": ("converted", "0"),
        "sub/balance.txt": ("converted", "0"), "sub/copy.txt": ("duplicate", "0")}
    assert sorted(p.name for p in (tmp_path / "out" / "balance").glob("unknown-20081231.*")) == [
        "unknown-20081231.htm", "unknown-20081231.xml", "unknown-20081231.xsd"]
    assert json.loads((tmp_path / "out" / "balance" / "validation.json").read_text())["checks_ok"] is True


def test_batch_names_an_unreachable_cluster(tmp_path, inputs):
    pytest.importorskip("distributed")
    from converter.batch import run_batch
    from converter.diagnostics import ConversionError

    with pytest.raises(ConversionError, match="XC008.*tcp://127.0.0.1:9"):
        run_batch([inputs / "release.txt"], tmp_path / "out", validate=False, cluster="tcp://127.0.0.1:9", cluster_timeout=1)
