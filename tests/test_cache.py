"""The on-disk cache of derived tables (converter/cache.py): read back, derived again when it cannot be."""
import pytest

from converter import cache
from converter.mapping import vocabulary
from converter.mapping.taxonomy import load_taxonomy


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def _counting(value):
    calls = []

    def build():
        calls.append(1)
        return value
    return build, calls


def test_a_value_is_derived_once_and_read_back(folder):
    build, calls = _counting({"a": frozenset({"x"})})
    assert cache.cached("table", b"key", build) == {"a": frozenset({"x"})}
    assert cache.cached("table", b"key", build) == {"a": frozenset({"x"})}
    assert len(calls) == 1 and len(list(folder.glob("table-*.pickle"))) == 1


def test_another_key_is_another_file(folder):
    build, calls = _counting(1)
    cache.cached("table", b"one", build)
    cache.cached("table", b"two", build)
    assert len(calls) == 2 and len(list(folder.glob("table-*.pickle"))) == 2


@pytest.mark.parametrize("content", [b"", b"not a pickle", b"\x80\x05K"])
def test_a_broken_file_is_derived_again(folder, content):
    build, calls = _counting([1, 2])
    cache.cached("table", b"key", build)
    (path,) = folder.glob("table-*.pickle")
    path.write_bytes(content)
    assert cache.cached("table", b"key", build) == [1, 2] and len(calls) == 2


def test_off_derives_every_time_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    build, calls = _counting(3)
    assert cache.cached("table", b"key", build) == cache.cached("table", b"key", build) == 3
    assert len(calls) == 2 and not list(tmp_path.rglob("*.pickle"))


def test_a_folder_that_cannot_be_written_still_gives_the_value(tmp_path, monkeypatch):
    (tmp_path / "file").write_text("a file where the folder would be")
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "file" / "cache"))
    build, _ = _counting("value")
    assert cache.cached("table", b"key", build) == "value"


def test_the_cached_name_terms_are_those_derived(folder):
    taxonomy = load_taxonomy()
    vocabulary._LOADED.pop(id(taxonomy), None)
    cached = vocabulary.load_vocabulary(taxonomy)  # derived and written
    vocabulary._LOADED.pop(id(taxonomy), None)
    read = vocabulary.load_vocabulary(taxonomy)  # read back
    rules = vocabulary.load_word_rules()
    derived = vocabulary.name_terms_of((c.name for c in read.concepts.values()), rules)
    assert read.terms == cached.terms == {q: derived[c.name] for q, c in read.concepts.items()}
    assert read.index == cached.index and read.weight == cached.weight
