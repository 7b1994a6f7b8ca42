"""Canonical metrics: concept × event × dimension, the guards that keep a number out of a metric it does not
measure, the lexicon's integrity, and labels for every metric a corpus uses."""
import io

import pandas as pd
import pytest

from extract import extract_corpus, extract_text
from extract.coverage import report
from extract.metrics import (all_metrics, catalogue, check_lexicon, coverage, lexicon, metric_labels, taxonomy,
                             units_of)
from extract.numbers import unit_dimension
from extract.schema import CATEGORIES
from ledger_paths import FIXTURES

DIMENSIONS = {"people", "items", "events", "time", "points", "ratio", "money", "score", "area", "length", "mass",
              "volume", "energy", "power", "percent", "share", "rank", "concentration", "sound"}


def metric_of(phrase: str, raw: str, district: str = "中原区", published: str = "2023"):
    claims = extract_text(phrase, district=district, published=published).set_index("raw")
    value = claims.loc[raw, "metric"]
    return None if pd.isna(value) else value


# phrase, raw, metric: one thing counted in different words meets in one key.
EXAMPLES = [
    ("全市党员38,670名，其中正式党员38,019名。", "38,019名", "full_party_members"),
    # what the whole district has built so far is the stock, not a year's building
    ("全区已建成院士工作站7个。", "7个", "academician_stations"),
    ("今年已建成口袋公园10个。", "10个", "pocket_parks_built"),
    ("全区已建成街道党群服务中心10个、社区党群服务中心103个。", "103个", "service_centers"),  # the list too
    # further things counted in work reports and bulletins
    ("新组建教育集团11个。", "11个", "education_groups_new"),
    ("全区地表水考核断面水质达标率100%。", "100%", "surface_water_compliance_rate"),
    ("完成人行道整修约15万平方米。", "约15万平方米", "sidewalks_renovated"),
    ("立案查处食品安全违法案件37起。", "37起", "food_safety_cases_resolved"),
    ("为消费者挽回经济损失286.5万元。", "286.5万元", "consumer_losses_recovered"),
    ("新建技能大师工作室3个。", "3个", "skills_master_studios_built"),
    ("抢排积水约260万立方米。", "约260万立方米", "floodwater_pumped"),
    ("全区在校（园）学生约15.8万人。", "约15.8万人", "enrolled_students"),
    # who serves as what (担任), temporary and subdivided units, housing raised (筹集), rescue workers, loans
    ("选派机关干部担任网格长1,484名。", "1,484名", "grid_chiefs"),
    ("全区设置临时避险安置点58个。", "58个", "emergency_shelters_built"),
    ("全区细分微网格5,840个。", "5,840个", "micro_grids"),
    ("今年新筹集保障性租赁住房3,000套。", "3,000套", "affordable_housing_built"),
    ("组建抢险队伍126支、抢险人员6,300余名。", "6,300余名", "rescue_staff"),
    ("全年外借图书18.3万册。", "18.3万册", "book_loans"),
    # the registered and the surveyed unemployment rate are two measures; grid events are not requests from
    # the public; party members who farm are an occupation, not the rural members
    ("城镇登记失业率控制在3.5%以内。", "3.5%", "registered_unemployment_rate"),
    ("城镇调查失业率5.1%。", "5.1%", "unemployment_rate"),
    ("网格员累计上报各类事件4.2万件，办结4.1万件。", "4.1万件", "grid_events_resolved"),
    ("从职业看，农牧渔民党员1,420名。", "1,420名", "farmer_party_members"),
    # COVID-19 vaccination and its booster part, sampling teams and staff, vaccination sites, academicians
    ("全区累计接种新冠病毒疫苗126万剂次，其中加强免疫接种41万人。", "126万剂次", "covid_vaccinations"),
    ("全区累计接种新冠病毒疫苗126万剂次，其中加强免疫接种41万人。", "41万人", "covid_boosters"),
    ("组建采样队伍96支、采样人员1,200余名。", "1,200余名", "sampling_staff"),
    ("柔性引进院士5名。", "5名", "academicians_attracted"),
    # deputies' suggestions and CPPCC proposals are parts of the suggestions and proposals handled
    ("今年共承办代表建议86件、政协提案102件。", "102件", "cppcc_proposals"),
    # where a thing is set up (在…中建立) is not a subset of it
    ("在商务楼宇中建立党员服务站42个。", "42个", "member_service_stations_built"),
    # whom a thing is done for (为农民工) is not a part of it
    ("今年为农民工追回工资860万元。", "860万元", "wages_recovered"),
    # the parts of medical and pension insurance, health care beds and their ratio, urban-village projects
    ("城乡居民医保参保36.2万人，职工医保参保9.8万人。", "9.8万人", "employee_medical_insured"),
    ("城乡居民基本养老保险参保3.9万人。", "3.9万人", "resident_pension_insured"),
    ("全县医疗机构实有床位3,210张，每千人口床位数6.1张。", "3,210张", "hospital_beds"),
    ("全县医疗机构实有床位3,210张，每千人口床位数6.1张。", "6.1张", "hospital_beds_per_1000"),
    ("前三季度医保基金支出6.4亿元。", "6.4亿元", "medical_fund_spending"),
    ("启动城中村改造项目4个。", "4个", "urban_village_projects"),
    # the seed examples of DESIGN.md, in phrases of their own
    ("今年以来，全区分批次培训党员3.6万人次。", "3.6万人次", "party_members_trained"),
    ("对辖区1.5万余名党员集中轮训一遍。", "1.5万余名", "party_members_trained"),
    ("其中62个社区党群服务中心面积超1000平方米。", "62个", "service_centers_over_1000sqm"),
    ("全区有58个社区党群服务中心达到1000平方米以上。", "58个", "service_centers_over_1000sqm"),
    ("全年接待国内外游客960万人次。", "960万人次", "tourist_visits"),
    ("全年接待游客960万人次。", "960万人次", "tourist_visits"),
    # A part after 其中 shares what happened to the whole: enterprises are market entities.
    ("全年新登记市场主体1.6万户，其中企业5120户。", "5120户", "enterprises_new"),
    # a part named in the lexicon is itself, not its whole
    ("新增技能人才3800人，其中高技能人才920人。", "920人", "high_skilled_talent_new"),
    ("动员核酸检测志愿者1600余名。", "1600余名", "epidemic_volunteers_mobilised"),
    ("分批培训网格员2600人次。", "2600人次", "grid_staff_trained"),
    ("全区卫生机构床位6420张。", "6420张", "hospital_beds"),
    # those who took part in a training are those trained, not all members
    ("组织实用技术培训80场次，参训党员5200余人次。", "5200余人次", "party_members_trained"),
    # a level of place (村级, 社区级) says where, not which kind
    ("新建村级文化广场9个。", "9个", "culture_centres_built"),
    # concentrations and sound levels have units of their own
    ("全区PM2.5年均浓度为41微克/立方米。", "41微克/立方米", "pm25"),
    ("区域环境噪声平均值为54.2分贝。", "54.2分贝", "noise_level"),
    # budget lines, their parts, and what a flood season stocks
    ("其中，教育支出15.2亿元，增长4.1%。", "15.2亿元", "education_spending"),
    ("非税收入8.3亿元，下降1.2%。", "1.2%", "non_tax_revenue_decline"),
    ("全市储备防汛编织袋12万只。", "12万只", "sandbags"),
    # a part of kindergartens is its own kind, never all of them
    ("全区共有幼儿园210所，其中公办幼儿园96所。", "96所", "state_kindergartens"),
    ("排查风险隐患300处，已整改到位296处。", "296处", "hazards_resolved"),
    # doses of a vaccine are a count of vaccinations
    ("全年累计接种新冠疫苗8.6万剂次。", "8.6万剂次", "covid_vaccinations"),
    ("全年累计接种各类疫苗21.4万剂次。", "21.4万剂次", "vaccinations"),
    # party statistics
    ("截至年底，全区共有党员25318名，比上年净增512名，增长2.1%。", "25318名", "party_members"),
    ("截至年底，全区共有党员25318名，比上年净增512名，增长2.1%。", "512名", "party_members_net_increase"),
    ("截至年底，全区共有党员25318名，比上年净增512名，增长2.1%。", "2.1%", "party_members_growth"),
    ("女党员8120名，占党员总数的32.1%。", "8120名", "female_party_members"),
    ("女党员8120名，占党员总数的32.1%。", "32.1%", "female_party_members_share"),
    ("全年共发展党员640名，其中女性251名。", "640名", "party_members_recruited"),
    ("全年共发展党员640名，其中女性251名。", "251名", "female_party_members_recruited"),
    # a change of the year's flow is not a change of the members
    ("全年共发展党员760名，比上年增加40名。", "40名", "party_members_recruited_change"),
    ("全区共有基层党组织1380个，其中党支部1196个。", "1196个", "party_branches"),
    ("表彰先进基层党组织30个、优秀共产党员112名。", "112名", "party_members_honoured"),
    ("“两新”组织党组织覆盖率达95.1%。", "95.1%", "new_org_coverage"),
    # grassroots governance: grid staff and building heads are not one thing
    ("全街道划分网格98个，配备网格长98名、专职网格员131名。", "98个", "grids"),
    ("全街道划分网格98个，配备网格长98名、专职网格员131名。", "98名", "grid_chiefs"),
    ("全街道划分网格98个，配备网格长98名、专职网格员131名。", "131名", "full_time_grid_staff"),
    ("社区在居民楼选聘楼栋长640名。", "640名", "building_heads"),
    ("共受理群众诉求5320件，办结5198件，办结率97.7%。", "5320件", "requests_received"),
    ("共受理群众诉求5320件，办结5198件，办结率97.7%。", "5198件", "requests_resolved"),
    ("共受理群众诉求5320件，办结5198件，办结率97.7%。", "97.7%", "request_resolution_rate"),
    ("群众满意率达97.2%。", "97.2%", "satisfaction_rate"),
    ("长兴街道辖9个社区。", "9个", "communities"),
    # livelihoods: school places are not schools
    ("新建改扩建中小学、幼儿园7所，新增学位3600个。", "7所", "schools_built"),
    ("新建改扩建中小学、幼儿园7所，新增学位3600个。", "3600个", "school_places_new"),
    ("新增普惠托位800个、养老床位260张。", "800个", "childcare_places_new"),
    ("新增普惠托位800个、养老床位260张。", "260张", "elderly_beds_new"),
    ("新增城镇就业9200人。", "9200人", "jobs_created"),
    ("力争新增城镇就业1万人。", "1万人", "jobs_created"),
    # urban construction
    ("改造老旧小区41个，惠及居民1.3万户。", "41个", "old_communities_renovated"),
    ("改造老旧小区41个，惠及居民1.3万户。", "1.3万户", "old_communities_renovated_beneficiaries"),
    ("新建改建道路12条，总长18.4公里。", "12条", "roads_built"),
    ("新建改建道路12条，总长18.4公里。", "18.4公里", "road_length"),
    ("打通断头路6条。", "6条", "dead_end_roads_opened"),
    ("新增公共停车泊位2300个。", "2300个", "parking_spaces_new"),
    # economy: a level and its growth are two metrics, a decline a third
    ("全区地区生产总值完成612.4亿元，增长5.8%。", "612.4亿元", "gdp"),
    ("全区地区生产总值完成612.4亿元，增长5.8%。", "5.8%", "gdp_growth"),
    ("固定资产投资下降2.7%。", "2.7%", "investment_decline"),
    ("社会消费品零售总额同比增长4.6%。", "4.6%", "retail_sales_growth"),
    ("民生支出占一般公共预算支出的比重达78.2%。", "78.2%", "livelihood_spending_share"),
    # epidemic control, talent, culture and tourism
    ("设置常态化核酸采样点240个。", "240个", "nucleic_acid_sites"),
    ("新引进各类人才2100名。", "2100名", "talent_attracted"),
    ("全年接待游客860万人次。", "860万人次", "tourist_visits"),
    ("开展送戏下乡演出120场。", "120场", "performances"),
    # those benefiting or taking part belong to what was counted before them
    ("新铺设供水管网12公里，惠及群众1.8万人。", "1.8万人", "water_networks_built_beneficiaries"),
    ("举办第五届邻里文化节，吸引居民600余人参加。", "600余人", "cultural_activities_participants"),
    # a place's profile counted by its measure words
    ("辖区有居民2100户、6400余人。", "2100户", "households"),
    ("辖区有居民2100户、6400余人。", "6400余人", "population"),
    # a part named by the lexicon is read as itself
    ("全区共有A级景区12个，其中4A级景区5个。", "5个", "scenic_spots_4a"),
    ("新引进各类人才1800名，其中博士42名。", "42名", "phd_holders_attracted"),
    # the items of a list after a word of the whole jurisdiction are all of its places
    ("全县36个城市社区、208个行政村全部建成党群服务中心。", "208个", "villages"),
    # a statistical bulletin's lines
    ("居民消费价格同比上涨1.2%。", "1.2%", "cpi"),
    ("限额以上单位消费品零售额52.6亿元。", "52.6亿元", "retail_sales_above_quota"),
    ("网上零售额增长21.4%。", "21.4%", "online_retail_sales_growth"),
    ("民生支出占比76.5%。", "76.5%", "livelihood_spending_share"),
    ("全县在建亿元以上项目92个。", "92个", "projects_over_100m"),
    ("受理消费者投诉356件。", "356件", "complaints_received"),
    # a level reached is the total, whatever the clause did to it
    ("全年新登记市场主体9100户，市场主体总数达到8.6万户。", "8.6万户", "market_entities"),
    ("全县建成高标准农田累计达到36.2万亩。", "36.2万亩", "high_standard_farmland"),
    ("今年新建高标准农田2.1万亩。", "2.1万亩", "high_standard_farmland_new"),
    ("小麦种植面积31.5万亩。", "31.5万亩", "wheat_area"),
    ("农作物耕种收综合机械化率达到91.5%。", "91.5%", "farm_mechanisation_rate"),
    ("新增纯电动公交车80辆。", "80辆", "buses_new"),
    ("新建港湾式公交站26个。", "26个", "bus_shelters_built"),
    ("新辟公交线路5条。", "5条", "bus_lines_built"),
    ("代表们共提出建议和意见94件。", "94件", "suggestions_received"),
    ("企业职工基本养老保险参保人数达到16.2万人。", "16.2万人", "employee_pension_insured"),
    ("失业保险参保人数7.4万人。", "7.4万人", "unemployment_insured"),
    ("社区新增就业岗位420个。", "420个", "job_posts"),
    # the re-employment of the unemployed and the placement of people hard to employ are two indicators
    ("城镇失业人员再就业2,140人，就业困难人员实现就业615人。", "2,140人", "reemployment"),
    ("城镇失业人员再就业2,140人，就业困难人员实现就业615人。", "615人", "hard_to_employ_placed"),
    # full-time and part-time grid staff are parts of the grid staff, not the whole
    ("社区配备专职网格员18名。", "18名", "full_time_grid_staff"),
    ("发动物业人员等兼职网格员320名。", "320名", "part_time_grid_staff"),
    ("全街道共有网格员96名。", "96名", "grid_staff"),
    # a library's collection is a stock: what is added to it is new, the collection itself its total
    ("全年新增馆藏图书2.6万册。", "2.6万册", "books_new"),
    ("全县公共图书馆藏书达到86万册。", "86万册", "books"),
    # a verbless item continues the clause before it: what happened there happened to it
    ("年内建成口袋公园4个，健身步道3.2公里。", "3.2公里", "greenways_built"),
    ("组建楼院党支部40个，楼栋党小组210个。", "210个", "building_party_groups_new"),
    # …unless what that clause did was to a thing of another kind, or the item is a level reached
    ("立案查处违法案件21起，罚没款18万元。", "18万元", "fines"),
    ("增长6.1%；一般公共预算收入12.4亿元。", "12.4亿元", "budget_revenue"),
    ("新增高新技术企业12家，科技型中小企业突破150家。", "突破150家", "tech_smes"),
]


@pytest.mark.parametrize("phrase,raw,metric", EXAMPLES)
def test_metric(phrase, raw, metric):
    assert metric_of(phrase, raw) == metric


# phrase, raw: numbers a metric must not take (precision first: no fitting metric, no metric).
GUARDED = [
    ("36岁至60岁党员17,594名，占45.5%。", "17,594名"),  # an age band the lexicon does not name
    ("对不合格食品的核查处置率为100%。", "100%"),  # a rate of handling whatever, not of requests
    ("每个楼栋有1名党员联系群众。", "1名"),  # a rule per unit
    ("每名网格员联系20户居民。", "20户"),  # a quota
    ("全镇各村集体经济收入全部超过30万元。", "超过30万元"),  # a floor each village reaches
    ("建成200平方米以上的党群服务驿站8个。", "200平方米"),  # the threshold is not the station's area
    ("全区有58个社区党群服务中心达到1000平方米以上。", "1000平方米"),
    ("村党支部现有党员46名，其中致富带头人党员9名。", "9名"),  # a part the lexicon does not name
    ("全年发展党员640名，在学生中发展党员53名。", "53名"),
    ("其中，女性187名。", "187名"),  # a part of nothing named
    ("引进博士人数约占全省的四分之一。", "四分之一"),  # a share of a higher total
    ("该公司项目总投资12亿元。", "12亿元"),  # a firm's own investment
    ("项目建成后可带动就业800人。", "800人"),  # a firm's own jobs
    ("在全区12个社区推广这一做法。", "12个"),  # N个 near a place word is not a count of places
    ("已在5个街道开展试点。", "5个"),
    ("在全区12个社区、8个村推广。", "8个"),
    ("在全市考核中位列第二。", "第二"),  # a rank
    ("只用了不到1个月时间就完成了。", "不到1个月"),
    ("全镇各行政村集体经济收入均达到30万元以上。", "30万元"),  # a floor for each village
    ("全县地区生产总值首次突破千亿元大关。", "突破千亿元"),  # a milestone, not the value
]


@pytest.mark.parametrize("phrase,raw", GUARDED)
def test_guarded(phrase, raw):
    assert metric_of(phrase, raw) is None


def test_sized_count_keeps_its_own_metric():
    assert metric_of("建成200平方米以上的党群服务驿站8个。", "8个") == "service_centers_built_over_200sqm"


def test_a_percent_never_takes_a_level_metric():
    levels = {m.key for m in all_metrics().values() if m.dimension not in ("percent", "share", "points")}
    assert metric_of("党员人数增长2.1%。", "2.1%") not in levels
    assert metric_of("党员人数增长2.1%。", "2.1%") == "party_members_growth"


def test_target_and_achievement_share_a_metric():
    plan = extract_text("力争新增城镇就业1万人。", district="中原区", published="2023")
    done = extract_text("新增城镇就业9200人。", district="中原区", published="2023")
    assert plan["metric"].iloc[0] == done["metric"].iloc[0] == "jobs_created"
    assert (plan["claim_type"].iloc[0], done["claim_type"].iloc[0]) == ("target", "achievement")


# ------------------------------------------------------------------------------------------- the lexicon

def test_lexicon_and_catalogue_are_consistent():
    assert check_lexicon() == []


def test_parents_exist_and_make_no_cycle():
    lex = lexicon()
    for concept in lex.concepts.values():
        seen = {concept.key}
        parent = concept.parent
        while parent:
            assert parent in lex.concepts, f"{concept.key}: parent {parent} is not a concept"
            assert parent not in seen, f"{concept.key}: a cycle through {parent}"
            seen.add(parent)
            parent = lex.concepts[parent].parent


def test_lexicon_knows_parts_from_wholes():
    lex = lexicon()
    assert "party_members" in lex.ancestors("female_party_members")
    assert "party_members" in lex.ancestors("mobile_party_members")
    assert "schools" in lex.ancestors("kindergartens")
    assert "schools" in lex.ancestors("primary_secondary_schools")
    assert "schools" not in lex.ancestors("school_places")
    assert lex.common_ancestor(["primary_secondary_schools", "kindergartens"]) == "schools"


def test_catalogue_names_the_indicators_analysts_look_for():
    metrics = taxonomy()
    assert len(metrics) >= 150
    assert len({m.key for m in metrics}) == len(metrics)
    keys = {m.key for m in metrics}
    assert {"party_members_trained", "service_center_area", "gdp", "gdp_growth", "fixed_asset_investment",
            "retail_sales", "budget_revenue", "school_places_new", "childcare_places_new", "elderly_beds_new",
            "jobs_created", "roads_built", "old_communities_renovated", "parking_spaces_new",
            "nucleic_acid_sites", "talent_attracted", "performances", "tourist_visits"} <= keys
    categories = {m.category for m in metrics}
    assert categories <= set(CATEGORIES)
    assert {"党建组织", "基层治理", "民生服务", "城市建设", "经济发展", "疫情防控", "人才工作", "宣传文化"} <= categories


def test_every_metric_has_labels_category_and_dimension():
    for key, m in all_metrics().items():
        assert m.zh and m.en, key
        assert m.category in CATEGORIES, key
        assert m.dimension in DIMENSIONS, key
    assert set(metric_labels()) == set(all_metrics())
    assert set(catalogue().values()) <= set(all_metrics().values())


@pytest.fixture(scope="module")
def devset_claims():
    return extract_corpus(FIXTURES / "devset")


@pytest.mark.parametrize("corpus", ["seeds", "devset"])
def test_metrics_used_have_labels_category_and_unit_dimension(corpus, seed_claims, devset_claims):
    claims = seed_claims if corpus == "seeds" else devset_claims
    known = all_metrics()
    used = claims.dropna(subset=["metric"])
    assert len(used) > 0
    for key, rows in used.groupby("metric"):
        assert key in known, f"{key} has no labels"
        m = known[key]
        assert m.zh and m.en and m.category in CATEGORIES and m.dimension in DIMENSIONS, key
        dims = {unit_dimension(u) for u in rows["unit"]}
        assert dims <= units_of(m), (key, dims)


def test_coverage_report(seed_claims):
    result = coverage(seed_claims)
    assert 0.4 <= result["with_metric"] <= 1
    assert result["achievement_with_metric"] >= 0.4
    assert len(result["comparable_metrics"]) >= 8
    assert sum(result["metrics"].values()) == seed_claims["metric"].notna().sum()
    assert result["unmatched_subjects"] and result["unmatched_labels"]
    out = io.StringIO()
    report(seed_claims, top=5, out=out)
    text = out.getvalue()
    assert "claims with a canonical metric" in text and "party_members_trained" in text


def test_a_share_whose_part_is_named_nowhere_has_no_metric_and_reads_on():
    # Text run together without punctuation (a pasted page): the share's part is not before it.
    claims = extract_text("占党员总数的三分之一少数民族党员", district="金水区", published="2023-06")
    assert list(claims["raw"]) == ["三分之一"]
    assert claims["metric"].isna().all()


@pytest.mark.parametrize("text,raw,metric", [
    # An income named in the sentence before has no investment of its own.
    ("农民人均可支配收入2.1万元。村里先后投入资金320万元，硬化道路6.5公里。", "320万元", None),
    # The works named before do.
    ("全年改造老旧小区53个。共投入资金2.3亿元。", "2.3亿元", "old_communities_renovated_investment"),
])
def test_an_amount_refers_back_only_to_what_can_carry_it(text, raw, metric):
    claims = extract_text(text, district="荥阳市", published="2024-03").set_index("raw")
    got = claims.loc[raw, "metric"]
    assert (None if pd.isna(got) else got) == metric
