"""Validation speed by phase, and the proof that the trimmed taxonomy package changes no message (issue 13).

    python -m bench.validation_speed [--phases] [--warm] [--equivalence] [DOCUMENT ...]

--phases (default documents: the seed and three corpus documents) converts each document and times, in
this process, importing Arelle, loading the DTS and validating, with the full bundled package and with
the package trimmed to the instance (median of 3). --warm times a warm Validator (one Arelle child
kept alive), per document, and the seed's convert + validate in one warm process (median of 20).
--equivalence converts every document of ../shared/corpus/text and html (or the given ones) to XML and
inline XBRL, takes the
filed instances of corpus/pairs as they are, adds three deliberately broken copies of the seed's instance, and validates each with the full and the trimmed
package: any difference in the messages is printed, and the exit status is 1.
Figures only: nothing here asserts a time.
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "biosphere-medical-2007q2-ex99-1.txt"
CORPUS = SHARED / "corpus"
PHASE_DOCUMENTS = (SEED, CORPUS / "text" / "Apple_2000-04_10Q.txt", CORPUS / "html" / "Caterpillar_2022-04_8K_EX99.1.txt",
                   CORPUS / "html" / "Dell_2006-02_10K.htm")
SUFFIXES = (".txt", ".htm", ".html")


def convert_to(document: Path, folder: Path) -> Path | None:
    """The instance of a document's conversion, written into folder (None when nothing converts)."""
    from converter import ConversionError, convert

    try:
        return Path(convert(document).write(folder).instance)
    except ConversionError:
        return None


def _both_formats(document: Path, folder: Path) -> list[Path]:
    """The XML instance and the inline XBRL document of a conversion (none when nothing converts)."""
    from converter import ConversionError, convert

    try:
        files = convert(document).write(folder, formats="xml,ixbrl")
    except ConversionError:
        return []
    return [Path(files.instance), Path(files.inline)]


def broken_copies(instance: Path) -> dict[str, Path]:
    """Three broken variants of an instance of ours, next to it: an undefined concept, a fact in a context
    of the wrong period type, a total that no longer adds up."""
    text = instance.read_text(encoding="utf-8")
    variants = {
        "undefined-concept": re.sub(r"<us-gaap:(\w+)( [^>]*>[^<]*</)us-gaap:\1>",
                                    r"<us-gaap:NoSuchConceptAnywhere\2us-gaap:NoSuchConceptAnywhere>", text, count=1),
        "wrong-period-type": _swap_first_instant_context(text),
        "calculation-inconsistency": _bump_a_total(instance, text),
    }
    paths = {}
    for name, variant in variants.items():
        assert variant != text, name
        paths[name] = instance.with_name(f"{instance.stem}-{name}.xml")
        paths[name].write_text(variant, encoding="utf-8")
    return paths


def _swap_first_instant_context(text: str) -> str:
    instant = re.search(r'<xbrli:context id="([^"]+)">\s*<xbrli:entity>(?:(?!</xbrli:context>).)*?<xbrli:instant>', text, re.S)
    duration = re.search(r'<xbrli:context id="([^"]+)">\s*<xbrli:entity>(?:(?!</xbrli:context>).)*?<xbrli:startDate>', text, re.S)
    fact = re.search(rf'<us-gaap:\w+ contextRef="{re.escape(instant.group(1))}"', text)
    start, end = fact.span()
    return text[:start] + fact.group(0).replace(instant.group(1), duration.group(1)) + text[end:]


def _bump_a_total(instance: Path, text: str) -> str:
    """Adds ten million to every fact of the first summation parent of the calculation linkbase."""
    calculation = instance.with_name(f"{instance.stem}_cal.xml").read_text(encoding="utf-8")
    parent = re.search(r'xlink:from="([^"]+)"', calculation).group(1)
    concept = re.search(rf'#us-gaap_(\w+)" xlink:label="{re.escape(parent)}"', calculation).group(1)
    return re.sub(rf'(<us-gaap:{concept} [^>]*>)(-?\d+)(</us-gaap:{concept}>)',
                  lambda m: m.group(1) + str(int(m.group(2)) + 10_000_000) + m.group(3), text)


def phases(documents: list[Path]) -> None:
    started = time.perf_counter()
    from arelle import ModelManager, Validate  # noqa: F401 (the import is the first phase)
    from arelle.api.Session import Session  # noqa: F401

    print(f"import Arelle: {(time.perf_counter() - started) * 1000:.0f} ms")
    timer = _PhaseTimer()
    with tempfile.TemporaryDirectory() as out:
        for document in documents:
            instance = convert_to(document, Path(out) / document.stem)
            if instance is None:
                print(f"{document.name}: no statement converted")
                continue
            for label, package in _packages(instance, Path(out)).items():
                runs = [timer.run(instance, package) for _ in range(3)]
                load, check, total = (statistics.median(r[i] for r in runs) for i in range(3))
                print(f"{document.name} [{label}]: load DTS {load * 1000:.0f} ms, validate {check * 1000:.0f} ms, "
                      f"run {total * 1000:.0f} ms ({timer.concepts} concepts in the DTS)")


def _packages(instance: Path, folder: Path) -> dict[str, Path]:
    from converter.trimmed_taxonomy import dts_words, trimmed_package
    from converter.validation import PACKAGE_NAME, _package_dir, _zip_package

    full = folder / f"{PACKAGE_NAME}.zip"
    if not full.exists():
        _zip_package(_package_dir(), full)
    return {"full": full, "trimmed": trimmed_package(_package_dir(), dts_words(instance)[0], folder, PACKAGE_NAME)}


class _PhaseTimer:
    """Times Arelle's DTS load and validation by wrapping ModelManager.load and Validate.validate."""

    def __init__(self) -> None:
        from arelle import ModelManager, Validate

        self.seconds = {"load": 0.0, "validate": 0.0}
        self.concepts = 0
        load, validate = ModelManager.ModelManager.load, Validate.validate

        def timed_load(manager, *args, **kwargs):
            started = time.perf_counter()
            model = load(manager, *args, **kwargs)
            self.seconds["load"] += time.perf_counter() - started
            self.concepts = len(model.qnameConcepts) if model is not None else 0
            return model

        def timed_validate(*args, **kwargs):
            started = time.perf_counter()
            result = validate(*args, **kwargs)
            self.seconds["validate"] += time.perf_counter() - started
            return result

        ModelManager.ModelManager.load = timed_load
        Validate.validate = timed_validate

    def run(self, instance: Path, package: Path) -> tuple[float, float, float]:
        from converter.validation import _validate_in_worker

        self.seconds = {"load": 0.0, "validate": 0.0}
        started = time.perf_counter()
        _validate_in_worker(str(instance), [str(package)])
        return self.seconds["load"], self.seconds["validate"], time.perf_counter() - started


def warm(documents: list[Path], repeat: int) -> None:
    from converter import convert
    from converter.validation import Validator

    with tempfile.TemporaryDirectory() as out, Validator() as validator:
        for document in documents:
            instance = convert_to(document, Path(out) / document.stem)
            if instance is None:
                continue
            validator.validate(instance)
            seconds = statistics.median(_timed(lambda: validator.validate(instance)) for _ in range(5))
            print(f"{document.name}: warm validate {seconds * 1000:.0f} ms (median of 5)")
        data = SEED.read_bytes()

        def convert_and_validate() -> None:
            convert(data, path=SEED.name).validate(validator=validator)

        convert_and_validate()
        seconds = statistics.median(_timed(convert_and_validate) for _ in range(repeat))
        print(f"{SEED.name}: warm convert + validate {seconds * 1000:.0f} ms (median of {repeat})")


def equivalence(documents: list[Path]) -> int:
    from converter.validation import Validator, instance_problem

    differences = 0
    with tempfile.TemporaryDirectory() as out:
        instances = {}
        for document in documents:
            if document.suffix == ".xml" and instance_problem(document) is None:  # somebody's instance
                instances[f"{document.name} (as filed)"] = document
                continue
            for instance in _both_formats(document, Path(out) / document.stem):
                instances[document.name + (" (inline)" if instance.suffix == ".htm" else "")] = instance
        seed = instances.get(SEED.name)
        if seed is not None:
            instances.update({f"{SEED.name} ({name})": path for name, path in broken_copies(seed).items()})
        with Validator(full_dts=True) as full, Validator() as trimmed:
            for name, instance in instances.items():
                expected, actual = full.validate(instance), trimmed.validate(instance)
                same = same_messages(expected, actual)
                differences += not same
                print(f"{'same' if same else 'DIFFERENT'}  {name}: ok={expected.ok}, {len(expected.messages)} messages "
                      f"{sorted(expected.codes)[:4]}")
                if not same:
                    print(f"    full:    {expected.messages}\n    trimmed: {actual.messages}")
    print(f"{len(instances)} instances, {differences} with different messages")
    return 1 if differences else 0


def same_messages(first, second) -> bool:
    """The same verdict and messages; their order is Arelle's iteration over sets, not part of the verdict."""
    return first.ok == second.ok and sorted(first.messages, key=repr) == sorted(second.messages, key=repr)


def _timed(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def _corpus_documents() -> list[Path]:
    documents = [SEED] if SEED.exists() else []
    for folder in ("text", "html"):
        documents += sorted(p for p in (CORPUS / folder).glob("*") if p.suffix.lower() in SUFFIXES)
    return documents + sorted((CORPUS / "pairs").glob("*_instance.xml"))  # filed instances, validated as they are


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("documents", nargs="*", type=Path)
    parser.add_argument("--phases", action="store_true")
    parser.add_argument("--warm", action="store_true")
    parser.add_argument("--equivalence", action="store_true")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp(prefix="arelle-config-"))  # keep ~/.config alone
    if not (args.phases or args.warm or args.equivalence):
        args.phases = args.warm = True
    chosen = args.documents or [p for p in PHASE_DOCUMENTS if p.exists()]
    if args.phases:
        phases(chosen)
    if args.warm:
        warm(chosen, args.repeat)
    return equivalence(args.documents or _corpus_documents()) if args.equivalence else 0


if __name__ == "__main__":
    sys.exit(main())
