"""Segmenting a report: sentences, clauses, paragraphs, sections and quoted spans, all as offsets."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

_SENTENCE_END = re.compile(r"[。！？!?]+[”’\"」』]?|\n+")
_CLAUSE_END = re.compile(r"[，,；;：:]")
_QUOTES = {"“": "”", "「": "」", "『": "』", "《": "》", "‘": "’", "【": "】"}
# A line is a heading when it is short and has no sentence punctuation (or starts with #).
_HEADING = re.compile(r"^\s*(#+\s*.*|[^。！？!?，,；;]{2,40})\s*$")


@dataclass
class Segments:
    """Spans of one text, each list sorted by start: (start, end) pairs."""

    text: str
    sentences: list[tuple[int, int]] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    sections: list[tuple[int, int]] = field(default_factory=list)
    quotes: list[tuple[int, int, str]] = field(default_factory=list)  # start, end (inclusive marks), opener

    def _find(self, spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
        return spans[i] if i >= 0 and spans[i][0] <= pos < spans[i][1] else (pos, pos)

    def sentence(self, pos: int) -> tuple[int, int]:
        return self._find(self.sentences, pos)

    def paragraph(self, pos: int) -> tuple[int, int]:
        return self._find(self.paragraphs, pos)

    def section(self, pos: int) -> tuple[int, int]:
        return self._find(self.sections, pos)

    def clause(self, pos: int) -> tuple[int, int]:
        s, e = self.sentence(pos)
        start = max((m.end() + s for m in _CLAUSE_END.finditer(self.text[s:pos])), default=s)
        m = _CLAUSE_END.search(self.text, pos, e)
        return start, (m.start() if m else e)

    def quote_around(self, start: int, end: int) -> tuple[int, int, str] | None:
        """The innermost quoted span containing [start, end), if any."""
        i = bisect.bisect_left(self.quotes, (start,))
        # Quotes close at the end of their paragraph, so only those opened shortly before can contain it.
        while i > 0 and self.quotes[i - 1][0] > start - 2000:
            i -= 1
            qs, qe, opener = self.quotes[i]
            if end <= qe:
                return self.quotes[i]
        return None


def segment(text: str) -> Segments:
    seg = Segments(text)
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if text[start:m.end()].strip():
            seg.sentences.append(_strip(text, start, m.end()))
        start = m.end()
    if text[start:].strip():
        seg.sentences.append(_strip(text, start, len(text)))
    pos = 0
    section_start = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            seg.paragraphs.append((pos, end))
            if _HEADING.match(line) and pos > section_start:
                seg.sections.append((section_start, pos))
                section_start = pos
        pos = end + 1
    seg.sections.append((section_start, len(text)))
    seg.quotes = _quotes(text)
    return seg


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _quotes(text: str) -> list[tuple[int, int, str]]:
    """Quoted spans; unbalanced marks close at the end of their paragraph."""
    out, stack = [], []
    straight_open = None
    for i, ch in enumerate(text):
        if ch in _QUOTES:
            stack.append((i, ch))
        elif stack and ch == _QUOTES[stack[-1][1]]:
            s, opener = stack.pop()
            out.append((s, i + 1, opener))
        elif ch == '"':
            if straight_open is None:
                straight_open = i
            else:
                out.append((straight_open, i + 1, '"'))
                straight_open = None
        elif ch == "\n":
            stack.clear()
            straight_open = None
    out.sort()
    return out
