"""What a claim counts: its subject (the noun phrase, as written, that identifies what is counted) and a
short label (the verb and phrase: 新增学位, 办结率).

The words around the number are segmented by ``extract.words`` (jieba with rules/userdict.txt). The
subject is the noun phrase the measure word belongs to: the one right after it (设置771个核酸采样小屋),
else the one right before the number (在孵企业近3500家). For a rate, a share, a change or a completion
percentage the subject is the thing measured, never the rate word (办结率98.3% after 诉求460余件 → 诉求;
群众满意率 → 群众; 其中党员志愿者约占四分之三 → 党员志愿者). A part without a noun of its own (其中大专
及以上学历的138名, 已建成10个) takes the subject of the claim it belongs to: the one before it in its
sentence, or the last one counted in the same measure word in its paragraph. The word lists are data in
rules/subjects.toml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import words
from .rules import district_names, load_csv, load_toml

_QUOTE_MARKS = str.maketrans("", "", "“”‘’\"「」『』《》【】")
_NOUNISH = ("n", "vn", "j", "nz", "nt", "ns", "ng", "an", "eng", "nr")
_SPACE = re.compile(r"^\s+$")
_QUOTED_AT_END = re.compile(r"[“「『《]([\u4e00-\u9fff]{2,12})[”」』》]$")
_TITLE_AT_START = re.compile(r"《([^《》\n]{1,40})》")


@dataclass(frozen=True)
class Sense:
    subject: str
    label: str
    phrase: str  # the noun phrase as found (the subject, or the rate or attribute phrase it came from)
    agent: bool = False  # people counted as the doers of what follows (31名县级干部带队走访…)


@lru_cache(maxsize=1)
def _words() -> dict:
    r = load_toml("subjects.toml")
    return {
        "links": frozenset(r["links"]), "stop": frozenset(r["stop_words"]),
        "person_units": frozenset(r["person_units"]), "max_label": r["max_label"],
        "rate_words": tuple(sorted(r["rates"]["words"], key=len, reverse=True)),
        "rate_suffix": r["rates"]["suffix"],
        "attributes": frozenset(r["attributes"]["words"]),
        "durations": frozenset(r["attributes"]["durations"]),
        "aspects": frozenset(r["attributes"]["aspects"]),
        "rest": re.compile(r["parts"]["rest_before"]),
        "share_of": re.compile(r["parts"]["share_of"]),
        "progress_words": frozenset(r["parts"]["progress_words"]),
        "progress_at_end": re.compile(rf"(?:{'|'.join(map(re.escape, r['parts']['progress_words']))})的?$"),
        "rate_at_end": re.compile(
            rf"(?P<rate>{'|'.join(map(re.escape, sorted(r['rates']['words'], key=len, reverse=True)))})"
            rf"(?:{r['rates']['links']})?$"),
        "any_rate_at_end": re.compile(rf"(?P<rate>[\u4e00-\u9fff]{{1,2}}率)(?:{r['rates']['links']})?$"),
        "head_suffixes": frozenset(r["head_suffixes"]),
        "fixed_modifiers": frozenset(r["fixed_modifiers"]),
        "noun_locution_ends": frozenset(r["noun_locution_ends"]),
        "bare_units": dict(r["bare_units"]), "whole_unit": re.compile(r["whole_unit"]),
        "bare_having": re.compile(r["bare_having"]),
        "frame": re.compile(r["parts"]["frame"]),
        "modifier_end": re.compile(r["parts"]["modifier_end"]),
        "trailing": frozenset(r["trailing_flags"]),
        "joiners": frozenset(r["joiners"]),
        "grade_marks": frozenset(r["grade_marks"]),
        "kind_marks": frozenset(r["kind_marks"]),
        "part_words": frozenset(r["parts"]["part_words"]),
        "breakdown_opening": re.compile(r["parts"]["breakdown_opening"]),
        "breakdown_inside": re.compile(r["parts"]["breakdown_inside"]),
        "peer_group": re.compile(r["peer_group"]),
        "manner": frozenset(r["rates"]["manner"]),
        "activity_units": frozenset(r["activities"]["units"]),
        "holding_verbs": frozenset(r["activities"]["holding_verbs"]),
        "light_verb_object": re.compile(r["light_verb_object"]),
        "place_ends": tuple(r["places"]["ends"]),
        "not_places": frozenset(r["places"]["not_places"]),
        "unit_ends": tuple(r["places"]["unit_ends"]),
    }


def _cut(s: str) -> tuple[tuple[str, str], ...]:
    return words.cut(s)


def _prepare(s: str) -> str:
    s = s.translate(_QUOTE_MARKS).replace("村(社区)", "村社区").replace("村（社区）", "村社区")
    return s.replace(" ", "").replace("\u3000", "")


def _restore(s: str) -> str:
    return s.replace("村社区", "村(社区)")


def _nounish(word: str, flag: str) -> bool:
    return flag.startswith(_NOUNISH)


def _is_noun(word: str, flag: str) -> bool:
    """A noun proper: verbal nouns (建设, 培训) do not head a phrase on their own; a locution naming people
    (从业人员) does."""
    if flag == "l":
        return len(word) > 1 and word[-1] in _words()["noun_locution_ends"]
    return _nounish(word, flag) and flag not in ("vn", "an")


def _text(tokens: list[tuple[str, str]]) -> str:
    return _restore("".join(w for w, _ in tokens))


def acts_after(after: str, phrase: list[tuple[str, str]]) -> bool:
    """The words after a measure word and its noun phrase begin with a verb: the people counted act."""
    tokens = list(_cut(_prepare(after)[:24]))
    rest = tokens[len(phrase):] if [t for t, _ in tokens[:len(phrase)]] == [t for t, _ in phrase] else tokens
    while rest and rest[0][1] in ("d", "p", "c") and rest[0][0] not in ("的",):
        rest = rest[1:]
    return bool(rest) and rest[0][1].startswith("v") and not _nounish(*rest[0])


@lru_cache(maxsize=20000)
def _phrase_after(after: str) -> tuple[tuple[tuple[str, str], ...], str]:
    phrase, verb = _phrase_after_uncached(after)
    return tuple(phrase), verb


def phrase_after(after: str) -> tuple[list[tuple[str, str]], str]:
    """The noun phrase right after a measure word, and the verb that governs it when it follows a verb."""
    title = _TITLE_AT_START.match(after)
    if title:
        # 5期《你好,同学!》融媒体公开课: the title names one of the things counted, the noun after it
        # says what they are; with no noun after it, the title is all there is.
        phrase, verb = _phrase_after(after[title.end():][:24])
        if phrase:
            return list(phrase), verb
        return [(title.group(1), "nz")], ""
    phrase, verb = _phrase_after(after[:24])
    return list(phrase), verb


def _phrase_after_uncached(after: str) -> tuple[list[tuple[str, str]], str]:
    """The noun phrase right after a measure word, and the verb that governs it when it follows a verb."""
    w = _words()
    tokens = list(_cut(_prepare(after)[:24]))
    verb = ""
    if tokens and tokens[0][1].startswith("v") and not _nounish(*tokens[0]):
        verb, tokens = tokens[0][0], tokens[1:]  # 11次召开专题会议
    texts = [t for t, _ in tokens]
    # 表现突出的优秀干部, 素质高、能力强的年轻大学生: a modifier (no noun, or nouns described by adjectives),
    # then 的, then the counted thing; 43个社区党群服务中心的规范化创建 and 100名年轻干部组成的队伍 keep
    # the noun before 的. A modifier that measures (面积从1700平方米到4700平方米不等的) describes the thing
    # after 的 however long it is.
    if "的" in texts[:12]:
        modifier = tokens[:texts.index("的")]
        described = any(f in ("a", "ad") for _, f in modifier) and not any(f == "v" for _, f in modifier)
        measured = any(f == "m" and t[:1].isdigit() for t, f in modifier)
        # 14件具有普惠性、基础性的民生实事: a verb and its object before 的 are a relative clause.
        relative = bool(verb) and not any(t in ("，", ",", "；", "。") for t, _ in modifier)
        if (len(modifier) < 8 and (not any(_is_noun(*t) for t in modifier) or described)) or measured or relative:
            tokens = tokens[texts.index("的") + 1:]
    phrase: list[tuple[str, str]] = []
    for i, (t, f) in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if t in w["stop"]:
            break
        if _nounish(t, f):
            phrase.append((t, f))
        elif f == "v" and phrase and phrase[-1][0] not in w["attributes"] and nxt and _nounish(*nxt) \
                and _ends_in_noun(tokens[i + 1:]) and not _then_number(tokens[i + 1:]):
            phrase.append((t, f))  # 召开产业发展项目建设协调服务专题会议: one compound named after the verb
        elif (t in w["joiners"] or t == "、") and phrase and nxt and _nounish(*nxt):
            phrase.append((t, f))  # 中小学和幼儿园, 党员和村民代表
        elif (t in w["grade_marks"] or t in w["kind_marks"]) and phrase and nxt and _nounish(*nxt):
            phrase.append((t, "b"))  # 居住区级党群服务中心: the level of the thing counted, not another thing
        elif f in ("b", "a") and len(t) <= 3 and nxt and _is_noun(*nxt):
            phrase.append((t, f))  # 国家级平台, 优秀干部
        elif phrase or f not in ("r", "m", "q", "b", "a", "d"):
            break
    while phrase and phrase[-1][0] in w["joiners"]:
        phrase.pop()
    return phrase, verb


def _ends_with_attribute(word: str) -> bool:
    """A word that is an attribute with a modifier (建筑面积, 年发电量): it measures something else too."""
    return any(word.endswith(a) and len(word) > len(a) for a in _words()["attributes"] if len(a) >= 2)


def _owner_in(word: str) -> list[tuple[str, str]]:
    """The noun a word joining a noun and an attribute measures (耕地面积 → 耕地), else nothing."""
    w = _words()
    attribute = max((a for a in w["attributes"] if word.endswith(a) and len(word) > len(a)), key=len, default="")
    rest = _cut(word[:len(word) - len(attribute)]) if attribute else ()
    if len(rest) == 1 and _is_noun(*rest[0]) and len(rest[0][0]) >= 2 and rest[0][0] not in w["aspects"]:
        return list(rest)
    return []


def _object_after(text: str) -> str:
    """The noun phrase a verb governs at the start of ``text`` (基本完成城中村改造 → 城中村改造)."""
    tokens = list(_cut(_prepare(text)[:20]))
    while tokens and tokens[0][1] in ("d", "p", "c", "ad"):
        tokens = tokens[1:]
    if not tokens or not tokens[0][1].startswith(("v", "l")) or _nounish(*tokens[0]):
        return ""
    phrase, _ = phrase_after("".join(t for t, _ in tokens[1:]))
    return _text(phrase) if _has_head(phrase, strict=False) else ""


def _ends_in_noun(tokens: list[tuple[str, str]]) -> bool:
    """The run of nouns and verbs that starts ``tokens`` ends in a noun: a compound name goes on
    (产业发展项目建设协调服务专题会议, 大众创业万众创新示范基地)."""
    run = []
    for t, f in tokens:
        if not (_nounish(t, f) or f == "v"):
            break
        run.append((t, f))
    return bool(run) and _is_noun(*run[-1]) and len(run) <= 6


def _then_number(tokens: list[tuple[str, str]]) -> bool:
    """The run of nouns and verbs that starts ``tokens`` is followed by a number: the verb is the
    predicate of another claim (37个重点项目完成投资126.8亿元), not part of a name."""
    for t, f in tokens:
        if not (_nounish(t, f) or f == "v"):
            return f == "m" and t[:1].isdigit()
    return False


@lru_cache(maxsize=20000)
def _phrase_before(before: str) -> tuple[tuple[tuple[str, str], ...], str]:
    phrase, verb = _phrase_before_uncached(before)
    return tuple(phrase), verb


def phrase_before(before: str) -> tuple[list[tuple[str, str]], str]:
    """The noun phrase right before a number, and the verb before that phrase."""
    phrase, verb = _phrase_before(before[-24:])
    return list(phrase), verb


def _phrase_before_uncached(before: str) -> tuple[list[tuple[str, str]], str]:
    """The noun phrase right before a number, and the verb before that phrase."""
    w = _words()
    tokens = list(_cut(_prepare(before)[-24:]))
    while tokens and (tokens[-1][0] in w["links"] or _SPACE.match(tokens[-1][0]) or (
            tokens[-1][1] in w["trailing"] and not _nounish(*tokens[-1]))):
        if tokens[-1][0] in w["head_suffixes"] and len(tokens) > 1 and (
                _nounish(*tokens[-2]) or _modifying_verb(tokens[-2])):
            tokens[-1] = (tokens[-1][0], "n")  # 便民服务点, 垃圾投放点: 点 ends the noun, whatever its tag
            break
        tokens.pop()
    phrase: list[tuple[str, str]] = []
    while tokens:
        t, f = tokens[-1]
        if t in ("）", ")") and not phrase:
            # 工人（工勤技能人员）3265名: the noun stands before the parenthesis.
            opener = next((i for i in range(len(tokens) - 1, -1, -1) if tokens[i][0] in ("（", "(")), None)
            if opener is None:
                break
            tokens = tokens[:opener]
            continue
        fixed = next((k for k in (2, 1) if phrase and len(tokens) >= k
                      and "".join(x for x, _ in tokens[-k:]) in w["fixed_modifiers"]), 0)
        if fixed:
            words = "".join(x for x, _ in tokens[-fixed:])
            del tokens[-fixed:]
            phrase.insert(0, (words, "b"))  # 规模以上工业增加值: the modifier is part of what is measured
            continue
        if t in w["stop"] or (f in ("ns", "nr") and _is_place(t)) or t in district_names():
            break  # 全部, 所有; place and person names are not part of what is counted
        prev = tokens[-2] if len(tokens) > 1 else None
        if not phrase and t in w["head_suffixes"] and prev and (_nounish(*prev) or _modifying_verb(prev)):
            phrase.insert(0, (tokens.pop()[0], "n"))  # 采摘园 (园 tagged zg): the head of the noun
        elif _nounish(t, f) or (f == "l" and not phrase):
            phrase.insert(0, tokens.pop())  # a locution may head the phrase before a number (学前教育普惠率)
        elif f == "v" and len(phrase) == 1 and phrase[0][0] in w["attributes"]:
            phrase.insert(0, tokens.pop())  # 征迁总量, 改造面积: what the attribute measures
        elif phrase and len(t) == 1 and f in ("zg", "ng", "g"):
            phrase.insert(0, tokens.pop())  # 农副食品: a character jieba leaves alone belongs to the noun after it
        elif len(phrase) == 1 and phrase[0][0] in w["head_suffixes"] and _modifying_verb((t, f)):
            phrase.insert(0, tokens.pop())  # 采摘园, 培训室: a one-character head takes the verb it is named by
        elif (t == "、" or t in w["joiners"]) and phrase and prev and _nounish(*prev):
            phrase.insert(0, tokens.pop())  # 中小学、幼儿园; 中小学和幼儿园
        elif t in w["kind_marks"] and phrase and prev and _nounish(*prev):
            phrase.insert(0, (tokens.pop()[0], "b"))  # 矛盾纠纷类事件: the kind of the thing counted
        elif f in ("b", "a", "m") and phrase and len(phrase) < 4 and len(t) <= 3:
            phrase.insert(0, tokens.pop())  # 女党员, 优秀共产党员, 三级网格
        else:
            break
    while phrase and (phrase[0][0] == "、" or phrase[0][0] in w["joiners"] or phrase[0][1] == "m"):
        phrase.pop(0)
    verb = ""
    for t, f in reversed(tokens[-3:]):
        if f.startswith("v") and t not in w["links"]:
            verb = t
            break
    return phrase, verb


def _modifying_verb(token: tuple[str, str]) -> bool:
    """A short verb that can name a one-character head (采摘 in 采摘园, 培训 in 培训室, 投放 in 投放点)."""
    word, flag = token
    return flag in ("v", "vn") and len(word) == 2 and word not in _words()["links"]


def _is_place(word: str) -> bool:
    """A place name (金水区, 孟庄镇), not a word jieba tags as one (城镇, 枣园)."""
    w = _words()
    return word not in w["not_places"] and (word.endswith(w["place_ends"]) or len(word) >= 3)


def _names_place(tokens: list[tuple[str, str]]) -> bool:
    """A phrase that is a place name alone (金水区, 孟庄镇), not a thing named with several characters."""
    if not tokens:
        return False
    word, flag = tokens[-1]
    text = _text(tokens)
    return text in district_names() or (flag in ("ns", "nr") and _is_place(word)) \
        or text.endswith(_words()["place_ends"] + _words()["unit_ends"])


def names_a_thing(before: str) -> bool:
    """Whether the text right before a number names what it counts (已完工 does not; 完工学校 does)."""
    return _has_head(phrase_before(before)[0])


def _has_head(tokens: list[tuple[str, str]], strict: bool = True) -> bool:
    if tokens and tokens[-1][1] == "l" and (not strict or len(tokens) == 1):
        return True  # 收集意见建议160条: a locution alone before the number is what it counts
    if not any(_nounish(*t) or _is_noun(*t) for t in tokens):
        return False
    return not strict or any(_is_noun(*t) for t in tokens)


def _joined(owner: str, phrase: str) -> str:
    """The owner of a measure and the measure's phrase as one label, the owner not written twice
    (社会消费品零售总额 is its own owner)."""
    return phrase if owner in phrase else owner + phrase


def _fit(label: str, verb: str = "") -> str:
    """A label of at most max_label characters: the verb and the end of the phrase (where its head is)."""
    limit = _words()["max_label"]
    if len(label) <= limit:
        return label
    return verb + label[len(verb):][-(limit - len(verb)):]


def _split_rate(phrase: str) -> tuple[str, str] | None:
    """(owner, rate word) of a rate phrase: 群众满意率 → (群众, 满意率); 税收收入占比 → (税收收入, 占比)."""
    w = _words()
    for word in w["rate_words"]:
        if phrase.endswith(word):
            return phrase[:-len(word)], word
    if phrase.endswith(w["rate_suffix"]):
        tokens = _cut(phrase)
        if len(tokens) > 1:
            return "".join(t for t, _ in tokens[:-1]), tokens[-1][0]
        return "", phrase
    return None


@dataclass
class _Seen:
    paragraph: int
    sentence: int
    unit: str | None
    sense: Sense


class SubjectFinder:
    """Finds the subjects of one document's claims, in text order, remembering those already found."""

    def __init__(self) -> None:
        self._seen: list[_Seen] = []
        self._groups: dict[int, Sense] = {}  # sentence → the group a 其中 inside it breaks down

    def _previous(self, sentence: int) -> Sense | None:
        if self._seen and self._seen[-1].sentence == sentence and self._seen[-1].sense.subject:
            return self._seen[-1].sense
        return None

    def _same_rate(self, paragraph: int, word: str) -> Sense | None:
        for seen in reversed(self._seen[-12:]):
            if seen.paragraph != paragraph:
                break
            if seen.sense.phrase == word and seen.sense.subject != word:
                return seen.sense
        return None

    def _last_in(self, paragraph: int) -> Sense | None:
        """The last thing counted in the paragraph (or table row), if any."""
        for seen in reversed(self._seen[-12:]):
            if seen.paragraph != paragraph:
                break
            if seen.sense.subject:
                return seen.sense
        return None

    def _same_unit(self, paragraph: int, unit: str | None) -> Sense | None:
        for seen in reversed(self._seen[-12:]):
            if seen.paragraph != paragraph:
                break
            if seen.unit == unit and unit and seen.sense.subject:
                return seen.sense
        return None

    def find(self, *, kind: str, unit: str | None, before: str, after: str, clause_before: str,
             sentence_before: str, paragraph: int, sentence: int, unit_raw: str | None = None,
             named: str | None = None) -> Sense:
        """The subject of the next claim. ``before``: its clause's text since the number before it;
        ``clause_before``/``sentence_before``: from the start of its clause/sentence to the number;
        ``named``: the label of the table row a bare cell is in, a name to keep whole."""
        if named:
            name = named.strip()
            sense = Sense(name, _fit(name), name)  # 兰考县家居产业园二期 | 18.5亿元: the row's project
        elif unit_raw and unit_raw.startswith("大") and len(unit_raw) > 2:
            noun = unit_raw[1:]  # 6大事项: the measure word names what is counted
            sense = Sense(noun, _fit(noun), noun)
        else:
            sense = self._find(kind, unit, before, after, clause_before, sentence_before, paragraph, sentence)
        if unit in _words()["person_units"] and kind == "count":
            after_tokens, verb = phrase_after(after)
            if verb or (after_tokens and acts_after(after, after_tokens)):
                sense = Sense(sense.subject, sense.label, sense.phrase, agent=True)
        if "村(社区)" in sense.subject + sense.label and "村（社区）" in sentence_before + after:
            # as written: the full-width brackets the text uses (村（社区）)
            sense = Sense(sense.subject.replace("村(社区)", "村（社区）"), sense.label.replace("村(社区)", "村（社区）"),
                          sense.phrase.replace("村(社区)", "村（社区）"), sense.agent)
        self._seen.append(_Seen(paragraph, sentence, unit, sense))
        return sense

    def _find(self, kind: str, unit: str | None, before: str, after: str, clause_before: str,
              sentence_before: str, paragraph: int, sentence: int) -> Sense:
        w = _words()
        previous = self._previous(sentence)
        after_tokens, after_verb = phrase_after(after)
        if after_verb and unit in w["person_units"]:
            after_tokens = []  # 组织党员志愿者上千人次开展环境整治: people counted, then what they did
        before_tokens, before_verb = phrase_before(before)
        if len(before_tokens) == 1 and before_tokens[0][0] in _event_cues() and before_tokens[0][1] != "vn":
            # 结案1,131件, 已通车4条: what happened (tagged a noun), not what it happened to
            before_verb, before_tokens = before_tokens[0][0], []
        frame = self._frame(sentence_before)
        # 其中，女性98名；大专及以上学历183名: a part described after another part is of the group broken down.
        group = self._breakdown_group(sentence_before, paragraph, sentence) if kind == "count" else None
        if kind in ("percent", "share") or unit == "个百分点":
            return self._measured(before_tokens, before_verb, after_tokens, after_verb, after, clause_before,
                                  previous, before, frame, paragraph)
        if kind == "rank":
            peers = w["peer_group"].search(before)
            if peers:
                # 经济总量在全省开发区中位列第三: the group it is ranked among is not what is ranked
                before_tokens, before_verb = phrase_before(before[:peers.start()])
            return self._ranked(before_tokens, before_verb, sentence_before, previous)
        bare = w["bare_units"].get(unit) if kind == "count" and w["bare_having"].search(clause_before) else None
        if bare and not _has_head(after_tokens) and self._same_unit(paragraph, unit) is None and (
                not _has_head(before_tokens) or w["whole_unit"].match(_text(before_tokens))):
            last = self._seen[-1] if self._seen and self._seen[-1].sentence == sentence else None
            if last is not None and last.unit in w["bare_units"] and last.sense.subject not in w["bare_units"].values() \
                    and before.strip() in ("", "、"):
                return last.sense  # 居民3,860户、11,200余人: the same residents, counted in people
            return Sense(bare, _fit((before_verb or "") + bare), bare)  # 全村共有412户、1536人
        if w["rest"].search(before) and (same := self._same_unit(paragraph, unit) or previous):
            return Sense(same.subject, _fit(same.label), same.phrase)  # 其余2所: the rest of those counted
        name = _QUOTED_AT_END.search(before)
        if name and kind == "count" and not _has_head(after_tokens):
            # 开展“青年大学习”30期, 建成“口袋公园”15个: the name in quotes is what is counted, whole.
            return Sense(name.group(1), _fit(name.group(1)), name.group(1))
        if w["modifier_end"].search(before) and not _has_head(after_tokens):
            # 其中大专及以上学历的138名, 35岁及以下的876名: a part described, of the group counted before.
            if frame:
                return Sense(frame, _fit(_text(before_tokens) + frame), frame)
            whole = group or previous
            if whole is not None:
                return Sense(whole.subject, _fit(_text(before_tokens) + whole.subject), whole.phrase)
        done = w["light_verb_object"].search(before) if not _has_head(before_tokens) else None
        if done and not _has_head(after_tokens):
            # 联合开展集中服务647次: what was held, a verbal noun, is what is counted, not the last thing
            # counted in that measure word
            return self._sense(list(_cut(_prepare(done.group("object")))), "")
        if unit in w["activity_units"] and not _has_head(before_tokens) and not _has_head(after_tokens):
            act = self._activity(before)
            if act:
                return Sense(act, _fit(act), act)  # 全年完成食品安全监督抽检4,800批次: the checks are counted
        before_named = _has_head(before_tokens) and not _is_place(_text(before_tokens))
        if _has_head(after_tokens) and not (after_verb and before_named):
            return self._attribute(after_tokens, before_verb or after_verb, previous, sentence_before, after)
        if _has_head(before_tokens):
            return self._attribute(before_tokens, before_verb, group or previous, sentence_before, after)
        last = self._seen[-1].sense.subject if self._seen and self._seen[-1].sentence == sentence else ""
        in_breakdown = group is not None and (last == group.subject or last in w["part_words"])
        same = (group if in_breakdown else None) or self._same_unit(paragraph, unit) or previous
        if same is not None:
            # 其中大专及以上学历的138名, 已建成10个: a part of what was counted just before.
            modifier = _text(before_tokens)
            return Sense(same.subject, _fit(modifier + same.subject) if modifier else same.label, same.phrase)
        for tokens, verb in ((before_tokens, before_verb), (after_tokens, after_verb)):
            if _has_head(tokens, strict=False):
                return self._sense(tokens, verb)
        term = _nearest_term(sentence_before) or _nearest_term(after)
        return Sense(term, _fit((before_verb or "") + term), term)

    def _breakdown_group(self, sentence_before: str, paragraph: int, sentence: int) -> Sense | None:
        """The group a sentence that opens with 其中 breaks down (全年发展党员236名。其中，女性98名；大专
        及以上学历183名…): the last thing counted in the sentence before, in the same paragraph. Its parts
        are each of that group, not of the part named before them."""
        if sentence in self._groups:
            return self._groups[sentence]
        if not _words()["breakdown_opening"].match(sentence_before):
            if _words()["breakdown_inside"].search(sentence_before) and self._seen and self._seen[-1].sentence == sentence \
                    and self._seen[-1].sense.subject:
                # 共发展党员1,046名，其中女性418名…；35岁及以下的837名: the group is counted before 其中
                self._groups[sentence] = self._seen[-1].sense
                return self._groups[sentence]
            return None
        for seen in reversed(self._seen[-12:]):
            if seen.paragraph != paragraph:
                return None
            if seen.sentence != sentence and seen.sense.subject:
                return seen.sense
        return None

    @staticmethod
    def _activity(before: str) -> str:
        """The activity a count of occasions counts when a verb ends the text before it (监督抽检4,800批次,
        巡查120次), with the nouns and verbal nouns it is written with; not a verb that only holds or
        completes one (已举办12场: what was held is counted before)."""
        w = _words()
        tokens = list(_cut(_prepare(before)[-16:]))
        if not tokens or tokens[-1][1] != "v" or len(tokens[-1][0]) < 2 or tokens[-1][0] in w["links"] \
                or tokens[-1][0] in w["holding_verbs"]:
            return ""
        run = [tokens.pop()]
        while tokens and len(run) < 4 and (tokens[-1][1] in ("vn", "n", "l") or (
                tokens[-1][1] == "v" and tokens[-1][0] not in w["links"] and tokens[-1][0] not in w["holding_verbs"])) \
                and tokens[-1][0] not in w["stop"]:
            run.insert(0, tokens.pop())
        return _text(run)

    @staticmethod
    def _frame(sentence_before: str) -> str:
        """The group a sentence opens with (新发展党员中，…; 从职业看，…党员): its parts are of it."""
        m = _words()["frame"].match(sentence_before)
        if not m:
            return ""
        tokens, _ = phrase_before(m.group(1))
        return _text(tokens) if _has_head(tokens, strict=False) else ""

    def _sense(self, tokens: list[tuple[str, str]], verb: str) -> Sense:
        phrase = _text(tokens)
        return Sense(phrase, _fit(verb + phrase, verb), phrase)

    def _attribute(self, tokens: list[tuple[str, str]], verb: str, previous: Sense | None,
                   sentence_before: str = "", after: str = "") -> Sense:
        """面积, 总长, 平均年龄 … measure a thing: the noun before them in the phrase (社区党群服务中心面积),
        else the thing counted just before in the sentence (4条道路,总长度12607米)."""
        w = _words()
        head = tokens[-1][0]
        if head not in w["attributes"] and not (len(tokens) == 1 and _ends_with_attribute(head)
                                                and head not in _domain_words()):
            return self._sense(tokens, verb)  # 社会消费品零售总额: a word of the lexicon names itself
        owner = tokens[:-1] or _owner_in(head)
        phrase = _text(tokens)
        if head in w["durations"] and head in after:
            done = _object_after(after[after.index(head) + len(head):])
            if done:
                return Sense(done, _fit(done), phrase)  # 用3至5年时间基本完成城中村改造 → 城中村改造
        if _has_head(owner, strict=False):
            return Sense(_text(owner), _fit(verb + phrase, verb), phrase)  # 征迁总量 → 征迁
        if previous is not None:
            return Sense(previous.subject, _fit(_joined(previous.subject, phrase)), phrase)
        term = _nearest_term(sentence_before)
        if term:
            return Sense(term, _fit(_joined(term, phrase)), phrase)  # 办理证照…只用了不到1个月时间
        return self._sense(tokens, verb)

    def _measured(self, before_tokens, before_verb, after_tokens, after_verb, after: str, clause_before: str,
                  previous: Sense | None, before: str = "", frame: str = "", paragraph: int = -1) -> Sense:
        """The thing a rate, share, change or completion percentage measures."""
        w = _words()
        if after.startswith(("的", "以上的", "左右的")) and _has_head(after_tokens):
            return self._sense(after_tokens, "")  # 九成以上的农户
        share = w["share_of"].search(clause_before)
        if share:
            part, _ = phrase_before(clause_before[:share.start()])
            described = w["modifier_end"].search(clause_before[:share.start()])
            if described and previous is not None:
                return Sense(previous.subject, previous.label, _text(part))  # 其中研究生学历的占三分之一
            if _has_head(part, strict=False):
                return Sense(_text(part), _fit(_text(part)), _text(part))  # 民生支出占…的比重达77.6%
            if previous is not None and not clause_before[:share.start()].strip("，,、 其中"):
                # 第三产业增加值…增长6.3%，占地区生产总值的比重为92.7%: the part counted just before
                return Sense(previous.subject, previous.label, previous.phrase)
        rate = w["rate_at_end"].search(before) or w["any_rate_at_end"].search(before)
        if rate:
            word = rate.group("rate")
            owner, _ = phrase_before(before[:rate.start("rate")])
            if owner and all(t in w["manner"] for t, _ in owner):
                owner = []  # 全程网办率, 按时足额发放率: how it is done, not what is measured
            if _has_head(owner, strict=False):
                return Sense(_text(owner), _fit(_text(owner) + word), word)  # 群众满意率 → 群众
            if previous is not None:
                return Sense(previous.subject, _fit(_joined(previous.subject, word)), word)  # 诉求…办结率98.3%
            same = self._same_rate(paragraph, word)
            if same is not None:
                return Sense(same.subject, same.label, word)  # the rate named again in its table row
            if after_verb and _has_head(after_tokens):
                return self._sense(after_tokens, after_verb)
            last = self._last_in(paragraph)
            if last is not None and last.subject != word:
                return Sense(last.subject, _fit(_joined(last.subject, word)), word)  # …户厕改造…已全部完成，完成率100%
            return Sense(word, word, word)  # a rate alone in its text: the rate word is all there is
        if share or w["progress_at_end"].search(before):
            progress = w["progress_at_end"].search(before)
            previous = previous or (self._last_in(paragraph) if progress else None)
            if previous is not None:
                # 女党员…占党员总数的31.4%; 已建成1,620个 | 完成全年任务的108% (the row's last count)
                return Sense(previous.subject, previous.label, previous.phrase)
        phrase = _text(before_tokens)
        if phrase and _has_head(before_tokens, strict=False) and phrase not in w["progress_words"]:
            return Sense(phrase, _fit(before_verb + phrase if before_verb else phrase), phrase)
        if not phrase and after_verb and _has_head(after_tokens):
            return self._sense(after_tokens, after_verb)  # 已100%完成任务
        if previous is not None:
            return Sense(previous.subject, previous.label, previous.phrase)  # 增长5.2%
        if frame:
            return Sense(frame, frame, frame)
        if _has_head(after_tokens, strict=False):
            return self._sense(after_tokens, after_verb)
        term = _nearest_term(clause_before)
        return Sense(term, term, term)

    def _ranked(self, before_tokens, before_verb, sentence_before: str, previous: Sense | None) -> Sense:
        """The domain ranked: 县域经济综合实力位列全省第三 → 县域经济综合实力; 在…考核中 → the assessment."""
        phrase = _text(before_tokens)
        if phrase and _split_rate(phrase) and previous is not None:
            return Sense(previous.subject, _fit(_joined(previous.subject, phrase)), phrase)  # 增速位居全市第三
        if _has_head(before_tokens, strict=False) and phrase not in _words()["attributes"] and not _names_place(before_tokens):
            return Sense(phrase, _fit(before_verb + phrase if before_verb else phrase), phrase)  # 签约项目数量
        frame = re.search(r"在([^，,；;。]{2,30})中", sentence_before)
        if frame:
            tokens, _ = phrase_before(frame.group(1))
            if _has_head(tokens, strict=False):
                return self._sense(tokens, "")
        if previous is not None:
            return Sense(previous.subject, previous.label, previous.phrase)
        term = _nearest_term(sentence_before)
        return Sense(term, term, term)


@lru_cache(maxsize=1)
def _domain_words() -> frozenset[str]:
    """The nouns of the domain dictionary (rules/userdict.txt and the lexicon's counted things)."""
    return frozenset(words.domain_terms())


@lru_cache(maxsize=1)
def _event_cues() -> frozenset[str]:
    """The words that say what happened to a counted thing (rules/events.toml), less the counted things of
    the lexicon (rules/concepts.csv) that are written the same."""
    events = load_toml("events.toml")["event"]
    concepts = {w for row in load_csv("concepts.csv") for w in [row["zh"], *row["words"].split(";")]}
    return frozenset(c for e in events.values() for c in e.get("cues", [])) - concepts


@lru_cache(maxsize=1)
def _terms() -> re.Pattern:
    return re.compile("|".join(re.escape(t) for t in words.domain_terms()))


def _nearest_term(text: str) -> str:
    """The domain term (from the user dictionary) standing last in ``text`` (the longest one there)."""
    last = None
    for m in _terms().finditer(text):
        last = m
    return last.group() if last else ""
