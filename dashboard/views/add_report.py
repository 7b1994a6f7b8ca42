"""Add a report (upload or paste, district suggested from the text, preview, save), and correct or remove
a report already in the corpus.

Nothing is written until a button says so; every change goes through ``dashboard.intake`` (all or
nothing, the manifest locked), then the table is rebuilt and the caches cleared, so the change shows on
every page. Every refusal or failure is a message in the interface language; none names a server path.
Report and manifest text is shown as text, never as Markdown.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard import data, i18n, intake, ui
from dashboard.highlight import marked_text
from dashboard.i18n import category_name, claim_type_name, district_name, metric_name, t

MODES = ("upload", "paste")
FIELDS = ("district", "published", "title", "source", "url", "note", "filename")
META = ("district", "published", "title", "source", "url", "note")


@dataclass(frozen=True)
class Draft:
    text: str = ""
    encoding: str = ""
    name: str | None = None
    error: str | None = None


def main() -> None:
    ui.page_header("page.add")
    ui.style()
    flash = st.session_state.pop("add.flash", None)
    if flash:
        kind, message, doc_id = flash
        ui.text_line(message, kind="success" if kind == "ok" else "error")
        if doc_id:
            ui.report_link(doc_id)
    add_tab, edit_tab = st.tabs([t("add.tab_add"), t("add.tab_edit")])
    with add_tab:
        add_form()
    with edit_tab:
        edit_form()


def message(exc: BaseException) -> str:
    """An intake failure in the interface language (never a server path)."""
    if isinstance(exc, intake.IntakeError):
        key = f"intake.{exc.code}"
        if key in i18n.TEXT:
            try:
                return t(key, **exc.params)
            except (KeyError, IndexError, ValueError):
                pass
        return t("intake.unknown")
    if isinstance(exc, OSError):
        return t("intake.os", reason=exc.strerror or type(exc).__name__)
    return t("intake.unknown")


# ------------------------------------------------------------------------------------------------ add


def add_form() -> None:
    n = st.session_state.setdefault("add.round", 0)
    folder = data.corpus_dir()
    mode = st.radio(t("add.source"), MODES, key="add.mode", horizontal=True,
                    format_func=ui.named(MODES, lambda m: t("add.upload" if m == "upload" else "add.paste")))
    if mode == "upload":
        st.file_uploader(t("add.file"), type=["txt"], key=f"add.file.{n}",
                         help=t("add.file_help", limit=intake.MAX_REPORT_MB), max_upload_size=intake.MAX_REPORT_MB)
    else:
        st.text_area(t("add.text"), key=f"add.text.{n}", height=220, placeholder=t("add.text_placeholder"),
                     max_chars=intake.MAX_REPORT_BYTES)
    draft = current_draft(n)
    suggest(n, draft)

    districts = known_districts()
    chosen = st.session_state.get(f"add.district.{n}")
    left, right = st.columns(2)
    options = districts + ([chosen] if chosen and chosen not in districts else [])
    left.selectbox(t("add.district"), options,
                   index=None, key=f"add.district.{n}", accept_new_options=True, placeholder=t("add.no_district"),
                   format_func=ui.named(options, district_name), filter_mode="contains")
    right.text_input(t("add.published"), key=f"add.published.{n}", placeholder="2024-05-20")
    left.text_input(t("add.title"), key=f"add.title.{n}", placeholder=t("add.title_placeholder"))
    right.text_input(t("add.source_name"), key=f"add.source.{n}", placeholder=t("add.source_placeholder"))
    left.text_input(t("add.url"), key=f"add.url.{n}", placeholder="https://")
    right.text_input(t("add.note"), key=f"add.note.{n}", placeholder=t("add.note_placeholder"))
    hint = st.session_state.get(f"add.suggested.{n}")
    if hint and hint[1]:
        st.caption(t("add.suggested", district=district_name(hint[1]), n=hint[2]))

    if draft.error:
        ui.text_line(draft.error, kind="error")
    if not draft.text:
        ui.text_line(t("add.empty"), kind="info")
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
    except intake.IntakeError as exc:
        published = ""
        problems.append(message(exc))
    if not values["district"]:
        problems.append(t("add.no_district"))
    try:
        name = intake.check_filename(values["filename"] or suggestion, folder)
        intake.check_size(len(draft.text.encode("utf-8", "surrogatepass")))
    except intake.IntakeError as exc:
        name = suggestion
        problems.append(message(exc))
    for problem in problems:
        ui.text_line(problem, kind="error")

    try:
        claims = data.preview(draft.text, name, values["district"] or None, published or None)
    except Exception as exc:  # noqa: BLE001 -- the engine failing on a text is a message, not a page error
        ui.text_line(t("add.preview_failed", error=type(exc).__name__), kind="error")
        claims = None
    if claims is not None:
        st.subheader(t("add.preview", n=len(claims)))
        st.dataframe(preview_table(claims), hide_index=True, key="add.preview")
        with st.expander(t("page.report")):
            st.html(marked_text(draft.text, claims.assign(title=i18n.amounts(claims))).html)
    save_col, cancel_col, _ = st.columns([1, 1, 4])
    save_col.button(t("add.save"), type="primary", on_click=save, args=(n,), disabled=bool(problems),
                    key="add.save", icon=":material/save:")
    cancel_col.button(t("add.cancel"), on_click=cancel, key="add.cancel")


def suggest(n: int, draft: Draft) -> None:
    """Put the district the text names most into the district picker, unless the user chose another."""
    key, memo = f"add.district.{n}", f"add.suggested.{n}"
    digest = hashlib.sha1(draft.text.encode("utf-8", "surrogatepass")).hexdigest() if draft.text else ""
    previous = st.session_state.get(memo)
    if previous is not None and previous[0] == digest:
        return
    found = intake.suggest_district(draft.text) if draft.text else None
    current = st.session_state.get(key)
    if current in (None, "") or (previous is not None and current == previous[1]):
        st.session_state[key] = found[0] if found else None
    st.session_state[memo] = (digest, found[0] if found else None, found[1] if found else 0)


def known_districts() -> list[str]:
    from dashboard.facts import order, sort_districts

    claims, docs = data.claims(), data.documents()
    names = set(claims["district"].dropna()) | set(docs["district"]) | set(order())
    return sort_districts(n for n in names if n)


def current_draft(n: int) -> Draft:
    """The text being added, decoded as the corpus would read it."""
    if st.session_state.get("add.mode", MODES[0]) == "upload":
        upload = st.session_state.get(f"add.file.{n}")
        if upload is None:
            return Draft()
        shown = ui.plain(upload.name)[:80]
        try:
            text, encoding = intake.decode_upload(upload.getvalue(), upload.name)
        except intake.IntakeError as exc:
            return Draft(name=upload.name, error=t("add.unreadable", error=message(exc)))
        except Exception as exc:  # noqa: BLE001
            return Draft(name=upload.name, error=t("add.unreadable", error=message(exc)) + f" ({shown})")
        return Draft(text=text, encoding=encoding, name=upload.name)
    text = st.session_state.get(f"add.text.{n}") or ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Draft(text=text) if text.strip() else Draft()


def form_values(n: int) -> dict[str, str]:
    return {f: str(st.session_state.get(f"add.{f}.{n}") or "").strip() for f in FIELDS}


def preview_table(claims: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        t("col.raw"): claims["raw"],
        t("col.value"): i18n.amounts(claims),
        t("col.year"): claims["year"],
        t("col.label"): claims["metric_label"],
        t("col.metric"): [metric_name(m) if pd.notna(m) else "" for m in claims["metric"]],
        t("col.category"): [category_name(c) for c in claims["category"]],
        t("col.claim_type"): [claim_type_name(c) if pd.notna(c) else "" for c in claims["claim_type"]],
        t("col.sentence"): claims["sentence"],
    })


def save(n: int) -> None:
    """Save the draft into the corpus and rebuild the table (a button callback)."""
    folder = data.corpus_dir()
    draft = current_draft(n)
    values = form_values(n)
    try:
        name = values["filename"] or intake.suggest_filename(folder, draft.text, draft.name)
        row = {k: values[k] for k in META}
        path = intake.save_report(folder, name, draft.text, row)
    except Exception as exc:  # noqa: BLE001 -- every failure is a message; the corpus is unchanged
        st.session_state["add.flash"] = ("error", t("add.failed", error=message(exc)), None)
        return
    rebuilt(t("add.saved", file=path.name, n="{n}"), path.name)
    st.session_state["add.round"] = n + 1


def rebuilt(done: str, doc_id: str | None) -> None:
    """Rebuild the table after a change and say how it went."""
    try:
        table = data.rebuild()
    except Exception as exc:  # noqa: BLE001 -- the change is made; any failure means a stale table
        st.session_state["add.flash"] = ("error", t("add.rebuild_failed", error=type(exc).__name__), doc_id)
    else:
        st.session_state["add.flash"] = ("ok", done.replace("{n}", f"{len(table):,}"), doc_id)


def cancel() -> None:
    """Empty the form (new widget keys), leaving the corpus untouched."""
    st.session_state["add.round"] = st.session_state.get("add.round", 0) + 1


# ---------------------------------------------------------------------------------------- edit, remove


def edit_form() -> None:
    docs = data.documents()
    folder = data.corpus_dir()
    files = [f for f in docs["file"] if (folder / f).is_file()]
    if not files:
        ui.text_line(t("report.none"), kind="info")
        return
    info = docs.set_index("file")
    doc = st.selectbox(t("edit.pick"), files, key="edit.doc", index=None, placeholder=t("edit.pick_placeholder"),
                       format_func=ui.named(files, lambda f: _label(info, f)), filter_mode="contains")
    if doc is None:
        return
    r = st.session_state.setdefault("edit.round", 0)
    try:
        current = intake.manifest_row(folder, doc)
    except Exception as exc:  # noqa: BLE001
        ui.text_line(message(exc), kind="error")
        return
    left, right = st.columns(2)
    tag = hashlib.sha1(doc.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    keys = {f: f"edit.{f}.{tag}.{r}" for f in META}
    districts = known_districts()
    if current["district"] and current["district"] not in districts:
        districts.append(current["district"])
    left.selectbox(t("add.district"), districts, key=keys["district"], accept_new_options=True,
                   index=districts.index(current["district"]) if current["district"] in districts else None,
                   placeholder=t("add.no_district"), format_func=ui.named(districts, district_name),
                   filter_mode="contains")
    right.text_input(t("add.published"), value=current["published"], key=keys["published"], placeholder="2024-05-20")
    left.text_input(t("add.title"), value=current["title"], key=keys["title"])
    right.text_input(t("add.source_name"), value=current["source"], key=keys["source"])
    left.text_input(t("add.url"), value=current["url"], key=keys["url"])
    right.text_input(t("add.note"), value=current["note"], key=keys["note"])
    values = {f: str(st.session_state.get(keys[f]) or "").strip() for f in META}
    problem = None
    try:
        intake.check_published(values["published"])
    except intake.IntakeError as exc:
        problem = message(exc)
    if not values["district"]:
        problem = t("add.no_district")
    if problem:
        ui.text_line(problem, kind="error")
    row = st.columns([1, 1, 4])
    row[0].button(t("edit.save"), type="primary", key="edit.save", disabled=problem is not None,
                  on_click=update, args=(doc, values), icon=":material/save:")
    row[1].button(t("edit.remove"), key="edit.remove", on_click=ask_remove, args=(doc,), icon=":material/delete:")
    if st.session_state.get("edit.confirm") == doc:
        box = st.container(border=True)
        with box:
            ui.text_line(t("edit.confirm", file=doc, title=current["title"] or doc), kind="error")
            yes, no, _ = st.columns([1, 1, 4])
            yes.button(t("edit.yes"), type="primary", key="edit.yes", on_click=remove, args=(doc,))
            no.button(t("add.cancel"), key="edit.no", on_click=ask_remove, args=(None,))


def _label(info: pd.DataFrame, file: str) -> str:
    if file not in info.index:
        return file
    row = info.loc[file]
    bits = [str(row["title"] or file), district_name(row["district"]), str(row["published"])]
    return " · ".join(b for b in bits if b) + f"  ({file})"


def ask_remove(doc: str | None) -> None:
    st.session_state["edit.confirm"] = doc


def update(doc: str, values: dict[str, str]) -> None:
    """Write the corrected manifest row and rebuild the table (a button callback)."""
    try:
        intake.update_report(data.corpus_dir(), doc, values)
    except Exception as exc:  # noqa: BLE001
        st.session_state["add.flash"] = ("error", t("edit.failed", error=message(exc)), None)
        return
    rebuilt(t("edit.saved", file=doc, n="{n}"), doc)
    st.session_state["edit.round"] = st.session_state.get("edit.round", 0) + 1


def remove(doc: str) -> None:
    """Remove the report and its manifest row, rebuild the table (the confirmation's callback)."""
    st.session_state["edit.confirm"] = None
    try:
        intake.remove_report(data.corpus_dir(), doc)
    except Exception as exc:  # noqa: BLE001
        st.session_state["add.flash"] = ("error", t("edit.remove_failed", error=message(exc)), None)
        return
    st.session_state["edit.doc"] = None
    rebuilt(t("edit.removed", file=doc, n="{n}"), None)


main()
