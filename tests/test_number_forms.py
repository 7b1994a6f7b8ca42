"""Every written form of a number the grammar reads, as tables of examples in phrases of our own.

Each row: phrase, the exact `raw` span expected, value, value_max, unit, qualifier. A form the grammar does
not read yet is listed in KNOWN_GAPS (strict xfail, so fixing it shows up).
"""
from decimal import Decimal

import pytest

from extract import extract_text
from extract.numbers import parse_chinese_numeral, parse_number, scan_quantities, unit_dimension

FORMS_FROM_SEEDS = [
    ("分批分类培训党员2.8万人次", "2.8万人次", 28000, None, "人次", "exact"),
    ("零误差完成160余万居民多轮次核酸检测任务", "160余万", 1600000, None, None, "over"),
    ("推送党建信息96期360余条", "360余条", 360, None, "条", "over"),
    ("在孵企业近3500家", "近3500家", 3500, None, "家", "nearly"),
    ("国家级19家，约占全市1/3", "1/3", Decimal("0.333333333333"), None, "share", "about"),
    ("评估考核优秀档次第二名", "第二名", 2, None, "名次", "exact"),
    ("有74个达到1000平方米以上", "1000平方米", 1000, None, "平方米", "over"),
    ("计划总投资16.85亿元", "16.85亿元", 1685000000, None, "元", "exact"),
    ("191.1万平方米12539套安置房封顶", "12539套", 12539, None, "套", "exact"),
    ("征迁总量约1.2万平方米", "约1.2万平方米", 12000, None, "平方米", "about"),
    ("新增机动车停车位2000多个", "2000多个", 2000, None, "个", "over"),
    ("只用了不到1个月时间", "不到1个月", 1, None, "个月", "nearly"),
    ("全区实现地区生产总值1387亿元", "1387亿元", 138700000000, None, "元", "exact"),
    ("每名领导领办2~3件“微实事”", "2~3件", 2, 3, "件", "exact"),
    ("建成了三个面积从1700平方米到4700平方米不等的党群服务中心", "1700平方米到4700平方米", 1700, 4700, "平方米", "exact"),
    ("办复率98%", "98%", 98, None, "%", "exact"),
    ("在购房补贴等6大事项“一键办理”", "6大事项", 6, None, "项", "exact"),
    ("平均年龄较上届下降3.1岁", "3.1岁", Decimal("3.1"), None, "岁", "exact"),
    ("市辖区高质量发展百强榜中,位居第19位", "第19位", 19, None, "名次", "exact"),
]

FORMS_NEW = [
    ("固定资产投资1,387亿元", "1,387亿元", 138700000000, None, "元", "exact"),
    ("２０２１年新增就业１２３４人", "１２３４人", 1234, None, "人", "exact"),
    ("覆盖率达到百分之九十八", "百分之九十八", 98, None, "%", "exact"),
    ("三分之一为业务骨干", "三分之一", Decimal("0.333333333333"), None, "share", "exact"),
    ("开展十余项系列活动", "十余项", 10, None, "项", "over"),
    ("选派两名干部", "两名", 2, None, "名", "exact"),
    ("建成一百二十个服务站", "一百二十个", 120, None, "个", "exact"),
    ("每户补贴2-3万元", "2-3万元", 20000, 30000, "元", "exact"),
    ("受理2至3件", "2至3件", 2, 3, "件", "exact"),
    ("改造面积5.2万㎡", "5.2万㎡", 52000, None, "平方米", "exact"),
    ("同比提高2.5个百分点", "2.5个百分点", Decimal("2.5"), None, "个百分点", "exact"),
    ("辖区人口约3万人左右", "约3万人", 30000, None, "人", "about"),
    ("至少100名志愿者", "至少100名", 100, None, "名", "at_least"),
    ("新建道路超过20公里", "超过20公里", 20, None, "公里", "over"),
    ("净增860名", "860名", 860, None, "名", "exact"),
    ("完成投资5000万元左右", "5000万元", 50000000, None, "元", "about"),
    ("增速５．３％", "５．３％", Decimal("5.3"), None, "%", "exact"),
    ("逾3000人参加", "逾3000人", 3000, None, "人", "over"),
]


FORMS_SIGNS = [
    ("社会消费品零售总额同比增长-3.4%", "-3.4%", "-3.4", None, "%", "exact"),
    ("工业用电量增速为负1.2%", "负1.2%", "-1.2", None, "%", "exact"),
    ("出口额下降15%", "15%", "15", None, "%", "exact"),  # a fall written as a verb keeps the number
    ("税收收入增长百分之负二点四", "百分之负二点四", "-2.4", None, "%", "exact"),
    ("夜间最低气温零下六摄氏度", "零下六摄氏度", "-6", None, "℃", "exact"),
    ("净流出负三百人", "负三百人", "-300", None, "人", "exact"),
]

FORMS_THOUSAND_UNITS = [
    ("新建污水管网6.5千米", "6.5千米", "6.5", None, "千米", "exact"),
    ("光伏装机120千瓦", "120千瓦", "120", None, "千瓦", "exact"),
    ("人均日摄入2100千卡", "2100千卡", "2100", None, "千卡", "exact"),
    ("储备冻肉3.2千克", "3.2千克", "3.2", None, "千克", "exact"),
    ("年发电量45千瓦时", "45千瓦时", "45", None, "千瓦时", "exact"),
    ("全社会用电量18.6亿千瓦时", "18.6亿千瓦时", "1860000000", None, "千瓦时", "exact"),
    ("分布式光伏装机1.5万千瓦", "1.5万千瓦", "15000", None, "千瓦", "exact"),
    ("新增图书3千册", "3千册", "3000", None, "册", "exact"),  # before a plain measure word 千 multiplies
]

FORMS_CHINESE_DECIMALS = [
    ("城镇登记失业率为百分之三点二", "百分之三点二", "3.2", None, "%", "exact"),
    ("优良天数比例达百分之八十四点零六", "百分之八十四点零六", "84.06", None, "%", "exact"),
    ("比上年回落零点七个百分点", "零点七个百分点", "0.7", None, "个百分点", "exact"),
    ("人均住房面积增加一点五平方米", "一点五平方米", "1.5", None, "平方米", "exact"),
    ("全区存款余额三点五万亿元", "三点五万亿元", "3500000000000", None, "元", "exact"),
    ("人均道路面积十二点八平方米", "十二点八平方米", "12.8", None, "平方米", "exact"),
]

FORMS_COMPOUNDS = [
    ("年末户籍人口三十二万七千人", "三十二万七千人", "327000", None, "人", "exact"),
    ("新增就业岗位五万八千个", "五万八千个", "58000", None, "个", "exact"),
    ("接待游客七万六", "七万六", "76000", None, None, "exact"),  # elliptic: 七万六 is 76000
    ("发放补贴一千二百元", "一千二百元", "1200", None, "元", "exact"),
    ("服务群众三万零六百人次", "三万零六百人次", "30600", None, "人次", "exact"),
    ("改造房屋一千零二十间", "一千零二十间", "1020", None, "间", "exact"),
    ("一般预算收入二十六亿四千万元", "二十六亿四千万元", "2640000000", None, "元", "exact"),
    ("财政投入三亿零五十万元", "三亿零五十万元", "300500000", None, "元", "exact"),
    ("惠及两千户居民", "两千户", "2000", None, "户", "exact"),
    ("覆盖4万3000名学生", "4万3000名", "43000", None, "名", "exact"),
    ("共有 320 名党员参加", "320 名", "320", None, "名", "exact"),  # digits spaced apart from the words
    ("筹集资金2亿3千万元", "2亿3千万元", "230000000", None, "元", "exact"),
    ("受益群众一百一十五人", "一百一十五人", "115", None, "人", "exact"),
    ("走访困难家庭一百十二户", "一百十二户", "112", None, "户", "exact"),
    ("地方债务规模两个亿", "两个亿", "200000000", None, None, "exact"),
]

FORMS_FRACTIONS = [
    ("重点人群检出率约为万分之二", "约为万分之二", "0.0002", None, "share", "about"),
    ("人口自然增长率千分之三点七", "千分之三点七", "0.0037", None, "share", "exact"),
    ("约占辖区人口的五分之一", "五分之一", "0.2", None, "share", "about"),
    ("空置率仅一百分之三", "一百分之三", "0.03", None, "share", "exact"),
    ("不良率低至十万分之四", "十万分之四", "0.00004", None, "share", "exact"),
    ("女性党员占三分之一", "三分之一", "0.333333333333", None, "share", "exact"),
    ("达标村占比2/5", "2/5", "0.4", None, "share", "exact"),
    ("合计两又四分之一吨", "两又四分之一", "2.25", None, "share", "exact"),
]

FORMS_TENTHS_HALVES = [
    ("七成以上的社区完成改造", "七成", "0.7", None, "share", "over"),
    ("近六成村民参与", "近六成", "0.6", None, "share", "nearly"),
    ("约三成企业", "约三成", "0.3", None, "share", "about"),
    ("满意度达到九成五", "九成五", "0.95", None, "share", "exact"),
    ("抢修只用了不到半小时", "不到半小时", "0.5", None, "小时", "nearly"),
    ("工期缩短一个半月", "一个半月", "1.5", None, "个月", "exact"),
    ("清运垃圾三吨半", "三吨半", "3.5", None, "吨", "exact"),
    ("施工持续两年半", "两年半", "2.5", None, "年", "exact"),
]

FORMS_APPROXIMATE_RANGES = [
    ("每天有七八千人次进出", "七八千人次", "7000", "8000", "人次", "exact"),
    ("吸引六七十家企业入驻", "六七十家", "60", "70", "家", "exact"),
    ("每周接待二三十批游客", "二三十批", "20", "30", "批", "exact"),
    ("年产蔬菜三四百吨", "三四百吨", "300", "400", "吨", "exact"),
    ("带动十五六户脱贫", "十五六户", "15", "16", "户", "exact"),
    ("观众一千二三百人", "一千二三百人", "1200", "1300", "人", "exact"),
    ("客流三万五六人次", "三万五六人次", "35000", "36000", "人次", "exact"),  # elliptic tail with a pair
    ("聘请十一十二名讲师", "十一十二名", "11", "12", "名", "exact"),
    ("一两个月内完工", "一两个月", "1", "2", "个月", "at_most"),
    ("项目投资三到五亿元", "三到五亿元", "300000000", "500000000", "元", "exact"),
    ("每户补助五到十万元", "五到十万元", "50000", "100000", "元", "exact"),
    ("估值七到八百亿元", "七到八百亿元", "70000000000", "80000000000", "元", "exact"),
    ("单价从900到1.2万元", "900到1.2万元", "900", "12000", "元", "exact"),
    ("年增长率在百分之三到百分之五", "百分之三到百分之五", "3", "5", "%", "exact"),
    ("年龄在18-35岁之间", "18-35岁", "18", "35", "岁", "exact"),
    ("补贴标准1万元--3万元", "1万元--3万元", "10000", "30000", "元", "exact"),
]

FORMS_FULLWIDTH_AND_SEPARATORS = [
    ("全年办结诉求１２，４８０件", "１２，４８０件", "12480", None, "件", "exact"),
    ("发放奖补资金36，150.50元", "36，150.50元", "36150.50", None, "元", "exact"),
    ("参保人数2，306，118人", "2，306，118人", "2306118", None, "人", "exact"),
    ("地区生产总值1,205.7亿元", "1,205.7亿元", "120570000000", None, "元", "exact"),
    ("增速６．８％", "６．８％", "6.8", None, "%", "exact"),
]

FORMS_INVISIBLE = [
    ("培训党员3\u200b.6万人次", "3\u200b.6万人次", "36000", None, "人次", "exact"),
    ("配备网格员24\u200d18名", "24\u200d18名", "2418", None, "名", "exact"),
    ("惠及居民5\u00a0200户", "5\u00a0200户", "5200", None, "户", "exact"),
    ("改造面积12\u2009400平方米", "12\u2009400平方米", "12400", None, "平方米", "exact"),
    ("\ufeff新增绿地8.5万平方米", "8.5万平方米", "85000", None, "平方米", "exact"),
]

FORMS_UNITS = [
    ("兑换8人民币", "8人民币", "8", None, "元", "exact"),
    ("融资320亿台币", "320亿台币", "32000000000", None, "新台币", "exact"),
    ("吸引外资1.6亿美元", "1.6亿美元", "160000000", None, "美元", "exact"),
    ("项目总投资12亿元人民币", "12亿元人民币", "1200000000", None, "元", "exact"),
    ("慰问金十块五毛", "十块五毛", "10.5", None, "元", "exact"),
    ("门票35元5角", "35元5角", "35.5", None, "元", "exact"),
    ("身高172cm", "172cm", "172", None, "cm", "exact"),
    ("管道直径300毫米", "300毫米", "300", None, "毫米", "exact"),
    ("全年降雨量612.4毫米", "612.4毫米", "612.4", None, "毫米", "exact"),
    ("排名前移3个位次", "3个位次", "3", None, "个位次", "exact"),
    ("用时两个多小时", "两个多小时", "2", None, "小时", "over"),
    ("工期一个来月", "一个来月", "1", None, "个月", "about"),
]

FORMS_QUALIFIERS = [
    ("约占全区企业总数的四分之三", "四分之三", "0.75", None, "share", "about"),
    ("每个小区至少配备2名保洁员", "2名", "2", None, "名", "at_least"),
    ("今年新签约8亿元以上项目", "8亿元", "800000000", None, "元", "over"),  # 签约 does not qualify
    ("累计出动1.2万余人次", "1.2万余人次", "12000", None, "人次", "over"),
    ("参观群众突破十万人次", "突破十万人次", "100000", None, "人次", "over"),
    ("上万名群众参与", "上万名", "10000", None, "名", "over"),
    ("最多安置三百人", "三百人", "300", None, "人", "at_most"),
    ("组织三十来名志愿者", "三十来名", "30", None, "名", "about"),
    ("48小时内办结", "48小时", "48", None, "小时", "at_most"),
    ("全区GDP突破千亿元", "突破千亿元", "100000000000", None, "元", "over"),
]

ALL_FORMS = (FORMS_FROM_SEEDS + FORMS_NEW + FORMS_SIGNS + FORMS_THOUSAND_UNITS + FORMS_CHINESE_DECIMALS + FORMS_COMPOUNDS + FORMS_FRACTIONS
             + FORMS_TENTHS_HALVES + FORMS_APPROXIMATE_RANGES + FORMS_FULLWIDTH_AND_SEPARATORS + FORMS_INVISIBLE
             + FORMS_UNITS + FORMS_QUALIFIERS)


def _found(phrase):
    return {phrase[q.start:q.end]: q for q in scan_quantities(phrase)}


@pytest.mark.parametrize("phrase,raw,value,value_max,unit,qualifier", ALL_FORMS)
def test_form(phrase, raw, value, value_max, unit, qualifier):
    found = _found(phrase)
    assert raw in found, f"{raw!r} not found in {phrase!r}: {list(found)}"
    q = found[raw]
    assert q.value == Decimal(value)
    assert q.value_max == (None if value_max is None else Decimal(value_max))
    assert q.unit == unit
    assert q.qualifier == qualifier


# Forms that are not read on purpose: nothing is emitted, and the span is counted as unread (with a reason)
# when it looks like a number, silently skipped when it is an ordinary word.
DOUBTFUL = [
    ("共有1,2345户", "1,2345"),  # a comma out of place: 12345 or 1 and 2345?
    ("增长12,5%", "12,5"),  # a decimal comma
    ("版本号为3.2.1", "3.2.1"),
    ("共有12，345户", "12，345"),  # one full-width comma between ASCII digits: one number or two?
    ("编号一二三号", "一二三"),  # digit by digit without a zero: not a quantity we can trust
    ("粉丝2.3w", "2.3w"),
    ("聘请二十一二十二名讲师", "二十一二十二"),  # 21–22 or 21 and 22?
    ("门牌9876543210987654321012345号", "9876543210987654321012345"),
]


@pytest.mark.parametrize("phrase,span", DOUBTFUL)
def test_doubtful_forms_are_left_out_and_counted(phrase, span):
    unread = []
    found = scan_quantities(phrase, unread=unread)
    start = phrase.index(span)
    assert not [q for q in found if q.start < start + len(span) and q.end > start], found
    assert [(s, e) for s, e, _ in unread] == [(start, start + len(span))]
    assert all(reason for _, _, reason in unread)


# Numerals glued to characters of another style or layout: a fragment would be a wrong value, so none is read.
FRAGMENTS = [
    ("拨付资金壹万二千元", "壹万二千元"),  # a financial numeral before ordinary ones
    ("人口四万万", "四万万"),  # an old form of 亿
    ("总额五兆六十二亿元", "五兆六十二亿元"),
    ("共有一百 五 十 二户", "一百 五 十 二"),  # spaced out
    ("达到7万 5千 4百人", "7万 5千 4百"),
    ("增长2^5倍", "2^5"),
]


@pytest.mark.parametrize("phrase,span", FRAGMENTS)
def test_fragments_are_not_read(phrase, span):
    unread = []
    found = scan_quantities(phrase, unread=unread)
    start, end = phrase.index(span), phrase.index(span) + len(span)
    assert not [q for q in found if q.start < end and q.end > start], [phrase[q.start:q.end] for q in found]
    assert any(s < end and e > start for s, e, _ in unread)


NOT_NUMBERS = [
    "二七区的街道", "五一假期", "唯一一个", "千家万户", "百姓", "一切", "数据共享", "几个社区",
]


@pytest.mark.parametrize("phrase", NOT_NUMBERS)
def test_words_are_not_unread_numbers(phrase):
    unread = []
    scan_quantities(phrase, unread=unread)
    assert unread == []


@pytest.mark.parametrize("phrase", [
    "截至2023-12-31", "发布于2024/3/5", "2022.06.18上午",
])
def test_dates_with_separators_are_skipped(phrase):
    unread = []
    assert scan_quantities(phrase, unread=unread) == [] and unread == []


def test_spans_are_exact_in_the_original_text():
    text = "\ufeff全区\u200b共有党员３\u200b，２００名，惠及5\u00a0000户，增长-1.5%。"
    for q in scan_quantities(text):
        raw = text[q.start:q.end]
        assert raw and raw == raw.strip("\u200b\ufeff")
        assert q.tail >= q.end
    raws = [text[q.start:q.end] for q in scan_quantities(text)]
    assert raws == ["３\u200b，２００名", "5\u00a0000户", "-1.5%"]


def test_values_are_exact_decimals():
    (q,) = scan_quantities("投资16.85亿元")
    assert q.value == Decimal("1685000000") and isinstance(q.value, Decimal)
    (q,) = scan_quantities("占比七分之一")
    assert q.value == Decimal("0.142857142857")


PARSED = [
    ("一百二十", 120), ("两", 2), ("十", 10), ("十五", 15), ("一千二", 1200), ("九万四", 94000),
    ("二〇二四", 2024), ("一百零五", 105), ("一千零十", 1010), ("两万零八百", 20800),
    ("一亿五千万", 150000000), ("三千万亿", 3000000000000000),
]


@pytest.mark.parametrize("numeral,value", PARSED)
def test_parse_chinese_numeral(numeral, value):
    assert parse_chinese_numeral(numeral) == value


@pytest.mark.parametrize("numeral", ["一一", "三五", "十几", "二七", "一二三", "12", "两两"])
def test_not_one_numeral(numeral):
    assert parse_chinese_numeral(numeral) is None


@pytest.mark.parametrize("text,value", [
    ("1,387", "1387"), ("2.8", "2.8"), ("六点二", "6.2"), ("3万4000", "34000"), ("１２３", "123"),
])
def test_parse_number(text, value):
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize("unit,dimension", [
    ("千米", "length"), ("毫米", "length"), ("千卡", "energy"), ("千瓦", "power"), ("千克", "mass"),
    ("美元", "money"), ("台币", "money"), ("人民币", "money"), ("个位次", "points"), ("℃", "temperature"),
])
def test_new_units_have_their_dimension(unit, dimension):
    assert unit_dimension(unit) == dimension


# Through the whole pipeline: forms that used to be dropped are claims, with their value.
PIPELINE = [
    ("今年新建十个党群服务中心。", "十个", 10.0),
    ("全区城镇化率比上年提高两个百分点。", "两个百分点", 2.0),
    ("八成以上的村集体经济收入超过50万元。", "八成", 0.8),
    ("居民人均可支配收入增速提高零点四个百分点。", "零点四个百分点", 0.4),
    ("全年一般公共预算收入增长-2.6%。", "-2.6%", -2.6),
    ("年末常住人口二十八万六千人。", "二十八万六千人", 286000.0),
    ("每周约有五六千人次到馆阅读。", "五六千人次", 5000.0),
    ("培训党员3\u200b.6万人次。", "3\u200b.6万人次", 36000.0),
]


@pytest.mark.parametrize("text,raw,value", PIPELINE)
def test_claim_through_the_pipeline(text, raw, value):
    claims = extract_text(text, district="金水区", published="2023")
    rows = claims.set_index("raw")
    assert raw in rows.index, claims["raw"].tolist()
    assert rows.loc[raw, "value"] == value


def test_approximate_range_through_the_pipeline():
    claims = extract_text("每到周末都有三四千名游客。", district="金水区", published="2023")
    assert claims[["raw", "value", "value_max", "unit"]].values.tolist() == [["三四千名", 3000.0, 4000.0, "名"]]


KNOWN_GAPS = [
    ("两半", "切成两半", "两半", "2"),  # halves of one thing: not a count the grammar reads
    ("半百", "年过半百的党员", "半百", "50"),
    ("a pair before a repeated numeral", "聘请二十一二十二名讲师", "二十一二十二名", "21"),
]


@pytest.mark.parametrize("why,phrase,raw,value", [pytest.param(*row, marks=pytest.mark.xfail(strict=True))
                                                  for row in KNOWN_GAPS])
def test_known_gaps(why, phrase, raw, value):
    found = _found(phrase)
    assert raw in found and found[raw].value == Decimal(value)
