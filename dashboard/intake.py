"""Saving a new report into the corpus: the text file plus its manifest row, all or nothing.

Both files are first written in full to temporary files in the corpus folder, then moved into
place with ``os.replace`` (atomic on one file system): the report first, then the manifest. If
the manifest cannot be replaced the report is removed again, so a failure leaves the corpus as
it was. No Streamlit here, so it can be tested and used from a notebook.
"""
from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path

from extract.corpus import read_document

#: Columns of manifest.csv (DESIGN.md, "The corpus").
MANIFEST_FIELDS = ("file", "district", "published", "title", "source", "url", "note")
_PUBLISHED = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_BAD_NAME = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')


class IntakeError(ValueError):
    """A report that cannot be saved as given; the message says why."""


def check_published(value: str) -> str:
    """``value`` stripped if it is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (or empty); else IntakeError."""
    value = (value or "").strip()
    if not value:
        return ""
    m = _PUBLISHED.match(value)
    if not m:
        raise IntakeError(f"bad date {value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in m.groups())
    if not 1949 <= year <= 2100 or (month is not None and not 1 <= month <= 12) or (
            day is not None and not 1 <= day <= 31):
        raise IntakeError(f"bad date {value!r}")
    return value


def check_filename(name: str, folder: str | Path | None = None) -> str:
    """A plain ``*.txt`` file name, new in ``folder`` when given; else IntakeError."""
    name = (name or "").strip()
    if not name:
        raise IntakeError("the file name is empty")
    if _BAD_NAME.search(name) or name.startswith(".") or name in (".", ".."):
        raise IntakeError(f"{name!r} is not a plain file name")
    if not name.lower().endswith(".txt"):
        raise IntakeError(f"{name!r} must end in .txt")
    if folder is not None and (Path(folder) / name).exists():
        raise IntakeError(f"{name} already exists in the corpus")
    return name


def suggest_filename(folder: str | Path, text: str, wanted: str | None = None) -> str:
    """``wanted`` when it is a usable new name, else ``NNN_<hash>.txt`` after the corpus's numbering."""
    if wanted:
        try:
            return check_filename(Path(wanted).name, folder)
        except IntakeError:
            pass
    folder = Path(folder)
    numbers = [int(m.group(1)) for p in folder.glob("*.txt") if (m := re.match(r"(\d+)_", p.name))]
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
    return f"{max(numbers, default=-1) + 1:03d}_{digest}.txt"


def decode_upload(data: bytes, name: str) -> tuple[str, str]:
    """(text, encoding) of uploaded bytes, read exactly as the corpus reads files.

    Raises ``extract.corpus.DocumentError`` (naming the file) when the bytes are not a text report.
    """
    safe = Path(name).name or "upload.txt"
    with tempfile.TemporaryDirectory(prefix="ledger-upload-") as tmp:
        path = Path(tmp) / safe
        path.write_bytes(data)
        document = read_document(path)
    return document.text, document.encoding


def save_report(folder: str | Path, filename: str, text: str, row: Mapping[str, str]) -> Path:
    """Write ``text`` as ``folder/filename`` (UTF-8) and append its manifest row; return the new path.

    ``row`` holds the manifest fields besides ``file`` (district, published, title, source, url, note).
    Either both the report and the manifest row are there afterwards, or neither changed.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise IntakeError(f"the corpus folder {folder} does not exist")
    name = check_filename(filename, folder)
    if not text.strip():
        raise IntakeError("the report is empty")
    record = {k: _one_line(str(row.get(k) or "")) for k in MANIFEST_FIELDS if k != "file"}
    record["published"] = check_published(record.get("published", ""))
    if not record.get("district"):
        raise IntakeError("the district is missing")
    record["file"] = name

    manifest = folder / "manifest.csv"
    manifest_bytes = _manifest_with(manifest, record)
    target = folder / name
    report_tmp = manifest_tmp = None
    try:
        report_tmp = _write_temp(folder, text.encode("utf-8"))
        manifest_tmp = _write_temp(folder, manifest_bytes)
        os.replace(report_tmp, target)
        report_tmp = None
        try:
            os.replace(manifest_tmp, manifest)
            manifest_tmp = None
        except BaseException:
            target.unlink(missing_ok=True)
            raise
    finally:
        for leftover in (report_tmp, manifest_tmp):
            if leftover is not None:
                Path(leftover).unlink(missing_ok=True)
    return target


def _manifest_with(manifest: Path, record: Mapping[str, str]) -> bytes:
    """The manifest's bytes with ``record`` added; the existing rows are kept byte for byte when possible."""
    if not manifest.exists():
        return _csv_text([list(MANIFEST_FIELDS), [record.get(k, "") for k in MANIFEST_FIELDS]], "\n").encode("utf-8")
    data = manifest.read_bytes()
    bom = data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    header = [h.strip() for h in rows[0]] if rows else []
    if not header:
        header = list(MANIFEST_FIELDS)
        text = ""
    if any(record.get(k) and k not in header for k in MANIFEST_FIELDS):
        # a field the header lacks has a value: rewrite the file with the header extended
        header = header + [k for k in MANIFEST_FIELDS if k not in header]
        old = list(csv.DictReader(io.StringIO(text)))
        body = [header] + [[r.get(h, "") or "" for h in header] for r in old]
        body.append([record.get(h, "") for h in header])
        out = _csv_text(body, _line_end(text))
    else:
        end = _line_end(text)
        if text and not text.endswith(("\n", "\r")):
            text += end
        if not text:
            text = _csv_text([header], end)
        out = text + _csv_text([[record.get(h, "") for h in header]], end)
    return (b"\xef\xbb\xbf" if bom else b"") + out.encode("utf-8")


def _csv_text(rows: list[list[str]], line_end: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=line_end).writerows(rows)
    return buffer.getvalue()


def _line_end(text: str) -> str:
    return "\r\n" if "\r\n" in text[:4096] else "\n"


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _write_temp(folder: Path, data: bytes) -> str:
    fd, path = tempfile.mkstemp(dir=folder, prefix=".ledger-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(path, 0o644)  # mkstemp makes 0600; corpus files are meant to be readable
    except BaseException:
        Path(path).unlink(missing_ok=True)
        raise
    return path
