"""Where a line sits in its statement, as text the synonym table can match.

A line's context is a few position tags and then its section headers, normalized:
  balance sheet  side=assets|liabilities|equity, class=current|noncurrent|unclassified,
                 "last" for the last line of its side, "final" for the statement's last line,
                 "gross" above a contra line, "afteraccumulated" below accumulated depreciation,
                 "beforetreasury" above treasury stock, "afternci" below noncontrolling interests;
  cash flows     activity=operating|investing|financing|supplemental|other: the activity whose
                 "Net cash ... activities" total closes the block the line is in;
  income, comprehensive income
                 "beforenci" for a line the next two lines split between noncontrolling interests
                 and the parent (consolidated net income, total comprehensive income);
                 "afteroperating" below the operating result (operating income or loss);
                 "nocostofsales" above any cost of sales (so "Total operating costs and expenses"
                 of a company without sales is its operating expenses);
  every line     "total" when it is a total; then "| " and the sections.
"Other assets" so reads differently after "Total current assets" (OtherAssetsNoncurrent) than in
an unclassified balance sheet (OtherAssets), and "Other" above "Net cash used in investing
activities" differently from "Other" above the financing total.
"""
from __future__ import annotations

import re

from ..statements import Statement, StatementKind, StatementLine
from .labels import normalize

_ASSETS_HEADER = re.compile(r"^(?:total )?(?:current |noncurrent |other )?assets?\b(?! and)")
_LIABILITIES_HEADER = re.compile(r"\bliabilities\b(?!.*\bequity\b)|^liabilities and")
_EQUITY_HEADER = re.compile(r"\b(?:equity|deficit|deficiency|capital)\b(?<!working capital)")
# Lines that only a side but the assets prints, for statements without section headers.
_LIABILITY_LINE = re.compile(r"^(?:total current liabilities|accrued (?:expenses|liabilities)|deposits? from|securities sold|"
                             r"shortterm borrowings)\b|\bpayables?\b")
_EQUITY_LINE = re.compile(r"^(?:common stock|preferred stock|capital stock|additional paidin|paidin capital|retained earnings|"
                          r"accumulated deficit|treasury stock|total (?:stockholders|shareholders) equity)\b")
_CURRENT_ASSETS = re.compile(r"^(?:total )?current assets$")
_CURRENT_LIABILITIES = re.compile(r"^(?:total )?current liabilities$")
_ACTIVITY_TOTAL = re.compile(r"\bcash\b.*\b(operating|investing|financing)(?: activities)?$|\b(operating|investing|financing) activities$|\bcash\b.*\b(operations)$")
_ACTIVITY_HEADER = re.compile(r"\b(operating|investing|financing) activities\b")
_SUPPLEMENTAL = re.compile(r"supplement|noncash|non cash|cash paid|disclosure")


def line_contexts(statement: Statement) -> tuple[str, ...]:
    """The context text of each line of a statement, in order."""
    return _computed(statement)[1]


def context_of(line: StatementLine, statement: Statement) -> str:
    """The context text of one line (that very object) of a statement; "" for a line not in it."""
    _, contexts, positions = _computed(statement)
    index = positions.get(id(line))
    return contexts[index] if index is not None else ""


# By identity: hashing a statement (a frozen dataclass) costs as much as its lines, on every call.
_COMPUTED: dict[int, tuple[Statement, tuple[str, ...], dict[int, int]]] = {}
_KEPT = 64


def _computed(statement: Statement) -> tuple[Statement, tuple[str, ...], dict[int, int]]:
    found = _COMPUTED.get(id(statement))
    if found is None or found[0] is not statement:
        positions: dict[int, int] = {}
        for i, line in enumerate(statement.lines):
            positions.setdefault(id(line), i)
        found = (statement, _line_contexts(statement), positions)
        if len(_COMPUTED) >= _KEPT:
            del _COMPUTED[next(iter(_COMPUTED))]
        _COMPUTED[id(statement)] = found
    return found


def _line_contexts(statement: Statement) -> tuple[str, ...]:
    sections = tuple(" / ".join(normalize(s) for s in line.sections) for line in statement.lines)
    if statement.kind is StatementKind.BALANCE_SHEET:
        tags = _balance_sheet_tags(statement.lines)
    elif statement.kind is StatementKind.CASH_FLOW:
        tags = _cash_flow_tags(statement.lines)
    elif statement.kind in (StatementKind.INCOME, StatementKind.COMPREHENSIVE_INCOME):
        tags = _income_tags(statement.lines)
    else:
        tags = [[] for _ in statement.lines]
    return tuple(
        " ".join(t + (["total"] if line.is_total else []) + ["|", s])
        for t, line, s in zip(tags, statement.lines, sections)
    )


def _balance_sheet_tags(lines: tuple[StatementLine, ...]) -> list[list[str]]:
    sides = _sides(lines)
    labels = [normalize(line.label) for line in lines]
    sections = [[normalize(s) for s in line.sections] for line in lines]
    bounds = {side: _current_bounds(side, labels, sections, sides) for side in ("assets", "liabilities")}
    tags = []
    for i, line in enumerate(lines):
        side = sides[i]
        found = [f"side={side}", f"class={_class(i, side, sections, bounds)}"]
        following = sides[i + 1] if i + 1 < len(sides) else None
        if following != side:
            found.append("last")
        if following is None:
            found.append("final")
        found.extend(_neighbour_tags(labels, i))
        tags.append(found)
    return tags


_CONTRA = re.compile(r"^(?:less )?(?:accumulated depreciation|allowance for|reserve for|accumulated amortization)")


def _neighbour_tags(labels: list[str], i: int) -> list[str]:
    """gross: a contra line follows ("Less accumulated depreciation"); afteraccumulated: the line above
    is accumulated depreciation; beforetreasury: treasury stock follows."""
    found = []
    following = labels[i + 1] if i + 1 < len(labels) else ""
    previous = labels[i - 1] if i > 0 else ""
    if _CONTRA.search(following):
        found.append("gross")
    if re.search(r"accumulated depreciation", previous):
        found.append("afteraccumulated")
    if re.search(r"\btreasury\b|\besop\b", following):
        found.append("beforetreasury")
    if _NCI.search(previous):
        found.append("afternci")
    return found


# A line of noncontrolling (minority) interests: "Less: Net income attributable to noncontrolling interests".
_NCI = re.compile(r"\b(?:noncontrolling|non controlling|minority) interests?\b")
# The consolidated amount named for what it includes: "Net income including noncontrolling interests",
# "Net income before allocation to noncontrolling interests" is split by the lines below it, not one of them.
_CONSOLIDATED = re.compile(r"\b(?:including|before)\b.*" + _NCI.pattern)


def _split_below(labels: list[str]) -> bool:
    """Whether the noncontrolling interests' share is among the next lines, before a consolidated amount."""
    for label in labels:
        if _nci_share(label):
            return True
        if _NCI.search(label):
            return False
    return False


def _nci_share(label: str) -> bool:
    """A line of the noncontrolling interests' share, not the consolidated amount including it."""
    return bool(_NCI.search(label)) and not _CONSOLIDATED.search(label)


# The operating result: the lines below it are nonoperating.
_OPERATING_RESULT = re.compile(r"^(?:total )?(?:operating (?:income|loss|profit|earnings)|(?:income|loss|earnings|profit)(?: loss)? from operations)(?: loss| income)?$")
# A cost of sales line: the lines above the first one are tagged "nocostofsales".
_COST_OF_SALES = re.compile(r"^(?:total )?cost (?:of|relating to) (?:sales|revenues?|goods|products|services|net revenues?)\b|^costs? of (?:sales|revenues?)\b")


def _income_tags(lines: tuple[StatementLine, ...]) -> list[list[str]]:
    labels = [normalize(line.label) for line in lines]
    operating = next((i for i, label in enumerate(labels) if _OPERATING_RESULT.search(label)), len(labels))
    cost_of_sales = next((i for i, label in enumerate(labels) if _COST_OF_SALES.search(label)), len(labels))
    return [(["beforenci"] if not _nci_share(label) and _split_below(labels[i + 1:i + 3]) else [])
            + (["afteroperating"] if i > operating else [])
            + (["nocostofsales"] if i < cost_of_sales else [])
            for i, label in enumerate(labels)]


def _sides(lines: tuple[StatementLine, ...]) -> list[str]:
    """assets, liabilities or equity for each line: from its section headers, else from the totals above it."""
    sides = []
    position = "assets"
    for line in lines:
        from_sections = None
        for header in (normalize(s) for s in line.sections):
            if _ASSETS_HEADER.search(header):
                from_sections = "assets"
            elif _LIABILITIES_HEADER.search(header):
                from_sections = "liabilities"
            elif _EQUITY_HEADER.search(header):
                from_sections = "equity"
        side = from_sections or position
        sides.append(side)
        label = normalize(line.label)
        if re.match(r"^total assets$", label):
            position = "liabilities"
        elif re.match(r"^total liabilities$", label) or (from_sections == "equity"):
            position = "equity"
        elif from_sections:
            position = from_sections
        elif _LIABILITY_LINE.search(label) and position == "assets":
            position = sides[-1] = "liabilities"
        elif _EQUITY_LINE.search(label) and position != "equity":
            position = sides[-1] = "equity"
    return sides


def _current_header(side: str) -> re.Pattern:
    return _CURRENT_ASSETS if side == "assets" else _CURRENT_LIABILITIES


def _current_bounds(side: str, labels: list[str], sections: list[list[str]], sides: list[str]) -> tuple[int | None, int | None]:
    """The first "Total current ..." line of a side, and the first line under a "Current ..." header."""
    header = _current_header(side)
    total = next((j for j, label in enumerate(labels) if header.match(label) and sides[j] == side), None)
    under = next((j for j, found in enumerate(sections) if any(header.match(s) for s in found)), None)
    return total, under


def _class(i: int, side: str, sections: list[list[str]], bounds: dict[str, tuple[int | None, int | None]]) -> str:
    if side == "equity":
        return "equity"
    if any(_current_header(side).match(s) for s in sections[i]):
        return "current"
    total, under = bounds[side]
    if total is not None:
        return "current" if i <= total else "noncurrent"
    if under is not None:
        return "current" if i < under else "noncurrent"
    return "unclassified"


def _cash_flow_tags(lines: tuple[StatementLine, ...]) -> list[list[str]]:
    labels = [normalize(line.label) for line in lines]
    totals = [(j, _activity_of_total(label)) for j, label in enumerate(labels) if _activity_of_total(label)]
    tags = []
    closing = 0  # the first total at or below the line
    for i, line in enumerate(lines):
        headers = " ".join(normalize(s) for s in line.sections)
        while closing < len(totals) and totals[closing][0] < i:
            closing += 1
        activity = totals[closing][1] if closing < len(totals) else "other"
        named = _ACTIVITY_HEADER.search(headers)
        if named and not headers.startswith("adjustments"):
            activity = named.group(1)
        if _SUPPLEMENTAL.search(headers) or line.supplemental:
            activity = "supplemental"
        tags.append([f"activity={activity}"])
    return tags


def _activity_of_total(label: str) -> str | None:
    found = _ACTIVITY_TOTAL.search(label)
    if not found or label.startswith(("adjustments", "cash flows from", "cash flow from")):
        return None
    return found.group(1) or found.group(2) or "operating"
