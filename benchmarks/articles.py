"""Synthetic news articles (text, not triples) for the end-to-end ingest benchmark.

Every sentence comes from the templates below, written by the team for this benchmark (never
from a collected article): a provincial body carries a movement forward under a resolution, a
district builds models, a list of models follows, local organisations run them for beneficiary
groups in named communes. What varies is data: real province, district and commune names (the
``vietnamadminunits`` tables the store's administrative units come from), the movements, national
bodies and beneficiary groups of ``data/reference``, and model names built from heads and themes,
so that models recur within a province (the same model named by several articles) and differ
across provinces. Output is deterministic for a given seed.

    python benchmarks/articles.py --count 100000 --out /tmp/articles     # 10 folders of 10,000
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from danvan_kg.paths import reference_dir

PER_FOLDER = 10_000

OUTLETS = ("Báo Dân vận", "Bản tin Dân vận tỉnh", "Tạp chí Tuyên giáo", "Báo Đại đoàn kết", "Báo Nông thôn")
LOCAL_BODIES = (
    "Ban Dân vận Tỉnh ủy {p}",
    "Ủy ban MTTQ Việt Nam tỉnh {p}",
    "Hội LHPN tỉnh {p}",
    "Hội Nông dân tỉnh {p}",
    "Tỉnh đoàn {p}",
)
DISTRICT_BODIES = (
    "Hội LHPN {d}",
    "Hội Nông dân {d}",
    "Hội Cựu chiến binh {d}",
    "Ủy ban MTTQ Việt Nam {d}",
)
COMMUNE_BODIES = (
    "Hội Phụ nữ xã {w}",
    "Hội Nông dân xã {w}",
    "Đoàn Thanh niên xã {w}",
    "Chi hội Cựu chiến binh xã {w}",
    "Ban Công tác Mặt trận xã {w}",
)
HEADS = ("Mô hình", "Câu lạc bộ", "Tổ", "Nhóm", "Phiên chợ", "Quỹ", "Tổ tự quản")
THEMES = (
    "Nghĩa tình {w}",
    "Đường hoa {w}",
    "Bếp ấm {w}",
    "Góp gạo nuôi quân {w}",
    "Vườn rau sạch {w}",
    "Thắp sáng đường quê {w}",
    "Hũ gạo yêu thương {w}",
    "Nâng bước đến trường {w}",
    "Mái ấm cho người già {w}",
    "Nước sạch cho bản {w}",
    "Phụ nữ tiết kiệm {w}",
    "Nông dân giúp nhau {w}",
    "An toàn giao thông {w}",
    "Xóm đạo bình yên {w}",
    "Camera giữ bình yên {w}",
)
OPENINGS = (
    "Năm {year}, {body} tiếp tục triển khai phong trào thi đua “{movement}” gắn với thực hiện {resolution}.",
    "Thực hiện {resolution}, {body} đã phát động phong trào thi đua “{movement}” trong toàn tỉnh.",
    "Hưởng ứng phong trào thi đua “{movement}”, {body} chỉ đạo các địa phương đăng ký mô hình mới"
    " năm {year}.",
)
DISTRICT_LINES = (
    "Tại {district}, cấp ủy và các đoàn thể đã xây dựng {n} mô hình mới.",
    "Toàn {district} hiện có {n} mô hình được công nhận, phân bố đều ở các xã.",
)
LIST_LINES = (
    "Trong phong trào “{movement}”, nhiều mô hình được nhân dân đồng tình, như: {models}.",
    "Các mô hình tiêu biểu gồm: {models}.",
)
RUN_LINES = (
    "{org} phối hợp tổ chức “{model}” mỗi tháng, hỗ trợ {group} ở xã {ward}.",
    "Mô hình “{model}” do {org} thực hiện đã giúp {group} tại xã {ward} ổn định cuộc sống.",
    "{org} duy trì “{model}”, mỗi quý trao quà cho {group} ở xã {ward}.",
)
CLOSINGS = (
    "Các mô hình đã góp phần củng cố khối đại đoàn kết toàn dân tộc ở cơ sở.",
    "Thời gian tới, địa phương tiếp tục nhân rộng các cách làm hay, gần dân.",
    "Phong trào góp phần xây dựng nông thôn mới và đô thị văn minh.",
)


@dataclass(frozen=True)
class Unit:
    """A commune with its district and province, as the administrative tables name them."""

    province: str
    district: str
    """With its kind, as a sentence names it: "huyện Ba Chẽ", "thị xã Quảng Yên"."""
    ward: str


_KINDS = ("Thành phố ", "Tỉnh ", "Huyện ", "Quận ", "Thị xã ", "Xã ", "Phường ", "Thị trấn ")


def _short(name: str) -> str:
    for prefix in _KINDS:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _in_sentence(name: str) -> str:
    """"Huyện Ba Chẽ" as written inside a sentence: "huyện Ba Chẽ"."""
    return name[:1].lower() + name[1:] if name.startswith(_KINDS) else name


def admin_units() -> list[Unit]:
    """Every commune of the 2020 structure with its district and province (short names)."""
    from vietnamadminunits.database import query

    rows = query("SELECT province, district, ward FROM admin_units_legacy ORDER BY provinceCode, wardCode")
    return [
        Unit(_short(str(r["province"])), _in_sentence(str(r["district"])), _short(str(r["ward"])))
        for r in rows
        if r["ward"] and r["district"] and str(r["ward"]).startswith("Xã ")
    ]


def _column(file: str, column: str, keep: str | None = None) -> list[str]:
    with open(reference_dir() / file, encoding="utf-8") as handle:
        return [row[column] for row in csv.DictReader(handle) if keep is None or row.get("scope") == keep]


class Articles:
    """Deterministic article texts; movements picked with weight 1/rank, as in generate.py."""

    def __init__(self, seed: int = 42) -> None:
        self.rng = random.Random(seed)
        self.units = admin_units()
        self.movements = _column("movements.csv", "label_vi")
        self.groups = _column("beneficiary_groups.csv", "label_vi")
        self.weights = [1 / rank for rank in range(1, len(self.movements) + 1)]
        self.models: dict[str, list[str]] = {}  # province -> model names seen there

    def _model(self, unit: Unit, taken: set[str]) -> str:
        """A model of the province: one already named by an earlier article (three times in ten) or a
        new one, never one ``taken`` by this article already."""
        seen = self.models.setdefault(unit.province, [])
        if seen and self.rng.random() < 0.3:
            name = self.rng.choice(seen)
            if name not in taken:
                return name
        while True:
            theme = self.rng.choice(THEMES).format(w=self.rng.choice((unit.ward, unit.province)))
            name = f"{self.rng.choice(HEADS)} “{theme}”"
            if name not in taken:
                seen.append(name)
                return name

    def text(self, number: int) -> str:
        """The text of article ``number`` (headers, then four or five paragraphs)."""
        rng = self.rng
        unit = rng.choice(self.units)
        movement = rng.choices(self.movements, weights=self.weights)[0]
        year = rng.randint(2015, 2025)
        resolution = f"Nghị quyết số {rng.randint(1, 60)}-NQ/TW"
        body = rng.choice(LOCAL_BODIES).format(p=unit.province)
        models: list[str] = []
        for _ in range(rng.randint(3, 5)):
            models.append(self._model(unit, set(models)))
        listed = ", ".join(f"{m.split(' “')[0]} “{m.split('“', 1)[1]}" for m in models)
        paragraphs = [
            rng.choice(OPENINGS).format(year=year, body=body, movement=movement, resolution=resolution)
            + " "
            + rng.choice(DISTRICT_LINES).format(district=unit.district, n=rng.randint(5, 60)),
            rng.choice(LIST_LINES).format(movement=movement, models=listed),
        ]
        for model in models[: rng.randint(2, 3)]:
            org = rng.choice((*DISTRICT_BODIES, *COMMUNE_BODIES)).format(d=unit.district, w=unit.ward)
            group = rng.choice(self.groups)
            name = model.split("“", 1)[1].rstrip("”")
            paragraphs.append(rng.choice(RUN_LINES).format(org=org, model=name, group=group, ward=unit.ward))
        paragraphs.append(rng.choice(CLOSINGS))
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        title = f"{unit.province}: lan tỏa phong trào “{movement}” ở {unit.district}"
        head = (
            f"url: https://example.vn/bai-viet/{number:06d}\noutlet: {rng.choice(OUTLETS)}\n"
            f"date: {date}\ntitle: {title}\n\n"
        )
        return head + "\n\n".join(paragraphs) + "\n"

    def texts(self, count: int) -> Iterator[tuple[int, str]]:
        for number in range(1, count + 1):
            yield number, self.text(number)


def write(count: int, out: Path, seed: int = 42) -> list[Path]:
    """``count`` articles into ``out/batch-NNN/NNNNNN.txt``, :data:`PER_FOLDER` per folder."""
    folders: list[Path] = []
    for number, text in Articles(seed).texts(count):
        folder = out / f"batch-{(number - 1) // PER_FOLDER:03d}"
        if not folders or folders[-1] != folder:
            folder.mkdir(parents=True, exist_ok=True)
            folders.append(folder)
        (folder / f"{number:06d}.txt").write_text(text, encoding="utf-8")
    return folders


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    folders = write(args.count, args.out, args.seed)
    print(f"{args.count:,} articles in {len(folders)} folders under {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
