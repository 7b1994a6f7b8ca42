"""A synthetic corpus for the benchmarks: the sentences of the seed reports and of the development
passages recombined into new reports.

    python bench/make_corpus.py OUT_DIR --reports N --seed S

writes N reports (``syn_00000.txt`` …) and their ``manifest.csv`` into OUT_DIR. Each report takes runs
of consecutive sentences from the seed reports (``seeds/*.txt``) and the development passages
(``tests/fixtures/devset``) and moves them to another Zhengzhou
district (every district, county-level city and county of ``extract/rules/gazetteer.csv``, with the
source district's sub-districts swapped for the new district's) and another publication date
(2016–2024; explicit years in a sentence shift with it). Arabic numbers are perturbed in their own
format: ``2.8万`` stays one decimal, ``1,387`` keeps its thousands separator, a percentage stays at or
below 100; dates, times, codes (“13710”, 1+17+N) and fractions (1/3) are left alone. The same
arguments give the same corpus, byte for byte.

Other benchmarks import :func:`make_corpus`.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
# The development passages (work reports, bulletins, progress tables, village profiles …) lend their
# sentences too, so that the corpus varies in genre as well as in numbers.
SOURCES = (SEEDS, ROOT / "tests" / "fixtures" / "devset")
GAZETTEER = ROOT / "extract" / "rules" / "gazetteer.csv"
MANIFEST_COLUMNS = ["file", "district", "published", "title", "source", "url", "note"]
FIRST_DAY, LAST_DAY = dt.date(2016, 1, 1), dt.date(2024, 12, 31)

_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]*[”’」』)）]*")
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_QUANTITY = re.compile(rf"(?<![\d.,])({_NUMBER})(?:\s*([~～\-—至到])\s*({_NUMBER}))?(?![\d,]|\.\d)")
# After a number: these make it a date, a time or part of a code, so it is left as it is.
_DATE_AFTER = re.compile(r"\s*(?:年|月|日|号|时|点钟|[:：/+＋]|-\d|\.\d+[.\-]\d)")
_CODE_BEFORE = set("第:：/+＋-—“\"'‘《#")
_CODE_AFTER = set("”\"'’》+＋/")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=\s*年|\s*[-—/.]\d{1,2}[-—/.]\d)")
_PERCENT_AFTER = re.compile(r"\s*[%％]")


@dataclass(frozen=True)
class Seed:
    name: str
    district: str
    year: int
    title: str
    source: str
    paragraphs: tuple[tuple[str, ...], ...]  # sentences of each paragraph with text in it
    headings: tuple[str, ...]  # lines that head a section ("## …", or short lines without a full stop)


def districts_and_places(path: Path = GAZETTEER) -> tuple[dict[str, list[str]], dict[str, dict[str, list[str]]]]:
    """({district: its names and aliases}, {district: {kind: sub-district names}}) from the gazetteer."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    names: dict[str, list[str]] = {}
    places: dict[str, dict[str, list[str]]] = {}
    for row in rows:
        name, kind, district = row["name"].strip(), row["kind"].strip(), row["district"].strip()
        aliases = [a.strip() for a in (row.get("aliases") or "").split(";") if a.strip()]
        if name == district:
            names[name] = [name, *aliases]
        else:
            places.setdefault(district, {}).setdefault(kind, []).append(name)
    for district in names:
        places.setdefault(district, {})
    return names, places


def read_seeds(folder: Path = SEEDS) -> list[Seed]:
    with open(folder / "manifest.csv", encoding="utf-8-sig", newline="") as f:
        manifest = {row["file"]: row for row in csv.DictReader(f)}
    seeds = []
    for path in sorted(folder.glob("*.txt")):
        row = manifest.get(path.name)
        if not row or not row.get("published"):
            continue
        text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
        lines = [line.strip() for line in text.split("\n") if line.strip()]
        headings = tuple(line for line in lines if _is_heading(line))
        paragraphs = tuple(
            tuple(s.strip() for s in _SENTENCE.findall(line) if s.strip())
            for line in lines if not _is_heading(line)
        )
        seeds.append(Seed(path.name, row["district"], int(row["published"][:4]), row.get("title") or "",
                          row.get("source") or "", tuple(p for p in paragraphs if p), headings))
    if not seeds:
        raise SystemExit(f"{folder}: no seed reports with a manifest row and a publication date")
    return seeds


def _is_heading(line: str) -> bool:
    return line.startswith("#") or (len(line) <= 40 and not re.search(r"[。！？!?；;]", line))


def _format_like(original: str, value: float) -> str:
    """``value`` written the way ``original`` is: same decimals, thousands separators if it had them."""
    decimals = len(original.split(".")[1]) if "." in original else 0
    if "," in original:
        return f"{value:,.{decimals}f}"
    return f"{value:.{decimals}f}"


def _scale(original: str, factor: float, percent: bool, rng: random.Random) -> str:
    old = float(original.replace(",", ""))
    decimals = len(original.split(".")[1]) if "." in original else 0
    new = round(old * factor, decimals)
    if old > 0 and new <= 0:
        new = 10 ** -decimals
    if percent and old <= 100 < new:
        new = round(old + (100 - old) * rng.random(), decimals)  # a share stays a share
    return _format_like(original, new)


def perturb_numbers(sentence: str, rng: random.Random) -> str:
    """Every counted Arabic number (or range) of ``sentence`` scaled by a random factor, in its own format."""
    out, last = [], 0
    for m in _QUANTITY.finditer(sentence):
        before = sentence[m.start() - 1] if m.start() else ""
        after = sentence[m.end()] if m.end() < len(sentence) else ""
        if before in _CODE_BEFORE or after in _CODE_AFTER or _DATE_AFTER.match(sentence, m.end()):
            continue
        lo, sep, hi = m.group(1), m.group(2), m.group(3)
        if hi is None and re.fullmatch(r"(?:19|20)\d{2}", lo):
            continue  # a year without 年 (2023郑州市…): left alone
        percent = bool(_PERCENT_AFTER.match(sentence, m.end()))
        factor = rng.uniform(0.6, 1.6)
        text = _scale(lo, factor, percent, rng)
        if hi is not None:
            text += sep + _scale(hi, factor, percent, rng)
        out.append(sentence[last:m.start()])
        out.append(text)
        last = m.end()
    out.append(sentence[last:])
    return "".join(out)


def shift_years(sentence: str, delta: int) -> str:
    if not delta:
        return sentence
    return _YEAR.sub(lambda m: str(int(m.group(1)) + delta), sentence)


class _Mover:
    """Moves a sentence from its seed district to another: district names and sub-district names."""

    def __init__(self, names: dict[str, list[str]], places: dict[str, dict[str, list[str]]]):
        self.names, self.places = names, places
        self._district_re = {d: re.compile("|".join(map(re.escape, sorted(n, key=len, reverse=True))))
                             for d, n in names.items()}
        self._place_re = {}
        for d, kinds in places.items():
            all_names = sorted((n for ns in kinds.values() for n in ns), key=len, reverse=True)
            self._place_re[d] = re.compile("|".join(map(re.escape, all_names))) if all_names else None
        self._kind = {(d, n): k for d, kinds in places.items() for k, ns in kinds.items() for n in ns}

    def move(self, sentence: str, source: str, target: str, swap: dict[str, str], rng: random.Random) -> str:
        if source == target or source not in self.names:
            return sentence
        place_re = self._place_re.get(source)
        if place_re is not None:
            def place(m: re.Match) -> str:
                name = m.group()
                if name not in swap:
                    kind = self._kind[(source, name)]
                    choices = self.places.get(target, {}).get(kind) or []
                    swap[name] = rng.choice(choices) if choices else name
                return swap[name]
            sentence = place_re.sub(place, sentence)
        return self._district_re[source].sub(target, sentence)


def _report(seeds: list[Seed], rng: random.Random, mover: _Mover, district: str,
            published: dt.date) -> tuple[str, str, str, list[str]]:
    """(text, title, source, names of the seeds used) of one synthetic report."""
    base = rng.choice(seeds)
    target_chars = int(sum(len(s) for p in base.paragraphs for s in p) * rng.uniform(0.6, 1.4))
    swap: dict[str, str] = {}
    used: list[str] = []
    title = shift_years(mover.move(base.title, base.district, district, swap, rng), published.year - base.year)
    paragraphs: list[str] = [title]
    size = 0
    while size < target_chars:
        heads = [s for s in seeds if s.headings]
        if heads and len(paragraphs) > 1 and rng.random() < 0.15:
            seed = rng.choice(heads)
            heading = mover.move(rng.choice(seed.headings), seed.district, district, swap, rng)
            paragraphs.append(perturb_numbers(shift_years(heading, published.year - seed.year), rng))
            continue
        sentences: list[str] = []
        for _ in range(rng.randint(1, 3)):
            seed = rng.choice(seeds)
            paragraph = rng.choice(seed.paragraphs)
            start = rng.randrange(len(paragraph))
            run = paragraph[start:start + rng.randint(1, 4)]
            if seed.name not in used:
                used.append(seed.name)
            for sentence in run:
                sentence = mover.move(sentence, seed.district, district, swap, rng)
                sentence = shift_years(sentence, published.year - seed.year)
                sentences.append(perturb_numbers(sentence, rng))
        paragraph_text = "".join(sentences)
        paragraphs.append(paragraph_text)
        size += len(paragraph_text)
    return "\n\n".join(paragraphs) + "\n", title, base.source, used


def make_corpus(out_dir: str | Path, reports: int = 2000, seed: int = 0) -> Path:
    """Write ``reports`` synthetic reports and their manifest.csv into ``out_dir``; return the folder.

    Deterministic: the same (reports, seed) give the same files.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    seeds = [s for folder in SOURCES if (folder / "manifest.csv").exists() for s in read_seeds(folder)]
    names, places = districts_and_places()
    mover = _Mover(names, places)
    districts = sorted(names)
    span = (LAST_DAY - FIRST_DAY).days
    rows = []
    for i in range(reports):
        district = rng.choice(districts)
        published = FIRST_DAY + dt.timedelta(days=rng.randint(0, span))
        text, title, source, used = _report(seeds, rng, mover, district, published)
        name = f"syn_{i:05d}.txt"
        (out / name).write_text(text, encoding="utf-8")
        stamp = published.isoformat() if rng.random() < 0.7 else published.isoformat()[:7]
        rows.append({"file": name, "district": district, "published": stamp, "title": title,
                     "source": source, "url": "", "note": "synthetic, from " + " ".join(used)})
    with open(out / "manifest.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=MANIFEST_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir", metavar="OUT_DIR", help="folder to write the reports and manifest.csv into")
    ap.add_argument("--reports", type=int, default=2000, help="number of reports (default 2000)")
    ap.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = ap.parse_args(argv)
    if args.reports < 1:
        ap.error("--reports must be at least 1")
    out = make_corpus(args.out_dir, args.reports, args.seed)
    size = sum(p.stat().st_size for p in out.glob("syn_*.txt"))
    print(f"{args.reports} reports, {size / 1e6:.1f} MB → {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
