"""Tables that state the unit once: in a column's header, in a column of units, or in a line above."""
from __future__ import annotations

import pytest

from extract import extract_text

PROJECTS = """惠济区2024年第三季度重点项目推进情况

截至9月底，全区重点项目完成投资126.8亿元。

序号 | 项目名称 | 总投资（亿元） | 年度计划（亿元） | 1-9月完成（亿元）
1 | 黄河文化旅游带提升工程 | 45.6 | 12.0 | 9.8
2 | 花园口片区安置房建设 | 28.3 | 8.5 | 7.2
"""

BULLETIN = """新郑市2024年统计月报

表2 2023年主要经济指标
（单位：亿元）
指标 | 2023年 | 增长（%）
地区生产总值 | 1586.3 | 5.2
一般公共预算收入 | 98.6 | -3.1

指标名称 | 单位 | 绝对数 | 比上年增长（%）
常住人口 | 万人 | 118.6 | 1.0
粮食产量 | 万吨 | 27.5 | -1.8
"""


def claims(text, district="惠济区", published="2024-10"):
    return extract_text(text, district=district, published=published)


def row(df, raw, sentence_part):
    hit = df[(df.raw == raw) & df.sentence.str.contains(sentence_part, regex=False)]
    assert len(hit) == 1, (raw, sentence_part, df[["raw", "sentence"]].values.tolist())
    return hit.iloc[0]


def test_a_header_states_the_unit_of_its_column():
    df = claims(PROJECTS)
    total = row(df, "45.6", "黄河文化旅游带提升工程")
    assert (total.value, total.unit, total.subject) == (4.56e9, "元", "总投资")
    assert total.sentence == "1 | 黄河文化旅游带提升工程 | 45.6 | 12.0 | 9.8"  # the row is its source


def test_plan_and_progress_columns_of_a_unit_table():
    df = claims(PROJECTS)
    plan, done = row(df, "8.5", "花园口"), row(df, "7.2", "花园口")
    assert (plan.value, plan.claim_type) == (8.5e8, "target")
    assert (done.value, done.claim_type, done.period) == (7.2e8, "achievement", "Jan-Sep")


def test_serial_numbers_are_not_claims():
    df = claims(PROJECTS)
    assert not ((df.raw == "1") | (df.raw == "2")).any()


def test_a_unit_line_above_the_table_and_a_year_in_the_header():
    df = claims(BULLETIN, district="新郑市")
    gdp = row(df, "1586.3", "地区生产总值")
    assert (gdp.value, gdp.unit, gdp.subject, gdp.year, gdp.metric) == (1.5863e11, "元", "地区生产总值", 2023, "gdp")
    growth = row(df, "5.2", "地区生产总值")
    assert (growth.value, growth.unit, growth.subject) == (5.2, "%", "地区生产总值")
    assert row(df, "-3.1", "一般公共预算收入").value == -3.1


def test_a_cell_under_a_growth_header_measures_the_growth_of_its_row():
    df = claims(BULLETIN, district="新郑市")
    growth, fall = row(df, "5.2", "地区生产总值"), row(df, "-1.8", "粮食产量")
    assert (growth.metric, growth.subject) == ("gdp_growth", "地区生产总值")
    assert (fall.metric, fall.subject, fall.value) == ("grain_output_growth", "粮食产量", -1.8)
    assert row(df, "27.5", "粮食产量").metric == "grain_output"  # the level beside it keeps its own


def test_a_column_of_units_gives_each_row_its_own():
    df = claims(BULLETIN, district="新郑市")
    people, grain = row(df, "118.6", "常住人口"), row(df, "27.5", "粮食产量")
    assert (people.value, people.unit, people.subject) == (1186000, "人", "常住人口")
    assert (grain.value, grain.unit, grain.subject) == (275000, "吨", "粮食产量")
    assert row(df, "-1.8", "粮食产量").unit == "%"


@pytest.mark.parametrize("table", [
    "项目 | 说明 | 备注\n新建公园 | 见附件 | 无\n改造道路 | 12 | 无\n",  # no unit anywhere: a bare number stays out
    "序号 | 名称\n1 | 文化广场\n2 | 农家书屋\n",
])
def test_bare_cells_without_a_stated_unit_are_left_out(table):
    df = claims(table)
    assert df.empty, df[["raw", "unit"]].values.tolist()


def test_a_cell_with_its_own_measure_word_keeps_it():
    df = claims("项目内容 | 进展情况（亿元）\n新建口袋公园8个 | 已建成6个\n")
    assert sorted(df.raw) == ["6个", "8个"] and set(df.unit) == {"个"}


WORKS = """某区2024年民生实事进展情况

（截至2024年9月底）

| 序号 | 实事名称 | 年度目标 | 完成情况 | 完成率 |
| --- | --- | --- | --- | --- |
| 1 | 新增公共停车泊位 | 3000个 | 2650个 | 88.3% |
| 2 | 改造老旧小区 | 42个 | 已开工42个，完工31个 | 73.8% |
"""


def test_a_cell_with_only_a_measure_word_counts_what_its_row_names():
    df = claims(WORKS, district="二七区", published="2024-10")
    plan, done = row(df, "3000个", "停车泊位"), row(df, "2650个", "停车泊位")
    assert (plan.subject, plan.metric, plan.claim_type) == ("公共停车泊位", "parking_spaces_new", "target")
    assert (done.subject, done.metric, done.claim_type, done.period) == (
        "公共停车泊位", "parking_spaces_new", "achievement", "Jan-Sep")  # 截至2024年9月底, under the title
    finished = row(df, "31个", "老旧小区")
    assert (finished.subject, finished.metric) == ("老旧小区", "old_communities_renovated")
    assert row(df, "88.3%", "停车泊位").subject == "公共停车泊位"  # a completion rate measures the row's work


def test_a_cell_holding_only_a_figure_counts_for_its_rows_named_item():
    text = ("项目名称 | 年度计划投资 | 完成投资 | 进度\n"
            "县家居产业园二期 | 18.5亿元 | 17.2亿元 | 93.0%\n"
            "合计 | 45.6亿元 | 40.2亿元 | 88.2%")
    claims = extract_text(text, district="中牟县", published="2024-12-05").set_index("raw")
    assert claims.loc["17.2亿元", "subject"] == "县家居产业园二期"  # the whole name; 二期 is its phase, not a count
    assert "二期" not in claims.index
    assert claims.loc["93.0%", "subject"] == "县家居产业园二期"
    assert claims.loc["40.2亿元", "subject"] != "合计"  # a total row names no item
