"""The category of a claim: the domain of the activity its sentence reports. Phrases written for these tests."""
import pytest

from extract import extract_text

# title, text, raw, category
CATEGORIES_OF = [
    # What is counted.
    ("", "新增普惠托位260个。", "260个", "民生服务"),
    ("", "全年新登记市场主体1.2万户，其中企业3200户。", "3200户", "经济发展"),
    ("", "全区共有党员1.8万名。", "1.8万名", "党建组织"),
    ("", "轮训村党组织书记320人次。", "320人次", "干部队伍"),
    ("", "累计调解邻里纠纷140起。", "140起", "基层治理"),
    ("", "建成城市书房6个。", "6个", "宣传文化"),
    # What the metric counts places it when no word of the category vocabularies does.
    ("某村：乡村振兴结硕果", "安装太阳能路灯120盏。", "120盏", "城市建设"),
    # Crops are farming, skills masters are talent work, food businesses inspected are food safety.
    ("", "农作物受灾面积3.7万亩。", "3.7万亩", "经济发展"),
    ("", "新建技能大师工作室3个。", "3个", "人才工作"),
    ("", "检查食品生产经营单位5,300余家次。", "5,300余家次", "民生服务"),
    # Households a grid member is in contact with are the grid's work, not beneficiaries.
    ("", "每名网格员联系20户左右群众。", "20户", "基层治理"),
    # Rebuilding after a disaster is construction.
    ("", "纳入灾后重建规划的项目88个。", "88个", "城市建设"),
    # Supplies are of the work they serve (防汛物资 are not epidemic control); people moved to safety are
    # beneficiaries.
    ("惠济区防汛工作总结", "二、强化队伍和物资保障\n累计出动抢险人员3.8万人次。", "3.8万人次", "基层治理"),
    ("", "汛期累计转移受威胁群众4.26万人。", "4.26万人", "民生服务"),
    # A metric whose own category says what happened (培训党员: 党员教育) decides over the people counted.
    ("", "分层次对全区2.2万余名直管党员轮训一遍。", "2.2万余名", "党员教育"),
    # A share of a group of people is of what they do.
    ("", "全区八成以上的党员坚持参加线上学习。", "八成", "党员教育"),
    # Education, health care, consumers and workers are services to the public.
    ("", "新认定区级骨干教师120名。", "120名", "民生服务"),
    ("", "受理消费者投诉举报2,300件。", "2,300件", "民生服务"),
    ("", "为860名劳动者追讨欠薪1,200万元。", "1,200万元", "民生服务"),
    # Farm households helped are beneficiaries; land in 亩 is farming, not a work.
    ("", "合作社带动215户农户增收。", "215户", "民生服务"),
    ("", "新建高标准农田800亩。", "800亩", "经济发展"),
    # Households counted are beneficiaries; physical works in 米 or 平方米 are construction.
    ("", "改造老旧小区12个，惠及居民3600户。", "3600户", "民生服务"),
    ("", "新建改建道路12条，总长8.4公里。", "8.4公里", "城市建设"),
    ("", "建设内容：全长16.2公里，双向四车道", "16.2公里", "城市建设"),  # a length nothing else places
    ("", "个体工商户新增4100户。", "4100户", "经济发展"),  # businesses in 户 are not households
    ("", "全年完成食品安全监督抽检1800批次。", "1800批次", "民生服务"),
    # A report about epidemic control puts every claim in it there.
    ("某区2022年疫情防控工作综述", "全区招募志愿者3000余名。", "3000余名", "疫情防控"),
    # A named unit's make-up is grassroots governance; its party members party building.
    ("杨柳村：小网格 大变化", "杨柳村辖5个村民组，现有党员62名。", "5个", "基层治理"),
    ("杨柳村：小网格 大变化", "杨柳村辖5个村民组，现有党员62名。", "62名", "党建组织"),
    # Population in an economic bulletin is an economic statistic.
    ("2023年某县国民经济和社会发展统计公报", "年末常住人口52.3万人。", "52.3万人", "经济发展"),
    # A part takes the domain of the whole it belongs to.
    ("", "全年培训党员1.2万人次，其中农村党员3100人次。", "3100人次", "党员教育"),
]


@pytest.mark.parametrize("title,text,raw,category", CATEGORIES_OF)
def test_category(title, text, raw, category):
    claims = extract_text(text, district="中原区", published="2023-06", title=title)
    row = claims[claims["raw"] == raw].iloc[0]
    assert row["category"] == category, (row["subject"], row["metric_label"])
