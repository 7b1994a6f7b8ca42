"""Report view: a report's text with every extracted claim highlighted, and its claims beside it."""
from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from dashboard import data, i18n, ui, url_state
from dashboard.highlight import marked_text
from dashboard.i18n import category_name, claim_type_name, district_name, flags_text, metric_name, t
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
    doc_id = st.selectbox(t("report.pick"), options, key="report.doc", format_func=ui.named(options, lambda f: _doc_label(info, f)),
                          filter_mode="contains", on_change=_forget_claim)
    url_state.publish("report.doc", "doc", doc_id)

    claims = data.claims()
    rows = claims[claims["doc_id"] == doc_id].sort_values("start", kind="stable")
    numbers = {c: i for i, c in enumerate(rows["claim_id"], 1)}
    selected = st.query_params.get("claim")
    if selected not in set(rows["claim_id"]):
        selected = None
        if "claim" in st.query_params:
            del st.query_params["claim"]

    try:
        text, encoding = data.document(doc_id)
    except DocumentError as exc:
        ui.text_line(t("report.unreadable", error=exc), kind="error")
        return
    meta = info.loc[doc_id]
    ui.text_line(t("report.meta", district=district_name(meta["district"]) or "—", published=meta["published"] or "—",
                   source=meta["source"] or "—", encoding=encoding, claims=len(rows)))

    marked = marked_text(text, rows.assign(title=hover_titles(rows)), selected=selected, numbers=numbers,
                         href=lambda c: ui.report_href(doc_id, c))
    if marked.mismatched:
        st.warning(t("report.mismatch", n=len(marked.mismatched)), icon=":material/warning:")
    if marked.overlapping:
        st.caption(t("report.overlap", n=len(marked.overlapping)))
    if selected is not None:
        row = rows[rows["claim_id"] == selected].iloc[0]
        ui.text_line(t("report.selected", n=numbers[selected], raw=row["raw"], sentence=row["sentence"]), kind="info")

    left, right = st.columns([3, 2], gap="large")
    left.html(marked.html)
    if selected is not None and re.fullmatch(r"[\w-]+", selected):
        scroll_to(f"claim-{selected}")
    right.subheader(t("report.table"))
    right.caption(t("report.table_help"))
    table = side_table(rows, doc_id)
    default = {"selection": {"rows": [numbers[selected] - 1]}} if selected is not None else None
    right.dataframe(table, hide_index=True, key="report.table", height=720, on_select=_row_chosen,
                    selection_mode="single-row", selection_default=default, column_config={
        "n": st.column_config.NumberColumn("#", format="%d", width="small"),
        "raw": t("col.raw"), "amount": t("col.value"), "year": st.column_config.NumberColumn(t("col.year"), format="%d"),
        "metric_label": t("col.label"), "metric": t("col.metric"), "category": t("col.category"),
        "claim_type": t("col.claim_type"), "flags": t("col.flags"), "offsets": t("col.offsets"),
        "link": st.column_config.LinkColumn(t("report.mark"), display_text=t("report.show_mark")),
    })
    st.session_state["report.rows"] = list(rows["claim_id"])


def _row_chosen() -> None:
    """A row picked in the side table selects its claim (marked and scrolled to in the text)."""
    event = st.session_state.get("report.table") or {}
    chosen = list((event.get("selection") or {}).get("rows") or [])
    ids = st.session_state.get("report.rows") or []
    if chosen and 0 <= chosen[0] < len(ids):
        st.query_params["claim"] = ids[chosen[0]]
    elif "claim" in st.query_params:
        del st.query_params["claim"]


def _forget_claim() -> None:
    if "claim" in st.query_params:
        del st.query_params["claim"]


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
        bits = [i18n.amount(r.value, r.value_max, r.unit, r.qualifier), _text(r.metric_label),
                str(r.year) if pd.notna(r.year) else t("unknown"),
                metric_name(r.metric) if pd.notna(r.metric) else "", category_name(r.category),
                claim_type_name(r.claim_type) if pd.notna(r.claim_type) else "", flags_text(r.flags)]
        out.append(" · ".join(b for b in bits if b))
    return out


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def side_table(rows: pd.DataFrame, doc_id: str) -> pd.DataFrame:
    """One row per claim in text order; ``n`` is the number beside its mark, ``link`` selects its mark."""
    return pd.DataFrame({
        "n": range(1, len(rows) + 1),
        "raw": rows["raw"],
        "amount": i18n.amounts(rows),
        "year": rows["year"],
        "metric_label": rows["metric_label"].fillna(""),
        "metric": i18n.names(rows["metric"], metric_name),
        "category": i18n.names(rows["category"], category_name),
        "claim_type": i18n.names(rows["claim_type"], claim_type_name),
        "flags": i18n.names(rows["flags"], flags_text),
        "offsets": [f"{s}–{e}" for s, e in zip(rows["start"], rows["end"])],
        "link": [ui.report_href(doc_id, c) for c in rows["claim_id"]],
    })


def _doc_label(info: pd.DataFrame, file: str) -> str:
    if file not in info.index:
        return file
    row = info.loc[file]
    bits = [row["title"] or file, district_name(row["district"]), row["published"]]
    return " · ".join(b for b in bits if b) + f"  ({file})"


main()
