"""The scopes of a report: the year, period, plan and place a number takes from its clause, sentence,
paragraph, table, section and title. Phrases written for these tests, in the ways reports write."""
import pandas as pd
import pytest

from extract import extract_text


def _claim(claims, raw):
    rows = claims[claims["raw"] == raw]
    assert len(rows) == 1, f"{raw!r} not found once in {claims['raw'].tolist()}"
    return rows.iloc[0]


def _value(v):
    return None if pd.isna(v) else v


# text, title, published, raw, year, period
YEARS = [
    # The base of a comparison stated with its year is of that year; the change after it is not.
    ("2023年，村集体经济收入达到86万元，比2020年的23万元增长近3倍。", "", "2024-03", "23万元", 2020, None),
    ("2023年，村集体经济收入达到86万元，比2020年的23万元增长近3倍。", "", "2024-03", "近3倍", 2023, None),
    # An annual bulletin published early in the next year speaks of the year before.
    ("全年新增城镇就业1.5万人。", "某区党内统计公报", "2023-03-10", "1.5万人", 2022, None),
    ("过去一年，全区新建学校5所，新增学位3000个。", "区政府工作报告", "2024-01-20", "3000个", 2023, None),
    # The title's year governs the report.
    ("全区共有各级各类学校120所。", "某区统计年鉴（2023）", None, "120所", 2023, None),
    ("全区建成口袋公园12个。", "2021年某区城市建设工作综述", None, "12个", 2021, None),
    # A heading's year governs its section; the plan section looks ahead.
    ("一、2022年工作回顾\n全区完成投资100亿元。\n二、2023年主要任务\n计划完成投资120亿元。", "", "2023-02",
     "120亿元", 2023, None),
    ("一、2022年工作回顾\n全区完成投资100亿元。\n二、2023年主要任务\n计划完成投资120亿元。", "", "2023-02",
     "100亿元", 2022, None),
    # A year said at the opening of a sentence carries through its paragraph.
    ("截至2021年底，全镇共有党员800名。女党员中35岁以下的共60名。", "", "2022-06", "60名", 2021, None),
    # …after a clause that only says who speaks (会议指出，…); 全年 then means that year too.
    ("会议指出，2022年全区共排查隐患点60处。全年投入巡查人员900人次。", "某区2023年防汛工作会", "2023-04",
     "900人次", 2022, None),
    # The year a unit was founded dates that only: its profile is the report's year.
    ("兴华社区成立于2002年，辖区面积0.86平方公里，现有居民3,260户。", "兴华社区2023年工作总结", "2024-01-05",
     "3,260户", 2023, None),
    # 去年全年 is last year; a sentence that states a year and counts nothing frames those after it.
    ("今年新增企业126家，而去年全年新增企业仅74家。", "", "2023-12-20", "74家", 2022, None),
    ("围绕上述目标，2024年要重点抓好以下工作。要全力抓项目，全年实施重点项目60个以上。", "", "2023-12-20",
     "60个", 2024, None),
    # From A to B: each side its own year.
    ("村集体收入从2019年的20万元增至2022年的80万元。", "", "2023-05", "20万元", 2019, None),
    ("村集体收入从2019年的20万元增至2022年的80万元。", "", "2023-05", "80万元", 2022, None),
    # A span since a year is reported in the report's year.
    ("2020年换届以来，社区累计调解纠纷50起。", "", "2023-09", "50起", 2023, None),
    # The time said last before a number governs it.
    ("去年，园区接待游客8万人次；今年上半年接待游客6万人次，实现收入900万元。", "", "2023-08", "900万元", 2023, "H1"),
    # Without a publication date, 今年 has no year.
    ("今年举办读书活动12场。", "", None, "12场", None, None),
    # …unless the report dates itself under its title (a web page's 发布时间, a work report's dateline).
    ("某区2024年政府工作报告\n2024年1月15日\n过去一年，全区新建学校5所。", "", None, "5所", 2023, None),
    ("社区开展读书活动\n发布时间：2023-05-06 09:30\n今年举办读书活动12场。", "", None, "12场", 2023, None),
    ("首页 > 区县动态\n社区开展读书活动\n发布时间：2023-05-06 09:30 来源：区融媒体中心 浏览次数：1032\n今年举办读书活动12场。",
     "", None, "12场", 2023, None),
    # …or names its source first (来源：… then the date), as news sites do.
    ("区召开推进会\n来源：区融媒体中心  2022-11-18\n今年已设置采样点40个。", "", None, "40个", 2022, None),
    # A date in the body is not the report's.
    ("社区开展读书活动\n今年举办读书活动12场，2021年3月5日起实行。", "", None, "12场", None, None),
    # A period said at a sentence's opening carries through its paragraph.
    ("今年1至8月，全区新增市场主体2000户。同时，帮助企业解决问题300个。", "", "2023-09", "300个", 2023, "Jan-Aug"),
    # …until a time word said after it ends its reach.
    ("下半年将新签约项目20个，年内完成改造任务40个。", "", "2023-07", "40个", 2023, None),
    # The year's target is not a time: the section's period holds.
    ("一、上半年工作完成情况\n新增就业800人，完成全年目标的60%。", "", "2023-07", "60%", 2023, "H1"),
]


@pytest.mark.parametrize("text,title,published,raw,year,period", YEARS)
def test_year_and_period(text, title, published, raw, year, period):
    row = _claim(extract_text(text, district="金水区", published=published, title=title), raw)
    assert _value(row["year"]) == year
    assert _value(row["period"]) == period


PROGRESS_TABLE = (
    "某区2023年民生实事进展情况（截至6月底）\n\n"
    "序号 | 项目内容 | 进展情况 | 责任单位\n"
    "1 | 新建公共停车位500个 | 已建成320个，完成年度任务的64% | 区城管局\n"
    "2 | 改造老旧小区10个 | 已开工8个 | 区住建局\n"
)


@pytest.mark.parametrize("raw,claim_type,period", [
    ("500个", "target", None), ("320个", "achievement", "Jan-Jun"), ("64%", "achievement", "Jan-Jun"),
    ("10个", "target", None), ("8个", "achievement", "Jan-Jun"),
])
def test_plan_and_progress_columns(raw, claim_type, period):
    row = _claim(extract_text(PROGRESS_TABLE, district="金水区", published="2023-07-05"), raw)
    assert row["claim_type"] == claim_type
    assert _value(row["period"]) == period
    assert row["year"] == 2023


# text, raw, claim type: plans said around a number
PLANS = [
    ("下一步，将新建口袋公园3个。", "3个", "target"),
    ("围绕上述目标，重点抓好以下工作：一是新建学校2所。二是改造道路5条。", "5条", "target"),
    ("二、下一步工作打算\n培训基层干部500人次，建设示范点6个。", "6个", "target"),
    ("今年全区计划改造老旧小区30个，涉及居民楼200栋。", "200栋", "target"),
    ("其余4项将于年底前全部完成。", "4项", "target"),
    ("年初，区政府公开承诺办好8件民生实事。", "8件", "target"),
    # What a meeting asks for is a plan.
    ("会议要求，汛期前要完成隐患整改，储备编织袋3万条。", "3万条", "target"),
    # A list introduced by 以下几个方面：, one item a line.
    ("今年将重点抓好以下几个方面：\n一是稳增长。固定资产投资增长7%。\n二是惠民生。新增学位2400个。", "2400个", "target"),
    # What a work will bring once done is a plan, for the rest of its sentence.
    ("项目总投资8亿元，建成后预计年产值可达15亿元，带动就业400人。", "400人", "target"),
    ("项目总投资8亿元，建成后预计年产值可达15亿元，带动就业400人。", "8亿元", "achievement"),
    # Progress against a plan is done, whatever plan word it names.
    ("累计完成投资2亿元，占年度计划投资的75%。", "75%", "achievement"),
    # Marked as done inside a plan section.
    ("二、2024年工作安排\n已建成的12个驿站全部投入使用。", "12个", "achievement"),
    # A heading run into its paragraph heads it: what follows it on the line and after is its section's.
    ("一、上半年工作成效。新建口袋公园4个。\n二、下半年工作打算。新增停车位300个。", "300个", "target"),
    ("一、上半年工作成效。新建口袋公园4个。\n二、下半年工作打算。新增停车位300个。", "4个", "achievement"),
    # 将完成, 将建成: what will be done.
    ("社区将完成8个老旧小区改造。", "8个", "target"),
    # The work of the year a report is published in, under its heading, is a plan.
    ("一、2023年工作回顾\n新建公园6个。\n二、2024年重点任务\n新建公园9个。", "9个", "target"),
    ("一、2023年工作回顾\n新建公园6个。\n二、2024年重点任务\n新建公园9个。", "6个", "achievement"),
    # In a plan, a quota of what each unit is to hold or organise is a target.
    ("下一步，每个乡镇组织群众文化活动不少于20场。", "不少于20场", "target"),
    # A heading naming the year's main targets, and a list of so many areas of work, are plans.
    ("一、2023年工作回顾\n新建公园6个。\n二、2024年主要目标和重点工作\n重点做好三方面工作：一是稳投资，实施项目90个。",
     "90个", "target"),
    # Marked headings run into their paragraphs are the items of a list introduced as plans.
    ("会议要求，2024年重点做好以下工作：\n（一）稳定投资。实施项目80个。\n（二）改善民生。新增托位500个。",
     "500个", "target"),
]


def test_the_work_of_a_year_reviewed_late_in_it_is_done():
    claims = extract_text("一、2024年主要工作\n新建公园9个。", district="金水区", published="2024-12-20")
    assert _claim(claims, "9个")["claim_type"] == "achievement"


def test_a_list_of_plans_takes_the_year_it_is_introduced_with():
    text = "会议指出，2023年全区投资增长4%。会议要求，2024年重点做好以下工作：\n（一）稳定投资。全年实施项目80个，完成投资90亿元。"
    claims = extract_text(text, district="金水区", published="2024-01-15")
    assert _claim(claims, "80个")["year"] == 2024 and _claim(claims, "90亿元")["year"] == 2024
    assert _claim(claims, "90亿元")["claim_type"] == "target"


@pytest.mark.parametrize("text,raw,claim_type", PLANS)
def test_plans(text, raw, claim_type):
    assert _claim(extract_text(text, district="金水区", published="2024-01-15"), raw)["claim_type"] == claim_type


@pytest.mark.parametrize("published,claim_type", [("2023-12-28", "achievement"), ("2023-07-10", "target")])
def test_an_estimate_of_the_year_is_its_result_at_the_years_end(published, claim_type):
    claims = extract_text("预计全年地区生产总值完成880亿元左右。", district="二七区", published=published)
    assert _claim(claims, "880亿元")["claim_type"] == claim_type


# title, text, raw, subdistrict
PLACES = [
    # A village described in a title, not named (枣乡小村), is not a unit: the named one is.
    ("柳湾村：枣乡小村的致富路", "村里新建冷库2座。", "2座", "柳湾村"),
    # The unit a report's title names is every number's, until another is named.
    ("李庄村：小网格里的新变化", "全村共有农户300户，村党支部现有党员45名。", "300户", "李庄村"),
    # A unit named as a sentence's subject carries to the sentences after it.
    ("", "桃园社区组织居民议事会12场。社区还新增充电桩30个。", "30个", "桃园社区"),
    # The last of a chain of names is the most specific.
    ("", "走进城南镇杨柳村，村里建成蔬菜大棚50个。", "50个", "杨柳村"),
    # A name ending in a word for a kind of village (泰山村, 东渔村) is a name; the kind alone is not.
    ("", "泰山村位于城南镇东部，辖8个村民组。", "8个", "泰山村"),
    ("", "帮扶偏远山村12个。", "12个", None),
    ("", "指导各村创建美丽乡村示范村3个。", "3个", None),
    # A unit that locates another is not the one the passage is about.
    ("", "杨柳村位于城南镇东部，辖5个村民组。", "5个", "杨柳村"),
    # A unit whose idea is borrowed is not either; a district-wide word speaks of the district.
    ("", "这一做法借鉴了东风街道的经验，全区已推广到8个社区。", "8个", None),
    # A unit a verb governs holds for its own clause only.
    ("", "指导东园社区打造示范点2个，推进全区建立楼院党支部30个。", "30个", None),
    ("", "指导东园社区打造示范点2个，推进全区建立楼院党支部30个。", "2个", "东园社区"),
    # A new paragraph starts again from the report's own unit.
    ("", "桃园社区新增充电桩30个。\n全区新增停车位400个。", "400个", None),
    # A name may hold a character that elsewhere means "all" (三全路社区, 全店村).
    ("", "在农科路社区，成立服务队8支。\n在三全路社区，成立议事会14个。", "14个", "三全路社区"),
    # A nickname in quotes is not a unit.
    ("", "过去的“上访村”如今变了样，去年化解纠纷20起。", "20起", None),
]


@pytest.mark.parametrize("title,text,raw,subdistrict", PLACES)
def test_subdistrict(title, text, raw, subdistrict):
    row = _claim(extract_text(text, district="惠济区", published="2023-06", title=title), raw)
    assert _value(row["subdistrict"]) == subdistrict
    assert row["district"] == "惠济区"


def test_a_named_unit_keeps_the_reports_district_when_it_is_not_in_the_gazetteer():
    claims = extract_text("白鹭洲社区组建志愿服务队5支。", district="某新区", published="2023")
    row = _claim(claims, "5支")
    assert (row["district"], row["subdistrict"]) == ("某新区", "白鹭洲社区")


# text, district of the report, raw, district
DISTRICTS = [
    # The district a clause names; one by one after 分列/分别.
    ("在全市考核中，涧西区位列第一，洛龙区、西工区分列第二、第三。", "涧西区", "第三", "西工区"),
    # The district the sentence names last before the number.
    ("本区签约项目12个；同场签约的二七区签约项目15个，总投资98.2亿元。", "中原区", "98.2亿元", "二七区"),
    # A unit named right after its district lies there, even where the report's district holds a namesake.
    ("邻近的高新区石佛街道也有4个村前来学习。", "中原区", "4个", "高新区"),
    # A Zhengzhou sub-district's name in a report from elsewhere is a namesake in that report's district.
    ("五里堡街道完成老旧小区改造17个。", "宛城区", "17个", "宛城区"),
    # A district named as the source of an idea does not move the claim.
    ("借鉴金水区的经验，全县已建成驿站20个。", "中牟县", "20个", "中牟县"),
]


@pytest.mark.parametrize("text,district,raw,expected", DISTRICTS)
def test_district(text, district, raw, expected):
    assert _claim(extract_text(text, district=district, published="2023-06"), raw)["district"] == expected
