"""Add a report: upload or paste a text, set its district and date, preview its claims, save it.

Nothing is written until "Save" is pressed; saving writes the report and its manifest row
atomically (``dashboard.intake``), rebuilds the table and clears the caches, so the new report
shows on every page. "Cancel" empties the form.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard import data, fmt, intake, ui
from dashboard.highlight import marked_text
from dashboard.i18n import claim_type_name, metric_name, t
from extract.corpus import DocumentError

MODES = ("upload", "paste")
FIELDS = ("district", "published", "title", "source", "url", "note", "filename")


@dataclass(frozen=True)
class Draft:
    text: str = ""
    encoding: str = ""
    name: str | None = None
    error: str | None = None


def main() -> None:
    ui.page_header("page.add")
    flash = st.session_state.pop("add.flash", None)
    if flash:
        kind, message, doc_id = flash
        (st.success if kind == "ok" else st.error)(message)
        if doc_id:
            ui.report_link(doc_id)
    n = st.session_state.setdefault("add.round", 0)
    folder = data.corpus_dir()

    mode = st.radio(t("add.source"), MODES, key="add.mode", horizontal=True,
                    format_func=lambda m: t("add.upload" if m == "upload" else "add.paste"))
    if mode == "upload":
        st.file_uploader(t("add.file"), type=["txt"], key=f"add.file.{n}")
    else:
        st.text_area(t("add.text"), key=f"add.text.{n}", height=220)
    left, right = st.columns(2)
    left.selectbox(t("add.district"), known_districts(), index=None, key=f"add.district.{n}",
                   accept_new_options=True, placeholder=t("add.no_district"))
    right.text_input(t("add.published"), key=f"add.published.{n}", placeholder="2024-05-20")
    left.text_input(t("add.title"), key=f"add.title.{n}")
    right.text_input(t("add.source_name"), key=f"add.source.{n}")
    left.text_input(t("add.url"), key=f"add.url.{n}")
    right.text_input(t("add.note"), key=f"add.note.{n}")

    draft = current_draft(n)
    if draft.error:
        st.error(t("add.unreadable", error=draft.error))
    if not draft.text:
        st.info(t("add.empty"))
        st.button(t("add.cancel"), on_click=cancel, key="add.cancel")
        return
    if draft.encoding:
        st.caption(t("add.encoding", encoding=draft.encoding))
    suggestion = intake.suggest_filename(folder, draft.text, draft.name)
    st.text_input(t("add.filename"), key=f"add.filename.{n}", placeholder=suggestion)
    values = form_values(n)
    problems = []
    try:
        published = intake.check_published(values["published"])
        if not published:
            st.caption(t("add.no_date"))
    except intake.IntakeError:
        published = ""
        problems.append(t("add.bad_date"))
    if not values["district"]:
        problems.append(t("add.no_district"))
    try:
        name = intake.check_filename(values["filename"] or suggestion, folder)
    except intake.IntakeError as exc:
        name = suggestion
        problems.append(str(exc))
    for problem in problems:
        st.warning(problem)

    claims = data.preview(draft.text, name, values["district"] or None, published or None)
    st.subheader(t("add.preview", n=len(claims)))
    st.dataframe(preview_table(claims), hide_index=True, key="add.preview")
    with st.expander(t("page.report")):
        st.html(marked_text(draft.text, claims.assign(title=fmt.amounts(claims))).html)
    save_col, cancel_col, _ = st.columns([1, 1, 4])
    save_col.button(t("add.save"), type="primary", on_click=save, args=(n,), disabled=bool(problems),
                    key="add.save", icon=":material/save:")
    cancel_col.button(t("add.cancel"), on_click=cancel, key="add.cancel")


def known_districts() -> list[str]:
    claims, docs = data.claims(), data.documents()
    names = set(claims["district"].dropna()) | set(docs["district"])
    return sorted(n for n in names if n)


def current_draft(n: int) -> Draft:
    """The text being added, decoded as the corpus would read it."""
    if st.session_state.get("add.mode", MODES[0]) == "upload":
        upload = st.session_state.get(f"add.file.{n}")
        if upload is None:
            return Draft()
        try:
            text, encoding = intake.decode_upload(upload.getvalue(), upload.name)
        except DocumentError as exc:
            return Draft(name=upload.name, error=str(exc))
        return Draft(text=text, encoding=encoding, name=upload.name)
    text = st.session_state.get(f"add.text.{n}") or ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Draft(text=text) if text.strip() else Draft()


def form_values(n: int) -> dict[str, str]:
    return {f: str(st.session_state.get(f"add.{f}.{n}") or "").strip() for f in FIELDS}


def preview_table(claims: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        t("col.raw"): claims["raw"],
        t("col.value"): fmt.amounts(claims),
        t("col.year"): claims["year"],
        t("col.label"): claims["metric_label"],
        t("col.metric"): [metric_name(m) if pd.notna(m) else "" for m in claims["metric"]],
        t("col.category"): claims["category"],
        t("col.claim_type"): [claim_type_name(c) if pd.notna(c) else "" for c in claims["claim_type"]],
        t("col.sentence"): claims["sentence"],
    })


def save(n: int) -> None:
    """Save the draft into the corpus and rebuild the table (a button callback)."""
    folder = data.corpus_dir()
    draft = current_draft(n)
    values = form_values(n)
    name = values["filename"] or intake.suggest_filename(folder, draft.text, draft.name)
    row = {k: values[k] for k in ("district", "published", "title", "source", "url", "note")}
    try:
        path = intake.save_report(folder, name, draft.text, row)
    except (intake.IntakeError, OSError) as exc:
        st.session_state["add.flash"] = ("error", t("add.failed", error=exc), None)
        return
    try:
        table = data.rebuild()
    except Exception as exc:  # noqa: BLE001 -- the report is saved; any failure means a stale table
        st.session_state["add.flash"] = ("error", t("add.rebuild_failed", error=exc), path.name)
    else:
        st.session_state["add.flash"] = ("ok", t("add.saved", file=path.name, n=len(table)), path.name)
    st.session_state["add.round"] = n + 1


def cancel() -> None:
    """Empty the form (new widget keys), leaving the corpus untouched."""
    st.session_state["add.round"] = st.session_state.get("add.round", 0) + 1


main()
