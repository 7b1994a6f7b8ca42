"""Overview: reports, claims, districts and years at a glance; district × category; latest reports."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts, data, i18n, ui
from dashboard.i18n import category_name, district_name, t
from extract.schema import CATEGORIES

LATEST = 10


def main() -> None:
    ui.page_header("page.overview")
    claims = data.claims()
    docs = data.documents()
    years = claims["year"].dropna()
    cols = st.columns(5)
    cols[0].metric(t("metric.reports"), f"{len(docs):,}")
    cols[1].metric(t("metric.claims"), f"{len(claims):,}")
    cols[2].metric(t("metric.districts"), f"{claims['district'].nunique():,}")
    cols[3].metric(t("metric.years"), f"{int(years.min())}–{int(years.max())}" if len(years) else "—")
    share = claims["metric"].notna().mean() if len(claims) else 0.0
    cols[4].metric(t("metric.canonical"), f"{int(claims['metric'].notna().sum()):,} ({share:.0%})")
    if claims.empty:
        st.info(t("empty"))
    else:
        st.subheader(t("overview.matrix"))
        labels = charts.Labels(lang=i18n.lang(), district=district_name)
        st.plotly_chart(charts.matrix_figure(category_matrix(claims), labels, category_name), key="overview.matrix",
                        config={"displayModeBar": False})
    st.subheader(t("overview.latest"))
    st.dataframe(latest_reports(docs), hide_index=True, key="overview.latest", column_config={
        "title": st.column_config.TextColumn(t("col.title"), width="large"),
        "district": t("col.district"),
        "published": t("col.published"),
        "claims": st.column_config.NumberColumn(t("col.claims"), format="%d"),
        "link": st.column_config.LinkColumn(t("col.link"), display_text=t("report.open")),
        "file": t("col.file"),
    })


def category_matrix(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims per district (rows, in the gazetteer's order) and category (columns, in the schema's order)."""
    from dashboard.facts import sort_districts

    table = pd.crosstab(claims["district"].fillna("—"), claims["category"].fillna("—"))
    order = [c for c in CATEGORIES if c in table.columns] + [c for c in table.columns if c not in CATEGORIES]
    return table.loc[sort_districts(table.index), order]


def latest_reports(docs: pd.DataFrame) -> pd.DataFrame:
    """The most recently published reports (undated last), with a link to each."""
    table = docs.assign(_dated=docs["published"] != "").sort_values(
        ["_dated", "published", "file"], ascending=[False, False, True]).head(LATEST)
    table = table.assign(
        title=[ti or f for ti, f in zip(table["title"], table["file"])],
        district=[district_name(d) for d in table["district"]],
        link=[ui.report_href(f) for f in table["file"]],
    )
    return table[["title", "district", "published", "claims", "link", "file"]]


main()
