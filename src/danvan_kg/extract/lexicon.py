"""What the extractor knows about the genre, compiled once from ``data/reference``.

Everything a recogniser or relation rule matches on is data, read through :mod:`danvan_kg.refdata`:

* ``lexicon.csv`` — the grammar words, one row per word and a ``role``: cue words per class
  (``movement_cue``, ``model_cue``), cues that make a quotation *not* a name (``slogan_cue``,
  ``event_cue``, ``speech_cue``), list openers, the function words and verbs that end an unquoted
  name, person titles, generic plural bodies, place unit words with their level, regions and
  nicknames, the beneficiary head + qualifier grammar, and the cue verbs of each relation;
* ``organisations.csv`` (national bodies and the heads of relative names, with the qualifier each
  head needs), ``model_heads.csv`` (head nouns that begin a model's name), ``document_kinds.csv``
  (kind words and code suffixes), and the catalogues of known movements, models, beneficiary groups,
  programmes and indices.

:func:`lexicon` returns the process-wide :class:`Lexicon`; a new row in any of those files changes
what is recognised without a code change (``tests/test_extract_lexicon.py`` proves it per table).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from danvan_kg.refdata import read_table
from danvan_kg.text.normalise import fold, normalise

__all__ = [
    "Concept",
    "Lexicon",
    "ModelHead",
    "OrgHead",
    "case_variants",
    "lexicon",
    "literal_alternation",
]

UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
NAME_WORD = rf"[{UPPER}][^\W_]*"
"""A capitalised syllable."""


def literal_alternation(words: list[str] | set[str] | tuple[str, ...]) -> str:
    """A regex matching any of ``words`` literally, as a character trie (one pass, longest first)."""
    trie: dict = {}
    for w in set(words):
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie) or "(?!)"


def case_variants(name: str) -> set[str]:
    """Spellings of a word found in texts: as written, first letter lowered or raised, and for
    multi-word names all lower case after the first letter."""
    out = {name}
    if name and not name.isupper():
        out.add(name[0].lower() + name[1:])
        out.add(name[0].upper() + name[1:])
        if " " in name and not any(w.isupper() and len(w) > 1 for w in name.split()):
            low = name.lower()
            out.add(low)
            out.add(low[0].upper() + low[1:])
    return out


@dataclass(frozen=True, slots=True)
class OrgHead:
    """A row of ``organisations.csv``: a national body or the head of a relative name."""

    id: str
    label: str
    cls: str
    names: tuple[str, ...]  # label first, then abbreviations and other spellings
    scope: str  # "national" or "relative"
    qualifier: str  # none | place | required | name | number


@dataclass(frozen=True, slots=True)
class ModelHead:
    """A row of ``model_heads.csv``: a noun that begins a model's name (CLB, tổ, phiên chợ, bếp ...)."""

    id: str
    word: str
    cls: str  # dv:Model subclass, or ""
    in_label: bool  # False: the head is dropped from a capitalised name ("CLB Kết nối" → "Kết nối")


@dataclass(frozen=True, slots=True)
class Concept:
    """A catalogue concept (known movement or model, beneficiary group, programme, index)."""

    id: str
    label: str
    label_en: str
    variants: tuple[str, ...]
    extra: str = ""


def _concepts(table: str, folder: Path | None, extra: str = "") -> list[Concept]:
    out = []
    for r in read_table(table, folder):
        label = normalise(r["label_vi"])
        out.append(Concept(r["id"], label, r["label_en"], (label, *r.split("variants")), r.get(extra)))
    return out


class Lexicon:
    """The compiled vocabulary of the genre (see the module docstring)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self.roles: dict[str, list[str]] = defaultdict(list)
        self.values: dict[tuple[str, str], str] = {}
        for r in read_table("lexicon.csv", folder):
            word = normalise(r["word"])
            self.roles[r["role"]].append(word)
            if r["value"]:
                self.values[(r["role"], word)] = r["value"]
        self.org_heads = [
            OrgHead(
                r["id"],
                normalise(r["label_vi"]),
                r["class"] or "Organisation",
                (normalise(r["label_vi"]), *r.split("abbreviations")),
                r["scope"] or "relative",
                r["qualifier"] or "place",
            )
            for r in read_table("organisations.csv", folder)
        ]
        self.model_heads = [
            ModelHead(r["id"], normalise(r["label_vi"]), r["class"], r["in_label"] != "alias")
            for r in read_table("model_heads.csv", folder)
        ]
        self.document_kinds = read_table("document_kinds.csv", folder)
        self.doc_class_by_word = {
            normalise(r["label_vi"]).casefold(): r["class"] for r in self.document_kinds
        }
        self.doc_class_by_suffix: dict[str, str] = {}
        for r in self.document_kinds:
            for suf in r.split("code_suffixes"):
                self.doc_class_by_suffix.setdefault(re.split(r"[/-]", suf)[0].upper(), r["class"])
        self.movements = _concepts("movements.csv", folder)
        self.models = _concepts("models.csv", folder, "class")
        self.beneficiaries = _concepts("beneficiary_groups.csv", folder)
        self.programmes = _concepts("programmes.csv", folder)
        self.documents = _concepts("documents.csv", folder, "class")
        self.indices = [
            Concept(
                r["id"],
                r["label"] or normalise(r["label_vi"]),
                r["label_en"],
                (r["label"], *r.split("variants")),
            )
            for r in read_table("indices.csv", folder)
        ]

    # ------------------------------------------------------------------ words of a role
    def words(self, role: str) -> list[str]:
        """The words of a lexicon role (an unknown role is a programming error)."""
        if role not in self.roles:
            raise KeyError(f"lexicon.csv has no role {role!r}")
        return self.roles[role]

    def value(self, role: str, word: str) -> str:
        return self.values.get((role, word), "")

    @lru_cache(maxsize=256)  # noqa: B019 - one Lexicon per process
    def alt(self, role: str, variants: bool = True) -> str:
        """A regex alternation (trie) of a role's words, with their case variants unless told not to."""
        words = self.words(role)
        if variants:
            words = [v for w in words for v in case_variants(w)]
        return literal_alternation(words)

    @lru_cache(maxsize=256)  # noqa: B019
    def word_set(self, role: str) -> frozenset[str]:
        """A role's words, casefolded."""
        return frozenset(w.casefold() for w in self.words(role))

    # ------------------------------------------------------------------ organisations
    @cached_property
    def org_by_name(self) -> dict[str, OrgHead]:
        """Every spelling of an organisation head, casefolded → its row (first row wins)."""
        out: dict[str, OrgHead] = {}
        for row in self.org_heads:
            for name in row.names:
                out.setdefault(name.casefold(), row)
        return out

    @cached_property
    def org_head_alt(self) -> str:
        """Alternation of organisation head spellings. Abbreviations in capitals match as written;
        other names match in any case ("Hội Liên hiệp phụ nữ", "hội LHPN"): whether a lower-case
        spelling names a body is the recogniser's call."""
        caps: set[str] = set()
        words: set[str] = set()
        for row in self.org_heads:
            for name in row.names:
                spellings = {name, name.replace(" - ", "-")} if " - " in name else {name}
                for sp in spellings:
                    if any(w.isupper() and len(w) > 1 for w in sp.split()):
                        caps.add(sp)
                        caps.update(case_variants(sp))
                    else:
                        words.add(sp.lower())
        return f"(?:{literal_alternation(caps)})|(?i:{literal_alternation(words)})"

    # ------------------------------------------------------------------ models
    @cached_property
    def model_head_by_word(self) -> dict[str, ModelHead]:
        return {h.word.casefold(): h for h in self.model_heads}

    @cached_property
    def model_head_alt(self) -> str:
        return literal_alternation({v for h in self.model_heads for v in case_variants(h.word)})

    # ------------------------------------------------------------------ catalogues
    @cached_property
    def known_names(self) -> dict[str, tuple[str, Concept]]:
        """Folded spelling of a catalogued movement or model → (class, concept)."""
        out: dict[str, tuple[str, Concept]] = {}
        for cls, pool in (("Movement", self.movements), ("Model", self.models)):
            for c in pool:
                for v in c.variants:
                    out.setdefault(known_key(v), (cls, c))
        return out

    @cached_property
    def beneficiary_by_variant(self) -> dict[str, Concept]:
        out: dict[str, Concept] = {}
        for c in self.beneficiaries:
            for v in c.variants:
                out.setdefault(v.casefold(), c)
        return out

    @cached_property
    def model_head_classes(self) -> dict[str, str]:
        """Model head word (casefolded) → the ``dv:Model`` subclass it implies ("" for none)."""
        return {h.word.casefold(): h.cls for h in self.model_heads}

    def province(self, name: str) -> str | None:
        """The canonical short name of a province (from the administrative-unit gazetteer)."""
        from danvan_kg.extract.admin import admin_gazetteer

        return admin_gazetteer().province(name)

    def document_class(self, kind_word: str) -> str:
        return self.doc_class_by_word.get(kind_word.casefold(), "")


_KNOWN_KEY_DROP = re.compile(r"[^\w]+")


def known_key(text: str) -> str:
    """A loose key for catalogued names: folded, punctuation and spacing ignored ("Tết Quân-Dân" =
    "tết quân dân")."""
    return _KNOWN_KEY_DROP.sub(" ", fold(normalise(text))).strip()


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The process-wide lexicon of the bundled reference data."""
    return Lexicon()
