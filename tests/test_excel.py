"""The Excel and CSV export (extract.excel): sheets, safety of text cells, row limits, pivot rules."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from extract.excel import (
    EXCEL_MAX_DATA_ROWS,
    csv_bytes,
    metric_pivot,
    workbook_bytes,
    write_csv,
    write_workbook,
)
from extract.schema import COLUMNS, conform, empty_claims

ROOT = Path(__file__).resolve().parents[1]


def claim(**values) -> dict:
    base = {
        "claim_id": "c0", "doc_id": "a.txt", "district": "金水区", "subdistrict": None, "year": 2022,
        "period": None, "metric": None, "metric_label": "培训党员", "subject": "党员", "category": "党员教育",
        "claim_type": "achievement", "value": 28000.0, "value_max": None, "unit": "人次", "qualifier": "exact",
        "raw": "2.8万人次", "sentence": "分批分类培训党员2.8万人次。", "start": 10, "end": 16, "flags": "",
    }
    return base | values


def table(*rows: dict) -> pd.DataFrame:
    return conform(pd.DataFrame([claim(claim_id=f"c{i}", **r) for i, r in enumerate(rows)]))


DOCUMENTS = pd.DataFrame({
    "file": ["a.txt", "b.txt"], "district": ["金水区", "中原区"], "published": ["2022-07", "2021"],
    "title": ["以组织之力夯实金水高质量发展之基", "=cmd|' /C calc'!A0"], "source": ["郑州日报", ""],
    "url": ["", ""], "note": ["", ""],
}, dtype="string")


def reopen(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def header(ws) -> list:
    return [c.value for c in next(ws.iter_rows(min_row=1, max_row=1))]


def test_sheets_header_frozen_filter_and_report_columns():
    claims = table({}, {"doc_id": "b.txt", "district": "中原区", "value": 96.0, "unit": "期", "raw": "96期"})
    book = reopen(workbook_bytes(claims, documents=DOCUMENTS, checks=claims.head(1), filters={"district": "金水区"}))
    assert book.sheetnames == ["Claims", "Pivot", "Reports", "Checks", "About"]
    ws = book["Claims"]
    assert header(ws)[:4] == ["claim_id", "doc_id", "report", "published"]
    assert set(COLUMNS) <= set(header(ws))
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref.startswith("A1:")
    assert ws.max_row == 3
    row = dict(zip(header(ws), [c.value for c in ws[2]]))
    assert row["report"] == "以组织之力夯实金水高质量发展之基"
    assert row["sentence"] == "分批分类培训党员2.8万人次。"
    assert row["value"] == 28000
    assert ws.column_dimensions["A"].width >= 6
    reports = book["Reports"]
    assert dict(zip(header(reports), [c.value for c in reports[2]]))["claims"] == 1


def test_number_formats_keep_numbers_numeric():
    book = reopen(workbook_bytes(table({"value": 0.3333, "unit": "share"}, {"value": 1.387e11, "unit": "元"})))
    ws = book["Claims"]
    col = header(ws).index("value") + 1
    cells = [ws.cell(row=r, column=col) for r in (2, 3)]
    assert [c.value for c in cells] == [0.3333, 1.387e11]
    assert cells[0].number_format != "General" and cells[1].number_format == "#,##0"
    year = ws.cell(row=2, column=header(ws).index("year") + 1)
    assert year.value == 2022 and year.data_type == "n" and "," not in year.number_format


@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1:A2)", "-2+3", "@cmd", "=HYPERLINK(\"http://x\",\"y\")", "#N/A"])
def test_text_that_looks_like_a_formula_stays_text(text):
    claims = table({"sentence": text, "metric_label": text})
    data = workbook_bytes(claims, documents=DOCUMENTS)
    ws = reopen(data)["Claims"]
    for name in ("sentence", "metric_label"):
        cell = ws.cell(row=2, column=header(ws).index(name) + 1)
        assert cell.value == text
        assert cell.data_type == "s"
    assert b"<f>" not in _sheet_xml(data, 1)
    reports = reopen(data)["Reports"]
    title = reports.cell(row=3, column=header(reports).index("title") + 1)
    assert title.data_type == "s" and title.value.startswith("=cmd") and title.quotePrefix


def test_control_characters_are_stripped():
    claims = table({"sentence": "培训\x00党员\x07 2.8万\x1b人次\t完成\n", "subject": "党员\x0b"})
    ws = reopen(workbook_bytes(claims))["Claims"]
    row = dict(zip(header(ws), [c.value for c in ws[2]]))
    assert row["sentence"] == "培训党员 2.8万人次\t完成\n"
    assert row["subject"] == "党员"


def test_rows_beyond_a_sheet_continue_on_numbered_sheets():
    claims = table(*({"value": float(i), "start": i, "end": i + 1} for i in range(7)))
    book = reopen(workbook_bytes(claims, max_rows=3))
    assert book.sheetnames[:3] == ["Claims", "Claims (2)", "Claims (3)"]
    sizes = [book[n].max_row - 1 for n in book.sheetnames[:3]]
    assert sizes == [3, 3, 1]
    col = header(book["Claims"]).index("value")
    values = [r[col] for n in book.sheetnames[:3] for r in book[n].iter_rows(min_row=2, values_only=True)]
    assert values == list(range(7)), "every row, in order, none lost"
    for name in book.sheetnames[:3]:
        assert header(book[name]) == header(book["Claims"]) and book[name].freeze_panes == "A2"
    about = [r for r in book["About"].iter_rows(values_only=True) if r[0] and "split" in str(r[0])]
    assert about and "Claims (3)" in about[0][1]


def test_rows_beyond_a_sheet_refused_with_a_message_when_asked(tmp_path):
    claims = table(*({"start": i, "end": i + 1} for i in range(4)))
    target = tmp_path / "out.xlsx"
    with pytest.raises(ValueError, match="4 rows but a sheet holds 3"):
        write_workbook(claims, target, max_rows=3, overflow="error")
    assert not target.exists(), "nothing written when refused"


def test_default_limit_is_excel_sheet():
    assert EXCEL_MAX_DATA_ROWS == 1_048_576 - 1


def test_pivot_keeps_targets_apart_and_never_prefers_a_doubtful_value():
    claims = table(
        {"metric": "jobs_created", "value": 9000.0, "unit": "人", "year": 2023, "raw": "9000人"},
        {"metric": "jobs_created", "value": 990000.0, "unit": "人", "year": 2023, "raw": "99万人",
         "flags": "implausible"},
        {"metric": "jobs_created", "value": 12000.0, "unit": "人", "year": 2023, "claim_type": "target",
         "raw": "1.2万人"},
        {"metric": "jobs_created", "value": 5.0, "unit": "人", "year": 2023, "claim_type": "policy"},
        {"metric": "jobs_created", "value": 880000.0, "unit": "人", "year": 2022, "raw": "88万人",
         "flags": "jump"},
    )
    cells = metric_pivot(claims)
    assert sorted(cells["claim_type"]) == ["achievement", "achievement", "target"], "no rule's parameter"
    done = cells[(cells["claim_type"] == "achievement") & (cells["year"] == 2023)].iloc[0]
    assert done["value"] == 9000, "an unflagged value is chosen over a larger flagged one"
    ws = reopen(workbook_bytes(claims))["Pivot"]
    rows = list(ws.iter_rows(min_row=3))
    assert [r[4].value for r in rows] == ["成效 achievement", "目标 target"]
    flagged = next(c for row in rows for c in row if c.value == 880000)
    assert flagged.number_format.startswith('"⚠') and flagged.fill.fgColor.rgb.endswith("FFD7D2")
    assert "jump" in flagged.comment.text


def test_pivot_never_adds_units_and_keeps_qualifiers():
    claims = table(
        {"metric": "party_members_trained", "value": 28000.0, "unit": "人次", "year": 2022},
        {"metric": "party_members_trained", "value": 22000.0, "unit": "名", "qualifier": "over", "year": 2017,
         "raw": "2.2万余名"},
        {"metric": "party_members_trained", "value": 12000.0, "unit": "人次", "year": 2022, "raw": "1.2万人次"},
        {"metric": "party_members_trained", "value": 90000.0, "unit": "人次", "year": 2022, "flags": "repeat"},
        {"metric": "service_centers_over_1000sqm", "value": 74.0, "unit": "个", "district": "中原区",
         "value_max": 80.0, "year": None},
        {"metric": None, "value": 5.0},
    )
    cells = metric_pivot(claims)
    assert len(cells) == 3
    assert all(raw in sources for raw, sources in zip(cells["raw"], cells["sources"]))
    main = cells[(cells["unit"] == "人次")].iloc[0]
    assert main["value"] == 28000 and main["n"] == 3, "largest non-repeat value, never a sum"
    book = reopen(workbook_bytes(claims, metric_names={"party_members_trained": ("培训党员", "party members trained")}))
    rows = list(book["Pivot"].iter_rows(values_only=True))
    assert rows[1][:5] == ("metric", "指标", "metric (en)", "unit 单位", "类型 type")
    keyed = {(r[0], r[3]): r for r in rows[2:]}
    assert set(keyed) == {("party_members_trained", "人次"), ("party_members_trained", "名"),
                          ("service_centers_over_1000sqm", "个")}
    assert keyed[("party_members_trained", "人次")][1] == "培训党员"
    ws = book["Pivot"]
    over = next(c for row in ws.iter_rows(min_row=3) for c in row if c.value == 22000)
    assert over.number_format.startswith('"≥"')
    ranged = [c for row in ws.iter_rows(min_row=3) for c in row if isinstance(c.value, str) and "~" in c.value]
    assert ranged and ranged[0].value == "74~80"
    assert ws.freeze_panes == "F3"


def test_about_sheet_lists_filters_dates_and_column_meanings():
    book = reopen(workbook_bytes(table({}), filters={"district": ["金水区", "中原区"], "text": "党员"},
                                 extracted_at="2024-05-01 10:00:00"))
    rows = list(book["About"].iter_rows(values_only=True))
    flat = {r[0]: r for r in rows if r[0]}
    assert flat["筛选 filter · district"][1] == "金水区、中原区" and flat["筛选 filter · text"][1] == "党员"
    assert flat["提取时间 extracted"][1] == "2024-05-01 10:00:00"
    assert "导出时间 exported" in flat
    assert flat["value"][1] and flat["value"][2], "meaning in Chinese and English"
    assert all(c in flat for c in COLUMNS)


def test_empty_table_gives_a_valid_workbook(tmp_path):
    target = tmp_path / "sub" / "empty.xlsx"
    write_workbook(empty_claims(), target)
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Claims", "Pivot", "About"]
    assert book["Claims"].max_row == 1


def test_file_object_target():
    buffer = io.BytesIO()
    write_workbook(table({}), buffer)
    assert reopen(buffer.getvalue())["Claims"].max_row == 2


def test_csv_has_bom_report_title_and_guards_formulas(tmp_path):
    claims = table({}, {"doc_id": "b.txt", "sentence": "=1+1 句子"})
    data = csv_bytes(claims, documents=DOCUMENTS)
    assert data.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str)
    assert list(frame.columns[:4]) == ["claim_id", "doc_id", "report", "published"]
    assert frame.loc[0, "report"] == "以组织之力夯实金水高质量发展之基"
    assert frame.loc[1, "sentence"] == "'=1+1 句子"
    assert frame.loc[1, "report"] == "'=cmd|' /C calc'!A0"
    write_csv(claims, tmp_path / "c.csv", guard_formulas=False)
    plain = pd.read_csv(tmp_path / "c.csv", encoding="utf-8-sig", dtype=str)
    assert plain.loc[1, "sentence"] == "=1+1 句子"


def test_excel_module_imports_neither_streamlit_nor_dashboard():
    code = "import sys, extract.excel; print(sorted(m for m in sys.modules if m.split('.')[0] in ('streamlit', 'dashboard')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def _sheet_xml(data: bytes, index: int) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(f"xl/worksheets/sheet{index}.xml")
