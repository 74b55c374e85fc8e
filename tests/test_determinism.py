"""The same document gives the same bytes in every process: no score, choice or order may depend on
Python's hash seed (the iteration order of sets). Each case converts in two child processes with
different PYTHONHASHSEED values and compares every output file."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLE, ROOT, SHARED

CHILD = """
import sys
from pathlib import Path
from converter import convert
from converter.inline_reader import read_inline
path, out = sys.argv[1], sys.argv[2]
data = Path(path).read_bytes()
if path.endswith("_ixbrl.htm"):
    data = read_inline(data, path).html.encode("utf-8")
convert(data, path=Path(path).name).write(out)
"""

DOCUMENTS = [
    EXAMPLE,
    SHARED / "seed" / "biosphere-medical-2007q2-ex99-1.txt",
    SHARED / "corpus" / "more" / "ixbrl" / "GeneralElectric_2023-06_10Q_ixbrl.htm",  # once depended on the seed
]


def _outputs(document: Path, out: Path, seed: str) -> dict[str, bytes]:
    environment = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", CHILD, str(document), str(out)], env=environment, check=True)
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_outputs_do_not_depend_on_the_hash_seed(tmp_path, document):
    if not document.exists():
        pytest.skip(f"{document} not available")
    first, second = _outputs(document, tmp_path / "a", "1"), _outputs(document, tmp_path / "b", "3")
    assert list(first) == list(second)
    assert [name for name in first if first[name] != second[name]] == []
