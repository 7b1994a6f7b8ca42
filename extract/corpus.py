"""Reading the corpus: report files in any encoding they come in, and the manifest beside them."""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd

MANIFEST_COLUMNS = ["file", "district", "published", "title", "source", "url", "note"]
MANIFEST_NAME = "manifest.csv"
#: The suffix of a report file, compared without regard to case (x.txt, x.TXT).
REPORT_SUFFIX = ".txt"
_PUBLISHED = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
# Control characters (not whitespace) that a text seldom holds; a decoded file with more than
# _MAX_CONTROL_SHARE of its characters among them is binary, a few of them are kept as read.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0e, 0x20), 0x7f])
_MAX_CONTROL_SHARE = 0.10
# Bytes that fail every decoder are called binary (not text in another encoding) when they hold a
# NUL or more than this share of control bytes; text in any encoding has almost none.
_MAX_CONTROL_BYTE_SHARE = 0.01
# UTF-16 without a byte-order mark is taken only when it is unmistakable: at least this many NUL
# bytes, most of them on one side of the byte pairs (the high byte of ASCII characters; 一 U+4E00
# and 退 U+9000 put theirs on the other) ...
_UTF16_MIN_NULS = 4
_UTF16_NUL_SIDE = 2 / 3
# ... and the decoded text almost all letters a Chinese report is written in.
_UTF16_PLAUSIBLE = 0.9
_PLAUSIBLE = re.compile("[\t\n\r\x20-\x7e\u00a0-\u024f\u2000-\u206f\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
# Markup that marks a page of HTML: a doctype or <html> near the start, or several common tags.
_HTML_START = re.compile(r"<!doctype\s+html|<html[\s>]", re.I)
_HTML_TAG = re.compile(r"</(?:p|div|span|td|tr|li|a|b|strong|font|body|html|head|title|script|style)>|<br\s*/?>", re.I)
_HTML_MIN_TAGS = 3
_HTML_HEAD_CHARS = 2000


class DocumentError(ValueError):
    """A file that cannot be read as a report; the message names the file and the problem."""


@dataclass(frozen=True)
class Document:
    doc_id: str
    text: str
    encoding: str
    path: Path | None = None
    note: str = ""  # how the text was made from the file, when not simply decoded (HTML converted …)


def is_report(path: str | Path) -> bool:
    """Whether ``path`` has the suffix of a report file (``.txt`` in any case)."""
    return Path(path).suffix.lower() == REPORT_SUFFIX


def decode_report(data: bytes, name: str) -> tuple[str, str]:
    """Decode the bytes of a report; return (text, encoding) or raise DocumentError naming ``name``.

    A byte-order mark says UTF-8 or UTF-16; without one, UTF-16 is taken when it is unmistakable, then
    UTF-8 is tried, then GB18030 (a superset of GBK and GB2312). A file is binary when more than one
    character in ten is a control character; a few of them are kept as they are. CRLF and CR line ends
    become LF, so offsets count one character per line end.
    """
    if not data.strip():
        raise DocumentError(f"{name}: empty file")
    text, label = _decode(data, name)
    controls = len(_CONTROL.findall(text))
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise DocumentError(f"{name}: binary file ({controls} control characters in {len(text)}), not a text report")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError(f"{name}: empty file (whitespace only)")
    return text, label


def _decode(data: bytes, name: str) -> tuple[str, str]:
    for bom, encoding, label in ((codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
                                 (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
                                 (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), label
            except UnicodeDecodeError as exc:
                raise DocumentError(f"{name}: starts with a {label} byte-order mark but cannot be decoded "
                                    f"as {label} (byte {exc.start})") from exc
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16:
            return utf16
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if b"\x00" in data or controls > _MAX_CONTROL_BYTE_SHARE * len(data):
        raise DocumentError(f"{name}: binary file ({controls} control bytes), not a text report")
    raise DocumentError(f"{name}: cannot be decoded as UTF-8, UTF-16 or GB18030/GBK")


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) when ``data`` is unmistakably UTF-16 without a byte-order mark, else None."""
    if len(data) % 2:
        return None
    nul_even, nul_odd = data[0::2].count(0), data[1::2].count(0)
    if nul_odd >= max(_UTF16_MIN_NULS, _UTF16_NUL_SIDE * (nul_even + nul_odd)):
        encoding = "utf-16-le"
    elif nul_even >= max(_UTF16_MIN_NULS, _UTF16_NUL_SIDE * (nul_even + nul_odd)):
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    plausible = len(_PLAUSIBLE.findall(text))
    return (text, encoding) if plausible >= _UTF16_PLAUSIBLE * len(text) else None


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is a page of HTML markup rather than a report (a doctype, <html>, or several tags)."""
    if _HTML_START.search(text, 0, _HTML_HEAD_CHARS):
        return True
    count = 0
    for _ in _HTML_TAG.finditer(text):
        count += 1
        if count >= _HTML_MIN_TAGS:
            return True
    return False


class _PageText(HTMLParser):
    """The visible text of an HTML page: scripts and styles dropped, one line per block element."""

    SKIP = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "object"})
    BLOCK = frozenset({
        "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt", "figcaption",
        "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
        "ol", "p", "pre", "section", "table", "td", "th", "title", "tr", "ul",
    })
    _SPACE = re.compile(r"[ \t\r\n\f\v]+")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(self._SPACE.sub(" ", data))

    def text(self) -> str:
        lines = (line.strip() for line in "".join(self.parts).split("\n"))
        return "\n".join(line for line in lines if line) + "\n"


def html_to_text(markup: str) -> str:
    """The text of an HTML page, as a report: one line per paragraph, heading or table cell."""
    parser = _PageText()
    parser.feed(markup)
    parser.close()
    return parser.text()


def read_document(path: str | Path, doc_id: str | None = None) -> Document:
    """Read one report file (``doc_id`` defaults to its name); an HTML page gives its text, with a note."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    text, encoding = decode_report(data, str(path))
    notes = []
    if looks_like_html(text):
        text = html_to_text(text)
        notes.append("converted from HTML")
        if not text.strip():
            raise DocumentError(f"{path}: an HTML page without text")
    controls = len(_CONTROL.findall(text))
    if controls:
        notes.append(f"{controls} control character{'s' if controls > 1 else ''} kept")
    return Document(doc_id=doc_id or path.name, text=text, encoding=encoding, path=path, note="; ".join(notes))


def parse_published(value: str | None) -> tuple[int | None, str | None]:
    """Return (year, problem) for a manifest ``published`` value: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

    >>> parse_published("2024-02-29")
    (2024, None)
    >>> parse_published("2023-02-29")
    (None, "bad date '2023-02-29' (no such day)")
    """
    value = (value or "").strip()
    if not value:
        return None, None
    m = _PUBLISHED.match(value)
    if not m:
        return None, f"bad date {value!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)"
    year, month, day = (int(g) if g else None for g in m.groups())
    if not 1949 <= year <= 2100:
        return None, f"bad date {value!r} (year out of range)"
    if month is not None and not 1 <= month <= 12:
        return None, f"bad date {value!r} (no such month)"
    if day is not None:
        try:
            dt.date(year, month, day)
        except ValueError:
            return None, f"bad date {value!r} (no such day)"
    return year, None


def manifest_path(folder: str | Path) -> Path | None:
    """The manifest of a corpus folder (``manifest.csv``, in any case), or None."""
    folder = Path(folder)
    exact = folder / MANIFEST_NAME
    if exact.is_file():
        return exact
    try:
        return next((p for p in folder.iterdir() if p.name.lower() == MANIFEST_NAME and p.is_file()), None)
    except OSError:
        return None


def read_manifest(folder_or_file: str | Path) -> pd.DataFrame:
    """The manifest as a table of strings with the columns of MANIFEST_COLUMNS (missing ones empty).

    Column names are read without surrounding spaces and case. A folder without manifest.csv gives an
    empty table. Raises DocumentError when the file exists but is not a CSV with a ``file`` column.
    """
    path = Path(folder_or_file)
    if path.is_dir():
        path = manifest_path(path) or path / MANIFEST_NAME
    if not path.exists():
        return pd.DataFrame(columns=MANIFEST_COLUMNS, dtype="string")
    try:
        text, _ = decode_report(path.read_bytes(), str(path))
        rows = list(csv.reader(io.StringIO(text)))
    except (DocumentError, csv.Error, OSError) as exc:
        raise DocumentError(f"{path}: not a readable manifest ({exc})") from exc
    header = [name.strip().lower() for name in rows[0]] if rows else []
    if rows and "file" not in header:
        raise DocumentError(f"{path}: manifest has no 'file' column")
    records = [dict(zip(header, row)) for row in rows[1:] if any(cell.strip() for cell in row)]
    table = pd.DataFrame(records, columns=header or MANIFEST_COLUMNS)
    table = table.loc[:, ~table.columns.duplicated()].reindex(columns=MANIFEST_COLUMNS).astype("string")
    return table.apply(lambda col: col.fillna("").str.strip())
