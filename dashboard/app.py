"""The dashboard's entry point: ``streamlit run dashboard/app.py``.

Registers the pages (``st.navigation``), the language switch, and runs the page asked for.
A page named in ``OPTIONAL_PAGES`` is registered only when its file exists.
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:  # `streamlit run` puts only dashboard/ on the path
    sys.path.insert(0, str(HERE.parent))

import streamlit as st

from dashboard import i18n, ui
from dashboard.i18n import t

#: (file under dashboard/, url path, title key, icon); the first is the default page.
#: Each url path is its file's name, which a fresh server also finds the page by before app.py has
#: run (pages/ read as an old-style multipage folder; see ``ui.run_under_app``).
PAGES: list[tuple[str, str, str, str]] = [
    ("pages/overview.py", "overview", "page.overview", ":material/dashboard:"),
    ("pages/compare.py", "compare", "page.compare", ":material/bar_chart:"),
    ("pages/claims.py", "claims", "page.explorer", ":material/table_view:"),
    ("pages/report.py", "report", "page.report", ":material/article:"),
    ("pages/checks.py", "checks", "page.checks", ":material/rule:"),
    ("pages/add_report.py", "add_report", "page.add", ":material/note_add:"),
]
OPTIONAL_PAGES = {"pages/checks.py"}


def choose_language() -> None:
    """The sidebar switch; a ``lang`` query parameter picks the language a session starts with."""
    if "lang" not in st.session_state:
        wanted = st.query_params.get("lang")
        st.session_state["lang"] = wanted if wanted in i18n.LANGUAGES else i18n.DEFAULT
    st.sidebar.radio(t("app.language"), list(i18n.LANGUAGES), format_func=i18n.LANGUAGES.get,
                     key="lang", horizontal=True)


def pages() -> list[st.Page]:
    found = []
    for i, (file, url_path, title, icon) in enumerate(PAGES):
        if file in OPTIONAL_PAGES and not (HERE / file).is_file():
            continue
        found.append(st.Page(str(HERE / file), title=t(title), icon=icon, url_path=url_path, default=i == 0))
    return found


ui.run_under_app()
st.set_page_config(page_title="区级数据台账 · District ledger", page_icon=":material/table_chart:", layout="wide")
choose_language()
st.navigation(pages()).run()
