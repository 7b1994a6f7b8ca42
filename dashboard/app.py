"""The dashboard's entry point: ``streamlit run dashboard/app.py``.

Registers the pages (``st.navigation``), the language switch, and runs the page asked for. The pages
live in ``dashboard/views/``: a folder named ``pages/`` beside this file would make Streamlit treat
the app as an old-style multipage app. A page named in ``OPTIONAL_PAGES`` is registered only when its
file exists.

Streamlit serves its default page at the root URL only, so the default page is a hidden one that
switches to the first page (keeping the query): ``/`` and ``/overview`` both open the Overview.
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:  # `streamlit run` puts only dashboard/ on the path
    sys.path.insert(0, str(HERE.parent))

import streamlit as st

from dashboard import i18n
from dashboard.i18n import t

#: (file under dashboard/, url path, title key, icon); the first is the default page.
PAGES: list[tuple[str, str, str, str]] = [
    ("views/overview.py", "overview", "page.overview", ":material/dashboard:"),
    ("views/compare.py", "compare", "page.compare", ":material/bar_chart:"),
    ("views/claims.py", "claims", "page.explorer", ":material/table_view:"),
    ("views/report.py", "report", "page.report", ":material/article:"),
    ("views/checks.py", "checks", "page.checks", ":material/rule:"),
    ("views/add_report.py", "add_report", "page.add", ":material/note_add:"),
]
OPTIONAL_PAGES = {"views/checks.py"}


def choose_language() -> None:
    """The sidebar switch; the ``lang`` query parameter picks the language and follows the switch."""
    wanted = st.query_params.get("lang")
    if "lang" not in st.session_state:
        st.session_state["lang"] = wanted if wanted in i18n.LANGUAGES else i18n.DEFAULT
    st.sidebar.radio(t("app.language"), list(i18n.LANGUAGES), format_func=i18n.LANGUAGES.get,
                     key="lang", horizontal=True)
    if st.query_params.get("lang") != i18n.lang():
        st.query_params["lang"] = i18n.lang()


def pages() -> list[st.Page]:
    found = []
    for file, url_path, title, icon in PAGES:
        if file in OPTIONAL_PAGES and not (HERE / file).is_file():
            continue
        found.append(st.Page(str(HERE / file), title=t(title), icon=icon, url_path=url_path))
    first = found[0]

    def home() -> None:
        st.switch_page(first, query_params={k: st.query_params.get_all(k) for k in st.query_params})

    _, _, title, icon = PAGES[0]
    return [st.Page(home, title=t(title), icon=icon, url_path="home", default=True, visibility="hidden"), *found]


st.set_page_config(page_title="区级数据台账 · District ledger", page_icon=":material/table_chart:", layout="wide")
choose_language()
st.navigation(pages()).run()
