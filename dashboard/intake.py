"""Changing the corpus from the dashboard: save a new report, correct a report's manifest row, remove
a report. Each change is all or nothing. No Streamlit here, so it can be tested and used from a notebook.

Files are first written in full to temporary files in the corpus folder, then moved into place with
``os.replace`` (atomic on one file system). The manifest is locked (``filelock``, a ``.manifest.csv.lock``
file beside it) from the moment it is read until it is replaced, so two saves at once both keep their
rows. A failure undoes what was moved: saving removes the new report again when the manifest cannot be
replaced; removing puts the report back.

Every refusal is an :class:`IntakeError` with a ``code`` and its ``params`` (the dashboard turns them into
a message in the interface language, ``dashboard.i18n`` keys ``intake.<code>``), and an English message.
No message names a server path.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path

from filelock import FileLock, Timeout

from extract.corpus import DocumentError, decode_report
from extract.places import gazetteer

#: Columns of manifest.csv (DESIGN.md, "The corpus").
MANIFEST_FIELDS = ("file", "district", "published", "title", "source", "url", "note")
#: The largest report accepted, in MB (also ``server.maxUploadSize`` in .streamlit/config.toml).
MAX_REPORT_MB = 5
MAX_REPORT_BYTES = MAX_REPORT_MB * 1024 * 1024
#: The longest file name kept (characters); longer names are shortened when suggested, refused when typed.
MAX_NAME_CHARS = 120
#: Seconds a save waits for another one holding the manifest.
LOCK_TIMEOUT = 30
_PUBLISHED = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_BAD_NAME = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')


class IntakeError(ValueError):
    """A change the corpus cannot take as given: ``code`` says which, ``params`` its details."""

    def __init__(self, code: str, message: str, **params: object):
        super().__init__(message)
        self.code = code
        self.params = params


def check_published(value: str) -> str:
    """``value`` stripped if it is a real ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` date (or empty); else IntakeError.

    >>> check_published(" 2024-02-29 "), check_published("2024-5")
    ('2024-02-29', '2024-05')
    >>> try:
    ...     check_published("2023-02-30")
    ... except IntakeError as exc:
    ...     print(exc.code, exc)
    no_such_date no such date: '2023-02-30'
    """
    value = (value or "").strip()
    if not value:
        return ""
    m = _PUBLISHED.match(value)
    if not m:
        raise IntakeError("bad_date", f"bad date {value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD", value=value)
    year, month, day = (int(g) if g else None for g in m.groups())
    if not 1949 <= year <= dt.date.today().year + 1:
        raise IntakeError("bad_year", f"bad date {value!r}: the year is out of range", value=value)
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        raise IntakeError("no_such_date", f"no such date: {value!r}", value=value) from None
    if day is not None:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}" if month is not None else f"{year:04d}"


def normal_name(name: str) -> str:
    """``name`` stripped, with a ``.TXT`` (any case) suffix written ``.txt``: the engine reads ``*.txt``."""
    name = (name or "").strip()
    if name.lower().endswith(".txt") and not name.endswith(".txt"):
        name = name[:-4] + ".txt"
    return name


def check_filename(name: str, folder: str | Path | None = None, *, new: bool = True) -> str:
    """A plain ``*.txt`` file name (suffix in lower case), new in ``folder`` when given; else IntakeError."""
    name = normal_name(name)
    if not name:
        raise IntakeError("empty_name", "the file name is empty")
    if _BAD_NAME.search(name) or name.startswith(".") or name in (".", ".."):
        raise IntakeError("bad_name", f"{name!r} is not a plain file name", name=name)
    if not name.endswith(".txt"):
        raise IntakeError("not_txt", f"{name!r} must end in .txt", name=name)
    if len(name) > MAX_NAME_CHARS or len(name.encode("utf-8")) > 240:
        raise IntakeError("long_name", f"the file name is longer than {MAX_NAME_CHARS} characters",
                          limit=MAX_NAME_CHARS)
    if folder is not None and new:
        try:
            taken = (Path(folder) / name).exists() or name.lower() in _names_folded(Path(folder))
        except OSError as exc:
            raise IntakeError("bad_name", f"{name!r} cannot be used ({exc.strerror})", name=name) from None
        if taken:
            raise IntakeError("exists", f"{name} already exists in the corpus", name=name)
    return name


def _names_folded(folder: Path) -> set[str]:
    try:
        return {p.name.lower() for p in folder.iterdir()}
    except OSError:
        return set()


def suggest_filename(folder: str | Path, text: str, wanted: str | None = None) -> str:
    """``wanted`` when it is a usable new name, else ``NNN_<hash>.txt`` after the corpus's numbering."""
    if wanted:
        try:
            return check_filename(Path(str(wanted)).name, folder)
        except (IntakeError, ValueError):
            pass
    folder = Path(folder)
    try:
        names = [p.name for p in folder.iterdir()]
    except OSError:
        names = []
    numbers = [int(m.group(1)) for n in names if n.lower().endswith(".txt") and (m := re.match(r"(\d+)_", n))]
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{max(numbers, default=-1) + 1:03d}_{digest}.txt"


def suggest_district(text: str) -> tuple[str, int] | None:
    """The district a text names most (unambiguous mentions of it and its sub-districts), and how often;
    the engine's rule for a report the manifest does not place (``extract.places``).

    >>> suggest_district("金水区开展活动，金水区共建成12个驿站。中原区代表参观。")
    ('金水区', 2)
    """
    counts: dict[str, int] = {}
    for mention in gazetteer().mentions(text):
        districts = {p.district for p in mention.places}
        if len(districts) == 1:
            district = districts.pop()
            counts[district] = counts.get(district, 0) + 1
    if not counts:
        return None
    best = max(counts.items(), key=lambda item: (item[1], -list(counts).index(item[0])))
    return best


def check_size(size: int) -> None:
    """Refuse a report above ``MAX_REPORT_BYTES``."""
    if size > MAX_REPORT_BYTES:
        raise IntakeError("too_big", f"the report has {size:,} bytes; at most {MAX_REPORT_BYTES:,} are accepted",
                          size=size, limit=MAX_REPORT_MB)


def decode_upload(data: bytes, name: str) -> tuple[str, str]:
    """(text, encoding) of uploaded bytes, read exactly as the corpus reads files; IntakeError when they
    are too many or not a text report (the message names the file as uploaded, never a server path)."""
    check_size(len(data))
    shown = _short(Path(str(name)).name or "upload.txt")
    try:
        return decode_report(data, shown)
    except DocumentError as exc:
        reason = str(exc).split(": ", 1)[-1]
        code = ("empty" if "empty" in reason else "binary" if "binary" in reason
                else "undecodable" if "decode" in reason else "unreadable")
        raise IntakeError(code, f"{shown}: {reason}", name=shown) from None


def _short(name: str, limit: int = 60) -> str:
    return name if len(name) <= limit else name[:limit - 1] + "…"


def save_report(folder: str | Path, filename: str, text: str, row: Mapping[str, str]) -> Path:
    """Write ``text`` as ``folder/filename`` (UTF-8) and append its manifest row; return the new path.

    ``row`` holds the manifest fields besides ``file`` (district, published, title, source, url, note).
    Either both the report and the manifest row are there afterwards, or neither changed.
    """
    folder = _folder(folder)
    name = check_filename(filename, folder)
    if not text.strip():
        raise IntakeError("empty", "the report is empty", name=name)
    data = text.encode("utf-8", "surrogatepass")
    check_size(len(data))
    record = _record(row)
    record["file"] = name
    target = folder / name
    with _locked(folder):
        if target.exists():
            raise IntakeError("exists", f"{name} already exists in the corpus", name=name)
        manifest = folder / "manifest.csv"
        manifest_bytes = _manifest_with(manifest, record)
        report_tmp = manifest_tmp = None
        try:
            report_tmp = _write_temp(folder, data)
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
            _clean(report_tmp, manifest_tmp)
    return target


def update_report(folder: str | Path, filename: str, row: Mapping[str, str]) -> None:
    """Replace the manifest row of ``filename`` (added when the manifest lacks it); the text is kept."""
    folder = _folder(folder)
    name = str(filename)
    if not (folder / name).is_file():
        raise IntakeError("missing", f"{name} is not in the corpus", name=name)
    record = _record(row)
    record["file"] = name
    with _locked(folder):
        manifest = folder / "manifest.csv"
        if not manifest.exists():
            payload = _manifest_with(manifest, record)
        else:
            header, rows, encoding, bom, end = _read_manifest(manifest)
            header = header + [k for k in MANIFEST_FIELDS if k not in header and record.get(k)]
            found = False
            for r in rows:
                if r.get("file", "").strip() == name:
                    r.update({k: v for k, v in record.items()})
                    found = True
            if not found:
                rows.append(dict(record))
            payload = _encode_manifest(header, rows, encoding, bom, end)
        _replace(folder, manifest, payload)


def remove_report(folder: str | Path, filename: str) -> None:
    """Remove ``filename`` and its manifest rows from the corpus, both or neither."""
    folder = _folder(folder)
    name = str(filename)
    target = folder / name
    if not target.is_file() or Path(name).name != name:
        raise IntakeError("missing", f"{name} is not in the corpus", name=name)
    with _locked(folder):
        manifest = folder / "manifest.csv"
        payload = None
        if manifest.exists():
            header, rows, encoding, bom, end = _read_manifest(manifest)
            kept = [r for r in rows if r.get("file", "").strip() != name]
            if len(kept) != len(rows):
                payload = _encode_manifest(header, kept, encoding, bom, end)
        aside = manifest_tmp = None
        try:
            if payload is not None:
                manifest_tmp = _write_temp(folder, payload)
            fd, aside = tempfile.mkstemp(dir=folder, prefix=".ledger-removed-", suffix=".tmp")
            os.close(fd)
            os.replace(target, aside)
            try:
                if manifest_tmp is not None:
                    os.replace(manifest_tmp, manifest)
                    manifest_tmp = None
            except BaseException:
                os.replace(aside, target)
                aside = None
                raise
        finally:
            _clean(aside, manifest_tmp)


def manifest_row(folder: str | Path, filename: str) -> dict[str, str]:
    """The manifest fields of ``filename`` (empty strings when the manifest lacks it)."""
    manifest = Path(folder) / "manifest.csv"
    out = {k: "" for k in MANIFEST_FIELDS}
    out["file"] = str(filename)
    if manifest.exists():
        _, rows, *_ = _read_manifest(manifest)
        for r in rows:
            if r.get("file", "").strip() == filename:
                out.update({k: (r.get(k) or "").strip() for k in MANIFEST_FIELDS if k != "file"})
    return out


# ---------------------------------------------------------------------------------------------- helpers

def _folder(folder: str | Path) -> Path:
    folder = Path(folder)
    if not folder.is_dir():
        raise IntakeError("no_corpus", "the corpus folder does not exist")
    return folder


def _record(row: Mapping[str, str]) -> dict[str, str]:
    record = {k: _one_line(str(row.get(k) or "")) for k in MANIFEST_FIELDS if k != "file"}
    record["published"] = check_published(record.get("published", ""))
    if not record.get("district"):
        raise IntakeError("no_district", "the district is missing")
    return record


class _locked:
    """The manifest's lock, held while it is read, changed and replaced."""

    def __init__(self, folder: Path):
        self.lock = FileLock(str(folder / ".manifest.csv.lock"), timeout=LOCK_TIMEOUT)

    def __enter__(self):
        try:
            self.lock.acquire()
        except Timeout:
            raise IntakeError("busy", "another change of the corpus is under way; try again") from None
        except OSError as exc:
            raise IntakeError("unwritable", f"the corpus folder cannot be written ({exc.strerror})") from None
        return self

    def __exit__(self, *exc):
        self.lock.release()
        return False


def _decode_manifest(data: bytes) -> tuple[str, str, bool]:
    """(text, encoding, had a BOM) of the manifest's bytes: UTF-8 (with or without BOM), else GB18030."""
    bom = data.startswith(b"\xef\xbb\xbf")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding), ("utf-8" if encoding == "utf-8-sig" else encoding), bom
        except UnicodeDecodeError:
            continue
    raise IntakeError("bad_manifest", "manifest.csv cannot be decoded as UTF-8 or GB18030/GBK")


def _read_manifest(manifest: Path) -> tuple[list[str], list[dict[str, str]], str, bool, str]:
    text, encoding, bom = _decode_manifest(manifest.read_bytes())
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error:
        raise IntakeError("bad_manifest", "manifest.csv is not a readable CSV file") from None
    header = [h.strip() for h in rows[0]] if rows else list(MANIFEST_FIELDS)
    if "file" not in header:
        raise IntakeError("bad_manifest", "manifest.csv has no 'file' column")
    body = [dict(zip(header, r + [""] * (len(header) - len(r)))) for r in rows[1:] if any(c.strip() for c in r)]
    return header, body, encoding, bom, _line_end(text)


def _encode_manifest(header: list[str], rows: list[dict[str, str]], encoding: str, bom: bool, end: str) -> bytes:
    body = [header] + [[r.get(h, "") or "" for h in header] for r in rows]
    return (b"\xef\xbb\xbf" if bom and encoding == "utf-8" else b"") + _csv_text(body, end).encode(encoding)


def _manifest_with(manifest: Path, record: Mapping[str, str]) -> bytes:
    """The manifest's bytes with ``record`` added; the existing rows are kept byte for byte when possible,
    and so is the manifest's encoding (UTF-8, with its BOM if it had one, or GBK/GB18030)."""
    if not manifest.exists():
        return _csv_text([list(MANIFEST_FIELDS), [record.get(k, "") for k in MANIFEST_FIELDS]], "\n").encode("utf-8")
    data = manifest.read_bytes()
    text, encoding, bom = _decode_manifest(data)
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error:
        raise IntakeError("bad_manifest", "manifest.csv is not a readable CSV file") from None
    header = [h.strip() for h in rows[0]] if rows else []
    if not header:
        header = list(MANIFEST_FIELDS)
        text = ""
    if "file" not in header:
        raise IntakeError("bad_manifest", "manifest.csv has no 'file' column")
    if any(record.get(k) and k not in header for k in MANIFEST_FIELDS):
        # a field the header lacks has a value: rewrite the file with the header extended
        header = header + [k for k in MANIFEST_FIELDS if k not in header]
        old = [dict(zip([h.strip() for h in rows[0]], r)) for r in rows[1:]] if rows else []
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
    prefix = b"\xef\xbb\xbf" if bom and encoding == "utf-8" else b""
    try:
        return prefix + out.encode(encoding)
    except UnicodeEncodeError:
        raise IntakeError("bad_manifest", f"the new row cannot be written in the manifest's encoding ({encoding})") \
            from None


def _replace(folder: Path, target: Path, payload: bytes) -> None:
    tmp = _write_temp(folder, payload)
    try:
        os.replace(tmp, target)
        tmp = None
    finally:
        _clean(tmp)


def _clean(*paths: str | None) -> None:
    for leftover in paths:
        if leftover is not None:
            Path(leftover).unlink(missing_ok=True)


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
