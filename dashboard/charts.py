"""Plotly figures of the dashboard, with fonts that render Chinese.

``metric_figure`` draws one canonical metric by district and year: one panel per unit (values in
different units never share a series or an axis), one colour per district, the qualifier in front
of each number (≥ over/at least, ≈ about, ~ nearly), ranges as error bars up to their upper end.
"""
from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import qualitative
from plotly.subplots import make_subplots

from dashboard import fmt

#: Font families tried in order; Noto Sans CJK comes with Debian's fonts-noto-cjk.
CJK_FONT = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, PingFang SC, SimHei, sans-serif"
PALETTE = qualitative.Plotly + qualitative.D3


def district_colours(districts: list[str]) -> dict[str, str]:
    """A stable colour per district (alphabetical order), the same on every chart."""
    return {d: PALETTE[i % len(PALETTE)] for i, d in enumerate(sorted(districts))}


def metric_figure(
    cells: pd.DataFrame,
    *,
    kind: str = "bar",
    unknown_year: str = "?",
    axis_year: str = "year",
    axis_value: str = "value",
) -> go.Figure:
    """A figure of ``cells`` (from ``extract.excel.metric_pivot``: one row per metric, unit, district, year).

    ``kind`` is "bar" (grouped bars) or "line" (one line per district across years; unknown years
    left out of lines, since they have no place on a time axis).
    """
    cells = cells.copy()
    cells["unit"] = cells["unit"].fillna("")
    cells["year_label"] = [unknown_year if pd.isna(y) else str(int(y)) for y in cells["year"]]
    years = sorted({y for y in cells["year_label"] if y != unknown_year})
    order = years + ([unknown_year] if (cells["year_label"] == unknown_year).any() else [])
    units = sorted(cells["unit"].unique(), key=lambda u: (-int((cells["unit"] == u).sum()), u))
    colours = district_colours(list(cells["district"].unique()))
    fig = make_subplots(
        rows=len(units), cols=1, shared_xaxes=False, vertical_spacing=0.16 if len(units) > 1 else 0.05,
        subplot_titles=[u or "—" for u in units] if len(units) > 1 else None,
    )
    shown: set[str] = set()
    for row, unit in enumerate(units, 1):
        part = cells[cells["unit"] == unit]
        for district in sorted(part["district"].unique()):
            rows = part[part["district"] == district]
            if kind == "line":
                rows = rows[rows["year_label"] != unknown_year]
            rows = rows.assign(_order=rows["year_label"].map({y: i for i, y in enumerate(order)})).sort_values("_order")
            if rows.empty:
                continue
            labels = [fmt.mark(q) + fmt.number(v) + ("~" + fmt.number(m) if pd.notna(m) else "")
                      for v, m, q in zip(rows["value"], rows["value_max"], rows["qualifier"])]
            hover = [
                f"<b>{district}</b> {y}<br>{_escape(fmt.amount(v, m, u, q))}<br>{_escape(raw)}"
                + (f"<br>+{n - 1}" if n > 1 else "")
                for y, v, m, u, q, raw, n in zip(rows["year_label"], rows["value"], rows["value_max"],
                                                  rows["unit"], rows["qualifier"], rows["raw"], rows["n"])
            ]
            spread = (rows["value_max"] - rows["value"]).where(rows["value_max"].notna())
            error = {"type": "data", "array": spread.fillna(0).tolist(), "arrayminus": [0] * len(rows),
                     "visible": bool(spread.notna().any()), "color": "#555", "thickness": 1.2, "width": 4}
            common = {
                "x": rows["year_label"].tolist(), "y": rows["value"].tolist(), "name": district, "legendgroup": district,
                "showlegend": district not in shown, "text": labels, "hovertext": hover, "hoverinfo": "text",
                "error_y": error, "marker": {"color": colours[district]},
            }
            if kind == "line":
                trace = go.Scatter(mode="lines+markers+text", textposition="top center",
                                   line={"color": colours[district], "width": 2.5}, **common)
            else:
                trace = go.Bar(textposition="outside", cliponaxis=False, **common)
            fig.add_trace(trace, row=row, col=1)
            shown.add(district)
        present = set(part["year_label"]) - ({unknown_year} if kind == "line" else set())
        fig.update_xaxes(type="category", categoryorder="array", categoryarray=[y for y in order if y in present],
                         title_text=axis_year if row == len(units) else None, row=row, col=1)
        values = pd.concat([part["value"], part["value_max"]]).dropna()
        low, top = min(0.0, float(values.min())), max(0.0, float(values.max()))
        fig.update_yaxes(title_text=f"{axis_value} ({unit})" if unit else axis_value,  # room for the labels
                         range=[low * 1.25, top * 1.25 if top > 0 else 1], row=row, col=1)
    fig.update_layout(
        barmode="group", height=140 + 340 * len(units), margin={"l": 60, "r": 20, "t": 50, "b": 40},
        font={"family": CJK_FONT, "size": 14}, legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        hoverlabel={"font": {"family": CJK_FONT}}, uniformtext={"minsize": 10, "mode": "hide"},
    )
    fig.update_annotations(font={"family": CJK_FONT, "size": 14})
    return fig


def matrix_figure(counts: pd.DataFrame) -> go.Figure:
    """A heat map of a district × category table of counts (rows districts, columns categories)."""
    fig = go.Figure(go.Heatmap(
        z=counts.to_numpy(), x=list(counts.columns), y=list(counts.index), text=counts.to_numpy(),
        texttemplate="%{text}", colorscale="Blues", showscale=False, hoverongaps=False,
        hovertemplate="%{y} · %{x}: %{z}<extra></extra>",
    ))
    fig.update_layout(
        height=120 + 42 * max(1, len(counts.index)), margin={"l": 10, "r": 10, "t": 10, "b": 10},
        font={"family": CJK_FONT, "size": 14}, xaxis={"side": "top"}, yaxis={"autorange": "reversed"},
    )
    return fig


def _escape(text: object) -> str:
    return html.escape(text) if isinstance(text, str) else ""
