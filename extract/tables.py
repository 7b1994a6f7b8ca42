"""The measure a table states for the bare numbers in its cells, and what those numbers count.

Statistical tables and progress tables write the unit once: in a column's header (总投资（亿元）), in a
column of units (指标 | 单位 | 2023年), or in a line above the table (单位：万元). A number in a cell with no
measure word of its own takes that unit, read by the number grammar as if written after it; its subject
is the header's name, or the row's label when the header says only when or how (2023年, 完成, 增长).
The rules are data in ``rules/tables.toml``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import replace
from functools import lru_cache

from .numbers import Quantity, scan_quantities
from .rules import load_toml
from .text import Cell, Segments
from .words import cut


@lru_cache(maxsize=1)
def _rules() -> dict:
    r = load_toml("tables.toml")
    return {
        "header_unit": re.compile(r["header_unit"]),
        "unit_column": re.compile(r["unit_column"]),
        "unit_line": re.compile(r["unit_line"]),
        "unit_line_reach": r["unit_line_reach"],
        "value_headers": re.compile(r["value_headers"]),
        "change_headers": re.compile(r["change_headers"]),
        "serial": re.compile(r["serial_headers"], re.IGNORECASE),
        "total_row": re.compile(r["total_row"]),
    }


def header_name(header: str) -> str:
    """The header without the unit it states: 总投资（亿元） → 总投资."""
    m = _rules()["header_unit"].search(header)
    return (header[:m.start()] if m else header).strip()


def header_unit(header: str) -> str | None:
    """The unit a header states, if any: 总投资（亿元） → 亿元, 增长(%) → %."""
    m = _rules()["header_unit"].search(header)
    return (m["bracket"] or m["slash"]).strip() if m else None


_HEADER_YEAR = re.compile(r"^\s*((?:19|20)\d{2})\s*年")


def header_year(header: str) -> int | None:
    """The year a column's header states (2023年, 2023年1-9月), if any."""
    m = _HEADER_YEAR.match(header)
    return int(m.group(1)) if m else None


def row_span(seg: Segments, pos: int) -> tuple[int, int] | None:
    """The span of the table row holding ``pos``, if it is in a table."""
    cell = seg.cell(pos)
    if cell is None:
        return None
    cells = row_cells(seg, cell)
    return cells[0].start, cells[-1].end


def row_cells(seg: Segments, cell: Cell) -> list[Cell]:
    """The cells of the row ``cell`` is in, left to right."""
    cells, starts = seg.cells, [c.start for c in seg.cells]
    i = bisect.bisect_left(starts, cell.start)
    table = seg.table(cell.start)
    lo = i
    while lo > 0 and cells[lo - 1].row == cell.row and cells[lo - 1].column < cells[lo].column \
            and table and cells[lo - 1].start >= table[0]:
        lo -= 1
    hi = i
    while hi + 1 < len(cells) and cells[hi + 1].row == cell.row and cells[hi + 1].column > cells[hi].column \
            and table and cells[hi + 1].end <= table[1]:
        hi += 1
    return cells[lo:hi + 1]


def _headers(seg: Segments, cell: Cell) -> list[str]:
    return [c.header for c in row_cells(seg, cell)]


def stated_unit(seg: Segments, pos: int) -> str | None:
    """The unit the table around ``pos`` states for the cell there: its column's header, else the row's
    cell in the column of units, else a unit line just above the table."""
    r = _rules()
    cell = seg.cell(pos)
    if cell is None:
        return None
    unit = header_unit(cell.header)
    if unit:
        return unit
    text = seg.text
    for other in row_cells(seg, cell):
        if r["unit_column"].match(other.header.strip()):
            value = text[other.start:other.end].strip()
            return value or None
    table = seg.table(pos)
    if table is None:
        return None
    above = text[:table[0]].rstrip("\n").split("\n")[-r["unit_line_reach"]:]
    for line in reversed(above):
        m = r["unit_line"].match(line)
        if m:
            return m["unit"]
    return None


def with_stated_unit(q: Quantity, seg: Segments) -> Quantity:
    """``q`` read with the unit its table states, when it is a bare number in a cell; else ``q``."""
    if q.unit is not None or q.kind != "count" or q.multiplied:
        return q
    cell = seg.cell(q.start)
    if cell is None or _rules()["serial"].match(cell.header.strip()):
        return q
    unit = stated_unit(seg, q.start)
    if not unit:
        return q
    raw = seg.text[q.start:q.end]
    read = scan_quantities(raw + unit)
    if len(read) != 1 or read[0].start != 0 or read[0].end != len(raw) + len(unit) or read[0].unit is None:
        return q  # a unit the grammar does not read (元/平方米 is read; 户·次 may not be): left bare
    got = read[0]
    return replace(q, value=got.value, value_max=got.value_max, unit=got.unit, unit_raw=got.unit_raw,
                   kind=got.kind, multiplied=got.multiplied, qualifier=got.qualifier if q.qualifier == "exact"
                   else q.qualifier)


def cell_subject(seg: Segments, pos: int) -> str:
    """The words that say what a bare cell counts: its header's name, or the row's label when the header
    says only when or how (2023年, 完成, 增长); empty outside a table."""
    return _cell_words(seg, pos)[0]


def cell_measure(seg: Segments, pos: int) -> str:
    """The words a bare cell's canonical metric is read from: its subject, followed by its header's name
    when the header says how the row's indicator changed or what share it is (地区生产总值 | 增长（%） →
    地区生产总值增长); empty outside a table."""
    subject, name = _cell_words(seg, pos)
    if subject and name and subject != name and _rules()["change_headers"].match(name):
        return subject + name
    return subject


def row_label(seg: Segments, pos: int) -> str:
    """The label of the row of a cell under a value header (年度目标, 完成情况): what the row counts, when
    the cell's own words do not say it (已完工4所); empty for other cells and outside a table."""
    cell = seg.cell(pos)
    name = header_name(cell.header) if cell is not None else ""
    if not name or not _rules()["value_headers"].match(name):
        return ""
    label = _row_subject(seg, cell, name)
    return "" if label == name else label  # a row without a label: the header says nothing counted


def row_name(label: str) -> str | None:
    """A table row's label when it names an item (兰考县家居产业园二期), to be kept whole as what the row's
    figures are of; None for a total row (合计) or a label that says what was done (新增公共停车泊位)."""
    label = label.strip()
    if not label or _rules()["total_row"].match(label) or cut(label[:6])[0][1].startswith("v"):
        return None
    return label


def _cell_words(seg: Segments, pos: int) -> tuple[str, str]:
    """(the cell's subject words, its header's name)."""
    cell = seg.cell(pos)
    if cell is None:
        return "", ""
    name = header_name(cell.header)
    return _row_subject(seg, cell, name), name


def _row_subject(seg: Segments, cell: Cell, name: str) -> str:
    r = _rules()
    if name and not r["value_headers"].match(name):
        return name
    text = seg.text
    for other in row_cells(seg, cell):
        if other.column >= cell.column:
            break
        if r["serial"].match(other.header.strip()) or r["unit_column"].match(other.header.strip()):
            continue
        label = text[other.start:other.end].strip()
        if label and not label.isdigit():
            return label
    return name
