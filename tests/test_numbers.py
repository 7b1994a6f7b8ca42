"""The number grammar's arithmetic and offsets (the forms it reads are tabled in test_number_forms.py)."""
from decimal import Decimal

import pytest

from extract.numbers import parse_chinese_numeral, scan_quantities

def test_money_is_exact():
    (q,) = scan_quantities("16.85亿")
    assert float(q.value) == 1685000000 and str(float(q.value)) == "1685000000.0"


@pytest.mark.parametrize("numeral,value", [
    ("一百二十", 120), ("两", 2), ("十", 10), ("十五", 15), ("二十", 20), ("一千二", 1200),
    ("三千五百", 3500), ("二〇二一", 2021), ("一百零五", 105),
])
def test_chinese_numeral(numeral, value):
    assert parse_chinese_numeral(numeral) == value


def test_repeated_numeral_words_are_not_numbers():
    assert parse_chinese_numeral("一一") is None  # 唯一一个


def test_offsets_are_exact_in_full_width_text():
    text = "全区党员２０００名，增长５％。"
    spans = [text[q.start:q.end] for q in scan_quantities(text)]
    assert "２０００名" in spans and "５％" in spans
