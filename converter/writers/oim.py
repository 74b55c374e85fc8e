"""xBRL-JSON and xBRL-CSV: the XML instance as Arelle saves it in the Open Information Model.

Not written here by hand: Arelle loads the rendered instance with its extension (in a temporary
folder, through converter.validation) and saves it with its saveLoadableOIM plugin, so the files are
exactly what Arelle reads back. They name the extension schema as the instance does, relatively: they
belong in the same folder. A failure of Arelle is a ConversionError XC904, and nothing is written.
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..diagnostics import EXIT_OUTPUT, ConversionError, SourceRef, error
from ..xbrl.model import Instance

JSON, CSV = "json", "csv"
OIM_FORMATS = (JSON, CSV)


def oim_entry_name(instance: Instance, output_format: str) -> str:
    """The document Arelle loads for a format: <stem>.json, or the xBRL-CSV metadata <stem>-metadata.json
    (its table is <stem>-facts.csv)."""
    stem = Path(instance.file_name).stem
    return f"{stem}.json" if output_format == JSON else f"{stem}-metadata.json"


def write_oim(instance: Instance, dts: Mapping[str, bytes], formats: tuple[str, ...], validator=None) -> dict[str, dict[str, bytes]]:
    """Format -> (file name -> content) for each OIM format of formats, made by Arelle from the instance
    and its extension files (dts: the XML instance and the extension, name -> content). validator: a
    converter.validation.Validator whose warm Arelle to use (else one for this call)."""
    from ..validation import save_oim

    chosen = tuple(f for f in formats if f in OIM_FORMATS)
    if not chosen:
        return {}
    made = save_oim(dict(dts), instance.file_name, chosen, validator=validator)
    if made.problem:
        raise ConversionError([error("XC904", f"Arelle could not save {' and '.join(f'xBRL-{f.upper()}' for f in chosen)}: {made.problem}",
                                     SourceRef(instance.file_name))], EXIT_OUTPUT)
    files = dict(made.files)
    by_format: dict[str, dict[str, bytes]] = {}
    for output_format in chosen:
        entry = oim_entry_name(instance, output_format)
        tables = [name for name in files if name.endswith(".csv")] if output_format == CSV else []
        by_format[output_format] = {name: files[name] for name in (entry, *tables)}
    return by_format
