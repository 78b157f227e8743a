"""The search key used to match what a user types against ``dv:searchKey``.

The store holds, for every label and alias, ``search_key(label)``: lowercase, without
diacritics, ``đ`` → ``d``, one space between words. Matching the user's text through the same
function makes "Dân vận khéo", "dan van kheo" and "DÂN VẬN KHÉO" equal. The function belongs
to ``danvan_kg.resolve``; the private fallback below is only used while that module is absent.
"""

from __future__ import annotations

import unicodedata


def _fallback_search_key(text: str) -> str:
    """Lowercase, no diacritics (đ/Đ/Ð → d), non-alphanumerics as spaces, one space between words."""
    text = unicodedata.normalize("NFC", text).replace("Đ", "d").replace("đ", "d").replace("Ð", "d")
    decomposed = unicodedata.normalize("NFD", text.lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join("".join(ch if ch.isalnum() else " " for ch in stripped).split())


def search_key(text: str) -> str:
    """The diacritics- and case-insensitive key of ``text`` (``danvan_kg.resolve.search_key``)."""
    try:
        from danvan_kg.resolve import search_key as resolve_key
    except ImportError:
        return _fallback_search_key(text)
    return resolve_key(text)
