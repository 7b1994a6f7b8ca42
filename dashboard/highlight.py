"""A report's text as HTML with its claims marked (escaped; no Streamlit).

>>> import pandas as pd
>>> claims = pd.DataFrame({"claim_id": ["a"], "start": [2], "end": [4], "raw": ["3名"], "title": ["3 名"]})
>>> out = marked_text("选出3名<b>代表", claims).html
>>> out.split(">", 1)[1].replace(MARK_STYLES[""], "…")
'选出<mark id="claim-a" style="…" title="3 名">3名</mark>&lt;b&gt;代表</div>'
"""
from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pandas as pd

# Inline styles: st.html keeps style attributes, not <style> blocks.
TEXT_STYLE = ("white-space:pre-wrap;line-height:1.9;font-size:1.02rem;font-family:'Noto Sans CJK SC',"
              "'Noto Sans SC','Microsoft YaHei','PingFang SC',sans-serif")
#: Each mark has its own border and a gap to the next, so adjacent claims (96期360余条) never read as one;
#: every other mark is a shade darker for the same reason.
_MARK = "padding:0 1px;margin:0 1px;border-radius:3px;box-shadow:inset 0 0 0 1px rgba(120,90,0,.45);color:inherit"
MARK_STYLES = {
    "": "background:#ffe08a;" + _MARK,
    "alt": "background:#ffcf5c;" + _MARK,
    "flagged": "background:#ffb3a7;" + _MARK,
    "selected": "background:#7ec8ff;outline:2px solid #1f77b4;" + _MARK,
}
NUMBER_STYLE = "font-size:0.62em;color:#8a6d00;user-select:none;margin-right:1px;vertical-align:super"


@dataclass
class MarkedText:
    html: str
    marked: int = 0
    mismatched: list[str] = field(default_factory=list)
    overlapping: list[str] = field(default_factory=list)


def marked_text(text: str, claims: pd.DataFrame, *, selected: str | None = None,
                href: Callable[[str], str] | None = None, numbers: Mapping[str, int] | None = None) -> MarkedText:
    """``text`` with a ``<mark>`` around each claim's ``start:end`` span, one mark per claim.

    ``claims`` needs claim_id, start, end, raw; an optional ``title`` column is the hover text and an
    optional ``flags`` column marks flagged claims. A span whose text is not ``raw`` (stale offsets) is
    left unmarked and listed in ``mismatched``; a span overlapping an earlier one in ``overlapping``.
    With ``numbers`` ({claim_id: n}) each mark carries its row number of the side table; with ``href``
    (claim_id → URL) each mark is a link that selects its claim.
    """
    result = MarkedText(html="")
    parts: list[str] = [f'<div class="ledger-text" style="{TEXT_STYLE}">']
    position = 0
    # where spans start together the longer one is marked
    rows = claims.sort_values(["start", "end"], ascending=[True, False], kind="stable") if len(claims) else claims
    for row in rows.itertuples(index=False):
        start, end, claim_id = int(row.start), int(row.end), str(row.claim_id)
        if not 0 <= start < end <= len(text) or (pd.notna(row.raw) and text[start:end] != row.raw):
            result.mismatched.append(claim_id)
            continue
        if start < position:
            result.overlapping.append(claim_id)
            continue
        classes = ["alt"] if result.marked % 2 else []
        flags = getattr(row, "flags", None)
        if isinstance(flags, str) and flags.strip():
            classes.append("flagged")
        if selected is not None and claim_id == selected:
            classes.append("selected")
        title = getattr(row, "title", None)
        attrs = f' id="claim-{html.escape(claim_id, quote=True)}"'
        shown = [c for c in classes if c != "alt"]
        if shown:
            attrs += f' class="{" ".join(shown)}"'
        attrs += f' style="{MARK_STYLES[classes[-1] if classes else ""]}"'
        if isinstance(title, str) and title:
            attrs += f' title="{html.escape(title, quote=True)}"'
        parts.append(html.escape(text[position:start], quote=False))
        number = numbers.get(claim_id) if numbers else None
        if number is not None:
            attrs += f' data-n="{number}"'
        mark = f"<mark{attrs}>{html.escape(text[start:end], quote=False)}</mark>"
        if number is not None:
            mark += f'<sup style="{NUMBER_STYLE}">{number}</sup>'
        if href is not None:
            mark = f'<a href="{html.escape(href(claim_id), quote=True)}" target="_self" style="text-decoration:none;color:inherit">{mark}</a>'
        parts.append(mark)
        position = end
        result.marked += 1
    parts.append(html.escape(text[position:], quote=False))
    parts.append("</div>")
    result.html = "".join(parts)
    return result


def marked_sentence(sentence: str, raw: str | None, *, text: str | None = None,
                    start: int | None = None, end: int | None = None) -> str:
    """A sentence as escaped HTML with its claim marked.

    With the report's ``text`` and the claim's ``start``/``end`` the very span is marked (a sentence
    may hold the same number twice); otherwise the first occurrence of ``raw``.

    >>> marked_sentence("提升1个示范点,改造1个薄弱点", "1个", text="。提升1个示范点,改造1个薄弱点", start=11, end=13)
    '提升1个示范点,改造<mark>1个</mark>薄弱点'
    """
    if not isinstance(sentence, str):
        return ""
    at = None
    if text is not None and start is not None and end is not None:
        origin = text.find(sentence, max(0, end - len(sentence)))
        if 0 <= origin <= start and end <= origin + len(sentence):
            at = (start - origin, end - origin)
    if at is None and isinstance(raw, str) and raw and raw in sentence:
        first = sentence.index(raw)
        at = (first, first + len(raw))
    if at is None:
        return html.escape(sentence, quote=False)
    a, b = at
    return (f"{html.escape(sentence[:a], quote=False)}<mark>{html.escape(sentence[a:b], quote=False)}</mark>"
            f"{html.escape(sentence[b:], quote=False)}")
