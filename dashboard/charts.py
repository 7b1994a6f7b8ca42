"""Plotly figures of the dashboard, with fonts that render Chinese.

``metric_figure`` draws one canonical metric by district and year: one panel per unit (values in
different units never share a series or an axis), one fixed colour per district (``dashboard.facts``),
the qualifier in front of each number (≥ over/at least, ≈ about, ~ nearly), ranges as error bars up to
their upper end, Chinese magnitudes (万, 亿) on the value axis in zh and thousands separators in en.
"""
from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard import facts, fmt

#: Font families tried in order; Noto Sans CJK comes with Debian's fonts-noto-cjk.
CJK_FONT = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, PingFang SC, SimHei, sans-serif"
#: A flagged value's mark, and the bar pattern of a target.
FLAG_COLOUR = "#d62728"
TARGET_PATTERN = "/"


@dataclass(frozen=True)
class Labels:
    """What a figure says, in the interface language."""

    lang: str = "en"
    unknown_year: str = "?"
    axis_year: str = "year"
    axis_value: str = "value"
    district: Callable[[str], str] = str
    unit: Callable[[str], str] = str
    claim_type: Callable[[str], str] = str
    flagged: str = "flagged"
    flags: Callable[[str], str] = str


def district_colours(districts: list[str]) -> dict[str, str]:
    """The colour of each district: fixed by the gazetteer's order, the same on every chart and page."""
    return facts.district_colours(districts)


def metric_figure(cells: pd.DataFrame, *, kind: str = "bar", labels: Labels = Labels()) -> go.Figure:
    """A figure of ``cells`` (``dashboard.comparison.cells(...).table``: one row per unit, claim type,
    district and year; the value drawn is ``shown``).

    ``kind`` is "bar" (grouped bars) or "line" (one line per district and claim type across years;
    unknown years left out of lines, since they have no place on a time axis). A target is its own
    series (hatched bars, dashed line), never joined to an achievement; a flagged value is marked.
    """
    cells = cells.copy()
    cells["unit"] = cells["unit"].fillna("")
    cells["year_label"] = [labels.unknown_year if pd.isna(y) else str(int(y)) for y in cells["year"]]
    years = sorted({y for y in cells["year_label"] if y != labels.unknown_year})
    order = years + ([labels.unknown_year] if (cells["year_label"] == labels.unknown_year).any() else [])
    units = sorted(cells["unit"].unique(), key=lambda u: (-int((cells["unit"] == u).sum()), u))
    colours = district_colours(list(cells["district"].unique()))
    fig = make_subplots(
        rows=max(1, len(units)), cols=1, shared_xaxes=False, vertical_spacing=0.16 if len(units) > 1 else 0.05,
        subplot_titles=[_escape(labels.unit(u)) or "—" for u in units] if len(units) > 1 else None,
    )
    shown: set[str] = set()
    for row, unit in enumerate(units, 1):
        part = cells[cells["unit"] == unit]
        for claim_type in sorted(part["claim_type"].unique(), key=lambda c: (c != "achievement", c)):
            for district in facts.sort_districts(part["district"].unique()):
                rows = part[(part["district"] == district) & (part["claim_type"] == claim_type)]
                if kind == "line":
                    rows = rows[rows["year_label"] != labels.unknown_year]
                rows = rows.assign(_order=rows["year_label"].map({y: i for i, y in enumerate(order)}))
                rows = rows.sort_values("_order")
                if rows.empty:
                    continue
                fig.add_trace(_trace(rows, district, claim_type, unit, kind, colours[district], labels,
                                     show=district not in shown), row=row, col=1)
                shown.add(district)
        present = set(part["year_label"]) - ({labels.unknown_year} if kind == "line" else set())
        fig.update_xaxes(type="category", categoryorder="array", categoryarray=[y for y in order if y in present],
                         title_text=labels.axis_year if row == len(units) else None, row=row, col=1)
        values = pd.concat([part["shown"], part["shown_max"]]).dropna()
        low, top = min(0.0, float(values.min())), max(0.0, float(values.max()))
        high = top * 1.25 if top > 0 else 1.0  # room for the labels
        ticks = fmt.nice_ticks(low * 1.25, high)
        fig.update_yaxes(title_text=f"{labels.axis_value} ({labels.unit(unit)})" if unit else labels.axis_value,
                         range=[low * 1.25, high], tickmode="array", tickvals=ticks,
                         ticktext=[fmt.axis_label(v, labels.lang) for v in ticks], row=row, col=1)
    fig.update_layout(
        barmode="group", height=140 + 340 * max(1, len(units)), margin={"l": 70, "r": 20, "t": 50, "b": 40},
        font={"family": CJK_FONT, "size": 14}, legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        hoverlabel={"font": {"family": CJK_FONT}}, uniformtext={"minsize": 10, "mode": "hide"}, separators=".,",
    )
    fig.update_annotations(font={"family": CJK_FONT, "size": 14})
    return fig


def _trace(rows: pd.DataFrame, district: str, claim_type: str, unit: str, kind: str, colour: str,
           labels: Labels, *, show: bool):
    name = _escape(labels.district(district))
    target = claim_type != "achievement"
    if target:
        name += f" · {_escape(labels.claim_type(claim_type))}"
    flagged = rows["flagged"].astype(bool).tolist()
    text = [("⚠ " if bad else "") + fmt.mark(q) + fmt.number(v) + ("~" + fmt.number(m) if pd.notna(m) else "")
            for v, m, q, bad in zip(rows["shown"], rows["shown_max"], rows["qualifier"], flagged)]
    hover = []
    for r, bad in zip(rows.itertuples(index=False), flagged):
        line = (f"<b>{_escape(labels.district(district))}</b> {r.year_label} · {_escape(labels.claim_type(r.claim_type))}"
                f"<br>{_escape(fmt.mark(r.qualifier) + fmt.number(r.shown))} {_escape(labels.unit(unit))}"
                f"<br>{_escape(r.raw)}")
        if r.n > 1:
            line += f"<br>+{r.n - 1}"
        if bad:
            line += f"<br>⚠ {_escape(labels.flagged)}: {_escape(labels.flags(r.flags))}"
        hover.append(line)
    spread = (rows["shown_max"] - rows["shown"]).where(rows["shown_max"].notna())
    error = {"type": "data", "array": spread.fillna(0).tolist(), "arrayminus": [0] * len(rows),
             "visible": bool(spread.notna().any()), "color": "#555", "thickness": 1.2, "width": 4}
    line_colour = [FLAG_COLOUR if bad else colour for bad in flagged]
    common = {
        "x": rows["year_label"].tolist(), "y": rows["shown"].tolist(), "name": name,
        "legendgroup": f"{district}|{claim_type}", "showlegend": show or target, "text": text,
        "hovertext": hover, "hoverinfo": "text", "error_y": error,
        "customdata": rows["claim_id"].tolist(), "meta": {"district": district, "claim_type": claim_type},
    }
    if kind == "line":
        return go.Scatter(
            mode="lines+markers+text", textposition="top center",
            line={"color": colour, "width": 2.5, "dash": "dash" if target else "solid"},
            marker={"color": colour, "size": [14 if bad else 9 for bad in flagged],
                    "symbol": ["x" if bad else ("circle-open" if target else "circle") for bad in flagged],
                    "line": {"color": line_colour, "width": 2}},
            **common)
    return go.Bar(
        textposition="outside", cliponaxis=False,
        marker={"color": colour, "line": {"color": line_colour, "width": [3 if bad else 0 for bad in flagged]},
                "pattern": {"shape": TARGET_PATTERN if target else ""}},
        **common)


def matrix_figure(counts: pd.DataFrame, labels: Labels = Labels(), category: Callable[[str], str] = str) -> go.Figure:
    """A heat map of a district × category table of counts (rows districts, columns categories).

    Each district's name carries its colour swatch (the colour it has on every chart).
    """
    districts = [str(d) for d in counts.index]
    ticks = [f'<span style="color:{facts.district_colour(d)}">■</span> {_escape(labels.district(d))}'
             for d in districts]
    fig = go.Figure(go.Heatmap(
        z=counts.to_numpy(), x=[_escape(category(c)) for c in counts.columns], y=districts,
        text=[[fmt.number(v) for v in row] for row in counts.to_numpy()],
        texttemplate="%{text}", colorscale="Blues", showscale=False, hoverongaps=False,
        hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
    ))
    fig.update_layout(
        height=120 + 42 * max(1, len(counts.index)), margin={"l": 10, "r": 10, "t": 10, "b": 10},
        font={"family": CJK_FONT, "size": 14}, xaxis={"side": "top"},
        yaxis={"autorange": "reversed", "tickmode": "array", "tickvals": districts, "ticktext": ticks},
    )
    return fig


def _escape(text: object) -> str:
    return html.escape(text) if isinstance(text, str) else ""
