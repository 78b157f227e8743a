"""Identity: normalised keys, abbreviation expansion, slugs and entity IRIs.

The same thing named in many articles must get the same IRI. Keys are built from the label
by NFC + modern tone marks, unified quotes and dashes, casefolding, collapsed whitespace and
expansion of the usual abbreviations (MTTQ, LHPN, CLB, NTM, BĐBP, HĐND, UBND, CCB, TNCS HCM,
LLVT ...). IRIs are ``id:<kind>/<slug>``; slugs drop diacritics (``đ`` → ``d``). Organisation
names that are relative to a place ("Hội Nông dân tỉnh", "Công an xã") get the slug of the place
the text puts them in appended, so they differ between provinces.
"""

from __future__ import annotations

import re
from functools import lru_cache

from danvan_kg.rdf.namespaces import ID
from danvan_kg.text.normalise import fold, normalise

__all__ = [
    "ABBREVIATIONS",
    "KIND_OF_CLASS",
    "entity_iri",
    "expand_abbreviations",
    "identity_key",
    "search_key",
    "slug",
]

ABBREVIATIONS: dict[str, str] = {
    "UBMTTQVN": "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "UBTƯ": "Ủy ban Trung ương",
    "UBTW": "Ủy ban Trung ương",
    "MTTQVN": "Mặt trận Tổ quốc Việt Nam",
    "MTTQ": "Mặt trận Tổ quốc",
    "LHPN": "Liên hiệp Phụ nữ",
    "LHTN": "Liên hiệp Thanh niên",
    "CLB": "Câu lạc bộ",
    "NTM": "nông thôn mới",
    "XDNTM": "xây dựng nông thôn mới",
    "BĐBP": "Bộ đội Biên phòng",
    "BP": "Biên phòng",
    "HĐND": "Hội đồng nhân dân",
    "UBND": "Ủy ban nhân dân",
    "CCB": "Cựu chiến binh",
    "TNCS": "Thanh niên Cộng sản",
    "HCM": "Hồ Chí Minh",
    "LLVT": "lực lượng vũ trang",
    "CHQS": "Chỉ huy Quân sự",
    "BCH": "Ban Chấp hành",
    "BCĐ": "Ban Chỉ đạo",
    "BDV": "Ban Dân vận",
    "DTTS": "dân tộc thiểu số",
    "HTX": "Hợp tác xã",
    "LĐLĐ": "Liên đoàn Lao động",
    "HV": "hội viên",
    "BHYT": "bảo hiểm y tế",
    "TP": "thành phố",
    "TX": "thị xã",
    "TT": "thị trấn",
    "TƯ": "Trung ương",
    "TW": "Trung ương",
}
"""Abbreviations unified by identity keys (expanded before keys and slugs are computed)."""

KIND_OF_CLASS: dict[str, str] = {
    "Movement": "movement",
    "Model": "model",
    "Organisation": "organisation",
    "BeneficiaryGroup": "beneficiary",
    "Resolution": "resolution",
    "Place": "place",
    "Programme": "programme",
    "Index": "index",
}

_ABBR_RE = re.compile(
    r"(?<![\w/-])("
    + "|".join(sorted(map(re.escape, ABBREVIATIONS), key=len, reverse=True))
    + r")\.?(?![\w/-])"
)
_QUOTES = re.compile(r"[\"'“”‘’«»„‟]")
_DASH_SPACES = re.compile(r"\s*-\s*")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_SPACES = re.compile(r"\s+")
_PARENS = re.compile(r"\s*\(([^()]*)\)")


def expand_abbreviations(text: str) -> str:
    """Replace known abbreviations by their full form ("UBND huyện" → "Ủy ban nhân dân huyện")."""
    return _ABBR_RE.sub(lambda m: ABBREVIATIONS[m.group(1)], text)


def _drop_inline_abbreviation(text: str) -> str:
    """Remove a parenthesised abbreviation that repeats the preceding words: "Bộ đội Biên phòng (BĐBP)"."""

    def repl(m: re.Match[str]) -> str:
        inner = m.group(1).strip()
        if inner and (inner.isupper() or inner in ABBREVIATIONS) and len(inner) <= 12:
            return ""
        return m.group(0)

    return _PARENS.sub(repl, text)


@lru_cache(maxsize=65536)
def search_key(text: str) -> str:
    """Lowercase, no diacritics, ``đ`` → ``d``, no quotation marks, one space between words: for search."""
    return _SPACES.sub(" ", fold(_QUOTES.sub("", normalise(text)))).strip()


@lru_cache(maxsize=65536)
def identity_key(label: str) -> str:
    """The identity key of a label: normalised, abbreviations expanded, casefolded, no quotes."""
    text = normalise(label)
    text = _QUOTES.sub("", text)
    text = _drop_inline_abbreviation(text)
    text = expand_abbreviations(text)
    text = _DASH_SPACES.sub(" - ", text)
    text = _SPACES.sub(" ", text).strip(" .,;:")
    return text.casefold()


@lru_cache(maxsize=65536)
def slug(text: str) -> str:
    """A readable IRI segment: no diacritics, ``đ`` → ``d``, lowercase, non-alphanumerics to ``-``."""
    s = _NON_ALNUM.sub("-", fold(normalise(text))).strip("-")
    return s[:120].rstrip("-") or "x"


def entity_iri(cls: str, key_or_label: str, qualifier: str | None = None) -> str:
    """IRI of an entity of class ``cls`` named ``key_or_label`` (optionally qualified by a place slug)."""
    kind = KIND_OF_CLASS.get(cls, cls.lower())
    s = slug(identity_key(key_or_label))
    if qualifier:
        q = slug(qualifier)
        if q and not s.endswith(q):
            s = f"{s}-{q}"
    return str(ID[f"{kind}/{s}"])
