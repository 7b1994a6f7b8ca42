"""Segmenting a report into spans: sections under their headings, paragraphs (lines), table rows and cells,
list items, sentences, clauses and quoted spans, all as offsets into the text.

Everything is computed once, in passes linear in the text; lookups by position are binary searches, so
no later stage has to rescan a sentence or a paragraph for each claim.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .rules import load_toml

_SENTENCE_END = re.compile(r"[。！？!?]+[”’\"」』]?|\n+")
# A title in book-title marks, within its line: a ! or ? in it (《你好,同学!》) does not end the sentence.
_TITLE = re.compile(r"《[^《》\n]{1,40}》")
_CLAUSE_MARK = re.compile(r"[，,；;：:]")
_SOFT_BREAK = re.compile(r"[，,；;：:、 　]")
_QUOTE_OPEN = {"“": "”", "「": "」", "『": "』", "《": "》", "‘": "’", "【": "】"}
_QUOTE_CHARS = re.compile(r"[“”「」『』《》‘’【】\"\n]")
# A line is a heading when it is short and has no sentence punctuation (or starts with #); table rows are not.
_HEADING = re.compile(r"^\s*(#+\s*.*|[^。！？!?，,；;|｜]{2,40})\s*$")
# Heading levels by their marker: 一、 (1), （一） (2), 1. / 1、 (3); markdown by the number of #.
_HEADING_LEVELS = (
    (re.compile(r"^\s*([一二三四五六七八九十百]+)\s*[、.．]"), 1),
    (re.compile(r"^\s*[（(]\s*[一二三四五六七八九十]+\s*[)）]"), 2),
    (re.compile(r"^\s*\d{1,2}\s*[、.．](?!\d)"), 3),
)
# A heading marked 一、 or （一） that ends at the first full stop of its line, with no figure in it.
_RUN_IN_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十]+\s*[)）])"
                             r"[^。！？!?，,；;：:|｜\d０-９]{2,24}[。：:]")
_TABLE_SEP = re.compile(r"\s*[|｜]\s*")
# A cell holding a number and at most its measure word (1, 45.6, 36个, 98%): data, not a header (a year
# or a month, 2023年, heads a column).
_NUMBER_CELL = re.compile(r"\s*[-+]?\d[\d.,，]*\s*[%％]?\s*(?:(?![年月])[\u4e00-\u9fff]){0,2}\s*$")
# List items: 一是, （一）, 1. , - , · at the start of a line.
_LIST_ITEM = re.compile(r"^\s*(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}\s*[、.．](?!\d)|[-·•●])")
#: A "sentence" longer than this is cut at its last clause mark (or anywhere) before the limit, so that a
#: page written as one unpunctuated line does not make later stages quadratic.
MAX_SENTENCE = 300
#: A clause longer than this is read as the stretch of this many characters around the number (the clauses
#: of the seeds, the devset and the genre fixtures are at most 157 characters long, 99.9 % at most 54).
MAX_CLAUSE = 160


@dataclass(frozen=True)
class Cell:
    """A cell of a table row: its span, its column index and its column's header text."""

    start: int
    end: int
    row: int  # index of the row within its table
    column: int
    header: str


@dataclass
class Segments:
    """Spans of one text, each list sorted by start: (start, end) pairs."""

    text: str
    sentences: list[tuple[int, int]] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    sections: list[tuple[int, int]] = field(default_factory=list)
    headings: list[tuple[int, int, int]] = field(default_factory=list)  # start, end, level
    cells: list[Cell] = field(default_factory=list)
    tables: list[tuple[int, int]] = field(default_factory=list)
    list_items: list[tuple[int, int]] = field(default_factory=list)
    quotes: list[tuple[int, int, str]] = field(default_factory=list)  # start, end (inclusive marks), opener
    clause_marks: list[int] = field(default_factory=list)  # positions of clause punctuation

    def __post_init__(self) -> None:
        self._sentence_starts: list[int] = []
        self._paragraph_starts: list[int] = []
        self._section_starts: list[int] = []
        self._cell_starts: list[int] = []
        self._clauses: dict[int, tuple[int, int]] = {}

    def index(self) -> None:
        self._clauses.clear()
        self._sentence_starts = [s for s, _ in self.sentences]
        self._paragraph_starts = [s for s, _ in self.paragraphs]
        self._section_starts = [s for s, _ in self.sections]
        self._cell_starts = [c.start for c in self.cells]
        self._table_starts = [s for s, _ in self.tables]
        self._item_starts = [s for s, _ in self.list_items]
        self._item_lead_starts = [s for s, _ in self.sentences if _LIST_ITEM.match(self.text, s)]

    @staticmethod
    def _find(spans: list[tuple[int, int]], starts: list[int], pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(starts, pos) - 1
        return spans[i] if i >= 0 and spans[i][0] <= pos < spans[i][1] else (pos, pos)

    def sentence(self, pos: int) -> tuple[int, int]:
        return self._find(self.sentences, self._sentence_starts, pos)

    def sentence_index(self, pos: int) -> int:
        """Index of the sentence holding ``pos`` (or the one before it)."""
        return bisect.bisect_right(self._sentence_starts, pos) - 1

    def paragraph(self, pos: int) -> tuple[int, int]:
        return self._find(self.paragraphs, self._paragraph_starts, pos)

    def paragraph_index(self, pos: int) -> int:
        return bisect.bisect_right(self._paragraph_starts, pos) - 1

    def section(self, pos: int) -> tuple[int, int]:
        return self._find(self.sections, self._section_starts, pos)

    def section_index(self, pos: int) -> int:
        return bisect.bisect_right(self._section_starts, pos) - 1

    def table(self, pos: int) -> tuple[int, int] | None:
        span = self._find(self.tables, self._table_starts, pos)
        return span if span[0] < span[1] else None

    def list_item(self, pos: int) -> tuple[int, int] | None:
        span = self._find(self.list_items, self._item_starts, pos)
        return span if span[0] < span[1] else None

    def cell(self, pos: int) -> Cell | None:
        i = bisect.bisect_right(self._cell_starts, pos) - 1
        if i >= 0 and self.cells[i].start <= pos < self.cells[i].end:
            return self.cells[i]
        return None

    def clause(self, pos: int) -> tuple[int, int]:
        """The clause holding ``pos``: between clause marks (，；：) within its sentence (or table cell)."""
        found = self._clauses.get(pos)
        if found is None:
            found = self._clauses[pos] = self._clause(pos)
        return found

    def _clause(self, pos: int) -> tuple[int, int]:
        s, e = self.sentence(pos)
        cell = self.cell(pos)
        if cell is not None:
            s, e = max(s, cell.start), min(e, cell.end)
        i = bisect.bisect_left(self.clause_marks, pos)
        start = self.clause_marks[i - 1] + 1 if i > 0 and self.clause_marks[i - 1] >= s else s
        end = self.clause_marks[i] if i < len(self.clause_marks) and self.clause_marks[i] < e else e
        if end - start > MAX_CLAUSE:
            # A page run together without clause marks: the words that bear on a number stand near it, and
            # every later stage reads a claim's clause, so a clause as long as its sentence is quadratic.
            start, end = max(start, pos - MAX_CLAUSE // 2), min(end, pos + MAX_CLAUSE // 2)
        return start, end

    def lead(self, pos: int) -> tuple[int, int]:
        """The sentence that opens the topic ``pos`` is in: the last one before it in its paragraph that
        begins an enumerated item (一是…, 二是…, （三）…), else the paragraph's first sentence."""
        p_start, _ = self.paragraph(pos)
        i = bisect.bisect_right(self._item_lead_starts, pos) - 1
        if i >= 0 and self._item_lead_starts[i] >= p_start:
            return self.sentence(self._item_lead_starts[i])
        return self.sentence(p_start)

    def clause_marks_in(self, start: int, end: int) -> list[int]:
        """Positions of the clause marks in [start, end)."""
        i, j = bisect.bisect_left(self.clause_marks, start), bisect.bisect_left(self.clause_marks, end)
        return self.clause_marks[i:j]

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


def is_marked(line: str) -> bool:
    """A heading with a marker: #, 一、, （一）, 1."""
    stripped = line.lstrip()
    return stripped.startswith("#") or any(p.match(line) for p, _ in _HEADING_LEVELS)


def heading_level(line: str) -> int:
    """1 for 一、…, 2 for （一）…, 3 for 1. …, the number of # for markdown, 1 for an unmarked heading."""
    stripped = line.lstrip()
    if stripped.startswith("#"):
        return len(stripped) - len(stripped.lstrip("#"))
    for pattern, level in _HEADING_LEVELS:
        if pattern.match(line):
            return level
    return 1


def segment(text: str) -> Segments:
    seg = Segments(text)
    _lines(seg, text)
    # Sentences end at sentence punctuation, line ends and the borders of table cells.
    cuts = [(a.end, b.start) for a, b in zip(seg.cells, seg.cells[1:]) if a.end < b.start]
    cell_ends, next_starts = [a for a, _ in cuts], [b for _, b in cuts]
    start = 0
    titles = [(m.start(), m.end()) for m in _TITLE.finditer(text)]
    title_starts = [a for a, _ in titles]
    for m in _SENTENCE_END.finditer(text):
        if m.group()[0] != "\n" and _inside(titles, title_starts, m.end() - 1):
            continue
        _add_sentence_cut(seg, text, start, m.end(), cell_ends, next_starts)
        start = m.end()
    _add_sentence_cut(seg, text, start, len(text), cell_ends, next_starts)
    # A comma between digits (1,200; ４，５６５) or a colon in a time (8:30) is inside a number, not a clause mark.
    seg.clause_marks = [m.start() for m in _CLAUSE_MARK.finditer(text)
                        if not (0 < m.start() < len(text) - 1 and text[m.start() - 1].isdigit()
                                and text[m.start() + 1].isdigit()) and not _inside(titles, title_starts, m.start())]
    seg.quotes = _quotes(text)
    seg.index()
    return seg


def _inside(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    """Whether ``pos`` lies inside one of ``spans`` (sorted, not overlapping), between its marks."""
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][0] < pos < spans[i][1] - 1


def _add_sentence_cut(seg: Segments, text: str, start: int, end: int, cell_ends: list[int],
                      next_starts: list[int]) -> None:
    i = bisect.bisect_right(cell_ends, start)
    while i < len(cell_ends) and cell_ends[i] < end:
        _add_sentence(seg, text, start, cell_ends[i])
        start = next_starts[i]
        i += 1
    _add_sentence(seg, text, start, end)


def _add_sentence(seg: Segments, text: str, start: int, end: int) -> None:
    start, end = _strip(text, start, end)
    while end - start > MAX_SENTENCE:
        cut = None
        for m in _SOFT_BREAK.finditer(text, start + MAX_SENTENCE // 2, start + MAX_SENTENCE):
            cut = m.end()
        cut = cut or start + MAX_SENTENCE
        seg.sentences.append((start, cut))
        start, _ = _strip(text, cut, end)
    if end > start:
        seg.sentences.append((start, end))


@lru_cache(maxsize=1)
def _unit_note() -> re.Pattern:
    """A line stating the unit of the table below it (（单位：万元）): a note, not a heading."""
    return re.compile(load_toml("tables.toml")["unit_line"])


def _lines(seg: Segments, text: str) -> None:
    """Paragraphs (one per non-empty line), headings and the sections under them, tables and list items."""
    pos, section_start = 0, 0
    table_rows: list[tuple[int, int]] = []

    def close_table() -> None:
        if len(table_rows) >= 2:
            _table(seg, text, table_rows)
        table_rows.clear()

    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            seg.paragraphs.append((pos, end))
            if len(_TABLE_SEP.findall(line)) >= 2:
                table_rows.append((pos, end))
            else:
                close_table()
                heading = bool(_HEADING.match(line)) and not _unit_note().match(line)
                # 三、下半年工作打算。街道将…: a marked heading run into its paragraph heads it up to its stop.
                run_in = None if heading else _RUN_IN_HEADING.match(line)
                if (heading or run_in) and pos > section_start:
                    seg.sections.append((section_start, pos))
                    section_start = pos
                if heading:
                    seg.headings.append((pos, end, heading_level(line)))
                elif run_in:
                    seg.headings.append((pos, pos + run_in.end(), heading_level(line)))
                elif _LIST_ITEM.match(line):
                    seg.list_items.append((pos, end))
        else:
            close_table()
        pos = end + 1
    close_table()
    seg.sections.append((section_start, len(text)))
    # Where a report marks its headings (#, 一、, （一）, 1.), a short unmarked line is a caption or a byline,
    # not a heading.
    marked = [h for h in seg.headings if is_marked(text[h[0]:h[1]])]
    if marked:
        first = seg.headings[0] if seg.headings and seg.headings[0][0] == 0 else None
        seg.headings = ([first] if first and first not in marked else []) + marked
        starts = {h[0] for h in seg.headings}
        merged: list[tuple[int, int]] = []
        for start, end in seg.sections:
            if merged and start not in starts:
                merged[-1] = (merged[-1][0], end)
            else:
                merged.append((start, end))
        seg.sections = merged


def _table(seg: Segments, text: str, rows: list[tuple[int, int]]) -> None:
    """Cells of a block of rows written with | between columns; the first row is the header when none of
    its cells is a number (1-9月完成（亿元） and 2023年 head columns; 1 and 45.6 are data)."""
    def cells_of(start: int, end: int) -> list[tuple[int, int]]:
        out, cell_start = [], start
        for m in _TABLE_SEP.finditer(text, start, end):
            out.append((cell_start, m.start()))
            cell_start = m.end()
        out.append((cell_start, end))
        return out

    first = cells_of(*rows[0])
    has_header = not any(_NUMBER_CELL.match(text, s, e) for s, e in first)
    headers = [text[s:e].strip() for s, e in first] if has_header else []
    seg.tables.append((rows[0][0], rows[-1][1]))
    for r, (start, end) in enumerate(rows[1:] if has_header else rows):
        for c, (s, e) in enumerate(cells_of(start, end)):
            seg.cells.append(Cell(s, e, r, c, headers[c] if c < len(headers) else ""))


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
    for m in _QUOTE_CHARS.finditer(text):
        i, ch = m.start(), m.group()
        if ch in _QUOTE_OPEN:
            stack.append((i, ch))
        elif stack and ch == _QUOTE_OPEN[stack[-1][1]]:
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
