"""Tests of extract/checks.py: hand-built claim tables, synthetic reports and the seed reports."""
from __future__ import annotations

import csv
import re
import shutil
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from extract import extract_text
from extract.checks import CHECK_COLUMNS, part_total_pairs, rate_triples, run_checks
from extract.rules import load_csv
from extract.schema import COLUMNS, DTYPES, conform

_SENTENCE = re.compile(r"[^。！？\n]*[。！？\n]?")


def claims_from(text: str, specs: list[dict], doc_id: str = "t.txt", district: str = "金水区",
                year: int | None = 2021) -> pd.DataFrame:
    """A claims table for ``text``: each spec names its ``raw`` (found left to right, after ``after`` when
    given) and the fields that differ from the defaults; offsets and sentences are computed from the text."""
    sentences = [(m.start(), m.group()) for m in _SENTENCE.finditer(text) if m.group()]
    rows, cursor = [], 0
    for spec in specs:
        spec = dict(spec)
        if "after" in spec:
            cursor = text.index(spec.pop("after"), cursor)
        start = text.index(spec["raw"], cursor)
        cursor = start + len(spec["raw"])
        sentence = next(t for s, t in sentences if s <= start < s + len(t))
        rows.append({
            "claim_id": f"{doc_id}:{start}", "doc_id": doc_id, "district": district, "year": year,
            "claim_type": "achievement", "qualifier": "exact", "category": "基层治理",
            "start": start, "end": cursor, "sentence": sentence.strip("\n"), **spec,
        })
    return conform(pd.DataFrame(rows))


def table(*parts: pd.DataFrame) -> pd.DataFrame:
    return conform(pd.concat(parts, ignore_index=True))


def findings(checks: pd.DataFrame, check: str) -> pd.DataFrame:
    return checks[checks["check"] == check]


def flags_of(claims: pd.DataFrame, raw: str) -> set[str]:
    value = claims.loc[claims["raw"] == raw, "flags"].iloc[0]
    return set() if pd.isna(value) else set(value.split(";"))


# ------------------------------------------------------------------------------------------- the output

REQUESTS = "通过平台征集并办理为民实事，共收到群众急事难事10971件，办结10759件，办复率98%。"


def requests(rate_raw: str = "98%", rate: float = 98.0, resolved_raw: str = "10759件",
             resolved: float = 10759) -> pd.DataFrame:
    text = REQUESTS.replace("98%", rate_raw).replace("10759件", resolved_raw)
    return claims_from(text, [
        {"raw": "10971件", "value": 10971, "unit": "件", "metric": "requests_received", "subject": "急事难事",
         "metric_label": "收到群众急事难事"},
        {"raw": resolved_raw, "value": resolved, "unit": "件", "metric": "requests_resolved",
         "subject": "急事难事", "metric_label": "办结群众急事难事"},
        {"raw": rate_raw, "value": rate, "unit": "%", "metric": "request_resolution_rate", "subject": "办复率",
         "metric_label": "办复率"},
    ])


def test_output_shapes_and_types():
    claims, checks = run_checks(requests(rate_raw="90%", rate=90.0))
    assert list(claims.columns) == COLUMNS
    assert str(claims["flags"].dtype) == DTYPES["flags"]
    assert list(checks.columns) == CHECK_COLUMNS
    assert str(checks["year"].dtype) == "Int64"
    row = checks.iloc[0]
    assert row["check"] == "rate_mismatch"
    assert row["district"] == "金水区" and row["year"] == 2021 and row["doc_ids"] == "t.txt"
    assert len(row["claim_ids"].split(";")) == 3
    assert "90%" in row["explanation_zh"] and "90%" in row["explanation_en"]


def test_empty_table_gives_empty_checks():
    claims, checks = run_checks(conform(pd.DataFrame({c: [] for c in COLUMNS})))
    assert claims.empty and checks.empty
    assert list(checks.columns) == CHECK_COLUMNS


def test_existing_flags_are_kept_without_duplicates():
    base = requests(rate_raw="90%", rate=90.0)
    base["flags"] = pd.array(["repeat", pd.NA, "no_year;rate_mismatch"], dtype="string")
    claims, _ = run_checks(base)
    assert claims["flags"].tolist() == ["repeat;rate_mismatch", "rate_mismatch", "no_year;rate_mismatch"]


def test_index_and_input_are_left_alone():
    base = requests(rate_raw="90%", rate=90.0)
    base.index = [10, 20, 30]
    before = base.copy()
    claims, _ = run_checks(base)
    assert list(claims.index) == [10, 20, 30]
    pd.testing.assert_frame_equal(base, before)


def test_claims_without_sentence_or_value_are_tolerated():
    base = members("44984万名", 449_840_000)
    base.loc[0, "value"] = float("nan")
    base["sentence"] = pd.array([pd.NA, "与原文不符的句子"], dtype="string")
    _, checks = run_checks(base)
    assert checks["check"].tolist() == ["implausible"]  # value-only checks still run


def test_district_facts_cover_every_district_of_the_gazetteer():
    facts = {row["district"]: row for row in load_csv("district_facts.csv")}
    districts = {row["name"] for row in load_csv("gazetteer.csv") if row["name"] == row["district"]}
    assert len(districts) == 16 and districts <= set(facts)
    for row in facts.values():
        assert int(row["population"]) > 100_000 and float(row["area_km2"]) > 10 and row["year"] == "2020"
    assert sum(int(facts[d]["population"]) for d in districts) == pytest.approx(
        int(facts["郑州市"]["population"]), rel=0.02)


# ---------------------------------------------------------------------------------------- rate_mismatch

def test_rate_consistent_within_rounding():
    claims, checks = run_checks(requests())  # 10759 / 10971 = 98.07%
    assert checks.empty
    triples = rate_triples(claims)
    assert len(triples) == 1 and triples["consistent"].all()
    assert triples["computed"].iloc[0] == pytest.approx(98.068, abs=1e-3)


def test_rate_with_one_decimal():
    text = "共收集各级问题共1378个，解决问题1279个，办结率92.8%，辖区企业受益。"
    specs = [{"raw": "1378个", "value": 1378, "unit": "个", "subject": "问题"},
             {"raw": "1279个", "value": 1279, "unit": "个", "subject": "问题"},
             {"raw": "92.8%", "value": 92.8, "unit": "%", "metric_label": "办结率"}]
    assert run_checks(claims_from(text, specs))[1].empty
    specs[2] = {"raw": "93.8%", "value": 93.8, "unit": "%", "metric_label": "办结率"}
    _, checks = run_checks(claims_from(text.replace("92.8%", "93.8%"), specs))
    assert findings(checks, "rate_mismatch")["expected"].iloc[0] == "93.75%–93.90%"


def test_rate_mismatch_flags_rate_and_parts():
    claims, checks = run_checks(requests(resolved_raw="9759件", resolved=9759))  # 88.95% ≠ 98%
    found = findings(checks, "rate_mismatch")
    assert len(found) == 1
    assert set(found["claim_ids"].iloc[0].split(";")) == set(claims["claim_id"])
    assert all("rate_mismatch" in flags_of(claims, raw) for raw in ("10971件", "9759件", "98%"))


def test_truncated_rate_is_accepted():
    # 192 / 203 = 94.58% written 95% (rounded); 1996 / 2000 = 99.8% written 99% (cut)
    text = "当场解决问题419个，登记转办203个，办结192个，办结率95%。共受理2000件，办结1996件，办结率99%。"
    specs = [{"raw": "419个", "value": 419, "unit": "个"}, {"raw": "203个", "value": 203, "unit": "个"},
             {"raw": "192个", "value": 192, "unit": "个"}, {"raw": "95%", "value": 95, "unit": "%"},
             {"raw": "2000件", "value": 2000, "unit": "件"}, {"raw": "1996件", "value": 1996, "unit": "件"},
             {"raw": "99%", "value": 99, "unit": "%"}]
    claims, checks = run_checks(claims_from(text, specs))
    assert checks.empty
    triples = rate_triples(claims)
    assert len(triples) == 2
    assert set(triples["total_id"]) == set(claims.loc[claims["raw"].isin(["203个", "2000件"]), "claim_id"])


def test_rate_words_recognise_rates_without_labels():
    text = "全区实事项目2685件，已完成2685件、完成率达100%。"
    specs = [{"raw": "2685件", "value": 2685, "unit": "件"},
             {"raw": "2685件", "value": 2685, "unit": "件", "after": "已完成"},
             {"raw": "100%", "value": 100, "unit": "%"}]
    claims, checks = run_checks(claims_from(text, specs))
    assert checks.empty and len(rate_triples(claims)) == 1


def test_counts_without_a_rate_are_not_a_finding():
    text = "梳理确定实事项目36个，已办结21个。"
    specs = [{"raw": "36个", "value": 36, "unit": "个"}, {"raw": "21个", "value": 21, "unit": "个"}]
    claims, checks = run_checks(claims_from(text, specs))
    assert checks.empty and rate_triples(claims).empty


def test_unrelated_counts_before_a_rate_are_not_parts():
    # no completion verb between the counts: 17 and 31 are not the parts of the coverage rate
    text = "建成红色家园17个，党员服务站31个，覆盖率达到100%。"
    specs = [{"raw": "17个", "value": 17, "unit": "个"}, {"raw": "31个", "value": 31, "unit": "个"},
             {"raw": "100%", "value": 100, "unit": "%"}]
    claims, checks = run_checks(claims_from(text, specs))
    assert checks.empty and rate_triples(claims).empty


def test_counts_in_far_clauses_are_not_parts():
    # the total 1378个 is missing: 46个 three clauses back is not taken in its place
    text = "由全区46名区级领导对71家企业、46个项目进行分包……活动中，共收集各级问题共1378个，解决问题1279个，办结率92.8%。"
    specs = [{"raw": "46个", "value": 46, "unit": "个"}, {"raw": "1279个", "value": 1279, "unit": "个"},
             {"raw": "92.8%", "value": 92.8, "unit": "%"}]
    claims, checks = run_checks(claims_from(text, specs))
    assert checks.empty and rate_triples(claims).empty


def test_non_exact_parts_are_not_recomputed():
    text = "共收到诉求1万余件，办结9000余件，办结率98%。"
    specs = [{"raw": "1万余件", "value": 10000, "unit": "件", "qualifier": "over"},
             {"raw": "9000余件", "value": 9000, "unit": "件", "qualifier": "over"},
             {"raw": "98%", "value": 98, "unit": "%"}]
    claims, checks = run_checks(claims_from(text, specs))
    assert checks.empty and rate_triples(claims).empty


# ----------------------------------------------------------------------------------- part_exceeds_total

PLATFORMS = "截至目前，全区各级平台载体达到65家，其中国家级19家，约占全市1/3，在孵企业近3500家。"


def platforms(national: str = "19家", share_raw: str = "1/3", share: float = 0.3333) -> pd.DataFrame:
    text = PLATFORMS.replace("19家", national).replace("1/3", share_raw)
    return claims_from(text, [
        {"raw": "65家", "value": 65, "unit": "家", "subject": "平台载体", "metric_label": "平台载体"},
        {"raw": national, "value": float(national[:-1]), "unit": "家", "subject": "平台载体",
         "metric_label": "国家级平台载体"},
        {"raw": share_raw, "value": share, "unit": "share", "qualifier": "about", "subject": "平台载体",
         "metric_label": "国家级平台载体占全市比重"},
        {"raw": "近3500家", "value": 3500, "unit": "家", "qualifier": "nearly", "subject": "企业",
         "metric_label": "在孵企业"},
    ])


def test_part_within_total_is_fine():
    claims, checks = run_checks(platforms())
    assert checks.empty
    pairs = part_total_pairs(claims)
    assert pairs[["total", "part"]].values.tolist() == [[65, 19]]  # 近3500家 is a new clause, not a part


def test_part_above_total_is_found():
    claims, checks = run_checks(platforms(national="79家"))
    found = findings(checks, "part_exceeds_total")
    assert len(found) == 1 and found["values"].iloc[0] == "79家 > 65家"
    assert "part_exceeds_total" in flags_of(claims, "79家") and "part_exceeds_total" in flags_of(claims, "65家")
    assert not flags_of(claims, "近3500家")


def test_share_above_one_is_found():
    _, checks = run_checks(platforms(share_raw="4/3", share=1.3333))
    assert len(findings(checks, "part_exceeds_total")) == 1


def test_listed_parts_joined_by_commas_and_list_marks():
    text = "全区共有基层党组织2041个，包括党委85个、党总支120个、党支部2136个。"
    specs = [{"raw": "2041个", "value": 2041, "unit": "个"}, {"raw": "85个", "value": 85, "unit": "个"},
             {"raw": "120个", "value": 120, "unit": "个"}, {"raw": "2136个", "value": 2136, "unit": "个"}]
    claims, checks = run_checks(claims_from(text, specs))
    assert len(part_total_pairs(claims)) == 3
    assert findings(checks, "part_exceeds_total")["values"].tolist() == ["2136个 > 2041个"]


def test_parts_after_a_comma_in_the_same_list():
    text = "全区发布新闻稿件169838篇，其中中央级11396篇，省市及其他媒体158442篇。"
    specs = [{"raw": "169838篇", "value": 169838, "unit": "篇"}, {"raw": "11396篇", "value": 11396, "unit": "篇"},
             {"raw": "158442篇", "value": 158442, "unit": "篇"}]
    claims, checks = run_checks(claims_from(text, specs))
    assert checks.empty
    assert part_total_pairs(claims)["part"].tolist() == [11396]


def test_share_of_percent_over_100():
    text = "党建工作占党委部门工作目标比重达150%，社会消费品零售总额增长120%。"
    specs = [{"raw": "150%", "value": 150, "unit": "%"}, {"raw": "120%", "value": 120, "unit": "%"}]
    claims, checks = run_checks(claims_from(text, specs))
    assert findings(checks, "part_exceeds_total")["values"].tolist() == ["150%"]  # growth may pass 100%
    assert not flags_of(claims, "120%")


def test_part_in_rate_above_total():
    _, checks = run_checks(requests(resolved_raw="11759件", resolved=11759))
    assert set(checks["check"]) == {"part_exceeds_total", "rate_mismatch"}


# ------------------------------------------------------------------------------------------ implausible

def members(raw: str, value: float, district: str = "金水区", metric: str | None = "party_members"):
    text = f"各基层党委层层推进，实现2041个基层党组织、{raw}党员全覆盖。"
    return claims_from(text, [
        {"raw": "2041个", "value": 2041, "unit": "个", "subject": "基层党组织", "metric_label": "基层党组织"},
        {"raw": raw, "value": value, "unit": "名", "subject": "党员", "metric_label": "党员", "metric": metric},
    ], district=district)


def test_party_members_above_population():
    claims, checks = run_checks(members("44984万名", 449_840_000))
    found = findings(checks, "implausible")
    assert len(found) == 1 and found["values"].iloc[0] == "44984万名"
    assert "1625583" in found["explanation_zh"].iloc[0]
    assert flags_of(claims, "44984万名") == {"implausible"} and not flags_of(claims, "2041个")


def test_party_members_by_subject_without_metric():
    _, checks = run_checks(members("44984万名", 449_840_000, metric=None))
    assert len(findings(checks, "implausible")) == 1


def test_party_members_plausible():
    assert run_checks(members("4.4984万名", 44_984))[1].empty


def test_party_members_bound_depends_on_the_district():
    # 300,000 members: plausible for 金水区 (1.6 million residents), not for 上街区 (about 150,000)
    assert run_checks(members("30万名", 300_000))[1].empty
    assert len(run_checks(members("30万名", 300_000, district="上街区"))[1]) == 1


@pytest.mark.parametrize("label,value,bad", [
    ("办结率", 110, True), ("完成率", 100, False), ("覆盖率", 100.5, True), ("增长率", 150, False),
])
def test_bounded_rates(label, value, bad):
    raw = f"{value:g}%"
    text = f"全年工作{label}达到{raw}。"
    _, checks = run_checks(claims_from(text, [{"raw": raw, "value": value, "unit": "%", "metric_label": label}]))
    assert (len(findings(checks, "implausible")) == 1) == bad


@pytest.mark.parametrize("raw,value,unit,qualifier,bad", [
    ("12.5个", 12.5, "个", "exact", True),
    ("12个", 12, "个", "exact", False),
    ("2.8万人次", 28000, "人次", "exact", False),
    ("约2.5个", 2.5, "个", "about", False),
    ("3.1岁", 3.1, "岁", "exact", False),
])
def test_fractional_counts(raw, value, unit, qualifier, bad):
    text = f"建成标准化党群服务中心{raw}。"
    spec = {"raw": raw, "value": value, "unit": unit, "qualifier": qualifier, "metric_label": "党群服务中心"}
    _, checks = run_checks(claims_from(text, [spec]))
    assert (len(findings(checks, "implausible")) == 1) == bad


@pytest.mark.parametrize("raw,value,unit,bad", [
    ("5000平方公里", 5000, "平方公里", True),
    ("102万平方米", 1_020_000, "平方米", False),
    ("30万亩", 300_000, "亩", False),
    ("300万亩", 3_000_000, "亩", True),
])
def test_area_against_the_district(raw, value, unit, bad):
    text = f"辖区新增绿地面积{raw}。"
    _, checks = run_checks(claims_from(text, [{"raw": raw, "value": value, "unit": unit}]))
    assert (len(findings(checks, "implausible")) == 1) == bad


def test_headcount_above_population_for_any_subject():
    text = "全区发动志愿者300万名，发动志愿者14.2万人次。"
    specs = [{"raw": "300万名", "value": 3_000_000, "unit": "名", "subject": "志愿者"},
             {"raw": "14.2万人次", "value": 142_000, "unit": "人次", "subject": "志愿者"}]
    _, checks = run_checks(claims_from(text, specs))
    assert findings(checks, "implausible")["values"].tolist() == ["300万名"]


def test_unknown_district_gets_only_absolute_bounds():
    _, checks = run_checks(members("44984万名", 449_840_000, district="某某区"))
    assert checks.empty


# --------------------------------------------------------------------------------------------- conflict

def grid(raw: str, value: float, doc_id: str = "a.txt", year: int = 2022, qualifier: str = "exact",
         subdistrict: str | None = None, claim_type: str = "achievement") -> pd.DataFrame:
    text = f"全区{raw}网格长分包干。"
    return claims_from(text, [{"raw": raw, "value": value, "unit": "名", "metric": "grid_staff",
                               "subject": "网格长", "metric_label": "网格长", "qualifier": qualifier,
                               "subdistrict": subdistrict, "claim_type": claim_type}], doc_id=doc_id, year=year)


def test_conflict_within_and_across_reports():
    claims, checks = run_checks(table(grid("1363名", 1363), grid("1400名", 1400, doc_id="b.txt")))
    found = findings(checks, "conflict")
    assert len(found) == 1 and found["doc_ids"].iloc[0] == "a.txt;b.txt"
    assert all(flags_of(claims, raw) == {"conflict"} for raw in ("1363名", "1400名"))


def test_same_value_twice_is_not_a_conflict():
    assert run_checks(table(grid("1363名", 1363), grid("1363名", 1363, doc_id="b.txt")))[1].empty


def test_qualified_values_that_agree_are_not_a_conflict():
    assert run_checks(table(grid("1300余名", 1300, qualifier="over"), grid("1363名", 1363)))[1].empty
    assert run_checks(table(grid("近1400名", 1400, qualifier="nearly"), grid("1363名", 1363)))[1].empty


@pytest.mark.parametrize("other", [
    {"subdistrict": "花园路街道"}, {"claim_type": "target"}, {"year": 2021},
])
def test_not_compared(other):
    assert findings(run_checks(table(grid("1363名", 1363), grid("1400名", 1400, **other)))[1], "conflict").empty


def centres(doc_id: str = "a.txt") -> pd.DataFrame:
    text = ("在街道建设标准化红色家园17个，在楼宇中建立规范化党员服务站31个。"
            "在非公党组织中建立党员服务站228个。全区党群服务中心达到87个，其中面积超1000平方米的65个。")
    spec = {"unit": "个", "metric": "service_centers"}
    return claims_from(text, [
        {"raw": "17个", "value": 17, "subject": "红色家园", "metric_label": "建设红色家园", **spec},
        {"raw": "31个", "value": 31, "subject": "党员服务站", "metric_label": "建立党员服务站", **spec},
        {"raw": "228个", "value": 228, "subject": "党员服务站", "metric_label": "建立非公党员服务站", **spec},
        {"raw": "87个", "value": 87, "subject": "党群服务中心", "metric_label": "党群服务中心", **spec},
        {"raw": "65个", "value": 65, "subject": "党群服务中心", "metric_label": "党群服务中心", **spec},
    ], doc_id=doc_id)


def test_different_things_of_one_metric_are_not_a_conflict():
    # one sentence lists different things; other sentences label other things; 65 is a part of 87
    assert run_checks(centres())[1].empty


def test_across_reports_the_same_subject_is_compared():
    other = centres("b.txt").iloc[[1]]  # 31个 党员服务站 again, in another report
    other.loc[:, "value"] = 40.0
    _, checks = run_checks(table(centres(), other))
    found = findings(checks, "conflict")
    assert len(found) == 1 and found["values"].iloc[0] == "31个 (a.txt); 228个 (a.txt); 31个 (b.txt)"


# ------------------------------------------------------------------------------------------------- jump

def test_jump_between_consecutive_years():
    claims, checks = run_checks(table(grid("1363名", 1363, year=2021), grid("5000名", 5000, year=2022),
                                      grid("5100名", 5100, year=2023)))
    found = findings(checks, "jump")
    assert len(found) == 1 and found["values"].iloc[0] == "2021: 1363; 2022: 5000"
    assert found["year"].iloc[0] == 2022
    assert flags_of(claims, "5100名") == set()


def test_jump_follows_the_largest_figure_of_each_year():
    # 2022 also states a sub-count (200): the year is represented by its largest figure, 1400
    _, checks = run_checks(table(grid("1363名", 1363, year=2021), grid("1400名", 1400, year=2022),
                                 grid("200名", 200, year=2022, doc_id="b.txt")))
    assert findings(checks, "jump").empty


def test_jump_needs_the_same_subject():
    other = grid("6000名", 6000, year=2022)
    other["subject"] = pd.array(["楼栋长"], dtype="string")
    assert run_checks(table(grid("1363名", 1363, year=2021), other))[1].empty


def test_implausible_values_raise_no_conflict_or_jump():
    # 44984万名 is reported once, as implausible, not again as a conflict or a jump
    old = members("4.2万名", 42_000)
    old["year"] = pd.array([2020, 2020], dtype="Int64")
    _, checks = run_checks(table(old, members("4.5万名", 45_000), members("44984万名", 449_840_000)))
    assert checks["check"].tolist() == ["implausible"]


NEWS = ("全区在各级各类媒体发布新闻稿件169838篇，其中中央级11396篇。8月13日至15日，央视播发金水12篇新闻稿件。"
        "截至目前，全区在各级各类媒体发布新闻稿件169938篇。")


def news(*raws: str) -> pd.DataFrame:
    spec = {"unit": "篇", "metric": "news_items", "subject": "新闻稿件", "metric_label": "新闻稿件"}
    return claims_from(NEWS, [{"raw": r, "value": float(r[:-1]), **spec} for r in raws])


def test_a_restated_phrase_with_another_number_is_a_conflict():
    # 169838 restated as 169938; 12 (央视播发) is labelled alike but said of something else; 11396 is a part
    _, checks = run_checks(news("169838篇", "11396篇", "12篇", "169938篇"))
    assert findings(checks, "conflict")["values"].tolist() == ["169838篇 (t.txt); 169938篇 (t.txt)"]


def test_same_label_in_other_words_is_not_compared_within_a_report():
    assert run_checks(news("169838篇", "11396篇", "12篇"))[1].empty


def test_small_change_is_not_a_jump():
    assert run_checks(table(grid("1363名", 1363, year=2021), grid("2500名", 2500, year=2022)))[1].empty


def test_jump_factor_per_metric():
    def received(value, year):
        text = f"共收到群众诉求{value}件。"
        return claims_from(text, [{"raw": f"{value}件", "value": value, "unit": "件", "subject": "诉求",
                                   "metric": "requests_received"}], year=year)
    assert run_checks(table(received(1000, 2021), received(4000, 2022)))[1].empty  # factor 5 for this metric
    assert len(run_checks(table(received(1000, 2021), received(6000, 2022)))[1]) == 1


# ------------------------------------------------------------------ the engine on synthetic and seed reports

FIXTURES = Path(__file__).parent / "fixtures" / "checks"

# Each synthetic report with its planted problem: the check that must find it and the claims it must flag.
PLANTED = {
    "rate": ("rate_mismatch", {"1200件", "1000件", "98%"}),
    "part": ("part_exceeds_total", {"65家", "79家", "130%"}),
    "implausible": ("implausible", {"44984万名", "120%", "12.5个", "5000平方公里"}),
    "conflict": ("conflict", {"1363名", "1500名"}),
}


def fixture_claims(*names: str) -> pd.DataFrame:
    """The engine's claims for synthetic reports, with district and date from the fixtures' manifest."""
    with open(FIXTURES / "manifest.csv", encoding="utf-8", newline="") as f:
        meta = {row["file"]: row for row in csv.DictReader(f)}
    return table(*(extract_text((FIXTURES / n).read_text(encoding="utf-8"), doc_id=n,
                                district=meta[n]["district"], published=meta[n]["published"]) for n in names))


def flagged_raws(claims: pd.DataFrame, check: str) -> set[str]:
    has = claims["flags"].fillna("").str.split(";").apply(lambda fl: check in fl)
    return set(claims.loc[has, "raw"])


@pytest.mark.parametrize("name", sorted(PLANTED))
def test_engine_finds_the_planted_problem(name):
    check, raws = PLANTED[name]
    claims, checks = run_checks(fixture_claims(f"{name}.bad.txt"))
    assert set(checks["check"]) == {check}
    assert flagged_raws(claims, check) == raws


@pytest.mark.parametrize("name", sorted(PLANTED) + ["jump"])
def test_engine_clean_twin_has_no_finding(name):
    names = ["jump.2021.txt", "jump.2022.ok.txt"] if name == "jump" else [f"{name}.ok.txt"]
    _, checks = run_checks(fixture_claims(*names))
    assert checks.empty, checks[["check", "values"]].to_string()


def test_engine_finds_the_planted_jump():
    claims, checks = run_checks(fixture_claims("jump.2021.txt", "jump.2022.bad.txt"))
    assert checks["check"].tolist() == ["jump"]
    assert flagged_raws(claims, "jump") == {"1363名", "6000名"}


def test_engine_rates_of_the_synthetic_reports():
    triples = rate_triples(claims := fixture_claims("rate.ok.txt", "rate.bad.txt"))
    raw = claims.set_index("claim_id")["raw"]
    found = {(raw[t.total_id], raw[t.part_id], raw[t.rate_id], t.consistent) for t in triples.itertuples()}
    assert found == {("1200件", "1176件", "98%", True), ("1200件", "1000件", "98%", False),
                     ("1378个", "1279个", "92.8%", True)}


@pytest.fixture(scope="module")
def seeds(seed_claims):
    flagged, checks = run_checks(seed_claims)
    return seed_claims, flagged, checks


def test_seed_party_members_are_implausible(seeds):
    _, flagged, checks = seeds
    row = flagged[flagged["raw"] == "44984万名"]
    assert len(row) == 1 and row["value"].iloc[0] == 449_840_000
    assert "implausible" in row["flags"].iloc[0].split(";")
    assert row["claim_id"].iloc[0] in ";".join(findings(checks, "implausible")["claim_ids"])


# The seeds' stated rates with their parts: (doc, total, part, rate, how many times the text states it).
SEED_RATES = {
    ("002_8cfb99e02b4e6cf3.txt", "10971件", "10759件", "98%"): 2,
    ("002_8cfb99e02b4e6cf3.txt", "1378个", "1279个", "92.8%"): 1,
    ("002_8cfb99e02b4e6cf3.txt", "2685件", "2685件", "100%"): 1,
    ("002_8cfb99e02b4e6cf3.txt", "1158件", "1158件", "100%"): 1,
    ("004_7aea9f66737be1be.txt", "203个", "192个", "95%"): 1,
}


def test_seed_rates_are_found_consistent(seeds):
    claims, _, checks = seeds
    triples = rate_triples(claims)
    by_id = claims.set_index("claim_id")
    found = Counter((by_id.at[t.rate_id, "doc_id"], by_id.at[t.total_id, "raw"], by_id.at[t.part_id, "raw"],
                     by_id.at[t.rate_id, "raw"]) for t in triples.itertuples())
    assert found == SEED_RATES
    assert triples["consistent"].all()
    assert findings(checks, "rate_mismatch").empty


# -------------------------------------------------------------------------------------- the checks page

@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    """The dashboard pointed at a copy of the seed corpus (LEDGER_* set for this module)."""
    work = tmp_path_factory.mktemp("ledger")
    shutil.copytree(Path(__file__).parents[1] / "seeds", work / "corpus")
    for path in [work / "corpus", *(work / "corpus").iterdir()]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LEDGER_CORPUS", str(work / "corpus"))
        mp.setenv("LEDGER_DATA", str(work / "data" / "claims.parquet"))
        yield work


@pytest.fixture
def app_server(monkeypatch, ledger):
    """AppTest run as a server runs after its first run of app.py: the pages/ folder is not taken for an
    old-style multipage app (AppTest resets that flag before every run; a server clears it for good)."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import app_test

    class AfterFirstRun(PagesManager):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            PagesManager.uses_pages_directory = False

    monkeypatch.setattr(app_test, "PagesManager", AfterFirstRun)


def checks_page(**query: str):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(Path(__file__).parents[1] / "dashboard" / "app.py"), default_timeout=120)
    at.query_params.update(query)
    at.run()
    at.query_params.update(query)
    at.switch_page("views/checks.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def page_html(at) -> str:
    return "\n".join(e.proto.body for e in at.get("html"))


def test_checks_page_shows_findings_with_their_sentences(app_server):
    at = checks_page()
    assert any(s.value.startswith("数值不合理") for s in at.subheader)
    body = page_html(at)
    assert "数值不合理" in body and "<mark>44984万名</mark>党员全覆盖" in body


def test_checks_page_in_english_and_filtered_by_url(app_server):
    at = checks_page(check="implausible", lang="en")
    assert [s.value for s in at.subheader] == ["implausible value · 1"]
    assert "Implausible value" in page_html(at)


def test_satisfaction_rate_is_not_recomputed_from_counts():
    from extract import extract_text

    text = "今年以来，受理群众诉求12450件，办结12198件，满意率95.2%。"
    claims, checks = run_checks(extract_text(text, doc_id="t.txt", district="惠济区", published="2023"))
    assert checks.empty
