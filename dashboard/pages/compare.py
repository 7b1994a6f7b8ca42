"""Compare: one canonical metric by district and year, and the sentences behind every number."""
from __future__ import annotations

from html import escape

import pandas as pd
import streamlit as st

from dashboard import charts, data, fmt, ui, url_state
from dashboard.highlight import marked_sentence
from dashboard.i18n import metric_name, t
from extract.corpus import DocumentError
from extract.excel import metric_pivot

KINDS = ("bar", "line")
#: District columns side by side under the chart before wrapping to a new row.
PER_ROW = 4
#: Sentences listed per district (the rest are a link away, in the claims explorer).
PER_DISTRICT = 12


def main() -> None:
    ui.page_header("page.compare")
    claims = data.claims()
    measured = claims[claims["metric"].notna()]
    if measured.empty:
        st.info(t("compare.no_metrics"))
        return
    counts = measured["metric"].value_counts()
    options = sorted(counts.index, key=lambda k: (-int(counts[k]), str(k)))
    left, right = st.columns([3, 1])
    url_state.start_single("compare.metric", "metric", allowed=options, default=options[0])
    metric = left.selectbox(t("compare.metric"), options, key="compare.metric",
                            format_func=lambda k: _metric_option(k, int(counts[k])))
    url_state.publish("compare.metric", "metric", metric)
    url_state.start_single("compare.kind", "chart", allowed=KINDS, default="bar")
    kind = right.radio(t("compare.kind"), KINDS, key="compare.kind", horizontal=True,
                       format_func=lambda k: t("compare.bars" if k == "bar" else "compare.lines"))
    url_state.publish("compare.kind", "chart", kind)

    rows = measured[measured["metric"] == metric]
    units = sorted(rows["unit"].fillna("").unique())
    if len(units) > 1:
        st.warning(t("compare.units", units="、".join(u or "—" for u in units)), icon=":material/warning:")
    cells = metric_pivot(rows)
    if (cells["n"] > 1).any():
        st.caption(t("compare.several"))
    figure = charts.metric_figure(cells, kind=kind, unknown_year=t("compare.unknown_year"),
                                  axis_year=t("compare.axis_year"), axis_value=t("compare.axis_value"))
    st.plotly_chart(figure, key="compare.chart")
    st.subheader(t("compare.sources"))
    sources(rows, set(cells["claim_id"]), metric)


def _text(doc_id: str) -> str | None:
    try:
        return data.document(doc_id)[0]
    except DocumentError:
        return None


def _metric_option(key: str, count: int) -> str:
    name = metric_name(key)
    return f"{name} · {key} ({count:,})" if name != key else f"{key} ({count:,})"


def sources(rows: pd.DataFrame, shown: set[str], metric: str) -> None:
    """The claims' sentences, one column per district, each linked to its report.

    The claims the chart shows come first; a district with many claims lists ``PER_DISTRICT`` and
    links to the claims explorer for the rest.
    """
    docs = data.documents().set_index("file")
    districts = sorted(rows["district"].fillna("—").unique())
    for first in range(0, len(districts), PER_ROW):
        group = districts[first:first + PER_ROW]
        for column, district in zip(st.columns(len(group)), group):
            column.markdown(f"**{district}**")
            part = rows[rows["district"].fillna("—") == district]
            part = part.assign(_later=~part["claim_id"].isin(shown), _y=part["year"].astype("Float64").fillna(9999))
            part = part.sort_values(["_later", "_y", "doc_id", "start"])
            for row in part.head(PER_DISTRICT).itertuples(index=False):
                box = column.container(border=True)
                year = t("compare.unknown_year") if pd.isna(row.year) else str(row.year)
                sentence = marked_sentence(row.sentence, row.raw, text=_text(row.doc_id), start=row.start, end=row.end)
                box.html(
                    f'<div style="font-size:0.95rem;line-height:1.7">'
                    f"<b>{year}</b> · <b>{escape(fmt.amount(row.value, row.value_max, row.unit, row.qualifier))}</b>"
                    f"<br>{sentence}</div>"
                )
                title = docs["title"].get(row.doc_id, "") if row.doc_id in docs.index else ""
                with box:
                    ui.report_link(row.doc_id, row.claim_id, label=title or row.doc_id)
            if len(part) > PER_DISTRICT:
                with column:
                    st.page_link("pages/claims.py", label=t("compare.more", n=len(part) - PER_DISTRICT),
                                 icon=":material/table_view:", query_params={"metric": metric, "district": district})

main()
