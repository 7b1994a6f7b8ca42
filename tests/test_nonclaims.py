"""Telling claims from other numbers, rule by rule: each row is a phrase, the number in it, and the reason
it is not a claim (None: it is a claim)."""
import pytest

from extract.nonclaims import reason_not_claim
from extract.numbers import scan_quantities
from extract.text import segment


def _reason(text: str, raw: str) -> str | None:
    seg = segment(text)
    for q in scan_quantities(text):
        if text[q.start:q.end] == raw:
            return reason_not_claim(q, text, seg)
    raise AssertionError(f"{raw!r} not read in {text!r}: {[text[q.start:q.end] for q in scan_quantities(text)]}")


CLAIMS = [
    ("举办青年干部培训班3期", "3期"),  # sessions of a class, not a phase of a work
    ("街道今年办成十项惠民实事", "十项"),  # 十 alone counts (only a bare 百 or 千 is rhetoric)
    ("物价涨幅控制在两个百分点以内", "两个百分点"),
    ("利率下调零点二五个百分点", "零点二五个百分点"),
    ("故障不到半小时就排除了", "不到半小时"),
    ("查获近一吨过期食品", "近一吨"),
    ("整治工作持续了一个多月", "一个多月"),
    ("全年新增市场主体一万三千余户", "一万三千余户"),
    ("全区七成以上的小区完成加装电梯", "七成"),
    ("每个网格配备1名专职网格员", "1名"),  # 配备 is not a record number (备案)
    ("线上直播观看人次达48000", "48000"),  # a bare number after the noun it counts
    ("社区户籍人口为6120，", "6120"),
    ("年降水量为682.5毫米", "682.5毫米"),
    ("节能改造后每年节约3.2万千瓦时", "3.2万千瓦时"),
    ("兑付资金10日元以上的……", "10日元"),  # 日元 is a currency, not a day
    ("增幅高于全省平均水平1.3个百分点", "1.3个百分点"),
    ("全县12家A级旅游景区全部恢复接待", "12家"),  # letters after the measure word begin the next word
    ("区人大常委会全年召开6次会议", "6次"),  # how many meetings, not which session
]


@pytest.mark.parametrize("text,raw", CLAIMS)
def test_claim(text, raw):
    assert _reason(text, raw) is None


NOT_CLAIMS = [
    ("引导党员干部在8小时之外随时学习", "8小时", "beyond"),
    ("推进物流产业园二期建设", "二期", "project_phase"),
    ("这项工作十分重要", "十分", "lexical"),
    ("经过一个阶段的努力", "一个", "chinese_one"),
    ("上世纪八九十年代的老厂房", "八九十年", "decade"),
    ("面向一二年级学生开展活动", "一二年", "school_grade"),
    ("· 金水区23个项目集中开工　05-18", "23个", "page_clutter"),
    ("下一篇：管城区新建口袋公园6个", "6个", "page_clutter"),
    ("相关新闻 二七区新增就业岗位1200个", "1200个", "page_clutter"),
    ("联系电话：0371-6561 2233", "2233", "phone"),
    ("索引号：11410102-2023-00015", "00015", "index_number"),
    ("邮编：450000", "450000", "postcode"),
    ("数十年如一日扎根社区", "数十年", "vague_amount"),
    ("前三季度全区实现增加值", "前三", "ordinal"),
    ("两项指标均创历史新高", "两项", "structure"),
    ("三次产业结构调整为3.1:48.6:48.3", "三次", "lexical"),  # the three sectors of an economy
    ("景区成功创建4A级景区", "4", "ascii_name"),  # a grade written with the number
    ("县十五届人大四次会议期间", "四次", "session"),  # which session, not how many
]


@pytest.mark.parametrize("text,raw,reason", NOT_CLAIMS)
def test_not_a_claim(text, raw, reason):
    assert _reason(text, raw) == reason


def test_a_long_paragraph_ending_in_a_date_is_text():
    text = ("全区持续推进老旧小区改造，累计完成改造小区86个，惠及居民2.3万户，群众满意度稳步提升，"
            "相关经验做法被省住建厅专题推广，下一步还将继续扩大改造范围，计划于今年年底前完成全部任务 12-31")
    assert _reason(text, "86个") is None


def test_rank_within_the_first_n_after_a_cue():
    assert _reason("综合考核排名全市前三", "前三") is None
    assert _reason("前两年累计投入", "两年") is None  # a span of time, not a rank
