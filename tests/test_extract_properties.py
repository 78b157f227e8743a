"""Property tests: any input yields an Extraction or an InputError, and evidence offsets hold."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan_kg.errors import InputError
from danvan_kg.extract import extract_text
from danvan_kg.extract.model import Extraction
from danvan_kg.text.document import decode_bytes, parse_text

pytestmark = pytest.mark.slow  # hypothesis campaign over the extractor

WORDS = [
    "mô hình",
    "phong trào thi đua",
    "“",
    "”",
    '"',
    "Dân vận khéo",
    "Hội Nông dân",
    "huyện",
    "xã",
    "tỉnh",
    "Đồng Tháp",
    "Tân Phú",
    "hộ nghèo",
    "tặng quà",
    "Nghị quyết",
    "25-NQ/TW",
    "Ban Dân vận Tỉnh ủy",
    "UBND",
    "CLB",
    "Câu lạc bộ",
    ",",
    ".",
    ";",
    ":",
    "\n",
    "\n\n",
    "TP.",
    "(",
    ")",
    "BĐBP",
    "Thanh Hoá",
    "–",
    "Ð",
    "của",
    "do",
    "phối hợp",
    "thực hiện",
    "cho",
    "người cao tuổi",
    "1.500",
    "v.v.",
    "Quỹ",
    "Tổ",
]
vietnamese_like = st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join)
anything = st.one_of(st.text(max_size=300), vietnamese_like)


def check(x: Extraction) -> None:
    body = x.document.body
    ids = {e.id for e in x.entities}
    for e in x.entities:
        for ev in e.evidence:
            assert body[ev.start : ev.end] == ev.quote
            assert body[ev.sentence_start : ev.sentence_start + len(ev.sentence)] == ev.sentence
    for r in x.relations:
        assert r.s in ids and r.o in ids
        for ev in r.evidence:
            assert body[ev.start : ev.end] == ev.quote


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(anything)
def test_any_text_extracts_with_valid_offsets(text: str) -> None:
    check(extract_text(text))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_decode_or_input_error(data: bytes) -> None:
    try:
        text = decode_bytes(data, "x.bin")
    except InputError as exc:
        assert "x.bin" in str(exc)
        return
    check(extract_text(text))
    assert parse_text(text, "x.bin").key == "x.bin"


def test_large_and_degenerate_inputs_stay_fast() -> None:
    import time

    prose = "Hội Nông dân xã Tân An phối hợp xây dựng mô hình “Cánh đồng xanh” tặng quà hộ nghèo. " * 2000
    for text in (prose, "“a” " * 3000, "Ban " * 20000, prose.replace(". ", ", ")):
        started = time.monotonic()
        check(extract_text(text))
        assert time.monotonic() - started < 20
