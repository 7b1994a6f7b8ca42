"""Report view: a report's text with every extracted claim highlighted, and its claims beside it."""
from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from dashboard import data, fmt, ui, url_state
from dashboard.highlight import marked_text
from dashboard.i18n import claim_type_name, metric_name, t
from extract.corpus import DocumentError


def main() -> None:
    ui.page_header("page.report")
    docs = data.documents()
    if docs.empty:
        st.info(t("report.none"))
        return
    info = docs.set_index("file")
    options = list(docs["file"])
    url_state.start_single("report.doc", "doc", allowed=options, default=options[0])
    doc_id = st.selectbox(t("report.pick"), options, key="report.doc", format_func=lambda f: _doc_label(info, f))
    url_state.publish("report.doc", "doc", doc_id)

    claims = data.claims()
    rows = claims[claims["doc_id"] == doc_id]
    selected = st.query_params.get("claim")
    if selected not in set(rows["claim_id"]):
        selected = None
        if "claim" in st.query_params:
            del st.query_params["claim"]

    try:
        text, encoding = data.document(doc_id)
    except DocumentError as exc:
        st.error(t("report.unreadable", error=exc))
        return
    meta = info.loc[doc_id]
    st.caption(t("report.meta", district=meta["district"] or "—", published=meta["published"] or "—",
                 source=meta["source"] or "—", encoding=encoding, claims=len(rows)))

    marked = marked_text(text, rows.assign(title=hover_titles(rows)), selected=selected)
    if marked.mismatched:
        st.warning(t("report.mismatch", n=len(marked.mismatched)), icon=":material/warning:")
    if marked.overlapping:
        st.caption(t("report.overlap", n=len(marked.overlapping)))
    if selected is not None:
        row = rows[rows["claim_id"] == selected].iloc[0]
        st.info(t("report.selected", raw=row["raw"], sentence=row["sentence"]), icon=":material/my_location:")

    left, right = st.columns([3, 2], gap="large")
    left.html(marked.html)
    if selected is not None and re.fullmatch(r"[\w-]+", selected):
        scroll_to(f"claim-{selected}")
    right.subheader(t("report.table"))
    right.dataframe(side_table(rows), hide_index=True, key="report.table", height=720, column_config={
        "raw": t("col.raw"), "amount": t("col.value"), "year": st.column_config.NumberColumn(t("col.year"), format="%d"),
        "metric_label": t("col.label"), "metric": t("col.metric"), "category": t("col.category"),
        "claim_type": t("col.claim_type"), "flags": t("col.flags"), "offsets": t("col.offsets"),
    })


def scroll_to(element_id: str) -> None:
    """Bring the selected claim into view once the text is on the page (``element_id`` is checked by the caller)."""
    st.html(
        "<script>(function(){let n=0;const t=setInterval(function(){"
        f"const e=document.getElementById('{element_id}');"
        "if(e){e.scrollIntoView({block:'center'});clearInterval(t);}else if(++n>50){clearInterval(t);}},100);})();"
        "</script>",
        unsafe_allow_javascript=True,
    )


def hover_titles(rows: pd.DataFrame) -> list[str]:
    """One line per claim for the mark's title: amount, label, year, metric, category, type, flags."""
    out = []
    for r in rows.itertuples(index=False):
        bits = [fmt.amount(r.value, r.value_max, r.unit, r.qualifier), _text(r.metric_label),
                str(r.year) if pd.notna(r.year) else t("unknown"),
                metric_name(r.metric) if pd.notna(r.metric) else "", _text(r.category),
                claim_type_name(r.claim_type) if pd.notna(r.claim_type) else "", _text(r.flags)]
        out.append(" · ".join(b for b in bits if b))
    return out


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def side_table(rows: pd.DataFrame) -> pd.DataFrame:
    rows = rows.sort_values("start")
    return pd.DataFrame({
        "raw": rows["raw"],
        "amount": fmt.amounts(rows),
        "year": rows["year"],
        "metric_label": rows["metric_label"].fillna(""),
        "metric": [metric_name(m) if pd.notna(m) else "" for m in rows["metric"]],
        "category": rows["category"],
        "claim_type": [claim_type_name(c) if pd.notna(c) else "" for c in rows["claim_type"]],
        "flags": rows["flags"].fillna(""),
        "offsets": [f"{s}–{e}" for s, e in zip(rows["start"], rows["end"])],
    })


def _doc_label(info: pd.DataFrame, file: str) -> str:
    if file not in info.index:
        return file
    row = info.loc[file]
    bits = [row["title"] or file, row["district"], row["published"]]
    return " · ".join(b for b in bits if b) + f"  ({file})"


main()
