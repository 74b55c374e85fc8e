"""Bad, hostile and oversized input, and outputs that cannot be written: the documented exit status and
message code, never a traceback (issue 11). Every input here is made up."""
import codecs

import pytest
from click.testing import CliRunner

from .conftest import BALANCE, EXAMPLE


HTML_BALANCE = ("<p>CONSOLIDATED BALANCE SHEETS</p><table><tr><td></td><td>December 31, 2008</td><td>December 31, 2007</td></tr>"
                "<tr><td>Cash</td><td>100</td><td>90</td></tr><tr><td>Inventories</td><td>50</td><td>40</td></tr>"
                "<tr><td>Total assets</td><td>150</td><td>130</td></tr></table>")


def _nested(depth: int, opening: str, closing: str, inner: str) -> bytes:
    return f"<html><body>{opening * depth}{inner}{closing * depth}</body></html>".encode()


def _files(tmp_path):
    """The made-up files the cases name, written into tmp_path."""
    files = {
        "nul.txt": BALANCE.replace("Inventories", "Invent\x00ories ").encode(),
        "escape.txt": BALANCE.replace("Cash", "Cash\x1b[31m").replace("Inventories", "Inventories\x9b2J").encode("latin-1"),
        "utf16-bom.txt": codecs.BOM_UTF16_LE + BALANCE.encode("utf-16-le"),
        "utf16-le.txt": BALANCE.replace("Cash", "Caf\u00e9 cash").encode("utf-16-le") + b"\x00",  # cut mid-character
        "utf16-be.txt": BALANCE.replace("Cash", "Caf\u00e9 cash").encode("utf-16-be"),
        "xxe.htm": (b'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><html><body>'
                    + HTML_BALANCE.replace("Cash", "Cash &xxe;").encode() + b"</body></html>"),
        "empty.txt": b"",
        "binary.bin": bytes(range(256)) * 8,
        "prose.htm": b"<html><body><p>Acme Corp. announced a new chief executive.</p></body></html>",
        "catalog.xml": b'<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog"><rewriteURI uriStartString="x" rewritePrefix="y"/></catalog>',
        "schema.xsd": b'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"/>',
        "entities.xml": (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
                         b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><x>&c;</x>'),
        "afile": b"not a folder",
        # deeper than libxml2's limit (2,048 levels even with huge_tree): unclosed <font> tags nest so
        "deep.htm": _nested(3000, "<font size=2>", "", HTML_BALANCE),
        "deep-tables.htm": _nested(1000, "<table><tr><td>", "</td></tr></table>", HTML_BALANCE),
        "malformed.txt": BALANCE.replace("    50        40", " 12..5        (4").encode(),
        "cut.txt": BALANCE[: BALANCE.index("130") + 1].encode(),
        "cut-label.txt": BALANCE[: BALANCE.index("Total") + 3].encode(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    return tmp_path


# (arguments with {tmp} for the folder of the files above, standard input, exit status, a code the messages name)
CASES = [
    # control characters are removed where the text is read, with a warning naming the line
    (("convert", "{tmp}/nul.txt", "-o", "{tmp}/out", "--no-validate"), None, 0, "XC002"),
    (("convert", "{tmp}/escape.txt", "-o", "{tmp}/out", "--no-validate"), None, 0, "XC002"),
    (("convert", "{tmp}/nul.txt", "-o", "{tmp}/out", "--no-validate", "--name", "Acme\x01 <Corp>"), None, 0, "XC002"),
    (("convert", "{tmp}/utf16-bom.txt", "-o", "{tmp}/out", "--no-validate"), None, 0, "XC601"),
    # HTML nested beyond the parser's limit is read again without its wrappers, or reported where it stops
    (("convert", "{tmp}/deep.htm", "-o", "{tmp}/out", "--no-validate"), None, 0, "XC004"),
    (("convert", "{tmp}/deep-tables.htm", "-o", "{tmp}/out", "--no-validate"), None, 2, "XC005"),
    # entities are never expanded, names never leave the output folder
    (("convert", "{tmp}/xxe.htm", "-o", "{tmp}/out", "--no-validate"), None, 0, "XC601"),
    (("convert", "{tmp}/nul.txt", "-o", "{tmp}/out", "--no-validate", "--name", "../../etc/passwd", "--ticker", "../x"), None, 0, "XC002"),
    # malformed numbers and rows cut off are reported (warnings and report.json entries), not read
    (("convert", "{tmp}/malformed.txt", "-o", "{tmp}/out", "--no-validate"), None, 0, "XC202"),
    (("inspect", "{tmp}/malformed.txt"), None, 0, "XC202"),
    (("convert", "{tmp}/cut.txt", "-o", "{tmp}/out", "--no-validate"), None, 0, "XC203"),
    (("convert", "{tmp}/cut-label.txt", "-o", "{tmp}/out", "--no-validate"), None, 0, "XC203"),
    (("convert", "-", "-o", "{tmp}/out", "--no-validate"), BALANCE[: BALANCE.index("130") + 2], 0, "XC203"),
    # unusable input: status 2
    (("convert", "{tmp}/empty.txt", "-o", "{tmp}/out", "--no-validate"), None, 2, "XC101"),
    (("convert", "{tmp}/binary.bin", "-o", "{tmp}/out", "--no-validate"), None, 2, "XC101"),
    (("convert", "{tmp}/missing.txt", "-o", "{tmp}/out"), None, 2, "XC001"),
    (("convert", "{tmp}/nul.txt", "-o", "{tmp}/out", "--max-input-mb", "0.0001"), None, 2, "XC003"),
    (("convert", "-", "-o", "{tmp}/out", "--max-input-mb", "0.0001"), BALANCE * 10, 2, "XC003"),
    (("inspect", "{tmp}/prose.htm"), None, 2, "XC101"),
    (("evaluate", "{tmp}/prose.htm"), None, 2, "XC101"),
    # validate takes instances only
    (("validate", "{tmp}/catalog.xml"), None, 2, "XC902"),
    (("validate", "{tmp}/schema.xsd"), None, 2, "XC902"),
    (("validate", "{tmp}/prose.htm"), None, 2, "XC902"),
    (("validate", "{tmp}/entities.xml"), None, 2, "XC902"),
    # the output cannot be written: status 3
    (("convert", str(EXAMPLE), "-o", "{tmp}/afile/sub", "--no-validate"), None, 3, "XC901"),
]


@pytest.mark.parametrize("args, stdin, status, code", CASES)
def test_bad_input_gives_its_status_and_code(tmp_path, args, stdin, status, code):
    from converter.cli import main

    folder = _files(tmp_path)
    result = CliRunner().invoke(main, [a.replace("{tmp}", str(folder)) for a in args], input=stdin, catch_exceptions=False)
    assert (result.exit_code, code in result.output) == (status, True), result.output
    assert "Traceback" not in result.output and "\x1b" not in result.output and "\x9b" not in result.output
    written = sorted(p for p in tmp_path.rglob("*") if p.is_file() and p.parent != tmp_path)
    assert all(p.parent == tmp_path / "out" for p in written), written  # nothing outside the output folder
    assert not any(b"root:" in p.read_bytes() for p in written)  # no external entity read


@pytest.mark.parametrize("name", ["utf16-le.txt", "utf16-be.txt", "utf16-bom.txt"])
def test_utf16_with_or_without_a_byte_order_mark_is_read(tmp_path, name):
    from converter.pipeline import convert

    conversion = convert(_files(tmp_path).joinpath(name).read_bytes(), name)
    labels = [line.label for line in conversion.statements[0].lines]
    assert labels[1:] == ["Inventories", "Total assets"] and labels[0] in ("Caf\u00e9 cash", "Cash")
    assert not [d for d in conversion.diagnostics if d.code == "XC002"]


def test_control_characters_leave_the_label_whole(tmp_path):
    from converter.pipeline import convert

    conversion = convert(_files(tmp_path).joinpath("nul.txt").read_bytes(), "nul.txt")
    assert [line.label for line in conversion.statements[0].lines] == ["Cash", "Inventories", "Total assets"]
    (warning,) = [d for d in conversion.diagnostics if d.code == "XC002"]
    assert (str(warning.source), warning.message) == ("nul.txt:5", "1 control character(s) removed, the first '\\x00' on this line")


def test_deep_html_gives_the_facts_of_the_shallow_one(tmp_path):
    from converter.pipeline import convert

    def facts(data: bytes) -> list[tuple[str, str]]:
        return sorted((f.concept.name, str(f.value)) for f in convert(data, "x.htm").instance.facts)

    assert facts(_nested(3000, "<font size=2>", "", HTML_BALANCE)) == facts(_nested(3, "<font size=2>", "", HTML_BALANCE)) != []



def test_malformed_numbers_and_a_cut_row_are_entries_of_the_report(tmp_path):
    from converter.pipeline import convert, cut_line

    folder = _files(tmp_path)
    for name, expected in [
        ("malformed.txt", [("malformed.txt:5:25", "Inventories", "12..5", "malformed number '12..5'"),
                           ("malformed.txt:5:38", "Inventories", "(4", "malformed number '(4'")]),
        ("cut.txt", [("cut.txt:6:37", "Total assets", "1", "the input ends in the middle of this row: the number may be cut short")]),
    ]:
        data = folder.joinpath(name).read_bytes()
        entries = convert(data, name).report()["not_converted"]
        assert [(e["source"], e["label"], e["printed"], e["reason"]) for e in entries] == expected
    assert (cut_line(b"a\nb"), cut_line(b"a\nb\n"), cut_line(b"a\n  "), cut_line(b"a\r\nb\r\n")) == (2, None, None, None)
