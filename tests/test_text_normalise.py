"""Normalisation: one spelling per name, offsets stay meaningful."""

from __future__ import annotations

import unicodedata

from danvan_kg.text.normalise import fold, modern_tone_marks, normalise, normalise_with_original


def test_nfc_and_modern_tone_marks() -> None:
    nfd = unicodedata.normalize("NFD", "Thanh Hoá")
    assert normalise(nfd) == "Thanh Hóa"
    assert normalise("thuỷ lợi, khoẻ mạnh, Uỷ ban, Hoà Bình") == "thủy lợi, khỏe mạnh, Ủy ban, Hòa Bình"


def test_tone_marks_untouched_with_coda_or_qu() -> None:
    assert modern_tone_marks("hoàng quý thuyền toán") == "hoàng quý thuyền toán"


def test_lookalikes_quotes_dashes_entities_whitespace() -> None:
    text = 'Ðoàn  viên &amp; "Cafe treo" – ‘x’ «Quỹ»\u00a0a\r\n\r\n\r\nb'
    out = normalise(text)
    assert out.startswith("Đoàn viên & “Cafe treo” - ")
    assert "“Quỹ”" in out
    assert "\n\n" in out and "\n\n\n" not in out
    assert "\u00a0" not in out


def test_spelled_form_has_same_length() -> None:
    body, spelled = normalise_with_original("Ủy ban và Uỷ ban ở Thanh Hoá")
    assert len(body) == len(spelled)
    i = body.index("Ủy ban", 3)
    assert spelled[i : i + 6] == "Uỷ ban"


def test_fold() -> None:
    assert fold("Đồng Tháp") == "dong thap"
