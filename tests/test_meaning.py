"""What is counted: subject, label, claim type and canonical metric, on phrases as reports write them."""
import pytest

from extract import extract_text
from extract.metrics import coverage, metric_labels, taxonomy
from extract.schema import CATEGORIES

# phrase, raw, subject
SUBJECTS = [
    ("高效设置771个核酸采样小屋", "771个", "核酸采样小屋"),
    ("在孵企业近3500家。", "近3500家", "在孵企业"),
    ("办复率98%。", "98%", "办复率"),
    ("组建楼院党支部135个,楼栋党小组867个。", "867个", "楼栋党小组"),
    ("82名表现突出的优秀干部得到提拔重用", "82名", "优秀干部"),
    ("共征集诉求161条，梳理确定实事项目36个，已办结21个。", "21个", "实事项目"),
    ("全区各级平台载体达到65家，其中国家级19家。", "19家", "平台载体"),
    ("涉及辖区4条道路,总长度12607米。", "12607米", "道路"),
    ("分批分类培训党员2.8万人次。", "2.8万人次", "党员"),
    ("组织党员志愿者上千人次开展环境整治。", "上千人次", "党员志愿者"),
    ("31名县级干部带队到街道进行全面走访", "31名", "县级干部"),
    ("召开推进会12次。", "12次", "推进会"),
    # A one-character head keeps the verb that names it (采摘园, 投放点), whatever jieba tags them.
    ("建成石榴采摘园3个。", "3个", "石榴采摘园"),
    ("新建垃圾分类投放点20个。", "20个", "垃圾分类投放点"),
    # Modifiers jieba splits off stay with their noun.
    ("全年规模以上工业企业营业收入增长4.1%。", "4.1%", "规模以上工业企业营业收入"),
    ("现代服务业增加值增长9.2%。", "9.2%", "现代服务业增加值"),
    ("农副食品加工业增长2.4%。", "2.4%", "农副食品加工业"),
    ("纸质图书外借量下降3.5%。", "3.5%", "纸质图书外借量"),
    ("其中高新技术企业41家，从业人员1.2万人。", "1.2万人", "从业人员"),
    ("走访居民860户，收集意见建议75条。", "75条", "意见建议"),
    # Households and people a unit has, with no noun of their own.
    ("全村共有386户、一千二百零五人。", "386户", "户"),
    ("全村共有386户、一千二百零五人。", "一千二百零五人", "人口"),
    ("社区辖9个小区、2,150户。", "2,150户", "户"),
    ("辖区有居民2,940户、8,300余人。", "8,300余人", "居民"),
]


@pytest.mark.parametrize("phrase,raw,subject", SUBJECTS)
def test_subject(phrase, raw, subject):
    claims = extract_text(phrase, district="金水区", published="2022").set_index("raw")
    assert claims.loc[raw, "subject"] == subject


@pytest.mark.parametrize("phrase,raw,claim_type", [
    ("明确每年新吸引4万名青年人才来金留金的工作目标", "4万名", "target"),
    ("力争全年新增就业1.5万人", "1.5万人", "target"),
    ("把每个社区30万元服务群众专项经费纳入财政预算", "30万元", "policy"),
    ("党建工作占街道工作目标比重达30%", "30%", "policy"),
    # A profile goes on through its residents, their make-up and its share.
    ("社区辖区面积1.2平方公里，现有居民楼40栋，居民2,100户、5,600人，其中60岁以上老年人1,300人，占23.2%。", "2,100户", "context"),
    ("社区辖区面积1.2平方公里，现有居民楼40栋，居民2,100户、5,600人，其中60岁以上老年人1,300人，占23.2%。", "1,300人", "context"),
    ("社区辖区面积1.2平方公里，现有居民楼40栋，居民2,100户、5,600人，其中60岁以上老年人1,300人，占23.2%。", "23.2%", "context"),
    # An award is a rule's amount; an award paid out is what was done.
    ("对新认定的省级专精特新企业给予奖补30万元", "30万元", "policy"),
    ("全年发放各类人才奖补资金2640万元", "2640万元", "achievement"),
    ("获评全国212个国家级示范基地评估考核优秀档次第二名", "212个", "context"),
    ("1479名“两委”干部中,大专以上学历较上届提升7.1%", "1479名", "context"),
    ("完成了5个社区党群服务中心达标升级的年度目标任务", "5个", "achievement"),
    ("下一步，高新区将再新建党群服务中心5个", "5个", "target"),
    ("2020年全区常住人口城镇化率为71.3%。", "71.3%", "context"),
    ("全年人口出生率为千分之七点二。", "千分之七点二", "context"),
    ("力争2023年城镇化率达到75%。", "75%", "target"),
    ("柳林村位于镇区北部，距镇政府所在地6公里。", "6公里", "context"),
    ("该社区东距火车站3公里，辖8个居民小区。", "3公里", "context"),
    # A threshold is a bound; an estimate or a milestone is not one.
    ("建成300平方米以上的社区食堂6个。", "300平方米", "context"),
    ("全年发展党员26名，其中35岁以下的19名。", "35岁", "context"),
    ("全村流转土地2,400余亩发展大棚蔬菜种植。", "2,400余亩", "achievement"),
    ("全区一般公共预算收入首次突破百亿元大关。", "突破百亿元", "achievement"),
    # The situation a report starts from, unless the clause says what was done for those in it.
    ("全镇受损房屋846户。", "846户", "context"),
    ("紧急转移安置受威胁群众3200人。", "3200人", "achievement"),
    ("全镇26个易涝点全部落实专人值守。", "26个", "context"),
    ("排查整治易涝点26个。", "26个", "achievement"),
    ("新签约项目15个，其中4个项目投资额均超过5亿元。", "超过5亿元", "context"),
    # What a unit has, said after its profile in the same sentence, is its profile too.
    ("高新园区规划面积12.4平方公里，入驻企业215家，从业人员1.6万人。", "215家", "context"),
    ("高新园区规划面积12.4平方公里，入驻企业215家，从业人员1.6万人。", "1.6万人", "context"),
    ("园区内建有标准化厂房9栋。", "9栋", "context"),
    ("今年园区新入驻企业32家。", "32家", "achievement"),
    # A span of time in a rule is its threshold; a span of time something took is a claim of it.
    ("对超过3天未办结的事件实行黄牌预警。", "超过3天", "policy"),
    ("全区最快一轮核酸检测用时不到10小时。", "不到10小时", "achievement"),
    # An age band right before what it describes defines the group counted.
    ("36岁至60岁党员17,594名。", "36岁至60岁", "context"),
    # The base of a comparison is its starting point.
    ("集体经济收入达到86万元，比2020年的23万元增长近3倍。", "23万元", "context"),
    # A ratio set as a standard is a rule's parameter.
    ("按照每1万名常住人口配置1所幼儿园的标准推进配套园建设。", "1所", "policy"),
    # A plan word inside a programme's quoted name does not make its results a plan.
    ("举办“青年人才成长计划”研修班8期。", "8期", "achievement"),
    # A rate per thousand people is not a population.
    ("全区每千人口拥有托位数达到3.6个。", "3.6个", "achievement"),
])
def test_claim_type(phrase, raw, claim_type):
    claims = extract_text(phrase, district="中原区", published="2021").set_index("raw")
    assert claims.loc[raw, "claim_type"] == claim_type


def test_categories_and_types_are_in_vocabulary(seed_claims):
    assert set(seed_claims["category"]) <= set(CATEGORIES)
    assert set(seed_claims["claim_type"]) <= {"achievement", "target", "policy", "context"}
    assert seed_claims["subject"].str.len().gt(0).mean() > 0.95


def test_people_chosen_are_not_a_population():
    claims = extract_text("通过量化考评，选出“优秀”等次19人。", district="金水区", published="2022")
    assert claims.loc[claims["raw"] == "19人", "subject"].iloc[0] != "人口"
