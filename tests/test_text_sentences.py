"""Sentence splitting respects abbreviations, numbers and quotations."""

from __future__ import annotations

from danvan_kg.text.sentences import split_sentences


def texts(body: str) -> list[str]:
    return [s.text for s in split_sentences(body)]


def test_abbreviations_and_numbers() -> None:
    body = "TS. Nguyễn Văn A về TP. Hồ Chí Minh với 1.500 phần quà. Hội nghị kết thúc v.v. Sau đó về Q. 1."
    out = texts(body)
    assert out[0] == "TS. Nguyễn Văn A về TP. Hồ Chí Minh với 1.500 phần quà."
    assert len(out) == 2


def test_quotes_and_lines() -> None:
    body = "Ông nói: “Làm tốt. Làm mãi.” rồi về.\nDòng hai. Câu ba!"
    out = texts(body)
    assert out == ["Ông nói: “Làm tốt. Làm mãi.” rồi về.", "Dòng hai.", "Câu ba!"]


def test_offsets() -> None:
    body = "  Câu một.  Câu hai.  "
    for s in split_sentences(body):
        assert body[s.start : s.end] == s.text
