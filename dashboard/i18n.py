"""Interface texts in Chinese and English, and the names of the table's closed vocabularies.

Every string a user sees is in the chosen language: the interface, and the table's vocabularies
(districts, categories, units, claim types, qualifiers, flags, canonical metrics). Only what a report
says (sentences, labels, the number as written) stays as written. Names the vocabularies lack are shown
as they are. The language is ``st.session_state["lang"]`` ("zh" or "en"), set by the sidebar switch and
kept in the URL (``?lang=en``).
"""
from __future__ import annotations

import time
from functools import lru_cache

import pandas as pd
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
    "filter.placeholder": ("全部", "All"),
    "filter.text_placeholder": ("例如：党员", "e.g. 党员"),
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
    "compare.districts": ("城区", "Districts"),
    "compare.all_districts": ("全部城区", "All districts"),
    "compare.types": ("声明类型", "Claim types"),
    "compare.achievements_only": ("仅成绩", "Achievements only"),
    "compare.types_help": ("默认只比较已完成的成绩；目标、政策单独成列，绝不与成绩连成一条线。本指标含：{present}。",
                           ("Achievements only by default; targets and policies are their own series, never joined "
                            "to an achievement. This metric has: {present}.")),
    "compare.years": ("年份范围", "Years"),
    "compare.one_year": ("仅有 {year} 年的数据。", "Only {year} has data."),
    "compare.measure": ("口径", "Measure"),
    "compare.per.value": ("原值", "As stated"),
    "compare.per.capita": ("每万常住人口", "Per 10,000 residents"),
    "compare.per.area": ("每平方公里", "Per km²"),
    "compare.unit.capita": ("{unit}／万人", "{unit} per 10,000 residents"),
    "compare.unit.area": ("{unit}／平方公里", "{unit} per km²"),
    "compare.show_flagged": ("显示被检查标记的数值", "Show flagged values"),
    "compare.flagged_help": ("一致性检查标记为不合理、冲突或跳变的数值默认不画；打开后以 ⚠ 和红框标出。",
                             ("Values the checks flag (implausible, conflicting, jumps) are left out by default; "
                              "switched on, they are drawn with ⚠ and a red outline.")),
    "compare.flagged": ("被检查标记", "flagged by the checks"),
    "compare.flagged_out": ("{n:,} 个被一致性检查标记的数值未计入（可在上方打开显示）。",
                            "{n:,} values flagged by the checks are left out (switch them on above)."),
    "compare.flagged_marked": ("{n:,} 个数值被一致性检查标记，以 ⚠ 标出。",
                               "{n:,} values flagged by the checks are marked ⚠."),
    "compare.types_out": ("另有 {n:,} 条目标、政策或背景声明未计入（见“声明类型”）。",
                          "{n:,} target, policy or context claims are not included (see Claim types)."),
    "compare.no_denominator": ("{n:,} 个数值无法换算（比率、名次，或城区缺少人口/面积数据），未显示。",
                               ("{n:,} values cannot be divided (rates, ranks, or a district without population "
                                "or area figures) and are not shown.")),
    "compare.nothing": ("所选条件下没有可比的数值。", "Nothing to compare in this selection."),
    "compare.view": ("显示", "Show"),
    "compare.view.chart": ("图表", "Chart"),
    "compare.view.table": ("表格", "Table"),
    "compare.stated": ("原文数值", "As stated"),
    "compare.denominator": ("分母", "Denominator"),
    "compare.denominator_source": ("分母来源", "Denominator's source"),
    "compare.denominators": ("{what}（分母）及其来源：", "{what} (the denominator) and its source:"),
    "compare.population": ("常住人口", "Resident population"),
    "compare.area": ("面积", "Area"),
    "compare.estimate": ("估计值", "estimate"),
    "compare.n": ("声明数", "Claims"),
    "compare.value_max": ("上限", "Upper end"),
    "report.pick": ("报道", "Report"),
    "report.none": ("语料库中还没有报道。", "The corpus has no reports yet."),
    "report.missing": ("找不到报道文件 {doc}。", "The report file {doc} is missing."),
    "report.unreadable": ("无法读取该报道：{error}", "The report cannot be read: {error}"),
    "report.meta": ("{district} · 发布 {published} · 来源 {source} · 编码 {encoding} · {claims} 条声明",
                    "{district} · published {published} · source {source} · encoding {encoding} · {claims} claims"),
    "report.mismatch": ("{n} 条声明的位置与原文不符，未高亮。", "{n} claims' offsets do not match the text; not highlighted."),
    "report.overlap": ("{n} 条声明与其他声明重叠，未单独高亮。", "{n} claims overlap another and are not marked separately."),
    "report.selected": ("选中的声明 #{n}：{raw} — {sentence}", "Selected claim #{n}: {raw} — {sentence}"),
    "report.table_help": ("表中“#”列即正文中高亮旁的编号；点选一行即在正文中标出并跳到该声明。",
                          "The “#” column is the number beside each mark in the text; pick a row to mark its claim and scroll to it."),
    "report.mark": ("在正文中", "In the text"),
    "report.show_mark": ("定位", "Show"),
    "report.table": ("本报道的声明", "Claims in this report"),
    "report.open": ("查看原文", "Open report"),
    "add.source": ("来源", "Source"),
    "add.upload": ("上传 .txt 文件", "Upload a .txt file"),
    "add.paste": ("粘贴文本", "Paste text"),
    "add.file": ("报道文件（.txt）", "Report file (.txt)"),
    "add.drop": ("把 .txt 文件拖到这里（每个文件不超过 {limit} MB）", "Drag and drop a .txt file here (up to {limit} MB)"),
    "add.browse": ("选择文件", "Browse files"),
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
    "add.tab_add": ("添加报道", "Add a report"),
    "add.tab_edit": ("修改或删除报道", "Correct or remove a report"),
    "add.file_help": ("UTF-8 或 GBK 编码的纯文本文件，不超过 {limit} MB。", "A plain-text file in UTF-8 or GBK, up to {limit} MB."),
    "add.text_placeholder": ("把报道全文粘贴到这里", "Paste the report's full text here"),
    "add.title_placeholder": ("报道标题", "The report's headline"),
    "add.source_placeholder": ("例如：郑州日报", "e.g. Zhengzhou Daily"),
    "add.note_placeholder": ("可选", "optional"),
    "add.suggested": ("根据正文建议的城区：{district}（提到 {n} 次），可以修改。",
                      "District suggested from the text: {district} ({n} mentions); change it if it is wrong."),
    "add.preview_failed": ("无法预览这篇报道（{error}）。", "This report cannot be previewed ({error})."),
    "edit.pick": ("要修改或删除的报道", "Report to correct or remove"),
    "edit.pick_placeholder": ("选择一篇报道", "Choose a report"),
    "edit.save": ("保存修改", "Save changes"),
    "edit.remove": ("删除报道", "Remove report"),
    "edit.confirm": ("确定删除“{title}”（{file}）吗？报道文件和它在清单中的一行都会删除，无法撤销。",
                     "Remove “{title}” ({file})? The report file and its manifest row are deleted; this cannot be undone."),
    "edit.yes": ("确定删除", "Yes, remove it"),
    "edit.saved": ("已保存 {file} 的修改，数据表已重建（{n} 条声明）。", "Saved the changes to {file}; the table was rebuilt ({n} claims)."),
    "edit.removed": ("已删除 {file}，数据表已重建（{n} 条声明）。", "Removed {file}; the table was rebuilt ({n} claims)."),
    "edit.failed": ("保存修改失败，语料库未改动：{error}", "Saving the changes failed and the corpus is unchanged: {error}"),
    "edit.remove_failed": ("删除失败，语料库未改动：{error}", "Removing failed and the corpus is unchanged: {error}"),
    "intake.bad_date": ("日期“{value}”格式不对：应为 YYYY、YYYY-MM 或 YYYY-MM-DD。",
                        "The date “{value}” must be YYYY, YYYY-MM or YYYY-MM-DD."),
    "intake.bad_year": ("日期“{value}”的年份不在合理范围内。", "The year of “{value}” is out of range."),
    "intake.no_such_date": ("没有“{value}”这一天。", "There is no such date as “{value}”."),
    "intake.empty_name": ("文件名为空。", "The file name is empty."),
    "intake.bad_name": ("“{name}”不能用作文件名（不能含 / \\ : * ? \" < > | 或以 . 开头）。",
                        "“{name}” is not a plain file name (no / \\ : * ? \" < > |, not starting with a dot)."),
    "intake.not_txt": ("文件名“{name}”必须以 .txt 结尾。", "The file name “{name}” must end in .txt."),
    "intake.long_name": ("文件名太长：最多 {limit} 个字符。", "The file name is too long: at most {limit} characters."),
    "intake.exists": ("语料库中已有 {name}，请换一个文件名。", "{name} is already in the corpus; choose another file name."),
    "intake.too_big": ("报道太大（{size:,} 字节）：最多 {limit} MB。", "The report is too big ({size:,} bytes): at most {limit} MB."),
    "intake.empty": ("报道是空的。", "The report is empty."),
    "intake.binary": ("这不是文本文件（{name}）。", "This is not a text file ({name})."),
    "intake.undecodable": ("无法按 UTF-8 或 GBK 解码（{name}）。", "It cannot be decoded as UTF-8 or GBK ({name})."),
    "intake.unreadable": ("无法读取（{name}）。", "It cannot be read ({name})."),
    "intake.no_corpus": ("语料库文件夹不存在。", "The corpus folder does not exist."),
    "intake.no_district": ("缺少城区。", "The district is missing."),
    "intake.missing": ("语料库中没有 {name}。", "{name} is not in the corpus."),
    "intake.busy": ("另一项修改正在进行，请稍后再试。", "Another change of the corpus is under way; try again."),
    "intake.unwritable": ("语料库文件夹无法写入。", "The corpus folder cannot be written to."),
    "intake.bad_manifest": ("清单文件 manifest.csv 无法读取或写入。", "The manifest (manifest.csv) cannot be read or written."),
    "intake.os": ("文件系统错误：{reason}", "File system error: {reason}"),
    "intake.unknown": ("发生了意外错误。", "An unexpected error occurred."),
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


CATEGORY_NAMES: dict[str, tuple[str, str]] = {
    "党建组织": ("党建组织", "Party organisation"),
    "党员教育": ("党员教育", "Party member education"),
    "干部队伍": ("干部队伍", "Cadres"),
    "人才工作": ("人才工作", "Talent"),
    "基层治理": ("基层治理", "Grassroots governance"),
    "民生服务": ("民生服务", "Public services"),
    "经济发展": ("经济发展", "Economic development"),
    "营商环境": ("营商环境", "Business environment"),
    "疫情防控": ("疫情防控", "Epidemic control"),
    "宣传文化": ("宣传文化", "Publicity and culture"),
    "城市建设": ("城市建设", "Urban development"),
}
#: Units of the table (``extract/rules/units.toml``) in both languages; a unit not listed is named by
#: its dimension in English (``extract.numbers.unit_dimension``) and shown as written in Chinese.
UNITS: dict[str, tuple[str, str]] = {
    "share": ("比例", "share"), "名次": ("名次", "rank"), "%": ("%", "%"), "‰": ("‰", "‰"),
    "人次": ("人次", "person-times"), "户次": ("户次", "household visits"), "名": ("名", "people"),
    "人": ("人", "people"), "位": ("位", "people"), "户": ("户", "households"),
    "个": ("个", "items"), "件": ("件", "cases"), "条": ("条", "items"), "篇": ("篇", "articles"),
    "家": ("家", "organisations"), "所": ("所", "institutions"), "套": ("套", "sets"), "本": ("本", "copies"),
    "份": ("份", "copies"), "项": ("项", "items"), "处": ("处", "sites"), "栋": ("栋", "buildings"),
    "幢": ("幢", "buildings"), "座": ("座", "structures"), "台": ("台", "machines"), "辆": ("辆", "vehicles"),
    "部": ("部", "units"), "支": ("支", "teams"), "间": ("间", "rooms"), "张": ("张", "sheets"),
    "册": ("册", "volumes"), "种": ("种", "kinds"), "类": ("类", "kinds"), "棵": ("棵", "trees"),
    "株": ("株", "plants"), "盏": ("盏", "lamps"), "段": ("段", "sections"), "门": ("门", "courses"),
    "节": ("节", "lessons"), "堂": ("堂", "lessons"), "组": ("组", "groups"), "队": ("队", "teams"),
    "对": ("对", "pairs"), "封": ("封", "letters"), "单": ("单", "orders"), "宗": ("宗", "cases"),
    "起": ("起", "cases"), "例": ("例", "cases"), "床": ("床", "beds"), "首": ("首", "songs"),
    "集": ("集", "episodes"), "车次": ("车次", "vehicle trips"), "架次": ("架次", "flights"),
    "班次": ("班次", "runs"), "件次": ("件次", "item-times"),
    "场次": ("场次", "sessions"), "批次": ("批次", "batches"), "次": ("次", "times"), "场": ("场", "sessions"),
    "期": ("期", "sessions"), "批": ("批", "batches"), "轮": ("轮", "rounds"),
    "课时": ("课时", "class hours"), "学时": ("学时", "study hours"), "个工作日": ("个工作日", "working days"),
    "工作日": ("工作日", "working days"), "个月": ("个月", "months"), "小时": ("小时", "hours"),
    "分钟": ("分钟", "minutes"), "天": ("天", "days"), "年": ("年", "years"), "周": ("周", "weeks"),
    "岁": ("岁", "years of age"), "个百分点": ("个百分点", "percentage points"), "倍": ("倍", "times"),
    "元": ("元", "yuan"), "美元": ("美元", "US dollars"), "分": ("分", "points"),
    "平方公里": ("平方公里", "km²"), "平方米": ("平方米", "m²"), "公顷": ("公顷", "ha"), "亩": ("亩", "mu"),
    "公里": ("公里", "km"), "米": ("米", "m"), "吨": ("吨", "t"), "千克": ("千克", "kg"), "公斤": ("公斤", "kg"),
    "立方米": ("立方米", "m³"), "千瓦时": ("千瓦时", "kWh"), "千瓦": ("千瓦", "kW"), "兆瓦": ("兆瓦", "MW"),
}
#: English names of the dimensions ``extract.numbers.unit_dimension`` gives, for units UNITS lacks.
DIMENSIONS: dict[str, tuple[str, str]] = {
    "people": ("人", "people"), "items": ("个", "items"), "events": ("次", "times"), "time": ("时间", "time"),
    "money": ("金额", "money"), "area": ("面积", "area"), "length": ("长度", "length"), "mass": ("重量", "mass"),
    "percent": ("%", "%"), "share": ("比例", "share"), "rank": ("名次", "rank"), "points": ("百分点", "points"),
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


def category_name(value: str | None) -> str:
    """A category in the interface language (as written when the schema lacks it)."""
    if value is None or pd.isna(value) or value == "":
        return ""
    return _pick(CATEGORY_NAMES.get(str(value)), str(value))


def unit_name(unit: str | None) -> str:
    """A unit in the interface language: 人次 → person-times; share → 比例; unknown units as written."""
    if unit is None or pd.isna(unit) or unit == "":
        return ""
    unit = str(unit)
    pair = UNITS.get(unit)
    if pair is None and lang() == "en":
        from extract.numbers import unit_dimension

        pair = DIMENSIONS.get(unit_dimension(unit) or "")
        if pair is not None:
            return f"{unit} ({pair[1]})"
    return _pick(pair, unit)


def district_name(value: str | None) -> str:
    """A district's name: Chinese in zh; its English name in en (from district_facts.csv), else as written."""
    if value is None or pd.isna(value) or value == "":
        return ""
    if lang() == "zh":
        return str(value)
    from dashboard.facts import english_name

    return english_name(str(value)) or str(value)


def flags_text(value: str | None) -> str:
    """A claim's ``flags`` (``repeat;no_year``) as names in the interface language, joined."""
    if value is None or pd.isna(value):
        return ""
    names = [flag_name(f.strip()) for f in str(value).split(";") if f.strip()]
    return ("、" if lang() == "zh" else ", ").join(names)


def amount(value, value_max, unit, qualifier) -> str:
    """:func:`dashboard.fmt.amount` with the unit in the interface language."""
    from dashboard import fmt

    return fmt.amount(value, value_max, unit_name(unit) if unit is not None and not pd.isna(unit) else None,
                      qualifier)


def amounts(table: pd.DataFrame) -> pd.Series:
    """:func:`amount` of every row of a claims table (each unit named once)."""
    from dashboard import fmt

    units = {u: unit_name(u) for u in table["unit"].dropna().unique()}
    return pd.Series([fmt.amount(v, m, units.get(u) if isinstance(u, str) else None, q) for v, m, u, q in
                      zip(table["value"], table["value_max"], table["unit"], table["qualifier"])],
                     index=table.index, dtype="string")


def names(column: pd.Series, name) -> list[str]:
    """``name`` of every value of ``column``, each distinct value named once (empty for NA)."""
    table = {v: name(v) for v in column.dropna().unique()}
    return [table.get(v, "") if not (v is None or v is pd.NA or (isinstance(v, float) and v != v)) else ""
            for v in column]


def number(value) -> str:
    """A number with thousands separators (``dashboard.fmt.number``)."""
    from dashboard import fmt

    return fmt.number(value)


def facet_label(facet: str, value: str) -> str:
    """How a facet's value is shown in a filter: data values as they are, English keys translated."""
    from dashboard.filters import NONE

    if value == NONE:
        return t("filter.none")
    return {
        "metric": metric_name, "claim_type": claim_type_name, "qualifier": qualifier_name, "flags": flag_name,
        "category": category_name, "district": district_name,
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
