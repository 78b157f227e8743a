"""Domain-shaped synthetic data for the benchmarks, streamed as N-Quads.

The data has exactly the RDF shape of ``docs/architecture.md``: an ``admin-units`` graph with
provinces, districts and communes (``dv:within`` and materialised ``dv:withinTransitive``),
a ``reference`` graph with beneficiary groups (SKOS), movements, resolutions and national
organisations, then one named graph per synthetic article holding the Article node, the
places, organisations and models it mentions (labels, ``dv:searchKey``, ``dv:mentionedIn``),
the asserted relations and an evidence node for every mention and relation; local
organisations and models carry ``dv:area`` (their province), each model is a local instance of a
shared concept (``dv:instanceOf`` a ``dv:ModelType``, restated with its label in every article that
names it, as ingest writes it), the place an article is about comes with its province's place node
(``dv:unit2020``, ``dv:within``), 2020 provinces are ``dv:mergedInto`` the 34 provinces of 2025, and
``graph/labels`` holds the preferred label (``skos:prefLabel``, ``dv:name``) of every entity, as
ingest and build derive it.

Output is deterministic for a given ``--triples`` and ``--seed``. Next to the data a small
JSON file records the parameters the benchmark questions bind (a movement, a resolution, a
province, a search text), chosen from what was generated.

    python benchmarks/generate.py --triples 1000000 --out /tmp/bench-1m.nq
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from danvan_kg.paths import reference_dir
from danvan_kg.rdf.entity_index import search_tokens
from danvan_kg.resolve import search_key, slug

ID = "https://w3id.org/danvan-kg/id/"
DV = "https://w3id.org/danvan-kg/ontology#"
GRAPH = "https://w3id.org/danvan-kg/graph/"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
RDF_SUBJECT = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#subject>"
RDF_PREDICATE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate>"
RDF_OBJECT = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#object>"
RDFS_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCT = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"
PROV_DERIVED = "<http://www.w3.org/ns/prov#wasDerivedFrom>"

SYLLABLES = [
    "Tân",
    "Phú",
    "An",
    "Bình",
    "Hòa",
    "Thạnh",
    "Đông",
    "Tây",
    "Long",
    "Mỹ",
    "Hưng",
    "Thuận",
    "Phước",
    "Lộc",
    "Quảng",
    "Đức",
    "Xuân",
    "Hải",
    "Sơn",
    "Thủy",
    "Lâm",
    "Đắk",
    "Trung",
    "Nghĩa",
    "Thái",
    "Hiệp",
    "Thành",
    "Vĩnh",
    "Phong",
    "Hạnh",
    "Quý",
    "Điền",
    "Nhơn",
    "Khánh",
    "Tiến",
    "Cường",
    "Hồng",
    "Yên",
    "Kiến",
    "Minh",
    "Ngọc",
]
THEMES = (
    "Con đường hoa",
    "Phụ nữ giúp nhau phát triển kinh tế",
    "Thắp sáng đường quê",
    "Bữa cơm yêu thương",
    "Tiết kiệm vì người nghèo",
    "Dân vận khéo",
    "Tổ tự quản an ninh trật tự",
    "Xóa nhà tạm, nhà dột nát",
    "Nông dân sản xuất kinh doanh giỏi",
    "Cà phê treo",
    "Ngôi nhà khăn quàng đỏ",
    "Hũ gạo tình thương",
    "Camera an ninh",
    "Chợ 0 đồng",
    "Gia đình 5 không 3 sạch",
    "Chi hội phụ nữ không có người thân phạm tội",
    "Khu dân cư tự quản về bảo vệ môi trường",
    "Tuyến đường xanh - sạch - đẹp",
    "Nuôi heo đất",
    "Sổ tiết kiệm tình thương",
    "Nhà vệ sinh hợp chuẩn",
    "Vườn mẫu",
    "Tổ hợp tác trồng rau an toàn",
)
HEADS = ("Mô hình", "Câu lạc bộ", "Tổ", "Nhóm", "Tổ hợp tác")
LOCAL_ORGS = ("Hội Nông dân", "Hội Liên hiệp Phụ nữ", "Đoàn Thanh niên", "Hội Cựu chiến binh", "Ủy ban MTTQ")
OUTLETS = ("Báo Dân vận", "Báo Nhân Dân", "Báo Quân đội nhân dân", "Báo Đồng Tháp", "Tạp chí Tuyên giáo")
RELATION_METHODS = ("rule:list-under-movement", "rule:cue-run-by", "rule:cue-benefits", "rule:place-of-model")


def iri(local: str) -> str:
    return f"<{ID}{local}>"


def dv(local: str) -> str:
    return f"<{DV}{local}>"


def lit(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if lang:
        return f'"{escaped}"@{lang}'
    if datatype:
        return f'"{escaped}"^^<{datatype}>'
    return f'"{escaped}"'


def sha16(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


@dataclass
class Place:
    """An administrative unit and the article-level place node that points at it."""

    unit: str  # admin IRI (N-Triples form)
    label: str
    level: str
    ancestors: tuple[str, ...]  # admin IRIs, nearest first


@dataclass
class Stats:
    """What was generated (also the JSON written next to the data)."""

    triples: int = 0
    graphs: int = 0
    articles: int = 0
    models: int = 0
    places: int = 0
    evidence: int = 0
    params: dict[str, str] = field(default_factory=dict)


class Generator:
    """Streams quads until the requested number of triples is reached (deterministic per seed)."""

    def __init__(self, triples: int, seed: int = 42) -> None:
        self.target = triples
        self.rng = random.Random(seed)
        self.stats = Stats()
        self.provinces: list[Place] = []
        self.provinces2025: list[Place] = []
        self.merged: dict[str, str] = {}  # 2020 province -> the 2025 province it was merged into
        self.communes: list[Place] = []
        self.movements: list[tuple[str, str]] = []  # (iri, label)
        self.resolutions: list[str] = []
        self.groups: list[tuple[str, str]] = []
        self.models: list[tuple[str, str, str]] = []  # (iri, label, theme)
        self.national_orgs: list[str] = []
        self._movement_weights: list[float] = []
        self.implements: dict[str, list[str]] = {}
        self.launched: dict[str, str] = {}  # movement -> the national organisation that launched it
        self.labels: dict[str, str] = {}  # national organisations' names
        self.named: set[str] = set()  # entities whose preferred label graph/labels already holds

    # ------------------------------------------------------------------ helpers
    def _quad(self, s: str, p: str, o: str, g: str) -> str:
        self.stats.triples += 1
        return f"{s} {p} {o} {g} .\n"

    def _name(self, n: int = 2) -> str:
        return " ".join(self.rng.choice(SYLLABLES) for _ in range(n))

    def _preferred(self, node: str, label: str, *classes: str, places: Iterable[str] = ()) -> Iterator[str]:
        """The derived triples of an entity seen for the first time (its one spelling is the preferred
        one), as ingest and build derive them: skos:prefLabel and the plain dv:name in graph/labels,
        its classes, search key and search words in graph/index, and for a place what it is or lies
        in (dv:inPlace, itself included)."""
        if node in self.named:
            return
        self.named.add(node)
        g = f"<{GRAPH}labels>"
        yield self._quad(node, f"<{SKOS}prefLabel>", lit(label, "vi"), g)
        yield self._quad(node, dv("name"), lit(label), g)
        index = f"<{GRAPH}index>"
        for cls in classes:
            yield self._quad(node, dv("indexClass"), cls, index)
        key = search_key(label)
        yield self._quad(node, dv("indexKey"), lit(key), index)
        for word in sorted(set(search_tokens(key))):
            yield self._quad(node, dv("searchToken"), lit(word), index)
        for place in dict.fromkeys((node, *places) if places else ()):
            yield self._quad(node, dv("inPlace"), place, index)

    # ------------------------------------------------------------------ admin units
    def admin_units(self) -> Iterator[str]:
        g = f"<{GRAPH}admin-units>"
        n_provinces = 63
        n_districts = max(n_provinces, min(700, self.target // 1500))
        n_communes = max(2 * n_districts, min(10_600, self.target // 200))
        rng = self.rng
        districts: list[Place] = []
        for code in range(1, 35):  # the 34 provinces of the 2025 structure
            label = f"Tỉnh {self._name()}"
            self.provinces2025.append(Place(iri(f"admin/2025/province/{code:02d}"), label, "province", ()))
            yield from self._unit(g, self.provinces2025[-1], f"{code:02d}")
        for code in range(1, n_provinces + 1):
            label = f"Tỉnh {self._name()}"
            unit = iri(f"admin/2020/province/{code:02d}")
            self.provinces.append(Place(unit, label, "province", ()))
            self.merged[unit] = self.provinces2025[(code - 1) * len(self.provinces2025) // n_provinces].unit
            yield from self._unit(g, self.provinces[-1], f"{code:02d}")
            yield self._quad(unit, dv("mergedInto"), self.merged[unit], g)
        for code in range(1, n_districts + 1):
            parent = self.provinces[code % n_provinces] if code <= n_provinces else rng.choice(self.provinces)
            place = Place(
                iri(f"admin/2020/district/{code:03d}"), f"Huyện {self._name()}", "district", (parent.unit,)
            )
            districts.append(place)
            yield from self._unit(g, place, f"{code:03d}")
        for code in range(1, n_communes + 1):
            parent = districts[code % n_districts] if code <= n_districts else rng.choice(districts)
            place = Place(
                iri(f"admin/2020/ward/{code:05d}"),
                f"Xã {self._name()}",
                "ward",
                (parent.unit, *parent.ancestors),
            )
            self.communes.append(place)
            yield from self._unit(g, place, f"{code:05d}")
        self.stats.places += len(self.provinces2025) + n_provinces + n_districts + n_communes

    def _unit(self, g: str, place: Place, code: str) -> Iterator[str]:
        s = place.unit
        yield self._quad(s, RDF_TYPE, dv("Place"), g)
        yield self._quad(s, RDF_TYPE, dv("AdministrativeUnit"), g)
        yield self._quad(s, RDFS_LABEL, lit(place.label, "vi"), g)
        yield from self._preferred(
            s, place.label, dv("Place"), dv("AdministrativeUnit"), places=self._closure(s, place.ancestors)
        )
        yield self._quad(s, dv("adminLevel"), lit(place.level), g)
        yield self._quad(s, dv("adminCode"), lit(code), g)
        yield self._quad(s, dv("searchKey"), lit(search_key(place.label)), g)
        if place.ancestors:
            yield self._quad(s, dv("within"), place.ancestors[0], g)
        for ancestor in place.ancestors:
            yield self._quad(s, dv("withinTransitive"), ancestor, g)

    # ------------------------------------------------------------------ reference
    def reference(self) -> Iterator[str]:
        g = f"<{GRAPH}reference>"
        ref = reference_dir()
        with open(ref / "beneficiary_groups.csv", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                s = iri(f"beneficiary/{row['id']}")
                self.groups.append((s, row["label_vi"]))
                yield self._quad(s, RDF_TYPE, dv("BeneficiaryGroup"), g)
                yield self._quad(s, RDF_TYPE, f"<{SKOS}Concept>", g)
                yield self._quad(s, f"<{SKOS}prefLabel>", lit(row["label_vi"], "vi"), g)
                yield self._quad(s, f"<{SKOS}prefLabel>", lit(row["label_en"], "en"), g)
                yield self._quad(s, RDFS_LABEL, lit(row["label_vi"], "vi"), g)
                yield self._quad(s, dv("searchKey"), lit(search_key(row["label_vi"])), g)
                yield from self._preferred(s, row["label_vi"], dv("BeneficiaryGroup"), f"<{SKOS}Concept>")
                labels = f"<{GRAPH}labels>"
                yield self._quad(s, f"<{SKOS}prefLabel>", lit(row["label_en"], "en"), labels)
        with open(ref / "organisations.csv", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row.get("scope") != "national":
                    continue
                s = iri(f"organisation/{row['id']}")
                self.national_orgs.append(s)
                self.labels[s] = row["label_vi"]
                yield self._quad(s, RDF_TYPE, dv("Organisation"), g)
                yield self._quad(s, RDFS_LABEL, lit(row["label_vi"], "vi"), g)
                yield self._quad(s, dv("searchKey"), lit(search_key(row["label_vi"])), g)
                yield from self._preferred(s, row["label_vi"], dv("Organisation"))
        n_resolutions = 10 + self.target // 20_000
        for number in range(1, n_resolutions + 1):
            label = f"Nghị quyết số {number}-NQ/TW"
            s = iri(f"resolution/nghi-quyet-so-{number}-nq-tw")
            self.resolutions.append(s)
            yield self._quad(s, RDF_TYPE, dv("Resolution"), g)
            yield self._quad(s, RDFS_LABEL, lit(label, "vi"), g)
            yield self._quad(s, dv("searchKey"), lit(search_key(label)), g)
            yield from self._preferred(s, label, dv("Resolution"))
        with open(ref / "movements.csv", encoding="utf-8") as f:
            labels = [row["label_vi"] for row in csv.DictReader(f)]
        extra = max(0, self.target // 50_000 - len(labels))
        labels += [f"Phong trào {self._name(3)} {i}" for i in range(extra)]
        for label in labels:
            s = iri(f"movement/{slug(label)}")
            self.movements.append((s, label))
            yield self._quad(s, RDF_TYPE, dv("Movement"), g)
            yield self._quad(s, RDFS_LABEL, lit(label, "vi"), g)
            yield self._quad(s, dv("searchKey"), lit(search_key(label)), g)
            yield from self._preferred(s, label, dv("Movement"))
            implemented = self.rng.sample(self.resolutions, 2)
            self.implements.setdefault(s, implemented)
            for resolution in implemented:
                yield self._quad(s, dv("implements"), resolution, g)
            self.launched[s] = self.rng.choice(self.national_orgs)
            yield self._quad(s, dv("launchedBy"), self.launched[s], g)
        total = 0.0
        self._movement_weights = []
        for rank in range(1, len(self.movements) + 1):
            total += 1 / rank
            self._movement_weights.append(total)

    # ------------------------------------------------------------------ articles
    def article(self, number: int) -> Iterator[str]:
        rng = self.rng
        key = sha16("article", number)
        g = f"<{GRAPH}article/{key}>"
        art = iri(f"article/{key}")
        self.stats.articles += 1
        self.stats.graphs += 1
        commune = rng.choice(self.communes)
        # a skewed choice (weight 1/rank): a few movements carry most models, like the corpus
        movement, movement_label = rng.choices(self.movements, cum_weights=self._movement_weights)[0]
        title = f"{movement_label}: nhiều mô hình hay ở {commune.label}"
        yield self._quad(art, RDF_TYPE, dv("Article"), g)
        yield self._quad(art, dv("sourceKey"), lit(f"https://example.vn/bai-viet/{key}"), g)
        yield self._quad(art, f"<{DCT}source>", lit(f"corpus/texts/{key}.txt"), g)
        yield self._quad(art, f"<{DCT}title>", lit(title, "vi"), g)
        yield self._quad(art, RDFS_LABEL, lit(title, "vi"), g)
        yield self._quad(
            art, f"<{SCHEMA}url>", lit(f"https://example.vn/bai-viet/{key}", datatype=f"{XSD}anyURI"), g
        )
        yield self._quad(art, f"<{SCHEMA}publisher>", lit(rng.choice(OUTLETS)), g)
        date = f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        yield self._quad(art, f"<{DCT}date>", lit(date, datatype=f"{XSD}date"), g)
        sentence = f"{title}, theo phản ánh của cơ sở."
        # the places as the article names them: the commune, and its province (one node per province)
        province_unit = self._province(commune.ancestors[-1])
        province_place = iri(f"place/{slug(province_unit.label)}-{province_unit.unit[-3:-1]}")
        yield from self._entity(
            g, art, province_place, "Place", province_unit.label, sentence,
            places=self._closure(province_unit.unit, ()),
        )  # fmt: skip
        yield self._quad(province_place, dv("adminLevel"), lit("province"), g)
        yield self._quad(province_place, dv("unit2020"), province_unit.unit, g)
        place = iri(f"place/{slug(commune.label)}-{commune.unit[-6:-1]}")
        yield from self._entity(
            g, art, place, "Place", commune.label, sentence,
            places=(province_place, *self._closure(commune.unit, commune.ancestors)),
        )  # fmt: skip
        yield self._quad(place, dv("adminLevel"), lit("ward"), g)
        yield self._quad(place, dv("unit2020"), commune.unit, g)
        yield self._quad(place, dv("within"), province_place, g)
        yield self._quad(place, dv("withinTransitive"), province_place, g)
        for ancestor in commune.ancestors:
            yield self._quad(place, dv("withinTransitive"), ancestor, g)
        # a local organisation qualified by its place, and the movement
        org_label = f"{rng.choice(LOCAL_ORGS)} {commune.label}"
        org = iri(f"organisation/{slug(org_label)}-{commune.unit[-6:-1]}")
        yield from self._entity(g, art, org, "Organisation", org_label, sentence)
        yield self._quad(org, dv("locatedIn"), place, g)
        province = commune.ancestors[-1]
        yield self._quad(org, dv("area"), province, g)  # the province its identity is qualified by
        yield from self._entity(g, art, movement, "Movement", movement_label, sentence)
        for _ in range(4):
            if self.models and rng.random() < 0.2:
                model, label, theme = rng.choice(self.models)
            else:
                theme = rng.choice(THEMES)
                label = f"{rng.choice(HEADS)} “{theme}” {commune.label} {len(self.models) + 1}"
                model = iri(f"model/{slug(label)}")
                self.models.append((model, label, theme))
                self.stats.models += 1
                yield self._quad(model, dv("area"), province, g)
            yield from self._entity(g, art, model, "Model", label, sentence)
            yield from self._instance_of(g, model, theme)
            yield from self._relation(g, art, model, "partOf", movement, sentence, 0)
            yield from self._relation(g, art, model, "runBy", org, sentence, 1)
            for group, _ in rng.sample(self.groups, rng.choice((1, 1, 2))):
                yield from self._relation(g, art, model, "benefits", group, sentence, 2)
            yield from self._relation(g, art, model, "locatedIn", place, sentence, 3)

    def _province(self, unit: str) -> Place:
        return self.provinces[int(unit[-3:-1]) - 1]

    def _instance_of(self, g: str, model: str, theme: str) -> Iterator[str]:
        """``dv:instanceOf`` the shared concept of a model's name, described with this article's
        spelling (as ingest writes it: every article restates the concept's type and label)."""
        concept = iri(f"model-type/{slug(theme)}")
        yield self._quad(model, dv("instanceOf"), concept, g)
        yield self._quad(concept, RDF_TYPE, dv("ModelType"), g)
        yield self._quad(concept, RDF_TYPE, f"<{SKOS}Concept>", g)
        yield self._quad(concept, RDFS_LABEL, lit(theme, "vi"), g)
        yield self._quad(concept, dv("searchKey"), lit(search_key(theme)), g)
        yield from self._preferred(concept, theme, dv("ModelType"), f"<{SKOS}Concept>")

    def _closure(self, unit: str, ancestors: Iterable[str]) -> tuple[str, ...]:
        """An administrative unit, what it lies within, and the 2025 province its province became."""
        within = (unit, *ancestors)
        return (*within, *(self.merged[u] for u in within if u in self.merged))

    def _entity(
        self, g: str, art: str, node: str, cls: str, label: str, sentence: str, places: Iterable[str] = ()
    ) -> Iterator[str]:
        yield self._quad(node, RDF_TYPE, dv(cls), g)
        yield self._quad(node, RDFS_LABEL, lit(label, "vi"), g)
        yield self._quad(node, dv("searchKey"), lit(search_key(label)), g)
        yield self._quad(node, dv("mentionedIn"), art, g)
        yield from self._preferred(node, label, dv(cls), places=places)
        start = self.rng.randint(0, 4000)
        ev = iri(f"evidence/{sha16(g, node, start)}")
        self.stats.evidence += 1
        yield self._quad(ev, RDF_TYPE, dv("Evidence"), g)
        yield self._quad(ev, dv("about"), node, g)
        yield self._quad(ev, dv("quote"), lit(label), g)
        yield self._quad(ev, dv("sentence"), lit(sentence), g)
        yield self._quad(ev, dv("start"), lit(str(start), datatype=f"{XSD}integer"), g)
        yield self._quad(ev, dv("end"), lit(str(start + len(label)), datatype=f"{XSD}integer"), g)
        yield self._quad(ev, dv("confidence"), lit("0.900", datatype=f"{XSD}decimal"), g)
        yield self._quad(ev, dv("method"), lit("gazetteer" if cls == "Place" else "rule:cue-quoted-name"), g)
        yield self._quad(ev, PROV_DERIVED, art, g)

    def _relation(
        self, g: str, art: str, s: str, p: str, o: str, sentence: str, method: int
    ) -> Iterator[str]:
        yield self._quad(s, dv(p), o, g)
        start = self.rng.randint(0, 4000)
        ev = iri(f"evidence/{sha16(g, s, p, o, start)}")
        self.stats.evidence += 1
        yield self._quad(ev, RDF_TYPE, dv("Evidence"), g)
        yield self._quad(ev, RDF_SUBJECT, s, g)
        yield self._quad(ev, RDF_PREDICATE, dv(p), g)
        yield self._quad(ev, RDF_OBJECT, o, g)
        yield self._quad(ev, dv("quote"), lit(sentence[:40]), g)
        yield self._quad(ev, dv("sentence"), lit(sentence), g)
        yield self._quad(ev, dv("start"), lit(str(start), datatype=f"{XSD}integer"), g)
        yield self._quad(ev, dv("end"), lit(str(start + 40), datatype=f"{XSD}integer"), g)
        yield self._quad(
            ev, dv("confidence"), lit(f"0.{self.rng.randint(50, 95)}", datatype=f"{XSD}decimal"), g
        )
        yield self._quad(ev, dv("method"), lit(RELATION_METHODS[method]), g)
        yield self._quad(ev, PROV_DERIVED, art, g)

    # ------------------------------------------------------------------ all
    def quads(self) -> Iterator[str]:
        """Every quad line, in a fixed order; stops after the article that reaches the target."""
        yield from self.admin_units()
        yield from self.reference()
        self.stats.graphs += 2
        number = 0
        while self.stats.triples < self.target:
            number += 1
            yield from self.article(number)
        self.stats.params = self._params()

    def _params(self) -> dict[str, str]:
        """Parameters of the benchmark questions: the busiest movement, a resolution it implements, the
        organisation that launched it, the province with most communes."""
        movement, label = self.movements[0]
        counts: dict[str, int] = {}
        for place in self.communes:
            counts[place.ancestors[-1]] = counts.get(place.ancestors[-1], 0) + 1
        province = max(counts, key=lambda p: (counts[p], p))
        resolution = self.implements[movement][0]
        return {
            "resolution_label": f"Nghị quyết số {self.resolutions.index(resolution) + 1}-NQ/TW",
            "group_label": "hộ nghèo",
            "movement": movement[1:-1],
            "movement_label": label,
            "resolution": self.implements[movement][0][1:-1],
            "province": province[1:-1],
            "province_label": self.provinces[int(province[-3:-1]) - 1].label,
            "organisation_label": self.labels[self.launched[movement]],
            "search": "nghèo",
        }


def generate(triples: int, out: BinaryIO, seed: int = 42, batch: int = 5000) -> Stats:
    """Write about ``triples`` quads (a little more: whole articles) to ``out`` as UTF-8 N-Quads."""
    generator = Generator(triples, seed)
    buffer: list[str] = []
    for line in generator.quads():
        buffer.append(line)
        if len(buffer) >= batch:
            out.write("".join(buffer).encode("utf-8"))
            buffer.clear()
    out.write("".join(buffer).encode("utf-8"))
    return generator.stats


def generate_file(triples: int, path: Path, seed: int = 42) -> Stats:
    """Generate into ``path`` (written atomically) and the parameters into ``path`` + ``.json``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "wb") as out:
        stats = generate(triples, out, seed)
    tmp.replace(path)
    Path(str(path) + ".json").write_text(
        json.dumps(stats.__dict__, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--triples", type=int, default=100_000, help="about how many triples (default 100,000)"
    )
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, default=None, help="N-Quads file (default: stdout)")
    args = parser.parse_args(argv)
    if args.out is None:
        stats = generate(args.triples, sys.stdout.buffer, args.seed)
    else:
        stats = generate_file(args.triples, args.out, args.seed)
    print(json.dumps({k: v for k, v in stats.__dict__.items() if k != "params"}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
