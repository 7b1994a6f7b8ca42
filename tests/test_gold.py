"""The engine against the hand-checked gold claims, scored by the shared scorer: the seed reports
(tests/fixtures/gold) and the development passages of twelve genres (tests/fixtures/devset)."""
import json
import subprocess
import sys

import pytest

from ledger_paths import FIXTURES, SEEDS

DEVSET = FIXTURES / "devset"
CORPORA = {
    "seeds": (SEEDS, FIXTURES / "gold"),
    "devset": (DEVSET, DEVSET / "gold"),
}
FLOORS = {"recall": 0.97, "precision": 0.95}
ATTRIBUTE_FLOORS = {"unit": 0.97, "qualifier": 0.97, "value_max": 0.97, "district": 0.98, "subdistrict": 0.95,
                    "year": 0.97, "subject": 0.92, "category": 0.90, "claim_type": 0.95}


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
    assert score["attributes"][field] >= ATTRIBUTE_FLOORS[field], (score["corpus"], score["attributes"])


def test_every_gold_document_is_scored(score):
    assert score["docs"] == len(list(score["gold_dir"].glob("*.jsonl")))
    assert score["gold"] > 100
