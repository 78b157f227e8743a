"""Turn the bytes of a scraped file into text, or refuse it in one clear line.

Analysts feed the tool whatever they saved: UTF-8 (with or without a BOM), UTF-16/32 from
Windows tools, Windows-1258 (which writes tone marks as *combining* characters) and legacy
TCVN3 ("ABC", the ``.VnTime`` font era, for which Python has no codec). :func:`decode_bytes`
accepts all of them and returns NFC text; binary files (NUL bytes, many control characters,
known binary signatures), files larger than :data:`MAX_BYTES` and undecodable text raise
:class:`~danvan_kg.errors.InputError` naming the source.

Legacy single-byte input is accepted only when it *looks Vietnamese*: most of its words with
non-ASCII letters must be well-formed Vietnamese syllables (one tone mark, a plausible
onset, nucleus and coda). That keeps, say, a German Windows-1252 file from being "decoded"
into nonsense.

HTML saved instead of text is recognised by :func:`looks_like_html`; :func:`html_to_text`
turns it into plain text with the stdlib ``html.parser`` (scripts and styles dropped, block
elements become paragraph breaks). :func:`decode_text` does both steps.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

from danvan_kg.errors import InputError

__all__ = [
    "MAX_BYTES",
    "TCVN3_TO_UNICODE",
    "UNICODE_TO_TCVN3",
    "Decoded",
    "decode_bytes",
    "decode_tcvn3",
    "decode_text",
    "encode_cp1258",
    "encode_tcvn3",
    "html_to_text",
    "looks_like_html",
    "looks_vietnamese",
    "sniff",
]

MAX_BYTES = 64 * 1024 * 1024
"""Largest input accepted (64 MiB): a 50 MB article dump still loads, a disk image does not."""

# ---------------------------------------------------------------------------------------------- TCVN3

# TCVN 5712:1993 VN3 ("ABC"). One byte per lowercase letter with its tone; of the capitals only
# the seven base letters Ă Â Ê Ô Ơ Ư Đ have their own code. Capitals *with* a tone were typed with
# the companion capital font (.VnTimeH), which draws the lowercase codes as capitals: in the bytes
# they are the lowercase codes, so they decode to lowercase (the shape information is in the font).
_TCVN3_LOWER: dict[str, int] = {
    "à": 0xB5,
    "ả": 0xB6,
    "ã": 0xB7,
    "á": 0xB8,
    "ạ": 0xB9,
    "ă": 0xA8,
    "ằ": 0xBB,
    "ẳ": 0xBC,
    "ẵ": 0xBD,
    "ắ": 0xBE,
    "ặ": 0xC6,
    "â": 0xA9,
    "ầ": 0xC7,
    "ẩ": 0xC8,
    "ẫ": 0xC9,
    "ấ": 0xCA,
    "ậ": 0xCB,
    "đ": 0xAE,
    "è": 0xCC,
    "ẻ": 0xCE,
    "ẽ": 0xCF,
    "é": 0xD0,
    "ẹ": 0xD1,
    "ê": 0xAA,
    "ề": 0xD2,
    "ể": 0xD3,
    "ễ": 0xD4,
    "ế": 0xD5,
    "ệ": 0xD6,
    "ì": 0xD7,
    "ỉ": 0xD8,
    "ĩ": 0xDC,
    "í": 0xDD,
    "ị": 0xDE,
    "ò": 0xDF,
    "ỏ": 0xE1,
    "õ": 0xE2,
    "ó": 0xE3,
    "ọ": 0xE4,
    "ô": 0xAB,
    "ồ": 0xE5,
    "ổ": 0xE6,
    "ỗ": 0xE7,
    "ố": 0xE8,
    "ộ": 0xE9,
    "ơ": 0xAC,
    "ờ": 0xEA,
    "ở": 0xEB,
    "ỡ": 0xEC,
    "ớ": 0xED,
    "ợ": 0xEE,
    "ù": 0xEF,
    "ủ": 0xF1,
    "ũ": 0xF2,
    "ú": 0xF3,
    "ụ": 0xF4,
    "ư": 0xAD,
    "ừ": 0xF5,
    "ử": 0xF6,
    "ữ": 0xF7,
    "ứ": 0xF8,
    "ự": 0xF9,
    "ỳ": 0xFA,
    "ỷ": 0xFB,
    "ỹ": 0xFC,
    "ý": 0xFD,
    "ỵ": 0xFE,
}
_TCVN3_CAPITALS: dict[str, int] = {
    "Ă": 0xA1,
    "Â": 0xA2,
    "Ê": 0xA3,
    "Ô": 0xA4,
    "Ơ": 0xA5,
    "Ư": 0xA6,
    "Đ": 0xA7,
}

UNICODE_TO_TCVN3: dict[str, int] = {
    **_TCVN3_LOWER,
    **_TCVN3_CAPITALS,
    **{ch.upper(): code for ch, code in _TCVN3_LOWER.items() if ch.upper() not in _TCVN3_CAPITALS},
}
"""All 134 Vietnamese letters with a diacritic (67 lowercase, 67 capitals) → their TCVN3 byte."""

TCVN3_TO_UNICODE: dict[int, str] = {code: ch for ch, code in {**_TCVN3_LOWER, **_TCVN3_CAPITALS}.items()}
"""TCVN3 byte → letter (74 codes: the 67 lowercase letters and 7 base capitals)."""

_TCVN3_TABLE: list[str | None] = []
for _b in range(256):
    if _b < 0x80:
        _TCVN3_TABLE.append(chr(_b))
    elif _b in TCVN3_TO_UNICODE:
        _TCVN3_TABLE.append(TCVN3_TO_UNICODE[_b])
    else:  # codes TCVN3 leaves alone keep their Windows-1252 meaning (Word's curly quotes, dashes)
        try:
            _TCVN3_TABLE.append(bytes([_b]).decode("cp1252"))
        except UnicodeDecodeError:
            _TCVN3_TABLE.append(None)
del _b


_TCVN3_DECODING = "".join(ch if ch is not None else "\ufffe" for ch in _TCVN3_TABLE)  # charmap codec table


def decode_tcvn3(data: bytes) -> str:
    """Decode TCVN3 bytes; ``ValueError`` on a byte that has no meaning in TCVN3 or Windows-1252."""
    try:
        return codecs.charmap_decode(data, "strict", _TCVN3_DECODING)[0]
    except UnicodeDecodeError as exc:
        raise ValueError(f"byte 0x{data[exc.start]:02X} at offset {exc.start} is not TCVN3") from None


def encode_tcvn3(text: str) -> bytes:
    """Encode ASCII + Vietnamese text as TCVN3 (tests and fixtures); ``ValueError`` on anything else."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ord(ch) < 0x80:
            out.append(ord(ch))
        elif ch in UNICODE_TO_TCVN3:
            out.append(UNICODE_TO_TCVN3[ch])
        else:
            raise ValueError(f"{ch!r} has no TCVN3 code")
    return bytes(out)


def encode_cp1258(text: str) -> bytes:
    """Encode text as Windows-1258 the way Windows does (tone marks as combining characters)."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            tones = "".join(c for c in decomposed if c in _TONE_MARKS)
            base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
            out += (base + tones).encode("cp1258")  # UnicodeEncodeError if Windows-1258 cannot spell it
    return bytes(out)


# ---------------------------------------------------------------------------------- Vietnamese test

_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_SHAPE_MARKS = frozenset("\u0302\u0306\u031b")  # circumflex, breve, horn
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x)?"
    r"[aăâeêioôơuưy]{1,3}"
    r"(?:ng|nh|ch|c|m|n|p|t|i|o|u|y)?"
)
_WORD = re.compile(r"[^\W\d_]+")


def _is_syllable(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for ch in decomposed if ch in _TONE_MARKS)
    if tones > 1:
        return False
    marks = _TONE_MARKS | _SHAPE_MARKS
    if any(unicodedata.combining(ch) and ch not in marks for ch in decomposed):
        return False
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARKS))
    return _SYLLABLE.fullmatch(base) is not None


def looks_vietnamese(text: str, *, threshold: float = 0.7) -> bool:
    """Whether the words of ``text`` that carry non-ASCII letters are mostly Vietnamese syllables.

    Text without any such word is not judged Vietnamese (there is nothing to go on).
    """
    return _vietnamese_score(text) >= threshold


def _vietnamese_score(text: str) -> float:
    """Share of non-ASCII words that are well-formed syllables (-1 when there are none)."""
    words = Counter(w for w in _WORD.findall(text[:100_000]) if not w.isascii())
    if not words:
        return -1.0
    good = sum(n for w, n in words.items() if _is_syllable(w))
    return good / sum(words.values())


# ------------------------------------------------------------------------------------------ sniffing

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.odt document)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (.doc/.xls)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
)


@dataclass(frozen=True, slots=True)
class Decoded:
    """Result of :func:`sniff`: the text (NFC), the encoding it was read in, and whether it is HTML."""

    text: str
    encoding: str
    is_html: bool


def _refuse(source: str, why: str) -> InputError:
    return InputError(f"{source}: {why}")


def _check_controls(text: str, source: str) -> None:
    sample = text[:65536]
    if not sample:
        return
    controls = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t\f\v") or 0x7F <= ord(ch) < 0xA0)
    if controls > max(8, len(sample) // 100):
        raise _refuse(
            source,
            f"looks like a binary file ({controls} control characters in the first "
            f"{len(sample):,}), not text",
        )


def _bomless_utf16(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when NULs sit in every other byte like ASCII in UTF-16."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 8 or len(data) % 2:
        return None
    even = sum(1 for i in range(0, pairs * 2, 2) if sample[i] == 0)
    odd = sum(1 for i in range(1, pairs * 2, 2) if sample[i] == 0)
    if odd >= 0.3 * pairs and even <= 0.02 * pairs:
        return "utf-16-le"
    if even >= 0.3 * pairs and odd <= 0.02 * pairs:
        return "utf-16-be"
    return None


_LEGACY_DECODERS = (
    ("windows-1258", lambda d: d.decode("cp1258")),
    ("tcvn3", decode_tcvn3),
)


def _decode_legacy(data: bytes, source: str, utf8_error: UnicodeDecodeError) -> tuple[str, str]:
    """Windows-1258 or TCVN3, whichever reads as Vietnamese; ``InputError`` when neither does.

    The choice is made on the first 200 kB (NFC), then the whole input is decoded once.
    """
    head = data[:200_000]
    scored: list[tuple[float, int, str]] = []
    for rank, (name, decoder) in enumerate(_LEGACY_DECODERS):
        try:
            sample = unicodedata.normalize("NFC", decoder(head))
        except (UnicodeDecodeError, ValueError):
            continue
        scored.append((_vietnamese_score(sample), -rank, name))
    for score, rank, name in sorted(scored, reverse=True):
        # ASCII text with Windows punctuation (’ “ ” –) and no other letters is fine as Windows-1258
        if score >= 0.7 or (score < 0 and name == "windows-1258"):
            try:
                return _LEGACY_DECODERS[-rank][1](data), name
            except (UnicodeDecodeError, ValueError):
                continue
    raise _refuse(
        source,
        f"not UTF-8 text (invalid byte 0x{data[utf8_error.start]:02X} at offset {utf8_error.start}) "
        "and not Vietnamese in UTF-16, Windows-1258 or TCVN3 either; save it as UTF-8",
    )


def _encoding(data: bytes, source: str) -> str:
    """The encoding a byte-order mark names, else UTF-16 without one (NULs in every other byte of
    Latin text), else UTF-8 to try first; ``InputError`` for binary data with NUL bytes."""
    if data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        return "utf-32"
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return "utf-16"
    if b"\x00" not in data:
        return "utf-8"
    guess = _bomless_utf16(data)
    if guess is None:
        raise _refuse(source, "looks like a binary file (NUL bytes), not text")
    try:
        probe = data[:4096].decode(guess, errors="strict")
    except UnicodeDecodeError:
        probe = "\x00"
    latin = sum(1 for ch in probe if ord(ch) < 0x250 or 0x1E00 <= ord(ch) < 0x2070)
    if latin < 0.9 * len(probe) or any(not (ch.isprintable() or ch in "\n\r\t") for ch in probe):
        raise _refuse(source, "looks like a binary file (NUL bytes), not text")
    return guess


def sniff(data: bytes, source: str = "<input>") -> Decoded:
    """Decode ``data`` (see the module docstring) and tell whether it is HTML."""
    if len(data) > MAX_BYTES:
        raise _refuse(source, f"too large ({len(data):,} bytes; the limit is {MAX_BYTES:,})")
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            raise _refuse(source, f"is {what}, not text; convert it to UTF-8 text first")
    encoding = _encoding(data, source)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding != "utf-8":
            raise _refuse(source, f"invalid {encoding.upper()} (bad bytes at offset {exc.start})") from None
        text, encoding = _decode_legacy(data, source, exc)
    if "\x00" in text:
        raise _refuse(source, "looks like a binary file (NUL characters), not text")
    _check_controls(text, source)
    if encoding != "utf-8" and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return Decoded(text=text, encoding=encoding, is_html=looks_like_html(text))


def decode_bytes(data: bytes, source: str = "<input>") -> str:
    """The text of ``data``: UTF-8 (±BOM), UTF-16/32, Windows-1258 or TCVN3; ``InputError`` otherwise."""
    return sniff(data, source).text


def decode_text(data: bytes, source: str = "<input>") -> str:
    """Like :func:`decode_bytes`, and HTML input is turned into plain text by :func:`html_to_text`."""
    decoded = sniff(data, source)
    return html_to_text(decoded.text) if decoded.is_html else decoded.text


# -------------------------------------------------------------------------------------------- HTML

_TAG = re.compile(r"<(?:!--.*?--|!doctype[^>]*|/?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?)>", re.S | re.I)
_HTML_START = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.I | re.S
)
_KNOWN_TAG = re.compile(
    r"</?(?:p|div|br|span|a|html|body|head|title|h[1-6]|li|ul|ol|table|tr|td|article|"
    r"section|script|style|meta|img|strong|em|b|i)\b",
    re.I,
)
_HEADER_LINE = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]{0,40}\s*:")


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is an HTML page (or mostly markup) rather than plain text with a stray tag."""
    sample = text[:200_000]
    if _HTML_START.match(_strip_header(sample)[1]):
        return True
    known = len(_KNOWN_TAG.findall(sample))
    if known < 3:
        return False
    markup = sum(len(m.group(0)) for m in _TAG.finditer(sample))
    return markup >= 0.2 * len(sample.strip())


def _strip_header(text: str) -> tuple[str, str]:
    """Split a leading ``key: value`` header block (up to the first blank line) from the rest."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not line.strip():
            if i == 0:
                return "", text
            return "\n".join(lines[: i + 1]) + "\n", "\n".join(lines[i + 1 :])
        if line.lstrip().startswith("<") or not _HEADER_LINE.match(line):
            return "", text
    return "", text


_BLOCK = frozenset(
    (
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "nav",
        "main",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "thead",
        "tbody",
        "tr",
        "blockquote",
        "pre",
        "figure",
        "figcaption",
        "form",
        "fieldset",
        "address",
        "hr",
        "title",
    )
)
_SKIP = frozenset(("script", "style", "noscript", "template", "svg", "iframe", "object"))


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if tag == "title":
            self.in_title = True
            return
        if tag in _SKIP:
            self.skip += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag.lower() == "br":
            self.parts.append("\n")
        elif tag.lower() in _BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        if tag == "title":
            self.in_title = False
        elif tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skip:
            self.parts.append(data.replace("\r", " ").replace("\n", " "))


_INLINE_SPACE = re.compile(r"[ \t\r\f\v\u00a0]+")


def html_to_text(text: str) -> str:
    """Plain text of an HTML page: tags dropped, entities decoded, one blank line between blocks.

    A ``key: value`` header block in front of the markup is kept as is; when there is none and
    the page has a ``<title>``, a ``title:`` header line is written for it.
    """
    header, markup = _strip_header(text)
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    raw = "".join(parser.parts)
    paragraphs = []
    for block in re.split(r"\n[ \t]*\n", raw):
        lines = (_INLINE_SPACE.sub(" ", line).strip() for line in block.split("\n"))
        joined = "\n".join(line for line in lines if line)
        if joined:
            paragraphs.append(joined)
    body = "\n\n".join(paragraphs)
    title = " ".join("".join(parser.title).split())
    if not header and title and ":" not in title.split(" ", 1)[0]:
        header = f"title: {title}\n\n"
    return header + body + ("\n" if body else "")
