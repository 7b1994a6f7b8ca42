"""The sidebar filters of the claims explorer, each bound to a URL query key of the same name."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data, url_state
from dashboard.filters import FACETS, Filters
from dashboard.i18n import facet_label, t

KEY = "filter."


def filter_panel(claims: pd.DataFrame) -> Filters:
    """Draw the filters in the sidebar (options with their counts) and return what they choose."""
    side = st.sidebar
    side.subheader(t("filter.header"))
    facets = data.facets()
    chosen: dict[str, tuple[str, ...]] = {}
    for facet in FACETS:
        pairs = facets.get(facet, [])
        if facet == "subdistrict" and chosen.get("district"):
            pairs = data.subdistricts_of(chosen["district"])
        counts = dict(pairs)
        key = KEY + facet
        url_state.start_multi(key, facet, list(counts) + _known(facets, facet))
        options = list(counts) + [v for v in st.session_state.get(key, []) if v not in counts]
        if not options:
            continue
        value = side.multiselect(
            t(f"filter.{facet}"), options, key=key,
            format_func=lambda v, f=facet, c=counts: f"{facet_label(f, v)} ({c.get(v, 0):,})",
            placeholder="",
        )
        url_state.publish(key, facet, value)
        chosen[facet] = tuple(value)
    url_state.start_single(KEY + "text", "text", default="")
    text = side.text_input(t("filter.text"), key=KEY + "text")
    url_state.publish(KEY + "text", "text", text.strip())
    side.button(t("filter.clear"), on_click=url_state.reset, icon=":material/filter_alt_off:",
                args=({KEY + f: [] for f in FACETS} | {KEY + "text": ""},))
    return Filters(**chosen, text=text.strip())


def _known(facets: dict[str, list[tuple[str, int]]], facet: str) -> list[str]:
    """Values a URL may name for ``facet`` even when the options are narrowed (sub-districts)."""
    return [v for v, _ in facets.get(facet, [])]
