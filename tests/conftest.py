import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seed_claims():
    from extract import extract_corpus

    return extract_corpus(SEEDS)


@pytest.fixture(scope="session")
def seed_text():
    def read(name: str) -> str:
        return (SEEDS / name).read_text(encoding="utf-8")

    return read
