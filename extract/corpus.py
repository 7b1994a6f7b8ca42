"""Reading the corpus: report files in any encoding they come in, and the manifest beside them."""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

MANIFEST_COLUMNS = ["file", "district", "published", "title", "source", "url", "note"]
_PUBLISHED = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
# Share of control characters (other than whitespace) above which a decoded file is called binary.
_MAX_CONTROL_SHARE = 0.01


class DocumentError(ValueError):
    """A file that cannot be read as a report; the message names the file and the problem."""


@dataclass(frozen=True)
class Document:
    doc_id: str
    text: str
    encoding: str
    path: Path | None = None


def decode_report(data: bytes, name: str) -> tuple[str, str]:
    """Decode the bytes of a report; return (text, encoding) or raise DocumentError naming ``name``.

    UTF-8 (with or without BOM) is tried first, then GB18030 (a superset of GBK and GB2312).
    CRLF and CR line ends become LF, so offsets count one character per line end.
    """
    if not data.strip():
        raise DocumentError(f"{name}: empty file")
    if b"\x00" in data[:4096]:
        raise DocumentError(f"{name}: binary file (contains NUL bytes), not a text report")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        label = {"utf-8-sig": "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"}.get(encoding, encoding)
        break
    else:
        raise DocumentError(f"{name}: cannot be decoded as UTF-8 or GB18030/GBK")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f\v")
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise DocumentError(f"{name}: looks binary ({controls} control characters), not a text report")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError(f"{name}: empty file (whitespace only)")
    return text, label


def read_document(path: str | Path) -> Document:
    """Read one report file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    text, encoding = decode_report(data, str(path))
    return Document(doc_id=path.name, text=text, encoding=encoding, path=path)


def parse_published(value: str | None) -> tuple[int | None, str | None]:
    """Return (year, problem) for a manifest ``published`` value: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    value = (value or "").strip()
    if not value:
        return None, None
    m = _PUBLISHED.match(value)
    if not m:
        return None, f"bad date {value!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)"
    year, month, day = (int(g) if g else None for g in m.groups())
    if not 1949 <= year <= 2100 or (month and not 1 <= month <= 12) or (day and not 1 <= day <= 31):
        return None, f"bad date {value!r}"
    return year, None


def read_manifest(folder_or_file: str | Path) -> pd.DataFrame:
    """The manifest as a table of strings with the columns of MANIFEST_COLUMNS (missing ones empty).

    A folder without manifest.csv gives an empty table. Raises DocumentError when the file
    exists but is not a CSV with a ``file`` column.
    """
    path = Path(folder_or_file)
    if path.is_dir():
        path = path / "manifest.csv"
    if not path.exists():
        return pd.DataFrame(columns=MANIFEST_COLUMNS, dtype="string")
    try:
        text, _ = decode_report(path.read_bytes(), str(path))
        rows = list(csv.DictReader(io.StringIO(text)))
    except (DocumentError, csv.Error) as exc:
        raise DocumentError(f"{path}: not a readable manifest ({exc})") from exc
    if rows and "file" not in rows[0]:
        raise DocumentError(f"{path}: manifest has no 'file' column")
    table = pd.DataFrame(rows, columns=None if rows else MANIFEST_COLUMNS)
    table.columns = [str(c).strip() for c in table.columns]
    table = table.reindex(columns=MANIFEST_COLUMNS).astype("string")
    return table.apply(lambda col: col.fillna("").str.strip())
