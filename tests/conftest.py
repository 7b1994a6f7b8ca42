import pytest

from ledger_paths import SEEDS


@pytest.fixture(scope="session")
def seed_claims():
    from extract import extract_corpus

    return extract_corpus(SEEDS)


@pytest.fixture(scope="session")
def seed_text():
    def read(name: str) -> str:
        return (SEEDS / name).read_text(encoding="utf-8")

    return read
