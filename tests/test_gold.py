"""The engine against the hand-checked gold claims, scored by the shared scorer: the seed reports
(tests/fixtures/gold), the development passages of twelve genres (tests/fixtures/devset) and twenty passages
of twenty further genres and places (tests/fixtures/genres: statistical bulletins, work reports with plan
sections and project tables, village and town pages, grid governance, party statistics, epidemic and flood
control, talent, culture, market supervision, employment, deputies' suggestions)."""
import json
import subprocess
import sys

import pytest

from ledger_paths import FIXTURES, SEEDS

DEVSET = FIXTURES / "devset"
GENRES = FIXTURES / "genres"
CORPORA = {
    "seeds": (SEEDS, FIXTURES / "gold"),
    "devset": (DEVSET, DEVSET / "gold"),
    "genres": (GENRES, GENRES / "gold"),
}
FLOORS = {"recall": 0.97, "precision": 0.95}
ATTRIBUTE_FLOORS = {"unit": 0.97, "qualifier": 0.97, "value_max": 0.97, "district": 0.98, "subdistrict": 0.95,
                    "year": 0.97, "subject": 0.92, "category": 0.90, "claim_type": 0.95}
# The further genres hold the engine to what it reached on them when they were written (subject 0.91): a
# floor against losing ground, below the goal the other corpora are held to.
CORPUS_FLOORS = {"genres": {"subject": 0.89}}


@pytest.fixture(scope="module", params=sorted(CORPORA))
def score(request, seed_claims, tmp_path_factory):
    from extract import extract_corpus

    docs, gold = CORPORA[request.param]
    claims = seed_claims if request.param == "seeds" else extract_corpus(docs)
    out = tmp_path_factory.mktemp(f"gold-{request.param}")
    claims.to_csv(out / "claims.csv", index=False, encoding="utf-8-sig")
    subprocess.run([sys.executable, str(FIXTURES / "score.py"), "--claims", str(out / "claims.csv"),
                    "--gold", str(gold), "--docs", str(docs), "--json", str(out / "score.json")],
                   check=True, capture_output=True)
    result = json.loads((out / "score.json").read_text(encoding="utf-8"))
    result["corpus"], result["gold_dir"] = request.param, gold
    return result


@pytest.mark.parametrize("measure", FLOORS)
def test_detection_floor(score, measure):
    assert score[measure] >= FLOORS[measure], (score["corpus"], score)


@pytest.mark.parametrize("field", ATTRIBUTE_FLOORS)
def test_attribute_floor(score, field):
    floor = CORPUS_FLOORS.get(score["corpus"], {}).get(field, ATTRIBUTE_FLOORS[field])
    assert score["attributes"][field] >= floor, (score["corpus"], score["attributes"])


def test_every_gold_document_is_scored(score):
    assert score["docs"] == len(list(score["gold_dir"].glob("*.jsonl")))
    assert score["gold"] > 100
