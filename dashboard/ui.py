"""Small pieces every page uses: its header, links to a report, text shown as text, the downloads."""
from __future__ import annotations

import datetime as dt
import hashlib
import html
import io
import json
import re
from collections.abc import Callable, Mapping
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from dashboard import data, filters, i18n
from dashboard.i18n import t
from extract.excel import clean_text, csv_bytes, workbook_bytes

REPORT_PAGE = "views/report.py"
CLAIMS_PAGE = "views/claims.py"
#: The Report view's url path (``st.Page(..., url_path=...)`` in app.py).
REPORT_URL = "report"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: What Markdown (and Streamlit's own directives, ``:red[…]``, ``:material/…:``) reads as markup.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&])")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def page_header(key: str) -> None:
    """The page's title and its one-line introduction (``intro.<name>`` when there is one)."""
    st.title(t(key))
    intro = "intro." + key.split(".", 1)[-1]
    if intro in i18n.TEXT:
        st.caption(t(intro))


def style() -> None:
    """The app's few style rules (the file uploader's texts in the interface language)."""
    from dashboard.intake import MAX_REPORT_MB

    drop, browse = t("add.drop", limit=MAX_REPORT_MB), t("add.browse")
    st.html(
        "<style>"
        '[data-testid="stFileUploaderDropzoneInstructions"] span {display:none}'
        '[data-testid="stFileUploaderDropzoneInstructions"] small {display:none}'
        '[data-testid="stFileUploaderDropzoneInstructions"] > div::after {content:' + _css_string(drop) + '}'
        '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] {display:none}'
        '[data-testid="stFileUploaderDropzone"] button [data-has-shortcut]::after {content:' + _css_string(browse)
        + ';margin-left:0.25rem}'
        "</style>"
    )


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ") + '"'


def plain(text: object) -> str:
    """``text`` escaped for a place that reads Markdown (widget labels, page links, captions).

    >>> plain("**粗体** [x](javascript:alert(1)) :red[y]")
    '\\\\*\\\\*粗体\\\\*\\\\* \\\\[x\\\\]\\\\(javascript\\\\:alert\\\\(1\\\\)\\\\) \\\\:red\\\\[y\\\\]'
    """
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ""
    return _MARKDOWN.sub(r"\\\1", " ".join(str(text).split()))


def text_line(text: str, *, kind: str = "caption") -> None:
    """A line of text that holds report or manifest text: escaped HTML, never Markdown."""
    styles = {
        "caption": "color:rgba(49,51,63,0.65);font-size:0.875rem",
        "info": "background:rgba(28,131,225,0.1);color:rgb(0,66,128);padding:0.75rem 1rem;border-radius:0.5rem",
        "error": "background:rgba(255,43,43,0.09);color:rgb(125,53,59);padding:0.75rem 1rem;border-radius:0.5rem",
        "success": "background:rgba(33,195,84,0.1);color:rgb(23,114,51);padding:0.75rem 1rem;border-radius:0.5rem",
    }
    st.html(f'<div class="ledger-{kind}" style="{styles[kind]};white-space:pre-wrap">{html.escape(text)}</div>')


def query(**params: str | list[str] | None) -> dict[str, str | list[str]]:
    """Query parameters for a link: ``params`` without empty ones, and the interface language."""
    out = {k: v for k, v in params.items() if v not in (None, "", [])}
    return out | {"lang": i18n.lang()}


def report_link(doc_id: str, claim_id: str | None = None, label: str | None = None) -> None:
    """A link to the Report view of ``doc_id`` (with ``claim_id`` selected), opening in this tab."""
    st.page_link(REPORT_PAGE, label=plain(label) if label else t("report.open"), icon=":material/article:",
                 query_params=query(doc=doc_id, claim=claim_id))


def report_href(doc_id: str, claim_id: str | None = None) -> str:
    """A relative URL of the Report view (for link columns of a table)."""
    return f"{REPORT_URL}?{urlencode(query(doc=doc_id, claim=claim_id), doseq=True)}"


def report_title(doc_id: str) -> str:
    """A report's title from the manifest, or its file name when it has none."""
    return data.titles().get(doc_id) or str(doc_id)


def stamp(described: Mapping[str, object]) -> str:
    """A file name's tail: the time to the second and a short digest of what was chosen.

    Two downloads differ by name when they differ in their choices or in their second.
    """
    digest = hashlib.sha1(json.dumps(dict(described), sort_keys=True, ensure_ascii=False, default=str)
                          .encode("utf-8")).hexdigest()[:6]
    return f"{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}-{digest}"


def downloads(view: pd.DataFrame, chosen: filters.Filters, *, key: str) -> None:
    """CSV and Excel buttons for ``view``; the files are built only when a button is clicked."""
    documents = data.documents()
    described = filters.describe(chosen)
    extracted = data.extracted_at()
    names = i18n.metric_labels()
    tail = stamp(described)

    def reports() -> pd.DataFrame:
        return documents if chosen.is_empty() else documents[documents["file"].isin(set(view["doc_id"].dropna()))]

    def excel() -> bytes:
        return workbook_bytes(view, documents=reports(), checks=data.checks_for(view), filters=described,
                              extracted_at=extracted, metric_names=names)

    def csv() -> bytes:
        return csv_bytes(view, documents=reports())

    row = st.container(horizontal=True)
    row.download_button(t("download.csv"), data=csv, file_name=f"ledger-claims-{tail}.csv",
                        mime="text/csv", key=f"{key}.csv", on_click="ignore", icon=":material/download:")
    row.download_button(t("download.xlsx"), data=excel, file_name=f"ledger-claims-{tail}.xlsx",
                        mime=XLSX_MIME, key=f"{key}.xlsx", on_click="ignore", icon=":material/table:")


def frame_downloads(frame: Callable[[], pd.DataFrame], *, name: str, described: Mapping[str, object], key: str,
                    flagged: Callable[[], list[bool]] | None = None) -> None:
    """CSV and Excel buttons for a small table (built only when clicked); flagged rows marked in Excel."""
    tail = stamp(described)

    def csv() -> bytes:
        table = frame()
        guarded = table.apply(lambda col: col.map(_guard) if col.dtype == object or str(col.dtype) == "string"
                              else col)
        return guarded.to_csv(index=False).encode("utf-8-sig")

    def excel() -> bytes:
        return sheet_bytes(frame(), flagged() if flagged else None, about=described)

    row = st.container(horizontal=True)
    row.download_button(t("download.csv"), data=csv, file_name=f"ledger-{name}-{tail}.csv", mime="text/csv",
                        key=f"{key}.csv", on_click="ignore", icon=":material/download:")
    row.download_button(t("download.xlsx"), data=excel, file_name=f"ledger-{name}-{tail}.xlsx", mime=XLSX_MIME,
                        key=f"{key}.xlsx", on_click="ignore", icon=":material/table:")


def _guard(value: object) -> object:
    """Text that a spreadsheet would take for a formula gets a leading apostrophe (OWASP's advice)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


#: The fill of a flagged row in an exported sheet, and its note (the Excel Pivot's convention).
FLAG_FILL = "FFD7D2"


def sheet_bytes(table: pd.DataFrame, flagged: list[bool] | None = None, *, about: Mapping[str, object] = ()) -> bytes:
    """An .xlsx of ``table`` (text as text, never a formula; numbers with separators); rows flagged by the
    checks filled red and marked ⚠ in their first column; an About sheet with the choices made."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    ws = book.active
    ws.title = "Data"
    ws.append([str(c) for c in table.columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    fill = PatternFill("solid", fgColor=FLAG_FILL)
    marks = flagged or [False] * len(table)
    for values, bad in zip(table.itertuples(index=False, name=None), marks):
        row = []
        for value in values:
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                row.append(None)
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                row.append(float(value))
            else:
                row.append(clean_text(str(value)))
        ws.append(row)
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, float):
                cell.number_format = "#,##0" if cell.value.is_integer() else "#,##0.0###"
            elif isinstance(cell.value, str):
                cell.data_type = "s"
            if bad:
                cell.fill = fill
        if bad:
            first = ws.cell(row=ws.max_row, column=1)
            first.value = "⚠ " + str(first.value or "")
    for i, column in enumerate(table.columns, 1):
        ws.column_dimensions[get_column_letter(i)].width = min(60, max(10, len(str(column)) + 4))
    ws.freeze_panes = "A2"
    info = book.create_sheet("About")
    info.append(["筛选 filter", "值 value"])
    for k, v in dict(about).items():
        info.append([clean_text(str(k)), clean_text(str(v))])
        info.cell(row=info.max_row, column=2).data_type = "s"
    info.append(["⚠", "数值被一致性检查标记 / value flagged by the consistency checks (red rows)"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def named(options, name: Callable[[object], str]) -> Callable[[object], str]:
    """A widget's ``format_func``: the names of ``options`` worked out now, in this run's language.

    (A format function that looked the language up later would be called outside the run by tests.)
    """
    table = {option: name(option) for option in options}
    return lambda option: table.get(option, str(option))
