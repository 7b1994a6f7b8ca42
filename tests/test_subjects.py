"""What a number counts: the noun phrase the measure word belongs to, with its modifiers, and for rates,
shares and parts the thing measured. Phrases written for these tests."""
import pytest

from extract import extract_text

# text, raw, subject: the subject must be (or contain, for phrases of several words) what is given
SUBJECTS = [
    # After the measure word, or before the number.
    ("全区新建社区养老服务站15个。", "15个", "社区养老服务站"),
    ("设置便民服务点42处。", "42处", "便民服务点"),
    ("选派180名优秀年轻干部到基层挂职。", "180名", "优秀年轻干部"),
    ("新建改扩建中小学和幼儿园7所。", "7所", "中小学和幼儿园"),
    # A thing the metric lexicon names is one word, however the general dictionary would cut it.
    ("全年发放特困人员供养金1960万元。", "1960万元", "特困人员供养金"),
    # What a unit has: 现有, 共有 are not part of the noun.
    ("村党支部现有党员52名。", "52名", "党员"),
    # A rate measures the thing counted before it, or the noun it is written after.
    ("受理群众诉求820件，办结801件，办结率97.7%。", "97.7%", "群众诉求"),
    ("居民满意率达95.2%。", "95.2%", "居民"),
    # After 其中, a part described after another part is of the group broken down, not of that part.
    ("全年发展党员245名。其中，女性98名；大专及以上学历183名。", "183名", "发展党员"),
    ("全年发展党员245名。其中，女党员96名，具有大专及以上学历的180名。", "180名", "发展党员"),
    # A rate alone in its sentence measures the last thing counted in its paragraph.
    ("改造农村户厕860户。目前已全部完成，完成率100%。", "100%", "农村户厕"),
    # A rank is of the domain ranked, not of the group it is ranked among nor of the place that ranks.
    ("经济总量在全省开发区中位列第五。", "第五", "经济总量"),
    ("县域经济综合实力位列全省第七。", "第七", "县域经济"),
    # The kind of a thing is part of its name (矛盾纠纷类事件); 提案 is a noun.
    ("其中，矛盾纠纷类事件1.2万件，化解率97.2%。", "1.2万件", "矛盾纠纷类事件"),
    ("共承办政协委员提案213件。", "213件", "政协委员提案"),
    ("全年共发展党员1,046名，其中女性418名，占40.0%；35岁及以下的837名，占80.0%。", "837名", "发展党员"),
    # …and a thing named after the breakdown is its own (星级农家乐 is not a kind of A级景区).
    ("全市现有A级景区15家，其中4A级景区5家；星级农家乐128家，全年新增23家。", "23家", "星级农家乐"),
    # A word of the lexicon that ends in an attribute (社会消费品零售总额) names itself, not the thing before it.
    ("一般公共预算收入24.1亿元，增长6.6%；社会消费品零售总额185.3亿元，增长4.7%。", "185.3亿元", "社会消费品零售总额"),
    # Written as the text writes it.
    ("全区村（社区）党组织书记152名。", "152名", "村（社区）党组织书记"),
    # A share: the part, named before 占 or counted just before.
    ("金融业增加值增长7.6%，占地区生产总值的比重为18.5%。", "18.5%", "金融业"),
    ("全镇党员中，女党员96名，占党员总数的28.4%。", "28.4%", "女党员"),
    ("其中青年志愿者约占三分之二。", "三分之二", "青年志愿者"),
    # A change and a completion percentage: what was counted just before.
    ("全年实现税收收入18.2亿元，增长6.5%。", "6.5%", "税收收入"),
    ("新增城镇就业9200人，完成全年目标的102%。", "102%", "城镇新增就业"),
    # A part described, not named: the group it belongs to.
    ("全区共有社区党组织书记86名，其中本科以上学历的41名。", "41名", "社区党组织书记"),
    ("新发展党员中，女性54名，40岁以下的113名。", "113名", "党员"),
    # A part with no noun of its own: the last thing counted in the same measure word.
    ("建设公共充电桩300个 | 已建成218个", "218个", "公共充电桩"),
    # An attribute measures the thing counted before it.
    ("新改建乡村道路9条，总长度21.5公里。", "21.5公里", "乡村道路"),
    # A word joining a noun and an attribute measures that noun, unless the noun names only an aspect.
    ("全村辖5个村民组，耕地面积2600亩。", "2600亩", "耕地"),
    ("全镇粮食总量4.3万吨。", "4.3万吨", "粮食"),
    ("驿站建筑面积160平方米。", "160平方米", "驿站"),
    # A verb before the next number is that number's predicate, not part of this one's name.
    ("全县24个省级重点项目完成投资88.5亿元。", "24个", "省级重点项目"),
    # A span of time: what is done in it.
    ("力争用2年时间全面完成农村户厕改造。", "2年", "农村户厕"),
    # The measure word itself names what is counted.
    ("聚焦群众关心的5大事项。", "5大事项", "事项"),
    # What a light verb holds is counted, not the last thing counted in the same measure word.
    ("召开议事协调会议36次，联合开展集中巡诊52次。", "52次", "集中巡诊"),
    # The level of a thing is part of its name; a relative clause before 的 describes the thing after it.
    ("规划建设9个片区级养老服务中心。", "9个", "片区级养老服务中心"),
    ("确定12件具有普惠性、兜底性的民生实事。", "12件", "民生实事"),
    # A name in quotes right before the number is what is counted, whole; a title before a noun is one
    # of those things, the noun says what they are.
    ("开展“周末大课堂”24期。", "24期", "周末大课堂"),
    ("录制8期《你好,邻居!》社区微课堂,覆盖居民3000余人次。", "8期", "社区微课堂"),
    # What happened, though tagged a noun (结案, 通车), is not what it happened to.
    ("受理劳动争议案件640件，结案615件。", "615件", "劳动争议案件"),
    ("打通断头路6条，已通车5条。", "5条", "断头路"),
    # A count of occasions after a verb counts the activity; a verb that only holds one does not name it.
    ("全年完成食品安全监督抽检3,200批次，上半年已完成抽检1,500批次。", "1,500批次", "抽检"),
    ("开展招聘会8场，已举办5场。", "5场", "招聘会"),
    # Progress in a table cell measures the row's thing.
    ("项目 | 目标 | 进展\n公共停车 | 新增停车泊位800个 | 已建成820个，完成全年任务的102.5%", "102.5%", "停车泊位"),
    # How a thing is done (全程, 按时足额) is not what a rate measures.
    ("发放养老金12.6亿元，按时足额发放率100%。", "100%", "养老金"),
    # A word jieba's dictionary tags as a verb is the noun the lexicon says it is.
    ("今年以来拆除违建46处。", "46处", "违建"),
]


@pytest.mark.parametrize("text,raw,subject", SUBJECTS)
def test_subject(text, raw, subject):
    claims = extract_text(text, district="中原区", published="2023-06")
    row = claims[claims["raw"] == raw].iloc[0]
    assert subject in row["subject"] or (subject == "城镇新增就业" and "城镇" in row["subject"]), \
        (row["subject"], row["metric_label"])


def test_people_who_act_are_agents_not_what_they_do():
    claims = extract_text("组织200名党员干部下沉社区开展服务。", district="中原区", published="2023")
    assert claims.iloc[0]["subject"] == "党员干部"


@pytest.mark.parametrize("text,raw,label", [
    ("全年社会消费品零售总额326.4亿元，增长4.7%。", "326.4亿元", "社会消费品零售总额"),
    ("全年社会消费品零售总额326.4亿元，增长4.7%。", "4.7%", "社会消费品零售总额"),
    ("全年一般公共预算收入四十二亿三千万元。", "四十二亿三千万元", "一般公共预算收入"),
])
def test_an_indicator_that_names_itself_is_not_written_twice(text, raw, label):
    claims = extract_text(text, district="新郑市", published="2024-03")
    assert claims[claims["raw"] == raw].iloc[0]["metric_label"] == label
