"""Interface texts in Chinese and English, and the names of the table's closed vocabularies.

The data itself (districts, categories, sentences) stays in Chinese; only the interface and the
English keys of the table (claim types, qualifiers, flags, canonical metrics) are translated.
The language is ``st.session_state["lang"]`` ("zh" or "en"), set by the sidebar switch.
"""
from __future__ import annotations

import time
from functools import lru_cache

import streamlit as st

LANGUAGES: dict[str, str] = {"zh": "中文", "en": "English"}
DEFAULT = "zh"

TEXT: dict[str, tuple[str, str]] = {
    "app.title": ("区级数据台账", "District ledger"),
    "app.language": ("语言 / Language", "Language / 语言"),
    "page.overview": ("概览", "Overview"),
    "page.compare": ("城区对比", "Compare"),
    "page.explorer": ("声明明细", "Claims explorer"),
    "page.report": ("报道原文", "Report view"),
    "page.checks": ("检查", "Checks"),
    "intro.checks": (
        ("对提取出的数字做一致性与合理性检查：比率与分项、部分与整体、合理范围、"
         "同一指标的不同数值、逐年跳变。每项发现下并列其涉及的原句。"),
        ("Consistency and plausibility checks of the extracted numbers: rates against their parts, "
         "parts against wholes, plausible bounds, one metric stated with different values, jumps "
         "between years. Each finding shows the sentences involved side by side."),
    ),
    "checks.pick": ("检查项", "Checks"),
    "checks.district": ("城区", "District"),
    "checks.none": ("没有发现问题。", "No finding."),
    "checks.none_here": ("所选条件下没有发现。", "No finding matches the selection."),
    "checks.values": ("所述数值", "Stated"),
    "checks.expected": ("应为", "Expected"),
    "checks.metric": ("指标", "Metric"),
    "page.add": ("添加报道", "Add a report"),
    "intro.overview": ("从郑州各城区报道中提取的每一个数字声明，一行一条。",
                       "Every numeric claim in the Zhengzhou district reports, one row each."),
    "intro.compare": ("选择一个规范指标，比较各城区、各年份的数值；下方列出每个数值的原句。",
                      "Pick a canonical metric to compare districts and years; the source sentences are below."),
    "intro.explorer": ("用左侧的筛选条件缩小范围；地址栏中的链接保存当前视图。",
                       "Narrow the table with the filters on the left; the address bar link keeps this view."),
    "intro.report": ("报道全文，提取出的声明以高亮标出；鼠标悬停可查看其数据行。",
                     "The report's text with every extracted claim highlighted; hover to see its row."),
    "intro.add": ("上传或粘贴一篇报道，设定城区和发布日期，预览提取结果，然后保存到语料库。",
                  "Upload or paste a report, set its district and date, preview its claims, then save it."),
    "metric.reports": ("报道", "Reports"),
    "metric.claims": ("声明", "Claims"),
    "metric.districts": ("城区", "Districts"),
    "metric.years": ("年份", "Years"),
    "metric.canonical": ("可比指标声明", "Claims with a canonical metric"),
    "overview.matrix": ("城区 × 类别（声明数）", "District × category (claims)"),
    "overview.latest": ("最新报道", "Latest reports"),
    "overview.total": ("合计", "Total"),
    "col.file": ("文件", "File"),
    "col.title": ("标题", "Title"),
    "col.district": ("城区", "District"),
    "col.published": ("发布日期", "Published"),
    "col.claims": ("声明数", "Claims"),
    "col.link": ("查看", "Open"),
    "col.year": ("年份", "Year"),
    "col.value": ("数值", "Value"),
    "col.raw": ("原文", "As written"),
    "col.sentence": ("句子", "Sentence"),
    "col.metric": ("指标", "Metric"),
    "col.unit": ("单位", "Unit"),
    "col.qualifier": ("限定", "Qualifier"),
    "col.category": ("类别", "Category"),
    "col.claim_type": ("类型", "Type"),
    "col.flags": ("标记", "Flags"),
    "col.subdistrict": ("街道/社区", "Sub-district"),
    "col.label": ("简称", "Label"),
    "col.subject": ("对象", "Subject"),
    "col.period": ("时段", "Period"),
    "col.offsets": ("位置", "Offsets"),
    "filter.header": ("筛选", "Filters"),
    "filter.district": ("城区", "District"),
    "filter.subdistrict": ("街道/社区", "Sub-district"),
    "filter.year": ("年份", "Year"),
    "filter.category": ("类别", "Category"),
    "filter.metric": ("规范指标", "Canonical metric"),
    "filter.claim_type": ("声明类型", "Claim type"),
    "filter.qualifier": ("限定词", "Qualifier"),
    "filter.flags": ("检查标记", "Flags"),
    "filter.text": ("搜索句子和简称", "Search sentences and labels"),
    "filter.clear": ("清除筛选", "Clear filters"),
    "filter.none": ("（空）", "(none)"),
    "explorer.count": ("{shown:,} / {total:,} 条声明", "{shown:,} of {total:,} claims"),
    "explorer.truncated": ("表中仅显示前 {limit:,} 行；下载可获得全部 {shown:,} 行。",
                           "The table shows the first {limit:,} rows; download to get all {shown:,}."),
    "download.csv": ("下载 CSV", "Download CSV"),
    "download.xlsx": ("下载 Excel", "Download Excel"),
    "compare.metric": ("规范指标", "Canonical metric"),
    "compare.kind": ("图形", "Chart"),
    "compare.bars": ("柱状图", "Bars"),
    "compare.lines": ("折线图", "Lines"),
    "compare.no_metrics": ("当前数据中没有可比的规范指标。", "No claim in the table has a canonical metric."),
    "compare.units": ("该指标出现了不同单位（{units}）：按单位分别绘图，绝不相加或合并为一条曲线。",
                      ("This metric comes in different units ({units}): each unit is plotted on its own, "
                       "never added up or joined into one series.")),
    "compare.several": ("同一城区、年份有多条声明时，图中显示最大的数值；全部原句见下方。",
                        ("Where a district and year have several claims the chart shows the largest; "
                         "all sentences are below.")),
    "compare.sources": ("原句", "Source sentences"),
    "compare.more": ("另有 {n:,} 条，在声明明细中查看", "{n:,} more in the claims explorer"),
    "compare.unknown_year": ("年份不详", "year unknown"),
    "compare.axis_year": ("年份", "Year"),
    "compare.axis_value": ("数值", "Value"),
    "report.pick": ("报道", "Report"),
    "report.none": ("语料库中还没有报道。", "The corpus has no reports yet."),
    "report.missing": ("找不到报道文件 {doc}。", "The report file {doc} is missing."),
    "report.unreadable": ("无法读取该报道：{error}", "The report cannot be read: {error}"),
    "report.meta": ("{district} · 发布 {published} · 来源 {source} · 编码 {encoding} · {claims} 条声明",
                    "{district} · published {published} · source {source} · encoding {encoding} · {claims} claims"),
    "report.mismatch": ("{n} 条声明的位置与原文不符，未高亮。", "{n} claims' offsets do not match the text; not highlighted."),
    "report.overlap": ("{n} 条声明与其他声明重叠，未单独高亮。", "{n} claims overlap another and are not marked separately."),
    "report.selected": ("选中的声明：{raw} — {sentence}", "Selected claim: {raw} — {sentence}"),
    "report.table": ("本报道的声明", "Claims in this report"),
    "report.open": ("查看原文", "Open report"),
    "add.source": ("来源", "Source"),
    "add.upload": ("上传 .txt 文件", "Upload a .txt file"),
    "add.paste": ("粘贴文本", "Paste text"),
    "add.file": ("报道文件（.txt）", "Report file (.txt)"),
    "add.text": ("报道全文", "Report text"),
    "add.district": ("城区", "District"),
    "add.published": ("发布日期（YYYY、YYYY-MM 或 YYYY-MM-DD）", "Publication date (YYYY, YYYY-MM or YYYY-MM-DD)"),
    "add.title": ("标题", "Title"),
    "add.source_name": ("来源媒体", "Source (newspaper, site)"),
    "add.url": ("网址", "URL"),
    "add.note": ("备注", "Note"),
    "add.filename": ("保存为文件名", "Save as file name"),
    "add.preview": ("预览：{n} 条声明", "Preview: {n} claims"),
    "add.save": ("保存到语料库", "Save into the corpus"),
    "add.cancel": ("取消", "Cancel"),
    "add.saved": ("已保存 {file}，数据表已重建（{n} 条声明）。", "Saved {file}; the table was rebuilt ({n} claims)."),
    "add.failed": ("保存失败，语料库未改动：{error}", "Saving failed and the corpus is unchanged: {error}"),
    "add.rebuild_failed": ("报道已保存，但重建数据表失败：{error}", "The report was saved but rebuilding the table failed: {error}"),
    "add.bad_date": ("日期格式应为 YYYY、YYYY-MM 或 YYYY-MM-DD。", "The date must be YYYY, YYYY-MM or YYYY-MM-DD."),
    "add.no_date": ("未填发布日期：无明确年份的数字将没有年份。", "No publication date: numbers without an explicit year get no year."),
    "add.empty": ("请上传文件或粘贴文本。", "Upload a file or paste a text."),
    "add.unreadable": ("无法读取该文件：{error}", "The file cannot be read: {error}"),
    "add.encoding": ("检测到的编码：{encoding}（保存为 UTF-8）", "Detected encoding: {encoding} (saved as UTF-8)"),
    "add.no_district": ("请选择或输入城区。", "Choose or type a district."),
    "claim_count": ("{n} 条声明", "{n} claims"),
    "unknown": ("不详", "unknown"),
    "empty": ("没有符合条件的声明。", "No claim matches."),
}

CLAIM_TYPES: dict[str, tuple[str, str]] = {
    "achievement": ("成绩", "achievement"),
    "target": ("目标", "target"),
    "policy": ("政策", "policy"),
    "context": ("背景", "context"),
}
QUALIFIERS: dict[str, tuple[str, str]] = {
    "exact": ("精确", "exact"),
    "over": ("超过 ≥", "over ≥"),
    "at_least": ("至少 ≥", "at least ≥"),
    "about": ("约 ≈", "about ≈"),
    "nearly": ("近 ~", "nearly ~"),
}
FLAGS: dict[str, tuple[str, str]] = {
    "repeat": ("重复", "repeat"),
    "implausible": ("数值不合理", "implausible value"),
    "rate_mismatch": ("比率与分项不符", "rate does not match its parts"),
    "part_exceeds_total": ("部分大于整体", "part exceeds its whole"),
    "conflict": ("数据冲突", "conflicting values"),
    "jump": ("逐年跳变", "jump between years"),
    "no_year": ("无年份", "no year"),
}


def lang() -> str:
    """The interface language: "zh" or "en"."""
    value = st.session_state.get("lang", DEFAULT)
    return value if value in LANGUAGES else DEFAULT


def t(key: str, **values: object) -> str:
    """The text for ``key`` in the current language, formatted with ``values``."""
    pair = TEXT.get(key)
    if pair is None:
        return key
    text = pair[0] if lang() == "zh" else pair[1]
    return text.format(**values) if values else text


def _pick(pair: tuple[str, str] | None, fallback: str) -> str:
    if pair is None:
        return fallback
    return pair[0] if lang() == "zh" else pair[1]


def metric_name(key: str | None) -> str:
    """A canonical metric's name in the interface language (the key when the taxonomy lacks it)."""
    if key is None or key == "":
        return t("filter.none")
    return _pick(metric_labels().get(key), key)


def claim_type_name(value: str) -> str:
    return _pick(CLAIM_TYPES.get(value), value)


def qualifier_name(value: str) -> str:
    return _pick(QUALIFIERS.get(value), value)


def flag_name(value: str) -> str:
    return _pick(FLAGS.get(value), value)


def facet_label(facet: str, value: str) -> str:
    """How a facet's value is shown in a filter: data values as they are, English keys translated."""
    from dashboard.filters import NONE

    if value == NONE:
        return t("filter.none")
    return {
        "metric": metric_name, "claim_type": claim_type_name, "qualifier": qualifier_name, "flags": flag_name,
    }.get(facet, str)(value)


def metric_labels() -> dict[str, tuple[str, str]]:
    """{metric key: (Chinese, English)} from the engine's taxonomy; empty when it has none.

    Read again at most once a minute, so an edited taxonomy shows without restarting the server.
    """
    return _metric_labels(int(time.time() // 60))


@lru_cache(maxsize=1)
def _metric_labels(minute: int) -> dict[str, tuple[str, str]]:
    try:
        from extract.metrics import metric_labels as labels
    except ImportError:  # the taxonomy is optional: keys then stand for themselves
        return {}
    return {str(k): (str(v[0]), str(v[1])) for k, v in labels().items()}
