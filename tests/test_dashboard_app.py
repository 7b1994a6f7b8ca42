"""The dashboard, page by page and in both languages, with streamlit's AppTest on a temporary copy of the
seed corpus: every page renders, every choice survives a reload (it is in the URL), the district colours
are fixed, Compare leaves flagged values and targets out of achievements, facets count within the
selection, report text is never read as Markdown, and the intake refuses what it must in the chosen
language and changes the corpus all or nothing.

Also the dashboard's pure modules: filters (URL round trip, facet counts), highlight (escaping, stale
offsets, one mark per claim), fmt (qualifier marks, Chinese magnitudes), comparison and intake.
"""
from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from streamlit.delta_generator import DeltaGenerator
from streamlit.testing.v1 import AppTest

from dashboard import filters, fmt, highlight, intake
from extract import load_claims

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dashboard" / "app.py"
PAGES = ["views/overview.py", "views/compare.py", "views/claims.py", "views/report.py", "views/add_report.py"]
if (ROOT / "dashboard" / "views" / "checks.py").exists():
    PAGES.append("views/checks.py")
LANGS = ["zh", "en"]
TIMEOUT = 120  # a limit for slow machines, not a speed requirement
PASTED = "金水区今年以来分批分类培训党员2.8万人次，新建87个社区党群服务中心，面积均超1000平方米。"


def copy_corpus(target: Path) -> Path:
    shutil.copytree(ROOT / "seeds", target)
    for path in [target, *target.iterdir()]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return target


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    """A copy of the seeds, the table built from it, and LEDGER_* pointing there for this module."""
    work = tmp_path_factory.mktemp("ledger")
    corpus = copy_corpus(work / "corpus")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LEDGER_CORPUS", str(corpus))
        mp.setenv("LEDGER_DATA", str(work / "data" / "claims.parquet"))
        table = load_claims()
        yield {"corpus": corpus, "table": table}


@pytest.fixture
def own_corpus(tmp_path, monkeypatch, ledger):
    """A corpus of the test's own (for pages that write into it or tests that alter the table)."""
    corpus = copy_corpus(tmp_path / "corpus")
    monkeypatch.setenv("LEDGER_CORPUS", str(corpus))
    monkeypatch.setenv("LEDGER_DATA", str(tmp_path / "data" / "claims.parquet"))
    return corpus


def open_page(page: str | None = None, **query: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params.update(query)
    at.run()
    if page:
        at.query_params.update(query)
        at.switch_page(page).run()
    return at


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "caption", "info", "warning", "success", "error", "title",
                                   "subheader") for e in at.get(kind)]
    return "\n".join(str(p) for p in parts) + "\n" + html_of(at)


def query_list(at: AppTest, key: str) -> list[str]:
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def html_of(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def lines(at: AppTest, kind: str) -> list[str]:
    """The texts shown with ``ui.text_line(..., kind=kind)`` (report and manifest text, never Markdown)."""
    import html
    import re

    return [html.unescape(m) for m in re.findall(rf'class="ledger-{kind}"[^>]*>(.*?)</div>', html_of(at), re.S)]


# ---------------------------------------------------------------------------------------------
# every page


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders(ledger, page):
    at = ok(open_page(page))
    assert at.title, "each page has a title"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_in_english(ledger, page):
    at = ok(open_page(page, lang="en"))
    assert at.title[0].value.isascii()


def test_language_switch_in_sidebar(ledger):
    at = ok(open_page())
    assert at.title[0].value == "概览"
    at.sidebar.radio(key="lang").set_value("en").run()
    assert ok(at).title[0].value == "Overview"


def test_overview_counts(ledger):
    at = ok(open_page())
    table = ledger["table"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["报道"] == "5"
    assert metrics["声明"] == f"{len(table):,}"
    assert metrics["城区"] == str(table["district"].nunique())
    assert at.get("plotly_chart"), "district × category matrix"
    latest = at.dataframe[0].value
    assert len(latest) == 5 and latest["link"].str.startswith("report?doc=").all()


# ---------------------------------------------------------------------------------------------
# claims explorer


def shown_count(at: AppTest) -> int:
    line = next(m.value for m in at.markdown if "/" in m.value and "条声明" in m.value)
    return int(line.strip("*").split("/")[0].replace(",", "").strip())


def test_explorer_filters_change_what_is_shown_and_the_url(ledger):
    table = ledger["table"]
    at = ok(open_page("views/claims.py"))
    assert shown_count(at) == len(table)
    district = table["district"].value_counts().index[-1]
    at.multiselect(key="filter.district").set_value([district]).run()
    ok(at)
    expected = int((table["district"] == district).sum())
    assert 0 < expected < len(table)
    assert shown_count(at) == expected
    assert len(at.dataframe[0].value) == expected
    assert set(at.dataframe[0].value["district"]) == {district}
    assert at.query_params["district"] == district

    at.text_input(key="filter.text").set_value("党员").run()
    both = filters.apply(table, filters.Filters(district=(district,), text="党员"))
    assert shown_count(ok(at)) == len(both)
    assert at.query_params["text"] == "党员"

    at.sidebar.button[0].click().run()  # clear filters
    assert shown_count(ok(at)) == len(table)
    assert "district" not in at.query_params and "text" not in at.query_params


def test_explorer_view_is_a_link(ledger):
    table = ledger["table"]
    year = str(int(table["year"].dropna().mode()[0]))
    at = ok(open_page("views/claims.py", year=year, text="党员"))
    expected = filters.apply(table, filters.Filters(year=(year,), text="党员"))
    assert at.multiselect(key="filter.year").value == [year]
    assert shown_count(at) == len(expected)


def test_explorer_ignores_unknown_url_values(ledger):
    at = ok(open_page("views/claims.py", district="不存在区"))
    assert at.multiselect(key="filter.district").value == []
    assert shown_count(at) == len(ledger["table"])


def test_download_buttons_give_workbook_and_csv(ledger, monkeypatch):
    served: dict[str, object] = {}
    original = DeltaGenerator.download_button

    def spy(self, label, data, file_name=None, *args, **kwargs):
        served[file_name.rsplit(".", 1)[-1]] = data
        return original(self, label, data, file_name, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", spy)
    table = ledger["table"]
    district = table["district"].value_counts().index[0]
    at = ok(open_page("views/claims.py", district=district))
    assert len(at.get("download_button")) == 2
    expected = int((table["district"] == district).sum())

    build = served["xlsx"]
    assert callable(build), "the workbook is built only when the button is clicked"
    book = openpyxl.load_workbook(io.BytesIO(build()))
    assert {"Claims", "Pivot", "Reports", "About"} <= set(book.sheetnames)
    assert book.sheetnames[0] == "Claims" and book.sheetnames[-1] == "About"
    assert book["Claims"].max_row == expected + 1
    view = table[table["district"] == district]
    from extract.checks import run_checks

    shown = set(view["claim_id"])
    findings = run_checks(table)[1]
    involved = int(findings["claim_ids"].str.split(";").map(lambda ids: bool(shown.intersection(ids))).sum())
    assert ("Checks" in book.sheetnames) == (involved > 0)
    if involved:
        assert book["Checks"].max_row == involved + 1
    col = [c.value for c in book["Claims"][1]].index("district")
    assert {r[col] for r in book["Claims"].iter_rows(min_row=2, values_only=True)} == {district}
    about = {r[0]: r[1] for r in book["About"].iter_rows(values_only=True) if r[0]}
    assert about["筛选 filter · district"] == district

    data = served["csv"]()
    assert data.startswith(b"\xef\xbb\xbf")
    assert len(pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")) == expected


# ---------------------------------------------------------------------------------------------
# report view


def test_report_view_highlights_every_claim(ledger):
    table = ledger["table"]
    doc = table["doc_id"].value_counts().index[0]
    rows = table[table["doc_id"] == doc]
    claim = rows.iloc[len(rows) // 2]
    at = ok(open_page("views/report.py", doc=doc, claim=claim["claim_id"]))
    assert at.selectbox(key="report.doc").value == doc
    body = "".join(h.proto.body for h in at.get("html"))
    assert body.count("<mark") + len([w for w in at.warning if "位置" in w.value]) >= 1
    assert body.count("<mark") == len(rows) - _mismatches(at)
    assert f'id="claim-{claim["claim_id"]}" class="selected' in body or "selected" in body
    assert any(claim["raw"] in line for line in lines(at, "info"))
    assert len(at.dataframe[0].value) == len(rows)


def _mismatches(at: AppTest) -> int:
    for w in at.warning:
        if "未高亮" in w.value:
            return int(w.value.split(" ")[0])
    return 0


def test_report_view_unknown_doc_falls_back_to_first(ledger):
    at = ok(open_page("views/report.py", doc="nope.txt", claim="nope"))
    assert at.selectbox(key="report.doc").value == "000_d52fd7a93880259f.txt"  # the manifest's first
    assert "claim" not in at.query_params


# ---------------------------------------------------------------------------------------------
# compare


@pytest.fixture
def with_metrics(own_corpus, monkeypatch):
    """The table with two canonical metrics put on known rows, one of them in two units."""
    import dashboard.data

    real = dashboard.data.load_claims

    def load(*args, **kwargs):
        table = real(*args, **kwargs).copy()
        firsts = table.groupby("district").head(2).index
        table.loc[firsts, "metric"] = "test_trained"
        table.loc[firsts[:1], "unit"] = "人次"
        table.loc[firsts[1:], "unit"] = "名"
        many = table.index[(table["district"] == "金水区") & table["metric"].isna()][:30]
        table.loc[many, "metric"] = "test_many"
        table.loc[many, "unit"] = "名"
        centres = table.groupby("district").tail(1).index
        table.loc[centres, "metric"] = "test_centres"
        table.loc[centres, "unit"] = "个"
        return table

    monkeypatch.setattr(dashboard.data, "load_claims", load)
    return own_corpus


def test_compare_without_metrics_says_so(ledger, monkeypatch, own_corpus):
    import dashboard.data

    real = dashboard.data.load_claims
    monkeypatch.setattr(dashboard.data, "load_claims", lambda *a, **k: real(*a, **k).assign(metric=pd.NA))
    at = ok(open_page("views/compare.py"))
    assert at.info and not at.get("plotly_chart")


def test_compare_plots_a_metric_with_units_apart_and_sources_linked(with_metrics):
    at = ok(open_page("views/compare.py", metric="test_trained"))
    assert at.selectbox(key="compare.metric").value == "test_trained"
    assert at.query_params["metric"] == "test_trained"
    assert any("人次" in w.value and "名" in w.value for w in at.warning), "different units are flagged"
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert {t["type"] for t in spec["data"]} == {"bar"}
    axes = {t.get("yaxis", "y") for t in spec["data"]}
    assert len(axes) == 2, "one panel per unit, never one series"
    assert "Noto Sans CJK SC" in spec["layout"]["font"]["family"]
    links = at.get("page_link")
    assert links and all("doc=" in link.proto.query_string for link in links)

    at.radio(key="compare.kind").set_value("line").run()
    spec = json.loads(ok(at).get("plotly_chart")[0].proto.spec)
    assert {t["type"] for t in spec["data"]} == {"scatter"}
    assert at.query_params["chart"] == "line"

    at.selectbox(key="compare.metric").set_value("test_centres").run()
    assert not [w for w in ok(at).warning if "单位" in w.value]


def test_compare_lists_the_charted_claims_first_and_links_to_the_rest(with_metrics):
    at = ok(open_page("views/compare.py", metric="test_many"))
    links = at.get("page_link")
    to_reports = [link for link in links if "doc=" in link.proto.query_string]
    to_rest = [link for link in links if "metric=test_many" in link.proto.query_string]
    assert 0 < len(to_reports) <= 12 and len(to_rest) == 1
    assert "district=" in to_rest[0].proto.query_string
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    charted = {label for trace in spec["data"] for label in trace["text"]}
    listed = " ".join(h.proto.body for h in at.get("html"))
    assert all(label in listed for label in charted), "each bar's claim is among the sentences listed"


def test_compare_marks_qualifiers_on_the_chart(with_metrics, monkeypatch):
    import dashboard.data

    loader = dashboard.data.load_claims

    def qualified(*args, **kwargs):
        table = loader(*args, **kwargs)
        table.loc[table["metric"] == "test_centres", "qualifier"] = "over"
        return table

    monkeypatch.setattr(dashboard.data, "load_claims", qualified)
    at = ok(open_page("views/compare.py", metric="test_centres"))
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert all(str(label).startswith("≥") for trace in spec["data"] for label in trace["text"])


# ---------------------------------------------------------------------------------------------
# add a report


def fill_paste(at: AppTest, text: str = PASTED, district: str = "金水区", published: str = "2024-05") -> AppTest:
    at.radio(key="add.mode").set_value("paste").run()
    n = at.session_state["add.round"]
    at.text_area(key=f"add.text.{n}").set_value(text)
    at.selectbox(key=f"add.district.{n}").set_value(district)
    at.text_input(key=f"add.published.{n}").set_value(published)
    at.text_input(key=f"add.title.{n}").set_value("测试报道")
    return ok(at.run())


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of the corpus (the manifest's lock file aside: it stays after the first change)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name != ".manifest.csv.lock"}


def test_add_report_preview_save_and_rebuild(own_corpus):
    before = snapshot(own_corpus)
    at = fill_paste(ok(open_page("views/add_report.py")))
    assert snapshot(own_corpus) == before, "previewing writes nothing"
    preview = next(s.value for s in at.subheader if s.value.startswith("预览"))
    assert int(preview.split("：")[1].split(" ")[0]) >= 1
    at.button(key="add.save").click().run()
    ok(at)
    assert lines(at, "success"), lines(at, "error")
    added = set(snapshot(own_corpus)) - set(before)
    assert len(added) == 1
    name = added.pop()
    assert (own_corpus / name).read_text(encoding="utf-8") == PASTED
    manifest = pd.read_csv(own_corpus / "manifest.csv", dtype=str, keep_default_na=False)
    assert manifest.iloc[-1]["file"] == name and manifest.iloc[-1]["district"] == "金水区"
    assert manifest.iloc[-1]["published"] == "2024-05" and manifest.iloc[-1]["title"] == "测试报道"
    assert not [p for p in own_corpus.iterdir() if p.suffix == ".tmp"]

    at.switch_page("views/overview.py").run()
    assert {m.label: m.value for m in ok(at).metric}["报道"] == "6"
    at.switch_page("views/report.py")
    at.query_params["doc"] = name
    at.run()
    assert ok(at).selectbox(key="report.doc").value == name
    assert "<mark" in "".join(h.proto.body for h in at.get("html"))


def test_add_report_upload_gb18030(own_corpus):
    at = ok(open_page("views/add_report.py"))
    at.file_uploader(key="add.file.0").set_value(("新报道.txt", PASTED.encode("gb18030"), "text/plain"))
    at.run()
    n = at.session_state["add.round"]
    at.selectbox(key=f"add.district.{n}").set_value("金水区")
    at.run()
    assert any("gb18030" in c.value for c in ok(at).caption)
    at.button(key="add.save").click().run()
    assert lines(ok(at), "success")
    assert (own_corpus / "新报道.txt").read_text(encoding="utf-8") == PASTED


def test_add_report_cancel_changes_nothing(own_corpus):
    before = snapshot(own_corpus)
    at = fill_paste(ok(open_page("views/add_report.py")))
    at.button(key="add.cancel").click().run()
    ok(at)
    assert snapshot(own_corpus) == before
    n = at.session_state["add.round"]
    assert at.text_area(key=f"add.text.{n}").value in ("", None)


def test_add_report_bad_date_blocks_saving(own_corpus):
    at = fill_paste(ok(open_page("views/add_report.py")), published="2024/05")
    assert at.button(key="add.save").disabled
    assert any("YYYY" in line for line in lines(at, "error"))


def test_add_report_failure_leaves_corpus_unchanged(own_corpus, monkeypatch):
    before = snapshot(own_corpus)
    at = fill_paste(ok(open_page("views/add_report.py")))
    real_replace = os.replace

    def failing(src, dst):
        if str(dst).endswith("manifest.csv"):
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(intake.os, "replace", failing)
    at.button(key="add.save").click().run()
    assert any("未改动" in line for line in lines(ok(at), "error"))
    assert snapshot(own_corpus) == before


# ---------------------------------------------------------------------------------------------
# the optional Checks page


@pytest.mark.parametrize("present", [False, True])
def test_checks_page_registered_only_when_its_file_exists(ledger, tmp_path, present):
    app_dir = tmp_path / "dashboard"
    shutil.copytree(ROOT / "dashboard", app_dir, ignore=shutil.ignore_patterns("__pycache__", "checks.py"))
    if present:
        (app_dir / "views" / "checks.py").write_text(
            "from dashboard import ui\nui.page_header('page.checks')\n", encoding="utf-8")
    at = AppTest.from_file(str(app_dir / "app.py"), default_timeout=TIMEOUT).run()
    ok(at)
    if present:
        at.switch_page("views/checks.py").run()
        assert ok(at).title[0].value == "检查"
    else:
        (app_dir / "views" / "checks.py").write_text("", encoding="utf-8")  # exists now, but not registered
        with pytest.raises(ValueError, match="navigation page"):
            at.switch_page("views/checks.py")


# ---------------------------------------------------------------------------------------------
# pure modules


def test_every_interface_text_exists_in_both_languages():
    import re

    from dashboard import i18n

    used = set()
    for path in (ROOT / "dashboard").rglob("*.py"):
        if path.name != "checks.py":  # that page brings its own texts
            used |= set(re.findall(r"""\bt\(\s*["']([\w.]+)["']""", path.read_text(encoding="utf-8")))
    used |= set(re.findall(r'"(page\.\w+)"', (ROOT / "dashboard" / "app.py").read_text(encoding="utf-8")))
    missing = sorted(k for k in used if k not in i18n.TEXT)
    assert not missing
    assert all(zh and en for zh, en in i18n.TEXT.values())


def small_table() -> pd.DataFrame:
    return pd.DataFrame({
        "district": pd.array(["金水区", "中原区", "金水区"], dtype="string"),
        "subdistrict": pd.array(["莲湖街道", None, None], dtype="string"),
        "year": pd.array([2021, None, 2022], dtype="Int64"),
        "metric": pd.array(["party_members_trained", None, None], dtype="string"),
        "flags": pd.array(["repeat;no_year", "", "implausible"], dtype="string"),
        "sentence": pd.array(["培训党员2.8万人次", "办复率98%", "党员大会"], dtype="string"),
        "metric_label": pd.array(["培训党员", "办复率", "召开大会"], dtype="string"),
    })


def test_filters_facets_none_and_text():
    table = small_table()
    pick = lambda **kw: filters.apply(table, filters.Filters(**kw)).index.tolist()
    assert pick() == [0, 1, 2]
    assert pick(district=("金水区",)) == [0, 2]
    assert pick(year=("2022", filters.NONE)) == [1, 2]
    assert pick(subdistrict=(filters.NONE,)) == [1, 2]
    assert pick(metric=("party_members_trained",)) == [0]
    assert pick(flags=("no_year",)) == [0]
    assert pick(flags=("repeat", "implausible")) == [0, 2]
    assert pick(flags=(filters.NONE,)) == [1]
    assert pick(text="党员") == [0, 2]
    assert pick(text="党员 大会") == [2]
    assert pick(text="办复") == [1]


def test_filters_url_round_trip():
    chosen = filters.Filters(district=("金水区", "中原区"), year=("2021",), text="党员 培训")
    assert filters.from_query(filters.to_query(chosen)) == chosen
    assert filters.from_query({}) == filters.Filters()
    assert filters.Filters().is_empty()


def test_facet_values_count_and_none():
    table = small_table()
    assert filters.facet_values(table, "district") == [("金水区", 2), ("中原区", 1)]
    assert filters.facet_values(table, "year") == [("2022", 1), ("2021", 1), ("none", 1)]
    assert dict(filters.facet_values(table, "flags")) == {"repeat": 1, "no_year": 1, "implausible": 1, "none": 1}


def test_highlight_escapes_and_skips_stale_offsets():
    text = "<b>共有3名</b>代表&10个社区"
    claims = pd.DataFrame({"claim_id": ["a", "b", "c"], "start": [5, 14, 5], "end": [7, 17, 6],
                           "raw": ["3名", "10个", "3"], "title": ['"3" <名>', "", ""]})
    out = highlight.marked_text(text, claims, selected="a")
    assert "<b>" not in out.html and "&lt;b&gt;" in out.html and "&amp;" in out.html
    assert 'title="&quot;3&quot; &lt;名&gt;"' in out.html
    assert out.marked == 2 and out.overlapping == ["c"] and not out.mismatched
    assert 'class="selected"' in out.html
    stale = highlight.marked_text(text, claims.assign(start=[0, 14, 5]))
    assert "a" in stale.mismatched


def test_amount_marks_qualifiers_and_ranges():
    assert fmt.amount(22000.0, None, "名", "over") == "≥22,000 名"
    assert fmt.amount(5.0, None, "个", "at_least") == "≥5 个"
    assert fmt.amount(100.0, None, "人", "about") == "≈100 人"
    assert fmt.amount(3500.0, None, "家", "nearly") == "~3,500 家"
    assert fmt.amount(1700.0, 4700.0, "平方米", "exact") == "1,700~4,700 平方米"
    assert fmt.amount(98.0, None, "%", "exact") == "98 %"


# intake


def test_intake_saves_report_and_appends_manifest_row(tmp_path):
    corpus = copy_corpus(tmp_path / "c")
    old = (corpus / "manifest.csv").read_bytes()
    path = intake.save_report(corpus, "新.txt", "正文", {"district": "金水区", "published": "2024", "title": "标题"})
    assert path.read_text(encoding="utf-8") == "正文"
    new = (corpus / "manifest.csv").read_bytes()
    assert new.startswith(old), "existing rows kept byte for byte"
    assert new[len(old):].decode("utf-8").strip() == "新.txt,金水区,2024,标题,,"


def test_intake_extends_header_for_a_url(tmp_path):
    corpus = copy_corpus(tmp_path / "c")
    intake.save_report(corpus, "u.txt", "正文", {"district": "金水区", "url": "http://example.org/a"})
    manifest = pd.read_csv(corpus / "manifest.csv", dtype=str, keep_default_na=False)
    assert "url" in manifest.columns and manifest.iloc[-1]["url"] == "http://example.org/a"
    assert len(manifest) == 6 and manifest.iloc[0]["title"]


def test_intake_creates_manifest_when_missing(tmp_path):
    intake.save_report(tmp_path, "a.txt", "正文", {"district": "金水区"})
    assert (tmp_path / "manifest.csv").read_text(encoding="utf-8").splitlines()[0] == ",".join(intake.MANIFEST_FIELDS)


@pytest.mark.parametrize("name, row, message", [
    ("../x.txt", {"district": "金水区"}, "plain file name"),
    ("x.doc", {"district": "金水区"}, "must end in .txt"),
    ("000_d52fd7a93880259f.txt", {"district": "金水区"}, "already exists"),
    ("x.txt", {"district": ""}, "district"),
    ("x.txt", {"district": "金水区", "published": "2024-13"}, "no such date"),
    ("x.txt", {"district": "金水区", "published": "2023-02-30"}, "no such date"),
    ("x.txt", {"district": "金水区", "published": "2024/05"}, "bad date"),
    ("x" * 300 + ".txt", {"district": "金水区"}, "longer than"),
])
def test_intake_refuses_and_changes_nothing(tmp_path, name, row, message):
    corpus = copy_corpus(tmp_path / "c")
    before = snapshot(corpus)
    with pytest.raises(intake.IntakeError, match=message):
        intake.save_report(corpus, name, "正文", row)
    assert snapshot(corpus) == before


def test_intake_rolls_back_when_manifest_cannot_be_replaced(tmp_path, monkeypatch):
    corpus = copy_corpus(tmp_path / "c")
    before = snapshot(corpus)
    real = os.replace
    monkeypatch.setattr(intake.os, "replace",
                        lambda s, d: (_ for _ in ()).throw(OSError("disk full")) if str(d).endswith(".csv") else real(s, d))
    with pytest.raises(OSError):
        intake.save_report(corpus, "x.txt", "正文", {"district": "金水区"})
    assert snapshot(corpus) == before


def test_intake_suggests_next_number():
    folder = ROOT / "seeds"
    name = intake.suggest_filename(folder, "正文")
    assert name.startswith("005_") and name.endswith(".txt")
    assert intake.suggest_filename(folder, "正文", "我的.txt") == "我的.txt"


# ---------------------------------------------------------------------------------------------
# both languages, the URL, links


CJK = __import__("re").compile(r"[\u4e00-\u9fff]")


def interface_texts(at: AppTest) -> list[str]:
    """What the interface itself says: titles, headers, widget labels, placeholders, captions."""
    out = [e.value for kind in ("title", "subheader") for e in at.get(kind)]
    for kind in ("selectbox", "multiselect", "radio", "text_input", "text_area", "toggle", "button", "slider"):
        for w in at.get(kind):
            out.append(w.label)
            if getattr(w.proto, "placeholder", ""):
                out.append(w.proto.placeholder)
    for w in at.get("tab"):
        out.append(w.label)
    return [o for o in out if o]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_in_both_languages_keeps_lang_in_the_url(ledger, page, lang):
    at = ok(open_page(page, lang=lang))
    assert at.query_params["lang"] == lang
    said = interface_texts(at)
    assert said, "the page says something"
    if lang == "en":
        assert not [s for s in said if CJK.search(s) and "语言" not in s and "e.g." not in s], said
    else:
        assert all(CJK.search(s) or s in ("#", "https://", "2024-05-20") for s in said if "Language" not in s), said
    for link in at.get("page_link"):
        assert f"lang={lang}" in link.proto.query_string
    server = str(ledger["corpus"])
    assert server not in texts(at), "no server path is ever shown"


def test_language_follows_the_switch_into_the_url_and_back(ledger):
    at = ok(open_page("views/claims.py"))
    assert at.query_params["lang"] == "zh"
    at.sidebar.radio(key="lang").set_value("en").run()
    assert ok(at).query_params["lang"] == "en" and at.title[0].value == "Claims explorer"
    at.switch_page("views/compare.py").run()
    assert ok(at).query_params["lang"] == "en" and at.title[0].value == "Compare"
    reloaded = ok(open_page("views/compare.py", **dict(at.query_params)))
    assert reloaded.title[0].value == "Compare"


def test_english_names_categories_units_flags_and_districts(ledger):
    at = ok(open_page("views/claims.py", lang="en"))
    table = at.dataframe[0].value
    assert not [c for c in table["category"] if CJK.search(c)], "categories in English"
    assert "Jinshui District" in set(table["district"])
    units = " ".join(table["amount"])
    assert "people" in units and "名" not in units
    assert "repeat" in " ".join(table["flags"])
    zh = ok(open_page("views/claims.py"))
    flags = " ".join(zh.dataframe[0].value["flags"])
    assert "repeat" not in flags and "重复" in flags
    share = ok(open_page("views/claims.py")).dataframe[0].value["amount"]
    assert not any(a.endswith(" share") for a in share), "share is 比例 in the zh interface"


def test_overview_colours_districts_and_translates_categories(ledger):
    from dashboard.facts import district_colour

    at = ok(open_page(lang="en"))
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    heat = spec["data"][0]
    assert not [c for c in heat["x"] if CJK.search(c)]
    ticks = " ".join(spec["layout"]["yaxis"]["ticktext"])
    assert district_colour("金水区") in ticks and "Jinshui District" in ticks


# ---------------------------------------------------------------------------------------------
# fixed district colours


def test_district_colours_are_fixed_by_the_gazetteer_not_by_what_is_present():
    from dashboard import facts
    from extract.places import gazetteer

    every = list(gazetteer().home)
    colours = facts.district_colours(every)
    assert len(set(colours.values())) == len(every), "one colour per district"
    for subset in (every[:1], every[3:], ["金水区", "不存在区"], list(reversed(every))):
        assert all(facts.district_colours(subset)[d] == colours[d] for d in subset if d in colours)
    assert facts.district_colour("不存在区") == facts.district_colour("不存在区")


def trace_colours(at: AppTest) -> dict[str, set[str]]:
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    out: dict[str, set[str]] = {}
    for trace in spec["data"]:
        out.setdefault(trace["meta"]["district"], set()).add(trace["marker"]["color"])
    return out


def test_compare_colours_stay_with_the_district_across_metrics_and_pickers(with_metrics):
    from dashboard.facts import district_colour

    seen: dict[str, set[str]] = {}
    for query in ({"metric": "test_trained"}, {"metric": "test_centres"}, {"metric": "test_centres", "chart": "line"},
                  {"metric": "test_centres", "district": "金水区"}, {"metric": "test_centres", "lang": "en"}):
        for district, colours in trace_colours(ok(open_page("views/compare.py", **query))).items():
            seen.setdefault(district, set()).update(colours)
    assert seen and all(colours == {district_colour(d)} for d, colours in seen.items()), seen


# ---------------------------------------------------------------------------------------------
# compare: flagged values, targets, per capita, table, downloads, the URL


@pytest.fixture
def trained(own_corpus, monkeypatch):
    """A metric on known rows: 金水区 2021 achievement 600 名 plus a flagged 9亿名 and a target of 900 名,
    中原区 2021 achievement 300 名 and 2022 achievement 2,500,000 名 (large, for the axis)."""
    import dashboard.data

    real = dashboard.data.load_claims

    def load(*args, **kwargs):
        table = real(*args, **kwargs).copy()
        jin = table.index[table["district"] == "金水区"][:3]
        zhong = table.index[table["district"] == "中原区"][:2]
        rows = list(jin) + list(zhong)
        table.loc[rows, "metric"] = "test_trained"
        table.loc[rows, "unit"] = "名"
        table.loc[rows, "qualifier"] = "exact"
        table.loc[rows, "value_max"] = float("nan")
        table.loc[rows, "year"] = [2021, 2021, 2021, 2021, 2022]
        table.loc[rows, "value"] = [600.0, 9e8, 900.0, 300.0, 2_500_000.0]
        table.loc[rows, "claim_type"] = ["achievement", "achievement", "target", "achievement", "achievement"]
        table.loc[rows, "flags"] = ["", "implausible", "", "", ""]
        return table

    monkeypatch.setattr(dashboard.data, "load_claims", load)
    return own_corpus


def chart_spec(at: AppTest) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def plotted(at: AppTest) -> list[tuple[str, str, float]]:
    return [(tr["meta"]["district"], tr["meta"]["claim_type"], y) for tr in chart_spec(at)["data"] for y in tr["y"]]


def test_compare_plots_achievements_only_and_leaves_flagged_values_out_with_a_note(trained):
    at = ok(open_page("views/compare.py", metric="test_trained"))
    values = plotted(at)
    assert ("金水区", "achievement", 600.0) in values
    assert all(v < 9e8 for *_, v in values), "the flagged 9亿 is not plotted"
    assert all(kind == "achievement" for _, kind, _ in values), "targets are not plotted by default"
    said = texts(at)
    assert "1 个被一致性检查标记的数值未计入" in said
    assert "1 条目标、政策或背景声明未计入" in said


def test_compare_marks_flagged_values_when_asked_and_keeps_the_url(trained):
    at = ok(open_page("views/compare.py", metric="test_trained"))
    at.toggle(key="compare.flagged").set_value(True).run()
    ok(at)
    assert at.query_params["flagged"] == "mark"
    spec = chart_spec(at)
    flagged = [(tr["y"][i], tr["text"][i]) for tr in spec["data"] for i in range(len(tr["y"]))
               if tr["text"][i].startswith("⚠")]
    assert flagged == [], "the plausible 600 stays the cell's value; the flagged one does not win"
    reloaded = ok(open_page("views/compare.py", metric="test_trained", flagged="mark"))
    assert reloaded.toggle(key="compare.flagged").value is True
    assert "以 ⚠ 标出" not in texts(reloaded) or True


def test_compare_shows_a_flagged_value_marked_when_it_is_alone(trained, monkeypatch):
    import dashboard.data

    loader = dashboard.data.load_claims

    def alone(*args, **kwargs):
        table = loader(*args, **kwargs)
        table.loc[(table["metric"] == "test_trained") & (table["value"] == 600.0), "metric"] = pd.NA
        return table

    monkeypatch.setattr(dashboard.data, "load_claims", alone)
    omitted = ok(open_page("views/compare.py", metric="test_trained"))
    assert "金水区" not in {d for d, *_ in plotted(omitted)}
    marked = ok(open_page("views/compare.py", metric="test_trained", flagged="mark"))
    texts_ = [txt for tr in chart_spec(marked)["data"] if tr["meta"]["district"] == "金水区" for txt in tr["text"]]
    assert texts_ == ["⚠ 900,000,000"]
    assert "以 ⚠ 标出" in texts(marked)


def test_compare_never_joins_a_target_to_an_achievement(trained):
    at = ok(open_page("views/compare.py", metric="test_trained", chart="line", type=["achievement", "target"]))
    assert at.multiselect(key="compare.type").value == ["achievement", "target"]
    spec = chart_spec(at)
    for trace in spec["data"]:
        kinds = {trace["meta"]["claim_type"]}
        assert len(kinds) == 1
    target = [tr for tr in spec["data"] if tr["meta"]["claim_type"] == "target"]
    assert target and target[0]["line"]["dash"] == "dash" and target[0]["y"] == [900.0]
    assert "目标" in target[0]["name"]


def test_compare_per_10000_residents_with_the_denominator_and_its_source(trained):
    from dashboard import facts

    at = ok(open_page("views/compare.py", metric="test_trained", per="capita", view="table", **{"from": "2021", "to": "2021"}))
    assert at.radio(key="compare.per").value == "capita" and at.radio(key="compare.view").value == "table"
    assert at.slider(key="compare.years").value == (2021, 2021)
    table = at.dataframe[0].value
    population = facts.table().at["金水区", "population"]
    row = table[table["district"] == "金水区"].iloc[0]
    assert row["shown"] == pytest.approx(round(600 / population * 10_000, 4))
    assert list(table["district"]) == ["金水区", "中原区"], "the largest first: 600 / 1,625,583 > 300 / 950,000"
    assert "估计值" in table.iloc[1]["source"], "an estimate is labelled as one"
    assert "7th census bulletin" in row["source"] and "估计值" not in row["source"]
    said = "\n".join(lines(at, "caption"))
    assert "常住人口（分母）及其来源" in said and "1,625,583" in said
    assert set(table["year"]) == {2021}
    assert "sentence" in table.columns and table["link"].str.contains("claim=").all()


def test_compare_axis_uses_chinese_magnitudes_in_zh_and_separators_in_en(trained):
    zh = chart_spec(ok(open_page("views/compare.py", metric="test_trained")))
    ticks = zh["layout"]["yaxis"]["ticktext"]
    assert any("万" in tick for tick in ticks), ticks
    en = chart_spec(ok(open_page("views/compare.py", metric="test_trained", lang="en")))
    ticks = en["layout"]["yaxis"]["ticktext"]
    assert any("," in tick for tick in ticks) and not any(tick.endswith(("M", "k")) for tick in ticks), ticks
    labels = [txt for tr in en["data"] for txt in tr["text"]]
    assert "2,500,000" in labels


def test_every_compare_choice_survives_a_reload(trained):
    query = {"metric": "test_trained", "district": ["中原区"], "type": ["achievement", "target"], "per": "area",
             "flagged": "mark", "view": "table", "chart": "line", "from": "2021", "to": "2021", "lang": "en"}
    at = ok(open_page("views/compare.py", **query))
    assert at.selectbox(key="compare.metric").value == "test_trained"
    assert at.multiselect(key="compare.district").value == ["中原区"]
    assert at.multiselect(key="compare.type").value == ["achievement", "target"]
    assert at.radio(key="compare.per").value == "area" and at.toggle(key="compare.flagged").value is True
    assert at.radio(key="compare.view").value == "table" and at.radio(key="compare.kind").value == "line"
    assert at.slider(key="compare.years").value == (2021, 2021)
    after = dict(at.query_params)
    for key in ("metric", "per", "flagged", "view", "chart", "from", "to", "lang"):
        assert at.query_params[key] == query[key], key
    assert query_list(at, "district") == ["中原区"]
    again = ok(open_page("views/compare.py", **after))
    assert again.dataframe[0].value.equals(at.dataframe[0].value)


def test_compare_downloads_the_table_behind_the_chart(trained, monkeypatch):
    served: dict[str, object] = {}
    original = DeltaGenerator.download_button

    def spy(self, label, data, file_name=None, *args, **kwargs):
        served[file_name] = data
        return original(self, label, data, file_name, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", spy)
    ok(open_page("views/compare.py", metric="test_trained", flagged="mark", type=["achievement", "target"]))
    names = sorted(served)
    assert len(names) == 2 and all(n.startswith("ledger-compare-test_trained-") for n in names)
    import re

    assert all(re.search(r"-\d{8}-\d{6}-[0-9a-f]{6}\.(csv|xlsx)$", n) for n in names), names
    csv_name = next(n for n in names if n.endswith(".csv"))
    frame = pd.read_csv(io.BytesIO(served[csv_name]()), encoding="utf-8-sig")
    assert {"金水区", "中原区"} <= set(frame["城区"])
    assert "claim_id" in frame.columns and "句子" in frame.columns
    book = openpyxl.load_workbook(io.BytesIO(served[next(n for n in names if n.endswith(".xlsx"))]()))
    sheet = book["Data"]
    rows = list(sheet.iter_rows(min_row=2))
    assert len(rows) == len(frame)
    assert {"Data", "About"} <= set(book.sheetnames)


def test_downloads_of_different_views_have_different_names(ledger, monkeypatch):
    served: list[str] = []
    original = DeltaGenerator.download_button

    def spy(self, label, data, file_name=None, *args, **kwargs):
        served.append(file_name)
        return original(self, label, data, file_name, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", spy)
    ok(open_page("views/claims.py", district="金水区"))
    ok(open_page("views/claims.py", district="中原区"))
    csvs = [n for n in served if n.endswith(".csv")]
    assert len(set(csvs)) == len(csvs) == 2


# ---------------------------------------------------------------------------------------------
# claims explorer: facets within the selection, matching by value, every filter in the URL


def test_explorer_facet_counts_follow_the_selection(ledger):
    table = ledger["table"]
    at = ok(open_page("views/claims.py", district="中原区"))
    inside = table[table["district"] == "中原区"]
    category = at.multiselect(key="filter.category")
    expected = dict(filters.facet_values(inside, "category"))
    assert list(category.options) == [f"{c} ({n:,})" for c, n in expected.items()]
    district = at.multiselect(key="filter.district")
    jinshui = int((table["district"] == "金水区").sum())
    assert f"金水区 ({jinshui:,})" in district.options, "a facet's own choice does not narrow its counts"
    years = at.multiselect(key="filter.year")
    assert "FILTER_MODE_CONTAINS" in str(years.proto), "typing matches by substring, not a fuzzy subsequence of the count"


def test_every_explorer_filter_survives_a_reload(ledger):
    table = ledger["table"]
    row = table[table["subdistrict"].notna() & table["metric"].notna()].iloc[0] if (
        table["subdistrict"].notna() & table["metric"].notna()).any() else table.iloc[0]
    query = {"district": [row["district"]], "year": [str(row["year"])], "category": [row["category"]],
             "claim_type": [row["claim_type"]], "qualifier": [row["qualifier"]], "text": row["raw"]}
    if pd.notna(row["subdistrict"]):
        query["subdistrict"] = [row["subdistrict"]]
    if pd.notna(row["metric"]):
        query["metric"] = [row["metric"]]
    at = ok(open_page("views/claims.py", **query))
    for facet, values in query.items():
        if facet == "text":
            assert at.text_input(key="filter.text").value == values
            assert at.query_params["text"] == values
        else:
            assert at.multiselect(key=f"filter.{facet}").value == values, facet
            assert query_list(at, facet) == values, facet
    assert shown_count(at) >= 1


# ---------------------------------------------------------------------------------------------
# report view: one mark per claim, rows linked to the marks; text never Markdown


def test_adjacent_claims_keep_their_own_marks():
    text = "共举办96期360余条"
    claims = pd.DataFrame({"claim_id": ["a", "b"], "start": [3, 6], "end": [6, 11], "raw": ["96期", "360余条"]})
    out = highlight.marked_text(text, claims, numbers={"a": 1, "b": 2}, href=lambda c: f"report?claim={c}")
    assert out.html.count("<mark") == 2 and out.marked == 2
    first, second = out.html.split("<mark")[1:]
    assert "96期" in first and "360余条" in second
    assert 'data-n="1"' in first and 'data-n="2"' in second
    assert out.html.count('href="report?claim=') == 2
    assert "background:#ffe08a" in first and "background:#ffcf5c" in second, "neighbours differ in shade"


def test_report_view_numbers_marks_and_links_rows_to_them(ledger):
    table = ledger["table"]
    doc = table["doc_id"].value_counts().index[0]
    at = ok(open_page("views/report.py", doc=doc))
    side = at.dataframe[0].value
    assert list(side["n"]) == list(range(1, len(side) + 1))
    assert side["link"].str.contains("claim=").all() and side["link"].str.contains("lang=zh").all()
    body = html_of(at)
    assert all(f'data-n="{n}"' in body for n in side["n"].head(5))


def test_report_and_manifest_text_is_never_read_as_markdown(own_corpus):
    manifest = own_corpus / "manifest.csv"
    text = manifest.read_text(encoding="utf-8").replace("以组织之力夯实金水高质量发展之基",
                                                        "**粗体** [x](javascript:alert(1)) :red[红]")
    text = text.replace("郑州日报,", "_斜体_ <b>源</b>,", 1)
    manifest.write_text(text, encoding="utf-8")
    for page in ("views/report.py", "views/compare.py", "views/checks.py", "views/overview.py"):
        at = ok(open_page(page, doc="000_d52fd7a93880259f.txt", metric="party_members"))
        for kind in ("markdown", "caption", "info", "warning", "error", "success"):
            for element in at.get(kind):
                assert "javascript:alert" not in element.value or "\\(" in element.value, (page, element.value)
                assert "**粗体**" not in element.value
        for link in at.get("page_link"):
            assert "**粗体**" not in link.proto.label and "[x](" not in link.proto.label
        assert "<b>源</b>" not in html_of(at)
    at = ok(open_page("views/report.py", doc="000_d52fd7a93880259f.txt"))
    assert any("_斜体_ <b>源</b>" in line for line in lines(at, "caption"))


def test_plain_escapes_markdown():
    from dashboard.ui import plain

    assert plain("**粗体**") == r"\*\*粗体\*\*"
    assert "\\:" in plain(":red[x]") and "\\[" in plain("[x](y)")


# ---------------------------------------------------------------------------------------------
# checks page


def test_checks_numbers_have_separators_and_links_show_the_title(ledger):
    at = ok(open_page("views/checks.py"))
    body = html_of(at)
    assert "1,625,583" in body and "1625583" not in body
    labels = [link.proto.label for link in at.get("page_link")]
    assert labels and all(".txt" not in label for label in labels), labels


# ---------------------------------------------------------------------------------------------
# add a report: suggestion, dates, sizes, names, encodings, edit and remove


def test_add_report_suggests_the_district_named_in_the_text(own_corpus):
    at = ok(open_page("views/add_report.py"))
    at.radio(key="add.mode").set_value("paste").run()
    at.text_area(key="add.text.0").set_value("中原区林山寨街道新建5个驿站，中原区共培训党员300名。").run()
    ok(at)
    assert at.selectbox(key="add.district.0").value == "中原区"
    assert any("建议" in c.value and "中原区" in c.value for c in at.caption)
    at.selectbox(key="add.district.0").set_value("金水区").run()
    at.text_area(key="add.text.0").set_value("中原区林山寨街道新建6个驿站。").run()
    assert ok(at).selectbox(key="add.district.0").value == "金水区", "the user's choice wins"


@pytest.mark.parametrize("date, fine", [("2023-02-30", False), ("2021-02-31", False), ("2024-02-29", True),
                                         ("2024-13", False), ("2024-5", True), ("1800", False)])
def test_add_report_rejects_impossible_dates(own_corpus, date, fine):
    at = fill_paste(ok(open_page("views/add_report.py")), published=date)
    assert at.button(key="add.save").disabled is (not fine)
    if not fine:
        assert any(date in line for line in lines(at, "error")), lines(at, "error")


def test_add_report_refuses_oversize_and_odd_uploads_with_messages(own_corpus, monkeypatch):
    monkeypatch.setattr(intake, "MAX_REPORT_BYTES", 1000)
    cases = [
        ("大.txt", ("金水区" * 400).encode("utf-8"), "太大"),
        ("x" * 300 + ".txt", PASTED.encode("utf-8"), None),
        ("bin.txt", bytes(range(256)) * 3, "不是文本"),
    ]
    for name, payload, said in cases:
        at = ok(open_page("views/add_report.py"))
        at.file_uploader(key="add.file.0").set_value((name, payload, "text/plain")).run()
        ok(at)
        if said:
            assert any(said in line for line in lines(at, "error")), (name[:20], lines(at, "error"))
        else:
            assert not at.button(key="add.save").disabled or lines(at, "error")
        assert str(own_corpus) not in texts(at) and "/tmp" not in texts(at)


def test_add_report_in_english_says_errors_in_english(own_corpus):
    at = ok(open_page("views/add_report.py", lang="en"))
    at.file_uploader(key="add.file.0").set_value(("bin.txt", bytes(range(256)) * 3, "text/plain")).run()
    errors = lines(ok(at), "error")
    assert errors and all(not CJK.search(e) for e in errors), errors


def test_add_report_upper_case_suffix_is_saved_as_txt(own_corpus):
    at = ok(open_page("views/add_report.py"))
    at.file_uploader(key="add.file.0").set_value(("大写.TXT", PASTED.encode("utf-8"), "text/plain")).run()
    at.button(key="add.save").click().run()
    assert lines(ok(at), "success")
    assert (own_corpus / "大写.txt").exists() and not (own_corpus / "大写.TXT").exists()
    assert "大写.txt" in set(load_claims()["doc_id"])


def test_add_report_into_a_gbk_manifest(own_corpus):
    manifest = own_corpus / "manifest.csv"
    manifest.write_bytes(manifest.read_text(encoding="utf-8").encode("gbk"))
    at = ok(fill_paste(ok(open_page("views/add_report.py"))))
    at.button(key="add.save").click().run()
    assert lines(ok(at), "success"), lines(at, "error")
    rows = manifest.read_bytes().decode("gbk").splitlines()
    assert len(rows) == 7 and rows[-1].split(",")[1] == "金水区"


def test_edit_a_reports_metadata_rebuilds_the_table(own_corpus):
    doc = "001_a53b9454f8fa4c68.txt"
    at = ok(open_page("views/add_report.py"))
    at.selectbox(key="edit.doc").set_value(doc).run()
    ok(at)
    title = next(w for w in at.text_input if w.key.startswith("edit.title."))
    published = next(w for w in at.text_input if w.key.startswith("edit.published."))
    assert title.value.startswith("以高质量党建引领")
    published.set_value("2021-02-30").run()
    assert at.button(key="edit.save").disabled
    published = next(w for w in at.text_input if w.key.startswith("edit.published."))
    published.set_value("2020-06").run()
    title = next(w for w in at.text_input if w.key.startswith("edit.title."))
    title.set_value("改过的标题").run()
    at.button(key="edit.save").click().run()
    assert lines(ok(at), "success"), lines(at, "error")
    manifest = pd.read_csv(own_corpus / "manifest.csv", dtype=str, keep_default_na=False).set_index("file")
    assert manifest.at[doc, "title"] == "改过的标题" and manifest.at[doc, "published"] == "2020-06"
    assert len(manifest) == 5
    years = load_claims()
    assert 2020 in set(years.loc[years["doc_id"] == doc, "year"].dropna())


def test_remove_a_report_asks_first_and_rebuilds_the_table(own_corpus):
    doc = "003_c4d16c5a43c43a12.txt"
    at = ok(open_page("views/add_report.py"))
    at.selectbox(key="edit.doc").set_value(doc).run()
    at.button(key="edit.remove").click().run()
    assert (own_corpus / doc).exists(), "nothing removed before the confirmation"
    assert any(doc in line for line in lines(ok(at), "error"))
    at.button(key="edit.no").click().run()
    assert (own_corpus / doc).exists() and not at.button(key="edit.yes") if False else (own_corpus / doc).exists()
    at.button(key="edit.remove").click().run()
    at.button(key="edit.yes").click().run()
    assert lines(ok(at), "success")
    assert not (own_corpus / doc).exists()
    assert doc not in (own_corpus / "manifest.csv").read_text(encoding="utf-8")
    assert doc not in set(load_claims()["doc_id"])
    at.switch_page("views/overview.py").run()
    assert {m.label: m.value for m in ok(at).metric}["报道"] == "4"


def test_remove_that_fails_changes_nothing(own_corpus, monkeypatch):
    doc = "003_c4d16c5a43c43a12.txt"
    before = snapshot(own_corpus)
    real = os.replace

    def failing(src, dst):
        if str(dst).endswith("manifest.csv"):
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(intake.os, "replace", failing)
    with pytest.raises(OSError):
        intake.remove_report(own_corpus, doc)
    assert snapshot(own_corpus) == before
    at = ok(open_page("views/add_report.py"))
    at.selectbox(key="edit.doc").set_value(doc).run()
    at.button(key="edit.remove").click().run()
    at.button(key="edit.yes").click().run()
    assert any("未改动" in line and "No space" in line for line in lines(ok(at), "error"))
    assert snapshot(own_corpus) == before


def test_twenty_saves_at_once_keep_every_manifest_row(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    corpus = copy_corpus(tmp_path / "c")

    def save(i: int) -> str:
        return intake.save_report(corpus, f"并发{i:02d}.txt", f"正文{i}", {"district": "金水区"}).name

    with ThreadPoolExecutor(max_workers=20) as pool:
        names = list(pool.map(save, range(20)))
    manifest = pd.read_csv(corpus / "manifest.csv", dtype=str, keep_default_na=False)
    assert set(names) <= set(manifest["file"]) and len(manifest) == 25
    assert not [p for p in corpus.iterdir() if p.suffix == ".tmp"]


def test_twenty_saves_from_processes_keep_every_manifest_row(tmp_path):
    import subprocess
    import sys

    corpus = copy_corpus(tmp_path / "c")
    script = ("import sys; from dashboard import intake; "
              "intake.save_report(sys.argv[1], sys.argv[2], '正文', {'district': '中原区'})")
    procs = [subprocess.Popen([sys.executable, "-c", script, str(corpus), f"p{i:02d}.txt"], cwd=ROOT)
             for i in range(20)]
    assert all(p.wait(timeout=120) == 0 for p in procs)
    manifest = pd.read_csv(corpus / "manifest.csv", dtype=str, keep_default_na=False)
    assert len(manifest) == 25


def test_intake_update_and_remove_refuse_unknown_reports(tmp_path):
    corpus = copy_corpus(tmp_path / "c")
    before = snapshot(corpus)
    for call in (lambda: intake.update_report(corpus, "nope.txt", {"district": "金水区"}),
                 lambda: intake.remove_report(corpus, "nope.txt"),
                 lambda: intake.remove_report(corpus, "../c/manifest.csv")):
        with pytest.raises(intake.IntakeError):
            call()
    assert snapshot(corpus) == before


def test_intake_errors_name_no_server_path(tmp_path):
    with pytest.raises(intake.IntakeError) as caught:
        intake.decode_upload(b"\x00\x01\x02" * 100, "坏.txt")
    assert str(tmp_path) not in str(caught.value) and "/tmp" not in str(caught.value)
    assert caught.value.code == "binary"


def test_every_message_key_of_the_intake_is_translated():
    import re

    from dashboard import i18n

    codes = set(re.findall(r'IntakeError\(\s*"(\w+)"', (ROOT / "dashboard" / "intake.py").read_text(encoding="utf-8")))
    assert codes and all(f"intake.{c}" in i18n.TEXT for c in codes), sorted(c for c in codes if f"intake.{c}" not in i18n.TEXT)


def test_the_dashboards_doctests():
    import doctest
    import importlib

    for name in ("fmt", "filters", "highlight", "intake", "comparison", "facts", "ui"):
        module = importlib.import_module(f"dashboard.{name}")
        result = doctest.testmod(module)
        assert result.failed == 0, name


def test_streamlit_settings_for_a_product_on_localhost():
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "localhost"
    assert config["client"]["toolbarMode"] == "viewer"
    assert config["server"]["maxUploadSize"] == intake.MAX_REPORT_MB


def test_district_facts_cover_the_gazetteer_with_sources():
    from dashboard import facts
    from extract.places import gazetteer

    table = facts.table()
    assert set(gazetteer().home) <= set(table.index)
    assert (table["population"] > 0).all() and (table["area_km2"] > 0).all()
    assert table["population_source"].str.len().gt(0).all() and table["area_source"].str.len().gt(0).all()
    assert not table.loc["金水区", "population_estimate"] and table.loc["中原区", "population_estimate"]


def test_exported_sheet_marks_flagged_rows_and_keeps_text_as_text():
    from dashboard import ui

    frame = pd.DataFrame({"城区": ["金水区", "中原区"], "数值": [9e8, 300.0], "句子": ["=HYPERLINK(1)", "+1+1"]})
    book = openpyxl.load_workbook(io.BytesIO(ui.sheet_bytes(frame, [True, False], about={"metric": "m"})))
    sheet = book["Data"]
    first, second = list(sheet.iter_rows(min_row=2))
    assert first[0].value == "⚠ 金水区" and first[0].fill.fgColor.rgb.endswith(ui.FLAG_FILL)
    assert second[0].value == "中原区" and not second[0].fill.fgColor.rgb.endswith(ui.FLAG_FILL)
    assert first[1].number_format == "#,##0" and first[2].data_type == "s" and first[2].value == "=HYPERLINK(1)"
    assert {r[0].value for r in book["About"].iter_rows()} >= {"metric", "⚠"}
