"""Excel and CSV export of a claims table: one function call from a notebook, the app or the shell.

The workbook holds the sheets

- ``Claims``: every claim with its sentence and the report it comes from (title, publication date);
- ``Pivot``: canonical metrics by district and year (one row per metric *and unit*: values in
  different units are never combined; a cell shows the largest value stated, its qualifier as
  a number-format prefix, and a comment when several claims fall into it);
- ``Reports``: the documents (the corpus manifest) with their claim counts;
- ``Checks``: flagged claims or any check table, when one is given;
- ``About``: filters applied, dates, and what every column means, in Chinese and English.

Text is always written as text (never a formula), control characters are stripped, and a table
longer than a sheet continues on ``Claims (2)``, ``Claims (3)`` ... or is refused with a
ValueError (``overflow="error"``); rows are never dropped silently.

>>> from extract.schema import empty_claims
>>> workbook_bytes(empty_claims())[:2]
b'PK'
"""
from __future__ import annotations

import datetime as dt
import io
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from os import PathLike
from pathlib import Path
from typing import IO, Any, Literal

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from extract.schema import COLUMNS
from extract.store import FORMULA_START, runs_as_formula

__all__ = [
    "COLUMN_MEANINGS",
    "EXCEL_MAX_DATA_ROWS",
    "QUALIFIER_MARKS",
    "clean_text",
    "csv_bytes",
    "export_table",
    "metric_pivot",
    "workbook_bytes",
    "write_csv",
    "write_workbook",
]

#: Rows a worksheet holds below its header row (Excel's limit is 1,048,576 rows in all).
EXCEL_MAX_DATA_ROWS = 1_048_575
#: Characters a cell holds.
EXCEL_MAX_CELL_CHARS = 32_767

#: How a qualifier is shown in front of a number.
QUALIFIER_MARKS: dict[str, str] = {"exact": "", "over": "≥", "at_least": "≥", "about": "≈", "nearly": "~"}

#: Column meanings, (Chinese, English), for the About sheet and the dashboard's help texts.
COLUMN_MEANINGS: dict[str, tuple[str, str]] = {
    "claim_id": ("声明编号（由文档、起止位置计算，稳定）", "stable id: hash of document, start and end"),
    "doc_id": ("报道文件名", "the report's file name"),
    "report": ("报道标题", "the report's title"),
    "published": ("发布日期", "publication date of the report"),
    "district": ("所属城区（规范名称）", "canonical district name"),
    "subdistrict": ("街道、乡镇、社区或园区（如有）", "sub-district, town, community or park, when stated"),
    "year": ("数字所指年份", "the year the number refers to"),
    "period": ("年内时段（如 Q1-Q3、Jan-Apr）", "sub-year period when stated (Q1-Q3, Jan-Apr …)"),
    "metric": ("规范指标键（可跨城区比较；无则为空）", "canonical metric key (comparable across districts), empty if none"),
    "metric_label": ("指标简称（取自原文）", "short Chinese label of what is measured"),
    "subject": ("计数对象（原文）", "the noun counted, as written"),
    "category": ("类别", "category"),
    "claim_type": ("声明类型：achievement 成绩、target 目标、policy 政策、context 背景",
                   "claim type: achievement, target, policy, context"),
    "value": ("规范化数值（2.8万 → 28000；亿元折算为元）", "normalised number (2.8万 → 28000; money in 元)"),
    "value_max": ("区间上限（如 2~3 件）", "upper end of a range (2~3件)"),
    "unit": ("单位（原文量词；金额为元；% ；名次；share 表示分数）",
             "unit as written; money in 元; %; 名次 for ranks; share for fractions"),
    "qualifier": ("限定：exact 精确、over 超过（余/多/以上）、nearly 近、about 约、at_least 至少",
                  "qualifier: exact, over (余 多 以上), nearly (近), about (约 左右), at_least (至少)"),
    "raw": ("原文数字（含倍数、限定词和单位）", "the exact text of the number with multiplier, qualifier and unit"),
    "sentence": ("所在句子", "the sentence it stands in"),
    "start": ("原文起始字符位置", "character offset where raw starts in the report text"),
    "end": ("原文结束字符位置", "character offset where raw ends in the report text"),
    "flags": ("检查标记（; 分隔）：repeat 重复、no_year 无年份、implausible 不合理、rate_mismatch 比率不符、"
              "part_exceeds_total 部分大于整体、conflict 数据冲突、jump 逐年跳变",
              "';'-joined findings: repeat, no_year, implausible, rate_mismatch, part_exceeds_total, conflict, jump"),
    "claims": ("该报道的声明数", "number of claims from the report"),
}

_SHEET_TITLES = {"claims": "Claims", "pivot": "Pivot", "reports": "Reports", "checks": "Checks", "about": "About"}
# Characters XML 1.0 (and so xlsx) cannot hold; tab, newline and carriage return are kept.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_ERROR_CODES = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"}
_INTEGER_FORMAT = "#,##0"
_DECIMAL_FORMAT = "#,##0.0###"
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
_WIDTH_SAMPLE = 2_000

Target = str | PathLike | IO[bytes]


def clean_text(value: str) -> str:
    """``value`` without the control characters a workbook cannot hold (tab and line ends stay)."""
    return _CONTROL.sub("", value)


def export_table(claims: pd.DataFrame, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """The claims as exported: schema columns first, with the report's title and date after ``doc_id``."""
    table = claims.copy()
    first = [c for c in COLUMNS if c in table.columns]
    table = table[first + [c for c in table.columns if c not in first]]
    key = _document_key(documents)
    if key and "doc_id" in table.columns:
        info = documents.drop_duplicates(key).set_index(key)
        at = table.columns.get_loc("doc_id") + 1
        for offset, (name, source) in enumerate((("report", "title"), ("published", "published"))):
            if source in info.columns and name not in table.columns:
                values = table["doc_id"].map(info[source]).astype("string")
                table.insert(at + offset, name, values)
    return table


#: Findings of the checks that make a value doubtful (extract/rules/checks.toml): a flagged value is never
#: chosen for a Pivot cell over an unflagged one, and is marked when it is.
DOUBTFUL_FLAGS = ("implausible", "rate_mismatch", "part_exceeds_total", "conflict", "jump")
#: Claim types the Pivot shows, each on rows of its own: what was done, and what is planned.
PIVOT_TYPES = ("achievement", "target")
_FLAGGED_FILL = PatternFill("solid", fgColor="FFD7D2")


def metric_pivot(claims: pd.DataFrame) -> pd.DataFrame:
    """Canonical metrics by (metric, unit, claim type) × (district, year): the representative claim of each cell.

    One row per claim chosen, with columns metric, unit, claim_type, district, year, value, value_max,
    qualifier, raw, flags, n (claims in the cell), sources (their raw texts and reports), and the chosen
    claim's claim_id and doc_id. Achievements and targets are kept apart (never on one row); rules and
    background numbers are left out. The representative claim is the largest value stated, mentions
    flagged ``repeat`` left aside and values the checks doubt chosen only when no other is; nothing is
    ever summed.
    """
    cols = ["metric", "unit", "claim_type", "district", "year", "value", "value_max", "qualifier", "raw",
            "flags", "n", "sources", "claim_id", "doc_id"]
    rows = claims[claims["metric"].notna()] if "metric" in claims.columns else claims.iloc[0:0]
    if "claim_type" in rows.columns:
        rows = rows[rows["claim_type"].fillna("achievement").isin(PIVOT_TYPES)]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    flags = rows["flags"].fillna("") if "flags" in rows.columns else pd.Series("", index=rows.index)
    doubtful = "|".join(DOUBTFUL_FLAGS)
    rows = rows.assign(
        unit=rows["unit"].fillna(""),
        claim_type=(rows["claim_type"] if "claim_type" in rows.columns else "achievement"),
        flags=flags,
        _repeat=flags.str.contains(r"(?:^|;)repeat(?:;|$)", regex=True),
        _doubt=flags.str.contains(rf"(?:^|;)(?:{doubtful})(?:;|$)", regex=True),
        _year=rows["year"].astype("Float64").fillna(-1),
        _src=rows["raw"].fillna("") + " (" + rows["doc_id"].fillna("") + ")",
    )
    rows["claim_type"] = rows["claim_type"].fillna("achievement")
    keys = ["metric", "unit", "claim_type", "district", "_year"]
    rows = rows.sort_values(keys + ["_repeat", "_doubt", "value"], ascending=[True] * 5 + [True, True, False],
                            kind="stable")
    # groups in order of first appearance, as drop_duplicates keeps the first row of each
    listed = rows.groupby(keys, sort=False, dropna=False)["_src"].agg(list)
    table = rows.drop_duplicates(keys).reset_index(drop=True)
    table["n"] = [len(items) for items in listed]
    table["sources"] = [_list_sources(items) for items in listed]
    return table[cols]


def doubtful(flags: str | None) -> list[str]:
    """The findings of the checks among a claim's flags (``repeat`` and ``no_year`` are not doubts)."""
    return [f for f in (flags or "").split(";") if f in DOUBTFUL_FLAGS]


def _list_sources(sources: list[str], limit: int = 20) -> str:
    shown = "\n".join(sources[:limit])
    return shown + (f"\n… +{len(sources) - limit}" if len(sources) > limit else "")


def write_workbook(
    claims: pd.DataFrame,
    target: Target,
    *,
    documents: pd.DataFrame | None = None,
    checks: pd.DataFrame | None = None,
    filters: Mapping[str, Any] | None = None,
    extracted_at: dt.datetime | str | None = None,
    metric_names: Mapping[str, tuple[str, str]] | None = None,
    max_rows: int = EXCEL_MAX_DATA_ROWS,
    overflow: Literal["split", "error"] = "split",
) -> None:
    """Write the claims (and optional documents, checks) as an .xlsx workbook to a path or binary file.

    ``documents`` is the manifest table (``file, district, published, title, source, url, note``);
    ``filters`` maps a filter's name to what was chosen, for the About sheet; ``metric_names`` maps a
    metric key to its (Chinese, English) names, by default the engine's taxonomy when available.
    A sheet holds ``max_rows`` data rows; beyond that the table goes on in ``Claims (2)`` …
    (``overflow="split"``) or ValueError is raised before anything is written (``overflow="error"``).
    """
    if max_rows < 1:
        raise ValueError(f"max_rows must be at least 1, not {max_rows}")
    if overflow not in ("split", "error"):
        raise ValueError(f"overflow must be 'split' or 'error', not {overflow!r}")
    names = dict(metric_names) if metric_names is not None else _default_metric_names()
    table = export_table(claims, documents)
    reports = _reports_table(documents, claims) if documents is not None else None
    pivot = _pivot_frame(metric_pivot(claims), names)
    tables = {"claims": table, "pivot": pivot}
    if reports is not None:
        tables["reports"] = reports
    if checks is not None:
        tables["checks"] = export_table(checks, documents) if "claim_id" in checks.columns else checks
    if overflow == "error":
        for key, frame in tables.items():
            if len(frame) > max_rows:
                raise ValueError(
                    f"the {_SHEET_TITLES[key]} sheet would need {len(frame):,} rows but a sheet holds "
                    f"{max_rows:,}; filter the table further or export CSV"
                )

    book = Workbook(write_only=True)
    stats = {"cut_cells": 0, "sheets": {}}
    stats["sheets"]["Claims"] = _write_frame(book, "Claims", table, max_rows, stats)
    _write_pivot(book, pivot, max_rows, stats)
    if reports is not None:
        stats["sheets"]["Reports"] = _write_frame(book, "Reports", reports, max_rows, stats)
    if "checks" in tables:
        stats["sheets"]["Checks"] = _write_frame(book, "Checks", tables["checks"], max_rows, stats)
    _write_about(book, table, filters, extracted_at, stats)
    if isinstance(target, (str, PathLike)):
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    book.save(target)


def workbook_bytes(claims: pd.DataFrame, **options: Any) -> bytes:
    """The workbook of :func:`write_workbook` as bytes (for a download button or an HTTP response)."""
    buffer = io.BytesIO()
    write_workbook(claims, buffer, **options)
    return buffer.getvalue()


def write_csv(
    claims: pd.DataFrame,
    target: Target,
    *,
    documents: pd.DataFrame | None = None,
    guard_formulas: bool = True,
) -> None:
    """Write the claims as CSV in UTF-8 with a BOM (so Excel reads the Chinese right).

    With ``guard_formulas`` a text cell starting with = + - @ gets a leading apostrophe, so a
    spreadsheet opening the file shows it as text instead of running it as a formula.
    """
    table = export_table(claims, documents)
    for col in table.columns:
        if _is_text(table[col]):
            table[col] = table[col].map(
                lambda v: v if not isinstance(v, str) else _guard_csv(clean_text(v), guard_formulas),
                na_action="ignore",
            )
    data = table.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
    if isinstance(target, (str, PathLike)):
        Path(target).write_bytes(data)
    else:
        target.write(data)


def csv_bytes(claims: pd.DataFrame, **options: Any) -> bytes:
    """The CSV of :func:`write_csv` as bytes."""
    buffer = io.BytesIO()
    write_csv(claims, buffer, **options)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# sheets


def _write_frame(book: Workbook, title: str, frame: pd.DataFrame, max_rows: int, stats: dict) -> list[str]:
    """Write ``frame`` to one sheet, or several when it is longer than ``max_rows``; return their names."""
    chunks = max(1, math.ceil(len(frame) / max_rows))
    names = []
    for part in range(chunks):
        name = title if part == 0 else f"{title} ({part + 1})"
        chunk = frame.iloc[part * max_rows:(part + 1) * max_rows]
        ws = book.create_sheet(name)
        _layout(ws, frame, n_rows=len(chunk))
        ws.append(_header_cells(ws, frame.columns))
        writers = [_column_writer(ws, frame[col], col) for col in frame.columns]
        for values in zip(*(chunk[col].tolist() for col in frame.columns)):
            ws.append([w(v, stats) for w, v in zip(writers, values)])
        names.append(name)
    return names


def _layout(ws, frame: pd.DataFrame, *, n_rows: int, header_rows: int = 1) -> None:
    ws.freeze_panes = f"A{header_rows + 1}"
    last = get_column_letter(max(1, len(frame.columns)))
    ws.auto_filter.ref = f"A{header_rows}:{last}{header_rows + max(n_rows, 1)}"
    for i, col in enumerate(frame.columns, 1):
        ws.column_dimensions[get_column_letter(i)].width = _width(str(col), frame[col])


def _header_cells(ws, columns: Iterable[Any]) -> list[WriteOnlyCell]:
    cells = []
    for col in columns:
        cell = WriteOnlyCell(ws, value=None)
        _set_text(cell, clean_text(str(col)))
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cells.append(cell)
    return cells


def _column_writer(ws, series: pd.Series, name: str):
    """A function turning one value of ``series`` into what the sheet gets (a plain value or a cell)."""
    if _is_text(series):
        guarded = WriteOnlyCell(ws)
        guarded.quotePrefix = True

        def text(value, stats):
            return None if _missing(value) else _guarded_text(value, guarded, stats)
        return text

    if pd.api.types.is_bool_dtype(series):
        return lambda value, stats: None if value is pd.NA else bool(value)

    if pd.api.types.is_integer_dtype(series):
        # years, offsets, counts: General shows them as they are (no thousands separator in 2022)
        def integer(value, stats):
            return None if value is None or value is pd.NA else int(value)
        return integer

    if pd.api.types.is_numeric_dtype(series):
        cells: dict[str, WriteOnlyCell] = {}

        def number(value, stats):
            if _missing(value):
                return None
            if isinstance(value, float) and math.isinf(value):
                return None
            fmt = _INTEGER_FORMAT if float(value).is_integer() else _DECIMAL_FORMAT
            cell = cells.get(fmt)
            if cell is None:
                cell = cells[fmt] = WriteOnlyCell(ws)
                cell.number_format = fmt
            cell.value = float(value)
            return cell
        return number

    if pd.api.types.is_datetime64_any_dtype(series):
        return lambda value, stats: None if pd.isna(value) else pd.Timestamp(value).to_pydatetime()

    guarded = WriteOnlyCell(ws)
    guarded.quotePrefix = True

    def other(value, stats):
        if _missing(value):
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return value
        return _guarded_text(value, guarded, stats)
    return other


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _guarded_text(value, guarded: WriteOnlyCell, stats: dict):
    """Text for a cell; text that a spreadsheet would read as a formula goes in the quote-prefixed cell."""
    text = _fit(clean_text(str(value)), stats)
    if text.startswith(FORMULA_START) or text in _ERROR_CODES:
        _set_text(guarded, text)
        return guarded
    return text


def _pivot_frame(cells: pd.DataFrame, names: Mapping[str, tuple[str, str]]) -> pd.DataFrame:
    """Long pivot cells in sheet order, with the metric's names attached (empty frame if none)."""
    if cells.empty:
        return cells
    cells = cells.copy()
    cells["name_zh"] = cells["metric"].map(lambda k: names.get(k, (k, k))[0])
    cells["name_en"] = cells["metric"].map(lambda k: names.get(k, (k, k))[1])
    return cells


def _write_pivot(book: Workbook, cells: pd.DataFrame, max_rows: int, stats: dict) -> None:
    ws = book.create_sheet("Pivot")
    lead = ["metric", "指标", "metric (en)", "unit 单位", "类型 type"]
    if cells.empty:
        ws.append(_header_cells(ws, lead))
        ws.append(["没有规范指标的声明 / no claim has a canonical metric in this selection"])
        stats["sheets"]["Pivot"] = ["Pivot"]
        return
    columns = (
        cells[["district", "year"]].drop_duplicates()
        .assign(_y=lambda f: f["year"].astype("Float64").fillna(-1))
        .sort_values(["district", "_y"])[["district", "year"]]
        .itertuples(index=False, name=None)
    )
    columns = list(columns)
    position = {key: i for i, key in enumerate(columns)}
    row_keys = cells[["metric", "unit", "claim_type", "name_zh", "name_en"]].drop_duplicates(
        ["metric", "unit", "claim_type"])
    row_keys = row_keys.assign(_t=row_keys["claim_type"].map(PIVOT_TYPES.index)).sort_values(
        ["metric", "unit", "_t"])[["metric", "unit", "claim_type", "name_zh", "name_en"]]
    row_keys = list(row_keys.itertuples(index=False, name=None))
    if len(row_keys) > max_rows:  # the pivot is small by nature; say so if it is not
        raise ValueError(f"the Pivot sheet would need {len(row_keys):,} rows but a sheet holds {max_rows:,}")

    ws.freeze_panes = "F3"
    for i, width in enumerate([28, 22, 28, 8, 14], 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for i in range(len(columns)):
        ws.column_dimensions[get_column_letter(len(lead) + 1 + i)].width = 13
    ws.auto_filter.ref = f"A2:{get_column_letter(len(lead) + len(columns))}{2 + len(row_keys)}"

    top, second = _header_cells(ws, [""] * len(lead)), _header_cells(ws, lead)
    previous = None
    for district, year in columns:
        top += _header_cells(ws, [district if district != previous else ""])
        second += _header_cells(ws, ["年份不详 unknown" if pd.isna(year) else str(int(year))])
        previous = district
    top[0].value = "城区 district →"
    ws.append(top)
    ws.append(second)

    by_row = {key: [None] * len(columns) for key in ((m, u, t) for m, u, t, *_ in row_keys)}
    for cell in cells.itertuples(index=False):
        by_row[(cell.metric, cell.unit, cell.claim_type)][position[(cell.district, cell.year)]] = cell
    for metric, unit, claim_type, name_zh, name_en in row_keys:
        kind = _PIVOT_TYPE_NAMES.get(claim_type, claim_type)
        line: list[Any] = [_text_cell(ws, v, stats) for v in (metric, name_zh, name_en, unit, kind)]
        for cell in by_row[(metric, unit, claim_type)]:
            line.append(None if cell is None else _pivot_cell(ws, cell, stats))
        ws.append(line)
    stats["sheets"]["Pivot"] = ["Pivot"]


_PIVOT_TYPE_NAMES = {"achievement": "成效 achievement", "target": "目标 target"}


def _pivot_cell(ws, cell, stats) -> WriteOnlyCell:
    out = WriteOnlyCell(ws)
    mark = QUALIFIER_MARKS.get(cell.qualifier, "") if isinstance(cell.qualifier, str) else ""
    doubts = doubtful(cell.flags)
    warn = "⚠" if doubts else ""
    if pd.notna(cell.value_max):
        _set_text(out, f"{warn}{mark}{_plain_number(cell.value)}~{_plain_number(cell.value_max)}")
    else:
        out.value = float(cell.value)
        fmt = _INTEGER_FORMAT if float(cell.value).is_integer() else _DECIMAL_FORMAT
        out.number_format = f'"{warn}{mark}"{fmt}' if warn or mark else fmt
    if doubts:
        out.fill = _FLAGGED_FILL
    note = f"{cell.n} 条声明 / claims:\n{cell.sources}" if cell.n > 1 else f"{cell.sources}"
    if doubts:
        note = f"⚠ 核查提示 / flagged: {', '.join(doubts)}\n" + note
    out.comment = Comment(_fit(clean_text(note), stats)[:2000], "district-ledger")
    return out


def _reports_table(documents: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    reports = documents.copy()
    key = _document_key(reports)
    if key and "doc_id" in claims.columns:
        counts = claims["doc_id"].value_counts()
        reports["claims"] = reports[key].map(counts).fillna(0).astype("int64")
    return reports


def _document_key(documents: pd.DataFrame | None) -> str | None:
    """The column naming each report: ``file`` in a manifest-shaped table, ``doc_id`` in a run's."""
    if documents is None:
        return None
    return next((k for k in ("file", "doc_id") if k in documents.columns), None)


def _write_about(book: Workbook, table: pd.DataFrame, filters, extracted_at, stats: dict) -> None:
    ws = book.create_sheet("About")
    for letter, width in zip("ABC", (24, 60, 70)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    rows: list[list[Any]] = []
    now = dt.datetime.now().replace(microsecond=0)
    if isinstance(extracted_at, dt.datetime):
        extracted_at = extracted_at.replace(microsecond=0, tzinfo=None).isoformat(sep=" ")
    rows.append(["导出时间 exported", now.isoformat(sep=" "), ""])
    rows.append(["提取时间 extracted", extracted_at or "未知 unknown", ""])
    rows.append(["声明数 claims", len(table), ""])
    for sheet, names in stats["sheets"].items():
        if len(names) > 1:
            rows.append([f"分表 {sheet} split", "、".join(names), "表格超出单表行数，已续写在后续工作表 / continued on these sheets"])
    if stats["cut_cells"]:
        rows.append(["截断单元格 cut cells", stats["cut_cells"],
                     f"超过 {EXCEL_MAX_CELL_CHARS} 字符的文本已截断并以 … 结尾 / longer texts end in …"])
    rows.append(["", "", ""])
    rows.append(["筛选条件 filters", "", ""])
    if filters:
        for name, value in filters.items():
            rows.append([f"筛选 filter · {name}", _describe_filter(value), ""])
    else:
        rows.append(["（无 none）", "全部声明 all claims", ""])
    rows.append(["", "", ""])
    rows.append(["数据透视 Pivot", "每格为该指标、单位、城区、年份中最大的数值（重复提及除外），从不跨单位相加；批注列出所有来源。",
                 ("each cell is the largest value stated for that metric, unit, district and year (repeated "
                  "mentions aside); different units are never added up; the comment lists every source")])
    rows.append(["限定符号 marks", "≥ 超过/至少  ≈ 约  ~ 近", "≥ over / at least, ≈ about, ~ nearly"])
    rows.append(["", "", ""])
    rows.append(["列 column", "含义", "meaning"])
    for col in table.columns:
        zh, en = COLUMN_MEANINGS.get(str(col), ("", ""))
        rows.append([str(col), zh, en])

    ws.append(_header_cells(ws, ["项目 item", "内容", "details"]))
    for row in rows:
        ws.append([_text_cell(ws, v, stats) if isinstance(v, str) else v for v in row])


# ---------------------------------------------------------------------------------------------
# cells


def _set_text(cell: WriteOnlyCell, text: str) -> None:
    """Store ``text`` as a string whatever it starts with (openpyxl would read "=…" as a formula)."""
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_START) or text in _ERROR_CODES:
        cell.quotePrefix = True


def _text_cell(ws, value: str, stats: dict) -> Any:
    text = _fit(clean_text(value), stats)
    if text.startswith(FORMULA_START) or text in _ERROR_CODES:
        cell = WriteOnlyCell(ws)
        _set_text(cell, text)
        return cell
    return text


def _fit(text: str, stats: dict) -> str:
    if len(text) <= EXCEL_MAX_CELL_CHARS:
        return text
    stats["cut_cells"] += 1
    return text[:EXCEL_MAX_CELL_CHARS - 1] + "…"


def _guard_csv(text: str, guard: bool) -> str:
    """A leading apostrophe for text a spreadsheet would run as a formula; a plain signed number (-1.8,
    +5%) is data a spreadsheet reads as such, and is left as written."""
    return "'" + text if guard and runs_as_formula(text) else text


def _plain_number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"


def _is_text(series: pd.Series) -> bool:
    return pd.api.types.is_string_dtype(series) or (
        series.dtype == object and series.dropna().map(lambda v: isinstance(v, str)).all()
    )


def _width(header: str, series: pd.Series) -> float:
    """Column width in Excel units: wide characters count double; between 6 and 60."""
    sample = series.dropna().head(_WIDTH_SAMPLE)
    if pd.api.types.is_float_dtype(series):
        longest = max((len(f"{v:,.4f}".rstrip("0").rstrip(".")) for v in sample), default=0)
    else:
        longest = max((_display_len(str(v)) for v in sample), default=0)
    return float(min(60, max(6, _display_len(header), longest) + 2))


def _display_len(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text[:200])


def _describe_filter(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set, frozenset)):
        return "、".join(str(v) for v in value)
    return str(value)


def _default_metric_names() -> dict[str, tuple[str, str]]:
    try:
        from extract.metrics import metric_labels
    except ImportError:  # the taxonomy is optional: keys stand for themselves
        return {}
    return dict(metric_labels())

