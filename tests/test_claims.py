"""Which numbers are claims, and where and when they apply, on phrases written as reports write them."""
import pandas as pd
import pytest

from extract import extract_text

def _values(column):
    return [None if v is None or v is pd.NA or v != v else v for v in column.astype(object)]


NOT_CLAIMS = [
    ("认真落实“13710”工作制度", "programme code in quotes"),
    ("以“1+17+N”人才服务体系为载体", "programme code with +"),
    ("深化非公党建“321工程”", "programme name"),
    ("聚焦“5+5+X”城区经济发展", "programme code"),
    ("2017年10月11日全省城市基层党建工作经验交流座谈会", "date"),
    ("将每月5日、25日定为“上门走访企业日”", "day of month"),
    ("12月20日上午，区委党校举行仪式", "time point"),
    ("在中组部第十六届全国党员教育电视片观摩交流活动中荣获二等奖", "ordinal of an edition"),
    ("作为2021年全区第一季度比学交流主题", "ordinal period"),
    ("三支队伍每周至少一次走访企业", "rule frequency"),
    ("每季度至少召开1次区委党建工作领导小组专题会议", "rule frequency, Arabic"),
    ("以优异成绩庆祝中国共产党成立100周年", "anniversary"),
    ("打造沁河路60号院无主管楼院", "address"),
    ("涉及每个点位社区的15大项23小项具体工作", "checklist structure"),
    ("制定企业经营管理人员、专业技术人才、高技能人才、科研型人才、社会工作人才和农村实用人才6类人才“金标准”", "counts the list just written"),
    ("将通过抓好三个方面推动现场教学点进一步建好", "rhetorical structure"),
    ("采取自建和购买两种方式", "rhetorical structure"),
    ("一是全力抓政治建设", "enumeration marker"),
    ("二七区委党校在郑投科技创新园举行仪式", "place name with numerals"),
    ("走访千家万户，问需精准施策", "idiom"),
    ("金水成为全市唯一一个受到国家督查激励的城区", "唯一一个"),
    ("本报记者 党贺喜 第06版", "page clutter"),
    ("阅读量：1234 点击：56次", "view counter"),
    ("推动5G基站建设", "a name with digits"),
    ("开展“1对1”帮扶", "code"),
    ("“豫见郑好”2023郑州市新型公共文化空间交流活动", "year in an event name"),
    ("近三年来，累计新建学校", "a span of time"),
    ("力争5年内建成", "a span of time"),
    ("郑州日报 2023年10月25日 星期三 第06版 | 编辑：赵六 | 电话：0371-67188888", "page clutter"),
    ("沿107国道、G4高速和地铁3号线布局产业", "road and line names"),
    ("位于金水东路88号的郑州市第二十一中学新校区，1号楼已投入使用", "addresses and names"),
    ("党的二十大以来，深入贯彻“十四五”规划", "names of congresses and plans"),
    ("数百名群众参加", "vague amount"),
    ("2022.12.27发布", "date with dots"),
    ("发布时间 2021/12/27", "date with slashes"),
]


@pytest.mark.parametrize("text,why", NOT_CLAIMS)
def test_not_a_claim(text, why):
    claims = extract_text(text, district="金水区", published="2022")
    assert claims.empty, f"{why}: {claims['raw'].tolist()}"


CLAIMS = [
    ("截至目前，全区各级平台载体达到65家，其中国家级19家", ["65家", "19家"]),
    ("四家单位荣获市新型公共文化空间奖项", ["四家"]),
    ("在全市开发区前三季度考核中市内六区排名第一", ["第一"]),
    ("“办企业，最头疼的就是办理证照，竟然只用了不到1个月时间就完成了，速度真快！”", ["不到1个月"]),
    ("新增就业35542人；新增民办普惠性幼儿园37所", ["35542人", "37所"]),
    ("计划总投资40.92亿", ["40.92亿"]),
    ("组织二十余名专家开展服务", ["二十余名"]),
    ("近千名志愿者参与", ["近千名"]),
    ("覆盖率达到三分之二以上", ["三分之二"]),
    ("合格率百分之百", ["百分之百"]),
    ("举办活动三场", ["三场"]),
    ("投资近万元改造党群服务中心3处", ["近万元", "3处"]),
    ("组织党员志愿者上千人次开展环境整治", ["上千人次"]),
    # a character that is a financial numeral elsewhere ends a word here (队伍, 大陆)
    ("组建志愿服务队伍8支，全区人才队伍达3.2万人", ["8支", "3.2万人"]),
]


@pytest.mark.parametrize("text,raws", CLAIMS)
def test_claims_found(text, raws):
    claims = extract_text(text, district="二七区", published="2023")
    assert claims["raw"].tolist() == raws


def test_money_without_unit_is_yuan():
    claims = extract_text("辖区省重点项目3个,计划总投资40.92亿", district="中原区", published="2021")
    assert claims.set_index("raw").loc["40.92亿", "unit"] == "元"
    assert claims.set_index("raw").loc["40.92亿", "value"] == 4092000000


def test_place_name_is_not_27():
    claims = extract_text("二七区新建口袋公园12个。", district=None, published="2023")
    assert claims["value"].tolist() == [12.0]
    assert claims["district"].tolist() == ["二七区"]


class TestWhere:
    def test_manifest_district_by_default(self):
        claims = extract_text("1363名各级网格长分包干。", district="金水", published="2022")
        assert claims["district"].tolist() == ["金水区"]

    def test_sentence_names_another_district(self):
        claims = extract_text("金水区培训党员2.8万人次。管城区新建党群服务中心12个。", district="金水区", published="2022")
        assert claims["district"].tolist() == ["金水区", "管城回族区"]

    def test_alias_for_airport_zone(self):
        claims = extract_text("港区新增市场主体3000家。", district="金水区", published="2022")
        assert claims["district"].tolist() == ["航空港区"]

    def test_subdistrict_in_clause(self):
        claims = extract_text("其中，未来路街道聚焦辖区29栋商务楼宇102万平方米产业载体。", district="金水区", published="2022")
        assert claims["subdistrict"].tolist() == ["未来路街道", "未来路街道"]

    def test_paragraph_about_one_subdistrict(self):
        text = "目前，莲湖街道已组建党组织9个。由大党委牵头，先后开展各类志愿服务80多次。\n\n全区完成改造43个。"
        claims = extract_text(text, district="中原区", published="2021")
        assert _values(claims["subdistrict"]) == ["莲湖街道", "莲湖街道", None]

    def test_district_wide_clause_has_no_subdistrict(self):
        text = "指导汝河路街道打造示范点1个,推进绿东村街道试点,组建楼院党支部135个。"
        claims = extract_text(text, district="中原区", published="2021")
        assert _values(claims["subdistrict"]) == ["汝河路街道", None]

    def test_development_zone_is_a_subdistrict(self):
        text = "今年，二七经开区聚焦招商引资，在全市开发区考核中排名第一。"
        claims = extract_text(text, district="二七区", published="2023")
        assert claims["subdistrict"].tolist() == ["二七经开区"]

    def test_respectively(self):
        text = "龙子湖街道、如意湖街道分别新增市场主体2000余户、1500余户。"
        claims = extract_text(text, district="郑东新区", published="2023")
        assert claims["subdistrict"].tolist() == ["龙子湖街道", "如意湖街道"]

    def test_a_report_on_the_whole_city_keeps_its_totals_apart_from_the_districts(self):
        text = ("郑州市2023年停车设施建设情况\n"
                "全市新增停车位2.6万个，其中金水区新增5100个、管城回族区新增3200个。")
        claims = extract_text(text, published="2024-02").set_index("raw")
        assert claims["district"].to_dict() == {"2.6万个": "郑州市", "5100个": "金水区", "3200个": "管城回族区"}
        # each district's part is a count of the same thing, not of the district
        assert set(claims["metric"]) == {"parking_spaces_new"}
        assert set(claims["subject"]) == {"停车位"}

    def test_report_from_outside_zhengzhou(self):
        claims = extract_text("全区新增就业1.2万人。", district="海淀区", published="2022")
        assert claims["district"].tolist() == ["海淀区"]


def test_work_report_plans_are_targets():
    text = ("政府工作报告\n一、过去一年工作回顾\n过去一年，全区新增就业1.35万人。\n"
            "二、2023年工作安排\n今年的主要预期目标是：地区生产总值增长6%左右。")
    claims = extract_text(text, district="管城回族区", published="2023-01", title="管城回族区2022年政府工作报告")
    assert claims["year"].tolist() == [2022, 2023]
    assert claims["claim_type"].tolist() == ["achievement", "target"]


def test_future_year_is_a_target():
    text = "“我们的目标是到2025年，全区人口达到20万人，建成区面积达到40平方公里。”"
    claims = extract_text(text, district="上街区", published="2022-07")
    assert claims["claim_type"].tolist() == ["target", "target"]
    assert claims["year"].tolist() == [2025, 2025]


class TestWhen:
    @pytest.mark.parametrize("text,year,period", [
        ("2017年，累计召开联席会议653次。", 2017, None),
        ("2021年前三季度，全区实现地区生产总值1387亿元。", 2021, "Q1-Q3"),
        ("今年以来，28名街道党政正职通过综合比选脱颖而出。", 2022, None),
        ("去年，全区新增就业35542人。", 2021, None),
        ("截至目前，全区已印发手册6000余本。", 2022, None),
        ("1~4月份，莲湖街道完成新开工项目总投资11.5亿元。", 2022, "Jan-Apr"),
        ("3月份以来，辖区信访量下降40%。", 2022, "since Mar"),
        ("全区实现生产总值1387亿元、同比增长5%，较2020年提高2个百分点。", 2022, None),
        ("上半年，全区新增市场主体3000家。", 2022, "H1"),
    ])
    def test_year_and_period(self, text, year, period):
        claims = extract_text(text, district="金水区", published="2022-07")
        assert claims["year"].iloc[0] == year
        assert _values(claims["period"])[0] == period

    def test_no_publication_date_means_no_year(self):
        claims = extract_text("全区新增就业1.2万人。", district="金水区", published=None)
        assert claims["year"].isna().all()
        assert claims["flags"].tolist() == ["no_year"]

    def test_annual_summary_published_next_year(self):
        text = "金水区2015年工作总结\n全区新增就业1.2万人。"
        claims = extract_text(text, district="金水区", published="2016-01", title="金水区2015年工作总结")
        assert claims["year"].tolist() == [2015]

    def test_government_work_report_looks_back(self):
        text = ("政府工作报告\n一、过去一年工作回顾\n过去一年，全区新增就业1.2万人。\n"
                "二、今年工作安排\n全年新增就业1.5万人。")
        claims = extract_text(text, district="金水区", published="2023-01")
        assert claims["year"].tolist() == [2022, 2023]


def test_repeat_flag():
    text = "全区办结10759件。\n全区办结10759件。"
    claims = extract_text(text, district="金水区", published="2021")
    assert claims["flags"].tolist() == ["", "repeat"]


def test_spans_are_exact(seed_claims, seed_text):
    for doc_id, group in seed_claims.groupby("doc_id"):
        text = seed_text(doc_id)
        for row in group.itertuples():
            assert text[row.start:row.end] == row.raw
            assert row.raw in row.sentence


def test_schema(seed_claims):
    from extract.schema import COLUMNS, DTYPES

    assert list(seed_claims.columns) == COLUMNS
    assert {c: str(t) for c, t in seed_claims.dtypes.items()} == DTYPES
    assert seed_claims["claim_id"].is_unique


@pytest.mark.parametrize("text,claim_type", [
    ("为60岁以上老年人免费接种疫苗", "policy"),      # a rule's threshold
    ("全区35岁及以下党员1200名", "context"),        # a threshold that defines the group counted
])
def test_an_age_that_defines_a_group_is_a_claim_of_its_kind(text, claim_type):
    claims = extract_text(text, district="金水区", published="2023")
    assert claims.iloc[0]["unit"] in ("岁", "周岁") and claims.iloc[0]["claim_type"] == claim_type


@pytest.mark.parametrize("text,raw,claim_type", [
    # A part of a profile number (其中…) is context as the whole is.
    ("村党支部现有党员72名，其中女党员15名。", "15名", "context"),
    # A part of an achievement stays an achievement.
    ("新发展党员120名，其中女党员40名。", "40名", "achievement"),
    # 确保 and 下阶段 announce what is yet to be done, in every clause after them.
    ("下阶段，全县将确保新开工项目不少于8个，全年完成投资150亿元以上。", "150亿元", "target"),
    ("下一阶段，街道新建口袋公园6个。", "6个", "target"),
    # … but what has been ensured is done.
    ("通过错峰施工，确保了120户居民按期回迁。", "120户", "achievement"),
    # What has been put on a plan (列入计划, 纳入计划) is a state, not a plan announced.
    ("正在解决或列入计划逐步解决的建议37件。", "37件", "achievement"),
])
def test_claim_types_carried_by_a_part_and_by_a_plan_word(text, raw, claim_type):
    claims = extract_text(text, district="新郑市", published="2023-06")
    row = claims[claims.raw == raw]
    assert len(row) == 1 and row.iloc[0]["claim_type"] == claim_type, claims[["raw", "claim_type"]].values.tolist()


def test_a_page_run_together_without_punctuation_keeps_its_claims():
    # The same report with and without its punctuation: every number is still found, and each is read in a
    # stretch around it, not in a clause as long as the whole line.
    from extract.text import MAX_CLAUSE, segment

    parts = [f"第{i}批新建口袋公园{i + 3}个，培训党员{120 + i * 7}人次，新增停车位{300 + i * 11}个；" for i in range(1, 41)]
    punctuated = "".join(parts)
    one_line = punctuated.replace("，", "").replace("；", "")
    seg = segment(one_line)
    pos = one_line.index("培训党员127")
    start, end = seg.clause(pos)
    assert len(one_line) > 3 * MAX_CLAUSE and end - start <= MAX_CLAUSE and start <= pos < end
    found = extract_text(one_line, district="金水区", published="2024-06-01")
    expected = extract_text(punctuated, district="金水区", published="2024-06-01")
    assert list(found["raw"]) == list(expected["raw"])
    assert list(found["value"]) == list(expected["value"])
    assert set(found.loc[found["raw"] == "127人次", "subject"]) == {"党员"}
