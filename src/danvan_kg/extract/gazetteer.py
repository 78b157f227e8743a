"""Catalogues the recognisers look names up in, loaded once per process.

Sources: ``data/reference/*.csv`` (beneficiary groups, organisations, document kinds, programmes,
indices, model heads, known movements and models) and the administrative-unit tables shipped
with ``vietnamadminunits`` (63 legacy provinces with their districts, 34 provinces of 2025).
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from danvan_kg.paths import reference_dir
from danvan_kg.text.normalise import fold, normalise

__all__ = ["Gazetteer", "OrgHead", "case_variants", "gazetteer", "literal_alternation", "read_csv"]


def literal_alternation(words: list[str] | set[str]) -> str:
    """A regex matching any of ``words`` literally, as a character trie (much faster than a flat ``a|b|c``).

    Longer words win over their prefixes because every branch is tried before the end marker.
    """
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
        if ends:
            return f"(?:{body})?"
        return body

    return build(trie)


def case_variants(name: str) -> set[str]:
    """The spellings of a catalogue name found in texts: as written, first letter lowered or raised,
    and (for multi-word names) all lower case after the first letter."""
    out = {name}
    if name and not name.isupper():
        out.add(name[0].lower() + name[1:])
        out.add(name[0].upper() + name[1:])
        if " " in name:
            low = name.lower()
            out.add(low)
            out.add(low[0].upper() + low[1:])
    return out


@dataclass(frozen=True, slots=True)
class OrgHead:
    """A row of ``organisations.csv``: a name head (or a full national name) and its spellings."""

    id: str
    label: str
    cls: str
    names: tuple[str, ...]  # label first, then abbreviations / variants
    scope: str  # "national" or "relative"
    pattern: str


@dataclass(frozen=True, slots=True)
class Concept:
    """A catalogue concept (beneficiary group, programme, index, known movement/model)."""

    id: str
    label: str
    label_en: str
    variants: tuple[str, ...]
    extra: str = ""


def read_csv(name: str, folder: Path | None = None) -> list[dict[str, str]]:
    """Rows of ``data/reference/<name>`` as dicts (empty list when the file is missing)."""
    path = (folder or reference_dir()) / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(fh)]


def _split(value: str) -> tuple[str, ...]:
    return tuple(normalise(v) for v in value.split("|") if v.strip())


def _alternation(words: list[str]) -> str:
    uniq = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w) for w in uniq)


class Gazetteer:
    """Lookup structures built from the reference CSVs and the administrative-unit tables."""

    def __init__(self, folder: Path | None = None) -> None:
        self.beneficiaries = [
            Concept(
                r["id"],
                normalise(r["label_vi"]),
                r["label_en"],
                (normalise(r["label_vi"]), *_split(r.get("variants", ""))),
            )
            for r in read_csv("beneficiary_groups.csv", folder)
        ]
        self.beneficiary_by_variant: dict[str, Concept] = {}
        for c in self.beneficiaries:
            for v in c.variants:
                self.beneficiary_by_variant.setdefault(v.casefold(), c)
        spellings = {v for c in self.beneficiaries for name in c.variants for v in case_variants(name)}
        self.beneficiary_re = re.compile(r"(?<!\w)(" + literal_alternation(spellings) + r")(?!\w)")

        self.org_heads = [
            OrgHead(
                r["id"],
                normalise(r["label_vi"]),
                r.get("class", "") or "Organisation",
                (normalise(r["label_vi"]), *_split(r.get("abbreviations", ""))),
                r.get("scope", "relative") or "relative",
                r.get("pattern", ""),
            )
            for r in read_csv("organisations.csv", folder)
        ]

        self.document_kinds = read_csv("document_kinds.csv", folder)
        self.doc_class_by_word = {
            normalise(r["label_vi"]).casefold(): r["class"] for r in self.document_kinds
        }
        self.doc_class_by_suffix: dict[str, str] = {}
        for r in self.document_kinds:
            for suf in _split(r.get("code_suffixes", "")):
                self.doc_class_by_suffix.setdefault(suf.split("/")[0].split("-")[0].upper(), r["class"])

        self.programmes = [
            Concept(
                r["id"],
                normalise(r["label_vi"]),
                r["label_en"],
                (normalise(r["label_vi"]), *_split(r.get("variants", ""))),
            )
            for r in read_csv("programmes.csv", folder)
        ]
        self.indices = [
            Concept(
                r["id"],
                r.get("label") or normalise(r["label_vi"]),
                r["label_en"],
                (r.get("label", ""), *_split(r.get("variants", ""))),
                normalise(r["label_vi"]),
            )
            for r in read_csv("indices.csv", folder)
        ]
        self.model_heads = {
            normalise(r["label_vi"]).casefold(): (r.get("class") or "")
            for r in read_csv("model_heads.csv", folder)
        }
        self.movements = [
            Concept(
                r["id"],
                normalise(r["label_vi"]),
                r["label_en"],
                (normalise(r["label_vi"]), *_split(r.get("variants", ""))),
            )
            for r in read_csv("movements.csv", folder)
        ]
        self.models = [
            Concept(
                r["id"],
                normalise(r["label_vi"]),
                r["label_en"],
                (normalise(r["label_vi"]), *_split(r.get("variants", ""))),
                r.get("class", ""),
            )
            for r in read_csv("models.csv", folder)
        ]
        self._load_admin()

    def _load_admin(self) -> None:
        data = resources.files("vietnamadminunits") / "data"
        legacy = json.loads((data / "parser_legacy.json").read_text(encoding="utf-8"))
        new = json.loads((data / "parser_from_2025.json").read_text(encoding="utf-8"))
        # province short name -> (legacy code or "", 2025 code or "", full name)
        self.provinces: dict[str, dict[str, str]] = {}
        for v in legacy["DICT_PROVINCE"].values():
            self.provinces[normalise(v["provinceShort"])] = {
                "code2020": v["provinceCode"],
                "full": normalise(v["province"]),
            }
        for v in new["DICT_PROVINCE"].values():
            entry = self.provinces.setdefault(
                normalise(v["provinceShort"]), {"full": normalise(v["province"])}
            )
            entry["code2025"] = v["provinceCode"]
        if "Huế" in self.provinces:
            self.provinces["Thừa Thiên Huế"] = dict(self.provinces["Huế"])
        if "Hồ Chí Minh" in self.provinces:
            self.provinces["Thành phố Hồ Chí Minh"] = dict(self.provinces["Hồ Chí Minh"])
        # district short name -> list of (type, code, province short name)
        self.districts: dict[str, list[tuple[str, str, str]]] = {}
        prov_short = {k: normalise(v["provinceShort"]) for k, v in legacy["DICT_PROVINCE"].items()}
        for pkey, dists in legacy["DICT_PROVINCE_DISTRICT"].items():
            for d in dists.values():
                self.districts.setdefault(normalise(d["districtShort"]), []).append(
                    (normalise(d["districtType"]), d["districtCode"], prov_short[pkey])
                )
        self.province_fold = {fold(k): k for k in self.provinces}

    def province(self, name: str) -> str | None:
        """The canonical short name of a province named ``name`` (any case/diacritics), if it is one."""
        if name in self.provinces:
            return name
        return self.province_fold.get(fold(name))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (loaded on first use)."""
    return Gazetteer()
