"""Checks: the findings of ``extract.checks.run_checks``, grouped by check, the sentences involved side by side."""
from __future__ import annotations

from html import escape

import pandas as pd
import streamlit as st

from dashboard import data, fmt, i18n, ui, url_state
from dashboard.i18n import district_name
from dashboard.highlight import marked_sentence
from dashboard.i18n import flag_name, metric_name, t
from extract.corpus import DocumentError

#: The checks in the order they are shown.
ORDER = ["rate_mismatch", "part_exceeds_total", "implausible", "conflict", "jump"]
#: Claims side by side in one finding before wrapping to a new row.
PER_ROW = 3

def findings() -> pd.DataFrame:
    """The checks table of the current claims table (cached until the corpus or the table changes)."""
    return data.checks()


def main() -> None:
    ui.page_header("page.checks")
    found = findings()
    if found.empty:
        st.success(t("checks.none"))
        return
    names = [c for c in ORDER if c in set(found["check"])] + sorted(set(found["check"]) - set(ORDER))
    chosen, districts = selection(found, names)
    view = found[found["check"].isin(chosen or names)]
    if districts:
        view = view[[bool(set(str(d).split(";")) & set(districts)) for d in view["district"].fillna("")]]
    counts = found["check"].value_counts()
    for column, name in zip(st.columns(len(names)), names):
        column.metric(flag_name(name), f"{int(counts[name]):,}")
    if view.empty:
        st.info(t("checks.none_here"))
        return
    claims = data.claims().set_index("claim_id")
    for name in [n for n in names if n in set(view["check"])]:
        rows = view[view["check"] == name]
        st.subheader(f"{flag_name(name)} · {len(rows):,}")
        for row in rows.itertuples(index=False):
            finding(row, claims)


def selection(found: pd.DataFrame, names: list[str]) -> tuple[list[str], list[str]]:
    """The check and district pickers, bound to the URL (``check``, ``district``)."""
    districts = sorted({d for v in found["district"].dropna() for d in str(v).split(";") if d})
    left, right = st.columns(2)
    url_state.start_multi("checks.check", "check", names)
    chosen = left.multiselect(t("checks.pick"), names, key="checks.check", format_func=ui.named(names, flag_name),
                              placeholder=t("filter.placeholder"), filter_mode="contains", select_all=False)
    url_state.publish("checks.check", "check", chosen)
    url_state.start_multi("checks.district", "district", districts)
    picked = right.multiselect(t("checks.district"), districts, key="checks.district",
                               format_func=ui.named(districts, district_name),
                               placeholder=t("filter.placeholder"), filter_mode="contains", select_all=False)
    url_state.publish("checks.district", "district", picked)
    return chosen, picked


def finding(row, claims: pd.DataFrame) -> None:
    """One finding: its explanation, what was stated and expected, then its claims' sentences."""
    box = st.container(border=True)
    explanation = row.explanation_zh if i18n.lang() == "zh" else row.explanation_en
    box.html(f'<div style="font-size:1.0rem;font-weight:600">{escape(fmt.grouped(str(explanation)))}</div>')
    facts = [f"{t('checks.values')}: {fmt.grouped(row.values)}", f"{t('checks.expected')}: {fmt.grouped(row.expected)}"]
    if pd.notna(row.metric):
        facts.append(f"{t('checks.metric')}: {'、'.join(metric_name(m) for m in str(row.metric).split(';'))}")
    with box:
        ui.text_line(" · ".join(facts))
    ids = [c for c in str(row.claim_ids).split(";") if c in claims.index]
    for first in range(0, len(ids), PER_ROW):
        group = ids[first:first + PER_ROW]
        for column, claim_id in zip(box.columns(len(group)), group):
            sentence_card(column, claim_id, claims.loc[claim_id])


def sentence_card(column, claim_id: str, claim: pd.Series) -> None:
    """A claim's sentence with its number marked, its year, amount and a link to its report."""
    card = column.container(border=True)
    year = t("unknown") if pd.isna(claim["year"]) else str(claim["year"])
    amount = i18n.amount(claim["value"], claim["value_max"], claim["unit"], claim["qualifier"])
    sentence = marked_sentence(claim["sentence"], claim["raw"], text=_text(claim["doc_id"]),
                               start=int(claim["start"]), end=int(claim["end"]))
    card.html(
        f'<div style="font-size:0.95rem;line-height:1.7"><b>{escape(district_name(claim["district"]))}</b> · '
        f"<b>{escape(year)}</b> · <b>{escape(amount)}</b><br>{sentence}</div>"
    )
    with card:
        ui.report_link(claim["doc_id"], claim_id, label=data.titles().get(claim["doc_id"]) or claim["doc_id"])


def _text(doc_id: str) -> str | None:
    try:
        return data.document(doc_id)[0]
    except DocumentError:
        return None


main()
