"""Small pieces every page uses: its header, a link to a report, the download buttons."""
from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from dashboard import data, filters, i18n
from dashboard.i18n import t
from extract.excel import csv_bytes, workbook_bytes

REPORT_PAGE = "pages/report.py"
#: The Report view's url path (``st.Page(..., url_path=...)`` in app.py).
REPORT_URL = "report"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def page_header(key: str) -> None:
    """The page's title and its one-line introduction (``intro.<name>`` when there is one).

    Called first on every page: it also makes sure the page runs under app.py's navigation.
    """
    run_under_app()
    st.title(t(key))
    intro = "intro." + key.split(".", 1)[-1]
    if intro in i18n.TEXT:
        st.caption(t(intro))


def run_under_app() -> None:
    """Make this script run the way a running server runs app.py and its pages; call it first.

    Streamlit takes a folder named ``pages/`` beside the entry script for an old-style multipage
    app, and until ``st.navigation`` has been called once in the process (a fresh server; and every
    run under AppTest) it runs app.py as an old-style page, or a page file on its own when the URL
    names it. Widgets would then get other ids than in later runs (a page's ids include the hash of
    the script running them) and the page would miss app.py. So, in that mode: clear the flag, run
    app.py here under the main script's hash, as Streamlit runs it otherwise (its navigation runs
    the page the URL names), and end this run.
    """
    import runpy

    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None or not PagesManager.uses_pages_directory:
        return
    PagesManager.uses_pages_directory = False
    with ctx.run_with_active_hash(ctx.pages_manager.main_script_hash):
        runpy.run_path(ctx.main_script_path, run_name="__main__")
    st.stop()


def report_link(doc_id: str, claim_id: str | None = None, label: str | None = None) -> None:
    """A link to the Report view of ``doc_id`` (with ``claim_id`` selected), opening in this tab."""
    params = {"doc": doc_id} | ({"claim": claim_id} if claim_id else {})
    st.page_link(REPORT_PAGE, label=label or t("report.open"), icon=":material/article:", query_params=params)


def report_href(doc_id: str, claim_id: str | None = None) -> str:
    """A relative URL of the Report view (for link columns of a table)."""
    params = {"doc": doc_id} | ({"claim": claim_id} if claim_id else {})
    return f"{REPORT_URL}?{urlencode(params)}"


def downloads(view: pd.DataFrame, chosen: filters.Filters, *, key: str) -> None:
    """CSV and Excel buttons for ``view``; the files are built only when a button is clicked."""
    documents = data.documents()
    described = filters.describe(chosen)
    extracted = data.extracted_at()
    names = i18n.metric_labels()
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")

    def reports() -> pd.DataFrame:
        return documents if chosen.is_empty() else documents[documents["file"].isin(set(view["doc_id"].dropna()))]

    def excel() -> bytes:
        return workbook_bytes(view, documents=reports(), checks=data.checks_for(view), filters=described,
                              extracted_at=extracted, metric_names=names)

    def csv() -> bytes:
        return csv_bytes(view, documents=reports())

    row = st.container(horizontal=True)
    row.download_button(t("download.csv"), data=csv, file_name=f"ledger-claims-{stamp}.csv",
                         mime="text/csv", key=f"{key}.csv", on_click="ignore", icon=":material/download:")
    row.download_button(t("download.xlsx"), data=excel, file_name=f"ledger-claims-{stamp}.xlsx",
                          mime=XLSX_MIME, key=f"{key}.xlsx", on_click="ignore", icon=":material/table:")
