"""Signs as XBRL wants them, not as printed.

A statement prints an expense or a dividend in parentheses to show it is subtracted; in XBRL it
stays positive, and the extension's negated label tells a reader it was printed the other way.
A loss on a two-way concept (NetIncomeLoss, OperatingIncomeLoss) is negative, as printed.
"""
from __future__ import annotations

import re

from ..statements import StatementLine
from .taxonomy import ConceptDef, Taxonomy

# Labels that name the opposite direction first: "Income tax benefit (expense)" on a debit concept.
_CREDIT_FIRST = re.compile(r"^(?:income\s+tax\s+)?benefit|^other\s+income\s*\((?:expense|loss)\)|^income\s*\((?:expense|loss)\)", re.I)
_DEBIT_FIRST = re.compile(r"^(?:other\s+)?expense\s*\(income\)|^(?:other\s+)?(?:loss|losses)\s*\((?:income|gain)s?\)", re.I)


def sign_for(line: StatementLine, concept: ConceptDef, taxonomy: Taxonomy) -> tuple[int, tuple[str, ...]]:
    """The factor from printed to XBRL value for a line, and why when it is not 1."""
    printed = [v.amount for v in line.values if v is not None and v.amount != 0]
    if printed and all(a < 0 for a in printed) and taxonomy.is_non_negative(concept.qname):
        return -1, (f"printed negative, but {concept.qname} is never negative: reported positive with a negated label",)
    if concept.balance == "debit" and _CREDIT_FIRST.search(line.label):
        return -1, (f"label names a credit first while {concept.qname} is a debit: sign reversed",)
    if concept.balance == "credit" and _DEBIT_FIRST.search(line.label):
        return -1, (f"label names a debit first while {concept.qname} is a credit: sign reversed",)
    return 1, ()
