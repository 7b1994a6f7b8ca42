"""The sidebar filters of the claims explorer, each bound to a URL query key of the same name.

Each facet's counts are counted within the current selection (the other filters applied, as Datasette
counts them), and typing in a filter matches the option's value, not the count beside it.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data, ui, url_state
from dashboard.filters import FACETS, Filters
from dashboard.i18n import facet_label, t

KEY = "filter."


def filter_panel(claims: pd.DataFrame) -> Filters:
    """Draw the filters in the sidebar (options with their counts) and return what they choose."""
    side = st.sidebar
    side.subheader(t("filter.header"))
    known = data.facets()
    for facet in FACETS:
        url_state.start_multi(KEY + facet, facet, [v for v, _ in known.get(facet, [])])
    url_state.start_single(KEY + "text", "text", default="")
    current = Filters(**{f: tuple(st.session_state.get(KEY + f) or ()) for f in FACETS},
                      text=str(st.session_state.get(KEY + "text") or "").strip())
    counts_now = data.facet_counts(current)
    chosen: dict[str, tuple[str, ...]] = {}
    for facet in FACETS:
        key = KEY + facet
        counts = dict(counts_now.get(facet, []))
        picked = list(st.session_state.get(key) or [])
        options = list(counts) + [v for v in picked if v not in counts]
        if not options:
            continue
        value = side.multiselect(
            t(f"filter.{facet}"), options, key=key,
            format_func=ui.named(options, lambda v, f=facet, c=counts: f"{facet_label(f, v)} ({c.get(v, 0):,})"),
            placeholder=t("filter.placeholder"), filter_mode="contains", select_all=False,
        )
        url_state.publish(key, facet, value)
        chosen[facet] = tuple(value)
    text = side.text_input(t("filter.text"), key=KEY + "text", placeholder=t("filter.text_placeholder"))
    url_state.publish(KEY + "text", "text", text.strip())
    side.button(t("filter.clear"), on_click=url_state.reset, icon=":material/filter_alt_off:",
                args=({KEY + f: [] for f in FACETS} | {KEY + "text": ""},))
    return Filters(**chosen, text=text.strip())
