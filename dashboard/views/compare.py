"""Compare: one canonical metric by district and year, as a chart or a table, and the sentences behind it.

Every choice is in the URL (``metric``, ``district``, ``from``/``to``, ``type``, ``per``, ``flagged``,
``view``, ``chart``), so a comparison is a link. Achievements only by default; values the checks flag are
left out (and counted) unless asked for, then marked. Per 10,000 residents and per km² divide by
``extract/rules/district_facts.csv``, whose source is shown with every figure.
"""
from __future__ import annotations

from html import escape

import pandas as pd
import streamlit as st

from dashboard import charts, comparison, data, facts, fmt, i18n, ui, url_state
from dashboard.highlight import marked_sentence
from dashboard.i18n import claim_type_name, district_name, flags_text, metric_name, t, unit_name
from extract.corpus import DocumentError
from extract.schema import CLAIM_TYPES

KINDS = ("bar", "line")
VIEWS = ("chart", "table")
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
    choice = controls(measured)
    rows = comparison.selection(measured, choice["metric"], districts=choice["districts"], years=choice["years"])
    result = comparison.cells(measured, choice["metric"], districts=choice["districts"], years=choice["years"],
                              claim_types=choice["types"], flagged=choice["flagged"], measure=choice["measure"])
    notes(result, rows, choice)
    cells = result.table
    if cells.empty:
        st.info(t("compare.nothing"))
        return
    if choice["view"] == "table":
        st.dataframe(table_view(cells, choice), hide_index=True, key="compare.table", column_config=table_columns(choice))
    else:
        figure = charts.metric_figure(cells, kind=choice["kind"], labels=chart_labels())
        st.plotly_chart(figure, key="compare.chart", config={"displaylogo": False})
    denominators(cells, choice["measure"])
    described = described_choice(choice)
    ui.frame_downloads(lambda: export_frame(cells, choice), name=f"compare-{choice['metric']}", described=described,
                       key="compare.download", flagged=lambda: cells["flagged"].astype(bool).tolist())
    st.subheader(t("compare.sources"))
    sources(rows[rows["claim_type"].isin(choice["types"])], cells, choice["metric"])


def controls(measured: pd.DataFrame) -> dict:
    """The pickers, each bound to the URL; what they choose."""
    counts = measured["metric"].value_counts()
    options = sorted(counts.index, key=lambda k: (-int(counts[k]), str(k)))
    top = st.columns([3, 2, 2])
    url_state.start_single("compare.metric", "metric", allowed=options, default=options[0])
    metric = top[0].selectbox(t("compare.metric"), options, key="compare.metric", filter_mode="contains",
                              format_func=ui.named(options, lambda k: _metric_option(k, int(counts[k]))))
    url_state.publish("compare.metric", "metric", metric)
    rows = measured[measured["metric"] == metric]

    districts = facts.sort_districts(rows["district"].dropna().unique())
    url_state.start_multi("compare.district", "district", districts)
    st.session_state["compare.district"] = [d for d in st.session_state["compare.district"] if d in districts]
    picked = top[1].multiselect(t("compare.districts"), districts, key="compare.district",
                                format_func=ui.named(districts, district_name),
                                placeholder=t("compare.all_districts"), filter_mode="contains", select_all=False)
    url_state.publish("compare.district", "district", picked)

    types = [c for c in CLAIM_TYPES if c in set(rows["claim_type"].dropna())] or ["achievement"]
    url_state.start_multi("compare.type", "type", list(CLAIM_TYPES), default=["achievement"])
    chosen_types = top[2].multiselect(t("compare.types"), list(CLAIM_TYPES), key="compare.type",
                                      format_func=ui.named(CLAIM_TYPES, claim_type_name),
                                      placeholder=t("compare.achievements_only"),
                                      filter_mode="contains", select_all=False,
                                      help=t("compare.types_help", present="、".join(claim_type_name(c) for c in types)))
    url_state.publish("compare.type", "type", chosen_types)

    second = st.columns([3, 2, 2])
    years = sorted(int(y) for y in rows["year"].dropna().unique())
    span = None
    if len(years) > 1:
        url_state.start_range("compare.years", ("from", "to"), years)
        low, high = second[0].slider(t("compare.years"), min_value=years[0], max_value=years[-1], step=1,
                                     key="compare.years", format="%d")
        span = (int(low), int(high))
        url_state.publish_range("compare.years", ("from", "to"), span, years)
        if span == (years[0], years[-1]):
            span = None
    elif years:
        second[0].caption(t("compare.one_year", year=years[0]))

    url_state.start_single("compare.per", "per", allowed=comparison.MEASURES, default="value")
    measure = second[1].radio(t("compare.measure"), comparison.MEASURES, key="compare.per", horizontal=True,
                              format_func=ui.named(comparison.MEASURES, lambda m: t(f"compare.per.{m}")))
    url_state.publish("compare.per", "per", measure if measure != "value" else None, keep=measure)
    url_state.start_single("compare.flagged", "flagged", parse=lambda v: v == "mark", default=False)
    marked = second[2].toggle(t("compare.show_flagged"), key="compare.flagged", help=t("compare.flagged_help"))
    url_state.publish("compare.flagged", "flagged", "mark" if marked else None, keep=marked)

    third = st.columns([3, 4])
    url_state.start_single("compare.view", "view", allowed=VIEWS, default="chart")
    view = third[0].radio(t("compare.view"), VIEWS, key="compare.view", horizontal=True,
                          format_func=ui.named(VIEWS, lambda v: t(f"compare.view.{v}")))
    url_state.publish("compare.view", "view", view if view != "chart" else None, keep=view)
    url_state.start_single("compare.kind", "chart", allowed=KINDS, default="bar")
    kind = third[1].radio(t("compare.kind"), KINDS, key="compare.kind", horizontal=True,
                          format_func=ui.named(KINDS, lambda k: t("compare.bars" if k == "bar" else "compare.lines")),
                          disabled=view == "table")
    url_state.publish("compare.kind", "chart", kind)
    return {"metric": metric, "districts": tuple(picked), "types": tuple(chosen_types or ["achievement"]),
            "years": span, "measure": measure, "flagged": "mark" if marked else "omit", "view": view, "kind": kind}


def notes(result: comparison.Comparison, rows: pd.DataFrame, choice: dict) -> None:
    """What the figure leaves out and why; a warning when the metric comes in several units."""
    units = sorted(result.table["unit"].fillna("").unique()) if len(result.table) else []
    if len(units) > 1:
        st.warning(t("compare.units", units="、".join(unit_name(u) or "—" for u in units)), icon=":material/warning:")
    if result.omitted_flagged:
        st.caption(t("compare.flagged_out", n=result.omitted_flagged))
    elif choice["flagged"] == "mark" and len(result.table) and result.table["flagged"].any():
        st.caption(t("compare.flagged_marked", n=int(result.table["flagged"].sum())))
    if result.omitted_types:
        st.caption(t("compare.types_out", n=result.omitted_types))
    if result.no_denominator:
        st.caption(t("compare.no_denominator", n=result.no_denominator))
    if len(result.table) and (result.table["n"] > 1).any():
        st.caption(t("compare.several"))


def chart_labels() -> charts.Labels:
    return charts.Labels(lang=i18n.lang(), unknown_year=t("compare.unknown_year"), axis_year=t("compare.axis_year"),
                         axis_value=t("compare.axis_value"), district=district_name, unit=unit_name,
                         claim_type=claim_type_name, flagged=t("compare.flagged"), flags=flags_text)


def _measure_unit(unit: str, measure: str) -> str:
    name = unit_name(unit)
    return t(f"compare.unit.{measure}", unit=name) if measure != "value" else name


def table_view(cells: pd.DataFrame, choice: dict) -> pd.DataFrame:
    """The chart's cells as a table: the largest value first within each year (newest year first)."""
    ordered = cells.assign(_y=cells["year"].astype("Float64").fillna(-1)).sort_values(
        ["_y", "unit", "claim_type", "shown"], ascending=[False, True, True, False], kind="stable")
    return pd.DataFrame({
        "district": [district_name(d) for d in ordered["district"]],
        "year": ordered["year"],
        "shown": ordered["shown"].round(4),
        "unit": [_measure_unit(u, choice["measure"]) for u in ordered["unit"]],
        "stated": [i18n.amount(v, m, u, q) for v, m, u, q in
                   zip(ordered["value"], ordered["value_max"], ordered["unit"], ordered["qualifier"])],
        "claim_type": [claim_type_name(c) for c in ordered["claim_type"]],
        "flagged": ["⚠ " + flags_text(f) if bad else "" for f, bad in zip(ordered["flags"], ordered["flagged"])],
        "denominator": [i18n.number(v) if pd.notna(v) else "" for v in ordered["denominator"]],
        "source": [_source_text(s, e) for s, e in zip(ordered["denominator_source"], ordered["denominator_estimate"])],
        "n": ordered["n"],
        "sentence": ordered["sentence"],
        "link": [ui.report_href(d, c) for d, c in zip(ordered["doc_id"], ordered["claim_id"])],
    }).pipe(lambda f: f if choice["measure"] != "value" else f.drop(columns=["denominator", "source"]))


def table_columns(choice: dict) -> dict:
    shown = {"value": t("col.value"), "capita": t("compare.per.capita"), "area": t("compare.per.area")}[choice["measure"]]
    return {
        "district": t("col.district"),
        "year": st.column_config.NumberColumn(t("col.year"), format="%d"),
        "shown": st.column_config.NumberColumn(shown, format="localized"),
        "unit": t("col.unit"),
        "stated": t("compare.stated"),
        "claim_type": t("col.claim_type"),
        "flagged": t("col.flags"),
        "denominator": t("compare.denominator"),
        "source": t("compare.denominator_source"),
        "n": st.column_config.NumberColumn(t("compare.n"), format="%d"),
        "sentence": st.column_config.TextColumn(t("col.sentence"), width="large"),
        "link": st.column_config.LinkColumn(t("col.link"), display_text=t("report.open")),
    }


def _source_text(source: str, estimate: bool) -> str:
    if not source:
        return ""
    return f"{source} ({t('compare.estimate')})" if estimate else source


def denominators(cells: pd.DataFrame, measure: str) -> None:
    """The population or area each district's figure was divided by, with its source."""
    if measure == "value" or cells.empty:
        return
    what = t("compare.population" if measure == "capita" else "compare.area")
    unit = "" if measure == "capita" else " km²"
    parts = []
    for district in facts.sort_districts(cells["district"].unique()):
        row = cells[cells["district"] == district].iloc[0]
        parts.append(f"{district_name(district)}: {fmt.number(row['denominator'])}{unit} — "
                     f"{_source_text(row['denominator_source'], bool(row['denominator_estimate']))}")
    ui.text_line(t("compare.denominators", what=what) + "\n" + "\n".join(parts))


def described_choice(choice: dict) -> dict[str, str]:
    out = {"metric": choice["metric"], "type": "、".join(choice["types"]), "per": choice["measure"],
           "flagged": choice["flagged"]}
    if choice["districts"]:
        out["district"] = "、".join(choice["districts"])
    if choice["years"]:
        out["years"] = f"{choice['years'][0]}–{choice['years'][1]}"
    return out


def export_frame(cells: pd.DataFrame, choice: dict) -> pd.DataFrame:
    """The data behind the chart, one row per cell, with its sentence, report and denominator."""
    docs = data.documents().set_index("file")
    ordered = cells.assign(_y=cells["year"].astype("Float64").fillna(-1)).sort_values(
        ["unit", "claim_type", "district", "_y"], kind="stable")
    frame = pd.DataFrame({
        t("col.metric"): metric_name(choice["metric"]),
        "metric": choice["metric"],
        t("col.district"): [district_name(d) for d in ordered["district"]],
        t("col.year"): ordered["year"].astype("Float64"),
        t("col.claim_type"): [claim_type_name(c) for c in ordered["claim_type"]],
        t("col.value"): ordered["value"],
        t("compare.value_max"): ordered["value_max"],
        t("col.unit"): [unit_name(u) for u in ordered["unit"]],
        t("col.qualifier"): [i18n.qualifier_name(q) if pd.notna(q) else "" for q in ordered["qualifier"]],
        t("col.raw"): ordered["raw"],
        t("col.flags"): [flags_text(f) for f in ordered["flags"]],
        t("compare.n"): ordered["n"],
    })
    if choice["measure"] != "value":
        frame[t(f"compare.per.{choice['measure']}")] = ordered["shown"].to_numpy()
        frame[t("compare.denominator")] = ordered["denominator"].to_numpy()
        frame[t("compare.denominator_source")] = [
            _source_text(s, e) for s, e in zip(ordered["denominator_source"], ordered["denominator_estimate"])]
    frame[t("col.sentence")] = ordered["sentence"].to_numpy()
    frame[t("col.title")] = [docs["title"].get(d, "") if d in docs.index else "" for d in ordered["doc_id"]]
    frame["doc_id"] = ordered["doc_id"].to_numpy()
    frame["claim_id"] = ordered["claim_id"].to_numpy()
    return frame.reset_index(drop=True)


def _text(doc_id: str) -> str | None:
    try:
        return data.document(doc_id)[0]
    except DocumentError:
        return None


def _metric_option(key: str, count: int) -> str:
    name = metric_name(key)
    return f"{name} · {key} ({count:,})" if name != key else f"{key} ({count:,})"


def sources(rows: pd.DataFrame, cells: pd.DataFrame, metric: str) -> None:
    """The claims' sentences, one column per district, each linked to its report.

    The claims the chart shows come first; a district with many claims lists ``PER_DISTRICT`` and
    links to the claims explorer for the rest.
    """
    shown = set(cells["claim_id"])
    rows = rows[rows["district"].isin(set(cells["district"]))]
    rows = rows.assign(flag_mark=comparison.is_flagged(rows["flags"]))
    titles = data.titles()
    districts = facts.sort_districts(rows["district"].fillna("—").unique())
    for first in range(0, len(districts), PER_ROW):
        group = districts[first:first + PER_ROW]
        for column, district in zip(st.columns(len(group)), group):
            colour = facts.district_colour(district)
            column.html(f'<div style="font-weight:700;font-size:1.05rem"><span style="color:{colour}">■</span> '
                        f"{escape(district_name(district))}</div>")
            part = rows[rows["district"].fillna("—") == district]
            part = part.assign(_later=~part["claim_id"].isin(shown), _y=part["year"].astype("Float64").fillna(9999))
            part = part.sort_values(["_later", "_y", "doc_id", "start"])
            for row in part.head(PER_DISTRICT).itertuples(index=False):
                box = column.container(border=True)
                year = t("compare.unknown_year") if pd.isna(row.year) else str(row.year)
                sentence = marked_sentence(row.sentence, row.raw, text=_text(row.doc_id), start=row.start, end=row.end)
                warn = (f' · <span style="color:{charts.FLAG_COLOUR}">⚠ {escape(flags_text(row.flags))}</span>'
                        if row.flag_mark else "")
                box.html(
                    f'<div style="font-size:0.95rem;line-height:1.7">'
                    f"<b>{escape(year)}</b> · <b>{escape(i18n.amount(row.value, row.value_max, row.unit, row.qualifier))}</b>"
                    f" · {escape(claim_type_name(row.claim_type))}{warn}<br>{sentence}</div>"
                )
                with box:
                    ui.report_link(row.doc_id, row.claim_id, label=titles.get(row.doc_id) or row.doc_id)
            if len(part) > PER_DISTRICT:
                with column:
                    st.page_link(ui.CLAIMS_PAGE, label=t("compare.more", n=len(part) - PER_DISTRICT),
                                 icon=":material/table_view:", query_params=ui.query(metric=metric, district=district))


main()
