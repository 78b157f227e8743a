"""Every IRI the project writes, minted in one place from keys and slugs.

Instances are ``id:<kind>/<slug>`` (``docs/architecture.md``, "IRIs"); an article and its named
graph share the key ``sha1(source key)[:16]``; an evidence node's IRI is a hash of what it is
evidence for and where. Slugs drop diacritics (``đ`` → ``d``). This module knows nothing of
names or identity: :mod:`danvan_kg.resolve` turns a label into the identity key that
:func:`instance_iri` slugs, so that text, extraction and RDF code can all mint IRIs from here.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from rdflib import URIRef

from danvan_kg.ids.namespaces import GRAPH, ID
from danvan_kg.text.normalise import fold, normalise

__all__ = [
    "KIND_OF_CLASS",
    "admin_unit_iri",
    "article_graph_iri",
    "article_iri",
    "concept_iri_of_key",
    "evidence_iri",
    "import_graph_iri",
    "instance_iri",
    "kind_of",
    "point_iri",
    "records_graph_iri",
    "slug",
    "source_key_hash",
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
"""The first path segment of the IRIs of each class (``id:<kind>/<slug>``)."""

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# province-level unit words that may stand before a province qualifier ("hoi-nong-dan-tinh")
_PROVINCE_UNIT_SLUGS = ("tinh", "thanh-pho", "tp")


def kind_of(cls: str) -> str:
    """The IRI kind of class ``cls`` (``Model`` → ``model``; an unknown class, lowercased)."""
    return KIND_OF_CLASS.get(cls, cls.lower())


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


def instance_iri(cls: str, key: str, qualifier: str | None = None) -> str:
    """IRI of the instance of class ``cls`` whose identity key is ``key`` (optionally qualified by a
    place: its slug is appended unless the slug of ``key`` already ends with it)."""
    s = slug(key)
    if qualifier:
        q = slug(qualifier)
        if q and not s.endswith(q):
            s = f"{s}-{q}"
    return str(ID[f"{kind_of(cls)}/{s}"])


def concept_iri_of_key(cls: str, key: str) -> str:
    """IRI of the shared concept of the instances of ``cls`` with identity key ``key``
    (``id:model-type/<slug>`` for models)."""
    return str(ID[f"{kind_of(cls)}-type/{slug(key)}"])


def source_key_hash(key: str) -> str:
    """First 16 hex digits of sha1(key): the ``<key>`` of article and graph IRIs."""
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def article_iri(source_key: str) -> str:
    """``id:article/<key>``: the Article node of the source with this source key."""
    return str(ID[f"article/{source_key_hash(source_key)}"])


def article_graph_iri(source_key: str) -> str:
    """``graph/article/<key>``: the named graph of the source with this source key."""
    return str(GRAPH[f"article/{source_key_hash(source_key)}"])


def records_graph_iri(stem: str) -> str:
    """``graph/records/<stem>``: the named graph of one curated CSV file."""
    return str(GRAPH[f"records/{stem}"])


def import_graph_iri(stem: str) -> str:
    """``graph/import/<stem>``: where an imported file of triples goes when no graph is named."""
    return str(GRAPH[f"import/{stem}"])


_EVIDENCE_PREFIX = str(ID["evidence/"])


def evidence_iri(graph_iri: str, *parts: object) -> URIRef:
    """Stable IRI of an evidence node: the same fact from the same span always gets the same IRI."""
    digest = hashlib.sha1("\x1f".join([graph_iri, *map(str, parts)]).encode("utf-8")).hexdigest()[:16]
    return str.__new__(URIRef, _EVIDENCE_PREFIX + digest)  # a hex digest: no IRI check needed


def admin_unit_iri(structure: str, level: str, code: str) -> URIRef:
    """IRI of an administrative unit: ``id:admin/<2020|2025>/<level>/<code>``."""
    return ID[f"admin/{structure}/{level}/{code}"]


def point_iri(structure: str, level: str, code: str) -> URIRef:
    """``id:point/<structure>/<level>/<code>``: the geometry node of a unit's point."""
    return ID[f"point/{structure}/{level}/{code}"]
