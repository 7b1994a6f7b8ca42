"""The dashboard, page by page, with streamlit's AppTest on a temporary copy of the seed corpus.

Also the dashboard's pure modules: filters (URL round trip), highlight (escaping, stale offsets),
fmt (qualifier marks) and intake (atomic save into the corpus).
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
    return "\n".join(str(p) for p in parts)


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
    assert any(claim["raw"] in i.value for i in at.info)
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
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_add_report_preview_save_and_rebuild(own_corpus):
    before = snapshot(own_corpus)
    at = fill_paste(ok(open_page("views/add_report.py")))
    assert snapshot(own_corpus) == before, "previewing writes nothing"
    preview = next(s.value for s in at.subheader if s.value.startswith("预览"))
    assert int(preview.split("：")[1].split(" ")[0]) >= 1
    at.button(key="add.save").click().run()
    ok(at)
    assert at.success, [e.value for e in at.error]
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
    assert ok(at).success
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
    assert any("YYYY" in w.value for w in at.warning)


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
    assert any("未改动" in e.value for e in ok(at).error)
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
    ("x.txt", {"district": "金水区", "published": "2024-13"}, "bad date"),
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
