"""The engine against the hand-checked gold claims (tests/fixtures/gold), scored by the shared scorer."""
import json
import subprocess
import sys

import pytest

from ledger_paths import FIXTURES, SEEDS

FLOORS = {"recall": 0.97, "precision": 0.95}
ATTRIBUTE_FLOORS = {"unit": 0.97, "qualifier": 0.97, "value_max": 0.97, "district": 0.97,
                    "subdistrict": 0.97, "year": 0.97, "subject": 0.92, "category": 0.88, "claim_type": 0.92}


@pytest.fixture(scope="module")
def score(seed_claims, tmp_path_factory):
    out = tmp_path_factory.mktemp("gold")
    seed_claims.to_csv(out / "claims.csv", index=False, encoding="utf-8-sig")
    subprocess.run([sys.executable, str(FIXTURES / "score.py"), "--claims", str(out / "claims.csv"),
                    "--gold", str(FIXTURES / "gold"), "--docs", str(SEEDS), "--json", str(out / "score.json")],
                   check=True, capture_output=True)
    return json.loads((out / "score.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("measure", FLOORS)
def test_detection_floor(score, measure):
    assert score[measure] >= FLOORS[measure], score


@pytest.mark.parametrize("field", ATTRIBUTE_FLOORS)
def test_attribute_floor(score, field):
    assert score["attributes"][field] >= ATTRIBUTE_FLOORS[field], score["attributes"]


def test_every_gold_document_is_scored(score):
    assert score["docs"] == len(list((FIXTURES / "gold").glob("*.jsonl")))
    assert score["gold"] > 100
