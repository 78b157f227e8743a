"""``danvan_kg.text.decode``: every encoding analysts hand us is read correctly or refused in one line."""

from __future__ import annotations

import codecs
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan_kg.errors import InputError
from danvan_kg.text import decode
from danvan_kg.text.decode import (
    TCVN3_TO_UNICODE,
    UNICODE_TO_TCVN3,
    decode_bytes,
    decode_tcvn3,
    decode_text,
    encode_cp1258,
    encode_tcvn3,
    html_to_text,
    looks_like_html,
    looks_vietnamese,
    sniff,
)

# Written for these tests (not taken from any article).
VI = (
    "Ban Dân vận huyện phối hợp với Hội Nông dân xây dựng mô hình “Dân vận khéo” ở xã Đông Hòa; "
    "người dân góp công, góp đất làm đường, trồng cây và giúp đỡ hộ nghèo vượt khó."
)
VI_PLAIN_QUOTES = VI.replace("“", '"').replace("”", '"')
LETTERS_LOWER = "àảãáạăằẳẵắặâầẩẫấậđèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợùủũúụưừửữứựỳỷỹýỵ"
SETTINGS = settings(
    max_examples=300,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)


def _one_line_naming(exc: pytest.ExceptionInfo[InputError], source: str) -> str:
    message = str(exc.value)
    assert "\n" not in message
    assert message.startswith(f"{source}: ")
    return message


# ------------------------------------------------------------------------------------ Unicode forms
@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (VI.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + VI.encode("utf-8"), "utf-8-sig"),
        (VI.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + VI.encode("utf-16-be"), "utf-16"),
        (codecs.BOM_UTF16_LE + VI.encode("utf-16-le"), "utf-16"),
        (VI.encode("utf-32"), "utf-32"),
        (VI.encode("utf-16-le"), "utf-16-le"),
        (VI.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_unicode_encodings_decode_exactly(data: bytes, encoding: str) -> None:
    decoded = sniff(data, "a.txt")
    assert decoded.text == VI
    assert decoded.encoding == encoding
    assert not decoded.is_html


def test_utf8_nfd_is_kept_for_the_normaliser() -> None:
    nfd = unicodedata.normalize("NFD", VI)
    assert decode_bytes(nfd.encode("utf-8"), "a.txt") == nfd


# ------------------------------------------------------------------------------------ legacy encodings
def test_windows_1258_uses_combining_tones_and_is_returned_nfc() -> None:
    data = encode_cp1258(VI)
    assert b"\xcc" in data or b"\xec" in data  # a combining tone byte is present
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    decoded = sniff(data, "cp.txt")
    assert decoded.encoding == "windows-1258"
    assert decoded.text == VI
    assert unicodedata.is_normalized("NFC", decoded.text)


def test_tcvn3_table_covers_the_134_letters() -> None:
    assert len(UNICODE_TO_TCVN3) == 134
    assert set(LETTERS_LOWER) | {c.upper() for c in LETTERS_LOWER} == set(UNICODE_TO_TCVN3)
    assert len(TCVN3_TO_UNICODE) == 74  # 67 lowercase + 7 base capitals have their own code
    assert all(code >= 0xA1 for code in UNICODE_TO_TCVN3.values())
    for letter in LETTERS_LOWER:
        assert decode_tcvn3(bytes([UNICODE_TO_TCVN3[letter]])) == letter
        # a toned capital shares the lowercase code (it was drawn by the .VnTimeH font)
        capital = letter.upper()
        assert UNICODE_TO_TCVN3[capital] == UNICODE_TO_TCVN3[letter] or capital in "ĂÂÊÔƠƯĐ"


def test_tcvn3_classic_sample() -> None:
    # the well-known look of TCVN3 text read as Windows-1252: "Hµ Néi" is "Hà Nội"
    assert decode_tcvn3("Hµ Néi".encode("cp1252")) == "Hà Nội"
    assert decode_tcvn3("§éc lËp".encode("cp1252")) == "Độc lập"


def test_tcvn3_file_is_detected_and_decoded() -> None:
    data = encode_tcvn3(VI_PLAIN_QUOTES)
    decoded = sniff(data, "abc.txt")
    assert decoded.encoding == "tcvn3"
    assert decoded.text == VI_PLAIN_QUOTES


def test_tcvn3_with_word_curly_quotes() -> None:
    data = b"".join(
        (encode_tcvn3("Mô hình "), b"\x93", encode_tcvn3("Dân vận khéo"), b"\x94", encode_tcvn3(" ở xã."))
    )
    assert decode_bytes(data, "q.txt") == "Mô hình “Dân vận khéo” ở xã."


def test_ascii_with_windows_punctuation_is_accepted() -> None:
    assert decode_bytes(b"It\x92s the \x93same\x94 \x96 text", "en.txt") == "It’s the “same” – text"


def test_non_vietnamese_legacy_text_is_refused() -> None:
    data = "Größe Straße Übermaß für Köln, Düsseldorf".encode("cp1252")
    with pytest.raises(InputError) as exc:
        decode_bytes(data, "de.txt")
    message = _one_line_naming(exc, "de.txt")
    assert "UTF-8" in message and "offset" in message


def test_random_high_bytes_are_refused() -> None:
    with pytest.raises(InputError) as exc:
        decode_bytes(bytes(range(0xA0, 0x100)) * 4, "junk.txt")
    _one_line_naming(exc, "junk.txt")


def test_looks_vietnamese() -> None:
    assert looks_vietnamese(VI)
    assert not looks_vietnamese("Größe Straße Übermaß")
    assert not looks_vietnamese("plain ascii only")


# ------------------------------------------------------------------------------------ binary and size
@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"abc\x00def\x00\x01\x02" * 20, "binary"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\x7fELF\x02\x01\x01", "executable"),
        (bytes([1, 2, 3, 4, 5, 6, 14, 15, 16, 17, 18]) * 50, "binary"),
    ],
)
def test_binary_is_refused_in_one_line(data: bytes, words: str) -> None:
    with pytest.raises(InputError) as exc:
        decode_bytes(data, "dir/blob.txt")
    assert words in _one_line_naming(exc, "dir/blob.txt")


def test_size_guard(monkeypatch: pytest.MonkeyPatch) -> None:
    assert decode.MAX_BYTES >= 50_000_000
    monkeypatch.setattr(decode, "MAX_BYTES", 1000)
    assert decode_bytes(b"a" * 1000, "ok.txt") == "a" * 1000
    with pytest.raises(InputError) as exc:
        decode_bytes(b"a" * 1001, "big.txt")
    assert "too large" in _one_line_naming(exc, "big.txt")


def test_empty_input_is_empty_text() -> None:
    assert decode_bytes(b"", "empty.txt") == ""
    assert decode_bytes(codecs.BOM_UTF8, "bom.txt") == ""


# ------------------------------------------------------------------------------------ HTML
PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Trao nhà &amp; quà</title>
<style>p { color: red }</style><script>var x = "<p>không phải nội dung</p>";</script></head>
<body><h1>Mô hình mới</h1>
<p>Ban Dân vận xã
   phối hợp với Đoàn Thanh niên.<br>Dòng sau.</p>
<div><p>Đoạn &quot;thứ hai&quot; &lt;giữ&gt;.</p></div>
<!-- quảng cáo --><ul><li>một</li><li>hai</li></ul>
</body></html>"""


def test_html_is_flagged_and_converted() -> None:
    decoded = sniff(PAGE.encode("utf-8"), "page.txt")
    assert decoded.is_html
    text = html_to_text(decoded.text)
    assert text.startswith("title: Trao nhà & quà\n\n")
    paragraphs = text.rstrip("\n").split("\n\n")
    assert "Mô hình mới" in paragraphs
    assert "Ban Dân vận xã phối hợp với Đoàn Thanh niên.\nDòng sau." in paragraphs
    assert 'Đoạn "thứ hai" <giữ>.' in paragraphs
    assert "một" in paragraphs and "hai" in paragraphs
    assert "color" not in text and "không phải nội dung" not in text and "quảng cáo" not in text
    assert decode_text(PAGE.encode("utf-8"), "page.txt") == text


def test_header_block_before_html_is_kept() -> None:
    doc = "url: https://example.org/a\ntitle: Tiêu đề\n\n<div><p>Một</p><p>Hai</p><p>Ba</p></div>"
    assert looks_like_html(doc)
    assert html_to_text(doc) == "url: https://example.org/a\ntitle: Tiêu đề\n\nMột\n\nHai\n\nBa\n"


@pytest.mark.parametrize(
    "text",
    [
        VI,
        "Chỉ số a < b và c > d, công thức <x> trong văn bản thường.",
        "Một dòng có <b>đậm</b> thôi, còn lại là chữ bình thường rất dài " * 5,
    ],
)
def test_plain_text_with_stray_markup_is_not_html(text: str) -> None:
    assert not looks_like_html(text)


# ------------------------------------------------------------------------------------ properties
_vi_text = st.text(
    alphabet=st.sampled_from([*LETTERS_LOWER, *"abcdeghiklmnopqrstuvxy ,.;:-\n", "Đ", "Â", "Ơ"]),
    min_size=1,
    max_size=200,
)


@SETTINGS
@given(_vi_text)
def test_tcvn3_round_trip(text: str) -> None:
    assert decode_tcvn3(encode_tcvn3(text)) == text


@SETTINGS
@given(_vi_text)
def test_cp1258_round_trip(text: str) -> None:
    assert unicodedata.normalize("NFC", encode_cp1258(text).decode("cp1258")) == text


@SETTINGS
@given(st.text(max_size=300))
def test_utf8_always_round_trips_or_is_refused_as_binary(text: str) -> None:
    try:
        out = decode_bytes(text.encode("utf-8", "surrogatepass"), "p.txt")
    except InputError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("p.txt: ")
    else:
        assert out == text


@SETTINGS
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_crash(data: bytes) -> None:
    try:
        out = decode_bytes(data, "b.txt")
    except InputError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("b.txt: ")
    else:
        assert isinstance(out, str) and "\x00" not in out


def test_legacy_choice_on_the_head_still_checks_the_whole_file() -> None:
    data = encode_tcvn3(VI_PLAIN_QUOTES) * 3000 + b" \x81 "  # 0x81 means nothing in TCVN3 or Windows-125x
    assert len(data) > 200_000
    with pytest.raises(InputError) as exc:
        decode_bytes(data, "late.txt")
    _one_line_naming(exc, "late.txt")
    assert decode_bytes(encode_tcvn3(VI_PLAIN_QUOTES) * 3000, "ok.txt") == VI_PLAIN_QUOTES * 3000
