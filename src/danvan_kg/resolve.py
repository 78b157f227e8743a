"""Identity: normalised keys, abbreviation and variant folding, slugs and entity IRIs.

The same thing named in many articles must get the same IRI. Keys are built from the label
by NFC + modern tone marks, unified quotes and dashes, casefolding, collapsed whitespace,
expansion of the usual abbreviations (MTTQ, LHPN, CLB, NTM, BĐBP, HĐND, UBND, CCB, TNCS HCM,
LLVT, ND, TP ...) and the name variants of ``data/reference/name_variants.csv`` ("dân chủ ở cơ
sở" = "dân chủ cơ sở"). Both lists are data (``data/reference/abbreviations.csv``,
``name_variants.csv``), read once by :func:`abbreviations` / :func:`name_variants`.

IRIs are ``id:<kind>/<slug>``; slugs drop diacritics (``đ`` → ``d``). Local things (models,
relative organisations, relative documents) carry the slug of their province as a qualifier
(:func:`with_qualifier`; the rule that picks the province is :mod:`danvan_kg.extract.identity`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from danvan_kg import refdata
from danvan_kg.errors import InputError
from danvan_kg.rdf.namespaces import ID
from danvan_kg.text.normalise import fold, normalise

__all__ = [
    "KIND_OF_CLASS",
    "abbreviations",
    "concept_iri",
    "entity_iri",
    "expand_abbreviations",
    "identity_key",
    "name_variants",
    "read_table",
    "search_key",
    "search_keys",
    "slug",
    "with_qualifier",
]

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

_QUOTES = re.compile(r"[\"'“”‘’«»„‟]")
_DASH_SPACES = re.compile(r"\s*-\s*")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_SPACES = re.compile(r"\s+")
_PARENS = re.compile(r"\s*\(([^()]*)\)")
# province-level unit words that may stand before a province qualifier ("hoi-nong-dan-tinh")
_PROVINCE_UNIT_SLUGS = ("tinh", "thanh-pho", "tp")


def read_table(name: str, columns: tuple[str, ...] = (), folder: Path | None = None) -> list[dict[str, str]]:
    """Rows of a reference table as dicts of NFC values, through the one reader
    (:func:`danvan_kg.refdata.read_table`: declared columns, errors naming file and line)."""
    return [{k: normalise(v) for k, v in row.values.items()} for row in refdata.read_table(name, folder)]


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    """Abbreviation → full form, from ``data/reference/abbreviations.csv``."""
    rows = read_table("abbreviations.csv", ("abbreviation", "expansion"))
    return {r["abbreviation"]: r["expansion"] for r in rows}


@lru_cache(maxsize=1)
def _abbreviation_re() -> re.Pattern[str]:
    words = sorted(map(re.escape, abbreviations()), key=len, reverse=True)
    return re.compile(r"(?<![\w/-])(" + "|".join(words) + r")\.?(?![\w/-])")


@lru_cache(maxsize=1)
def name_variants() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(pattern, replacement) pairs of ``data/reference/name_variants.csv``, applied to identity keys."""
    out = []
    for row in read_table("name_variants.csv", ("pattern", "replacement")):
        try:
            out.append((re.compile(row["pattern"]), row["replacement"]))
        except re.error as exc:
            raise InputError(f"name_variants.csv: bad pattern {row['pattern']!r}: {exc}") from None
    return tuple(out)


def expand_abbreviations(text: str) -> str:
    """Replace known abbreviations by their full form ("UBND huyện" → "Ủy ban nhân dân huyện")."""
    table = abbreviations()
    return _abbreviation_re().sub(lambda m: table[m.group(1)], text)


def _drop_inline_abbreviation(text: str) -> str:
    """Remove a parenthesised abbreviation that repeats the preceding words: "Bộ đội Biên phòng (BĐBP)"."""

    def repl(m: re.Match[str]) -> str:
        inner = m.group(1).strip()
        if inner and (inner.isupper() or inner in abbreviations()) and len(inner) <= 12:
            return ""
        return m.group(0)

    return _PARENS.sub(repl, text)


@lru_cache(maxsize=65536)
def search_key(text: str) -> str:
    """Lowercase, no diacritics, ``đ`` → ``d``, no quotation marks, one space between words: for search."""
    return _SPACES.sub(" ", fold(_QUOTES.sub("", normalise(text)))).strip()


def search_keys(text: str) -> list[str]:
    """The search keys of a label: as written, with abbreviations spelled out, and both without
    punctuation, each when it differs.

    Stored for every label and alias, so "Hội LHPN huyện Ba Chẽ" is found by its full name,
    "Hội Liên hiệp Phụ nữ huyện Ba Chẽ" by its abbreviated one, and "Tết Quân - Dân" by "tet quan dan".
    """
    written = search_key(text)
    expanded = search_key(expand_abbreviations(normalise(text)))
    keys: list[str] = []
    for key in (written, expanded, _loose(written), _loose(expanded)):
        if key and key not in keys:
            keys.append(key)
    return keys


def _loose(key: str) -> str:
    """A search key without punctuation: runs of other characters than a-z and 0-9 as one space."""
    return " ".join(_NON_ALNUM.sub(" ", key).split())


@lru_cache(maxsize=65536)
def identity_key(label: str) -> str:
    """The identity key of a label: normalised, abbreviations expanded, variants folded, casefolded."""
    text = normalise(label)
    text = _QUOTES.sub("", text)
    text = _drop_inline_abbreviation(text)
    text = expand_abbreviations(text)
    text = _DASH_SPACES.sub(" - ", text)
    text = _SPACES.sub(" ", text).strip(" .,;:").casefold()
    for pattern, replacement in name_variants():
        text = pattern.sub(replacement, text)
    return _SPACES.sub(" ", text).strip(" .,;:")


@lru_cache(maxsize=65536)
def slug(text: str) -> str:
    """A readable IRI segment: no diacritics, ``đ`` → ``d``, lowercase, non-alphanumerics to ``-``."""
    s = _NON_ALNUM.sub("-", fold(normalise(text))).strip("-")
    return s[:120].rstrip("-") or "x"


def with_qualifier(base: str, qualifier: str, *, drop_unit: bool = False) -> str:
    """``base`` slug qualified by a place slug, appended unless already there.

    With ``drop_unit`` (the name holds the unit word "tỉnh"/"thành phố", which a slug cannot tell from
    "tình"), that word just before the qualifier is dropped: "Hội Nông dân tỉnh" of Đồng Tháp and
    "Hội Nông dân tỉnh Đồng Tháp" are both ``hoi-nong-dan-dong-thap``.
    """
    if not qualifier:
        return base
    there = base == qualifier or base.endswith(f"-{qualifier}")
    head = base[: -len(qualifier)].rstrip("-") if there else base
    for unit in _PROVINCE_UNIT_SLUGS if drop_unit else ():
        if head.endswith(f"-{unit}"):
            head = head[: -len(unit) - 1]
            break
    return f"{head}-{qualifier}" if head else qualifier


def entity_iri(cls: str, key_or_label: str, qualifier: str | None = None) -> str:
    """IRI of an entity of class ``cls`` named ``key_or_label`` (optionally qualified by a place slug)."""
    kind = KIND_OF_CLASS.get(cls, cls.lower())
    s = slug(identity_key(key_or_label))
    if qualifier:
        q = slug(qualifier)
        if q and not s.endswith(q):
            s = f"{s}-{q}"
    return str(ID[f"{kind}/{s}"])


def concept_iri(cls: str, key_or_label: str) -> str:
    """IRI of the shared concept that local instances of one name link to (``dv:instanceOf``).

    Models: ``id:model-type/<slug>`` (a ``dv:ModelType``): "Phiên chợ 0 đồng" of every province.
    """
    return str(ID[f"{KIND_OF_CLASS.get(cls, cls.lower())}-type/{slug(identity_key(key_or_label))}"])
