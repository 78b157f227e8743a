"""Normalise Vietnamese text so that the same name is always spelled with the same code points.

Real articles mix Unicode forms (NFC/NFD), old and new tone-mark placement ("hoá"/"hóa",
"thuỷ"/"thủy"), look-alike letters (U+00D0 "Ð" for "Đ"), curly and straight quotes, a whole
family of dashes, HTML entities and stray whitespace. :func:`normalise` maps all of them to one
form; evidence offsets always refer to its output.

Tone-mark placement is fixed by a separate, length-preserving step (:func:`modern_tone_marks`)
so that callers can recover the spelling the text used at the same offsets
(:func:`normalise_with_original`), e.g. to keep "Uỷ ban" as an alias of "Ủy ban".
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "modern_tone_marks", "normalise", "normalise_with_original"]

_LOOKALIKES = str.maketrans(
    {
        "\u00d0": "Đ",  # Latin capital eth
        "\u00f0": "đ",  # Latin small eth
        "\u0189": "Đ",  # African D
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u3000": " ",
        "\t": " ",
        "\u00ab": "“",
        "\u00bb": "”",
        "\u201e": "“",
        "\u201f": "“",
        "\u2033": "”",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\ufe58": "-",
        "\ufe63": "-",
        "\uff0d": "-",
        "\u2028": "\n",
        "\u2029": "\n",
        "\r": "\n",
    }
)
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ ]{2,}")
_TRAILING = re.compile(r" *\n *")
_BLANKS = re.compile(r"\n{3,}")
_STRAIGHT_DOUBLE = re.compile(r'"')
_STRAIGHT_SINGLE = re.compile(r"'")
_BAD_CLOSE = re.compile(r"(?<=[^\s(\[“])“(?=[\s,.;:!?)…]|$)")
_BAD_OPEN = re.compile(r"(?:(?<=\s)|^)”(?=[^\W\d_])", re.M)

# Tone marks as combining characters (after NFD).
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_LETTER = r"[^\W\d_]"
# oa/oe/uy at the end of a syllable, tone on the second vowel (old style): move it to the first.
# "qu" + y keeps the tone on y ("quý"), and syllables with a coda ("hoàng", "thuyền") are untouched.
_AFTER = rf"(?!{_LETTER}|[\u0300-\u036f])"  # the syllable ends here: no letter, and no further mark ("hoặc": a + dot + breve)  # noqa: E501
_OLD_TONE = re.compile(
    rf"(?<![qQ])(?<![qQ][uU])([oO])([aAeE])([{_TONES}]){_AFTER}|(?<![qQ])([uU])([yY])([{_TONES}]){_AFTER}"
)

_OLD_TONE_NFC = re.compile(r"[oO][áàảãạÁÀẢÃẠéèẻẽẹÉÈẺẼẸ](?![^\W\d_])|[uU][ýỳỷỹỵÝỲỶỸỴ](?![^\W\d_])")


def _open_or_close(match: re.Match[str]) -> str:
    text = match.string
    i = match.start()
    before = text[i - 1] if i > 0 else " "
    if before.isspace() or before in "([{:;,-“'" or i == 0:
        return "“"
    return "”"


def _open_or_close_single(match: re.Match[str]) -> str:
    return "‘" if _open_or_close(match) == "“" else "’"


def modern_tone_marks(text: str) -> str:
    """Move old-style tone marks on final oa/oe/uy to the first vowel ("hoá" → "hóa", "thuỷ" → "thủy").

    The result has the same length as the (NFC) input, character for character.
    """
    if not text.isascii() and _OLD_TONE_NFC.search(text):
        decomposed = unicodedata.normalize("NFD", text)

        def fix(m: re.Match[str]) -> str:
            if m.group(1):
                return m.group(1) + m.group(3) + m.group(2)
            return m.group(4) + m.group(6) + m.group(5)

        fixed = _OLD_TONE.sub(fix, decomposed)
        if fixed != decomposed:
            out = unicodedata.normalize("NFC", fixed)
            if len(out) == len(text):  # stacked marks may recompose differently: keep the text then
                return out
    return text


def _base_normalise(text: str) -> str:
    text = html.unescape(text) if "&" in text else text
    text = unicodedata.normalize("NFC", text)
    text = text.translate(_LOOKALIKES)
    text = _ZERO_WIDTH.sub("", text)
    text = _CONTROL.sub(" ", text)
    if '"' in text:
        text = _STRAIGHT_DOUBLE.sub(_open_or_close, text)
    if "'" in text:
        text = _STRAIGHT_SINGLE.sub(_open_or_close_single, text)
    if "“" in text or "”" in text:  # a closing quote typed as an opening one, and the reverse
        text = _BAD_CLOSE.sub("”", text)
        text = _BAD_OPEN.sub("“", text)
    text = _SPACES.sub(" ", text)
    text = _TRAILING.sub("\n", text)
    text = _BLANKS.sub("\n\n", text)
    return unicodedata.normalize("NFC", text.strip())


def normalise_with_original(text: str) -> tuple[str, str]:
    """Return ``(normalised, as_spelled)``: two strings of equal length.

    ``as_spelled`` has every normalisation except tone-mark placement, so
    ``as_spelled[i:j]`` is how the text spelled the span ``normalised[i:j]``.
    """
    base = _base_normalise(text)
    return modern_tone_marks(base), base


def normalise(text: str) -> str:
    """Normalise ``text``: NFC, modern tone marks, look-alikes, quotes, dashes, whitespace, HTML entities."""
    return normalise_with_original(text)[0]


_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "d"})


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase, strip diacritics, đ → d: a search/identity form of ``text`` (same length not guaranteed)."""
    text = unicodedata.normalize("NFD", text.translate(_FOLD_TABLE))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.lower()
