"""The library interface (converter.convert): the README's example runs as written, and the result is
typed, repeatable and leaves no state behind."""
import contextlib
import io
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest

from converter import ConversionError, Result, convert

ROOT = Path(__file__).resolve().parents[1]


def test_the_readme_example_runs_and_prints_what_it_says(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = re.search(r"## As a library\n\n```python\n(.*?)```", readme, re.S).group(1)
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    printed = io.StringIO()
    cwd = os.getcwd()
    try:
        os.chdir(tmp_path)
        with contextlib.redirect_stdout(printed):
            exec(compile(code, "README.md", "exec"), {})
    finally:
        os.chdir(cwd)
    promised = [line.split("#", 1)[1].strip() for line in code.splitlines() if line.startswith("print(")]
    assert [" ".join(line.split()) for line in printed.getvalue().splitlines()] == promised
    assert sorted(p.name for p in (tmp_path / "out").iterdir())[-1] == "report.json"


def test_convert_takes_bytes_and_names_them():
    data = (ROOT / "examples" / "northwind-2008q3-ex99-1.txt").read_bytes()
    first, second = convert(data, path="release.txt"), convert(data, path="release.txt")
    assert isinstance(first, Result) and first.facts == second.facts  # repeatable in one process
    assert {f.source.file for f in first.facts if f.source} == {"release.txt"}
    assert all(isinstance(f.value, Decimal) and "E" not in str(f.value) for f in first.facts if f.unit)
    assert list(first.files())[0] == first.conversion.instance.file_name and "report.json" in first.files()


@pytest.mark.parametrize("source, code, status", [
    (b"", "XC101", 2),
    ("does-not-exist.txt", "XC001", 2),
])
def test_convert_raises_conversion_errors_with_their_code(source, code, status):
    with pytest.raises(ConversionError) as caught:
        convert(source)
    assert (caught.value.exit_code, [d.code for d in caught.value.diagnostics][-1]) == (status, code)
