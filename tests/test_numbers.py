"""The number grammar on real phrases of district reports (source in the id where it is a seed)."""
from decimal import Decimal

import pytest

from extract.numbers import parse_chinese_numeral, scan_quantities

# phrase, raw, value, value_max, unit, qualifier
QUANTITIES_FROM_SEEDS = [
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

QUANTITIES_NEW = [
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


@pytest.mark.parametrize("phrase,raw,value,value_max,unit,qualifier", QUANTITIES_FROM_SEEDS + QUANTITIES_NEW)
def test_quantity(phrase, raw, value, value_max, unit, qualifier):
    found = {phrase[q.start:q.end]: q for q in scan_quantities(phrase)}
    assert raw in found, f"{raw!r} not found in {phrase!r}: {list(found)}"
    q = found[raw]
    assert q.value == Decimal(value)
    assert q.value_max == (None if value_max is None else Decimal(value_max))
    assert q.unit == unit
    assert q.qualifier == qualifier


def test_money_is_exact():
    (q,) = scan_quantities("16.85亿")
    assert float(q.value) == 1685000000 and str(float(q.value)) == "1685000000.0"


@pytest.mark.parametrize("numeral,value", [
    ("一百二十", 120), ("两", 2), ("十", 10), ("十五", 15), ("二十", 20), ("一千二", 1200),
    ("三千五百", 3500), ("二〇二一", 2021), ("一百零五", 105),
])
def test_chinese_numeral(numeral, value):
    assert parse_chinese_numeral(numeral) == value


def test_repeated_numeral_words_are_not_numbers():
    assert parse_chinese_numeral("一一") is None  # 唯一一个


def test_offsets_are_exact_in_full_width_text():
    text = "全区党员２０００名，增长５％。"
    spans = [text[q.start:q.end] for q in scan_quantities(text)]
    assert "２０００名" in spans and "５％" in spans
