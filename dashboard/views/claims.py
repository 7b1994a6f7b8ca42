"""Claims explorer: the table with its filters (bound to the URL) and CSV / Excel downloads."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data, filters, i18n, ui
from dashboard.filter_panel import filter_panel
from dashboard.i18n import category_name, claim_type_name, district_name, flags_text, metric_name, qualifier_name, t

#: Rows sent to the browser; downloads carry the whole filtered table.
SHOWN = 2_000


def main() -> None:
    ui.page_header("page.explorer")
    claims = data.claims()
    chosen = filter_panel(claims)
    view = filters.apply(claims, chosen)
    st.markdown(f"**{t('explorer.count', shown=len(view), total=len(claims))}**")
    ui.downloads(view, chosen, key="explorer.download")
    if view.empty:
        st.info(t("empty"))
        return
    if len(view) > SHOWN:
        st.caption(t("explorer.truncated", limit=SHOWN, shown=len(view)))
    st.dataframe(display_table(view.head(SHOWN)), hide_index=True, key="explorer.table", height=640, column_config={
        "district": t("col.district"),
        "subdistrict": t("col.subdistrict"),
        "year": st.column_config.NumberColumn(t("col.year"), format="%d"),
        "period": t("col.period"),
        "metric": t("col.metric"),
        "metric_label": t("col.label"),
        "amount": t("col.value"),
        "raw": t("col.raw"),
        "sentence": st.column_config.TextColumn(t("col.sentence"), width="large"),
        "category": t("col.category"),
        "claim_type": t("col.claim_type"),
        "qualifier": t("col.qualifier"),
        "flags": t("col.flags"),
        "link": st.column_config.LinkColumn(t("col.link"), display_text=t("report.open")),
    })


def display_table(view: pd.DataFrame) -> pd.DataFrame:
    """The columns an analyst reads, with English keys translated and each row linked to its report."""
    return pd.DataFrame({
        "district": i18n.names(view["district"], district_name),
        "subdistrict": view["subdistrict"].fillna(""),
        "year": view["year"],
        "period": view["period"].fillna(""),
        "metric": i18n.names(view["metric"], metric_name),
        "metric_label": view["metric_label"].fillna(""),
        "amount": i18n.amounts(view),
        "raw": view["raw"],
        "sentence": view["sentence"],
        "category": i18n.names(view["category"], category_name),
        "claim_type": i18n.names(view["claim_type"], claim_type_name),
        "qualifier": i18n.names(view["qualifier"], qualifier_name),
        "flags": i18n.names(view["flags"], flags_text),
        "link": [ui.report_href(d, c) for d, c in zip(view["doc_id"], view["claim_id"])],
    }, index=view.index)


main()
