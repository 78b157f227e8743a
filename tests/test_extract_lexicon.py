"""Knowledge is data: a row added to a reference table changes what is recognised, with no code change.

Each case copies ``data/reference`` to a temporary folder, adds one row and runs ``extract`` in a
fresh process pointed at the copy (``DANVAN_KG_REFERENCE``), next to the unchanged bundle.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from danvan_kg.extract.lexicon import Lexicon, case_variants, known_key, lexicon, literal_alternation
from danvan_kg.paths import reference_dir

SCRIPT = (
    "import json, sys\n"
    "from danvan_kg.extract import extract_text\n"
    "x = extract_text(sys.argv[1])\n"
    "print(json.dumps(sorted([e.type, e.label] for e in x.entities), ensure_ascii=False))\n"
)


def _extract(text: str, folder: Path | None = None) -> list[list[str]]:
    env = dict(os.environ)
    env.pop("DANVAN_KG_REFERENCE", None)
    if folder is not None:
        env["DANVAN_KG_REFERENCE"] = str(folder)
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, text], capture_output=True, text=True, env=env, check=True
    )
    return json.loads(out.stdout)


def _copy_with_row(tmp_path: Path, table: str, row: dict[str, str]) -> Path:
    folder = tmp_path / "reference"
    shutil.copytree(reference_dir(), folder)
    path = folder / table
    with path.open(encoding="utf-8", newline="") as fh:
        fields = csv.DictReader(fh).fieldnames or []
    with path.open("a", encoding="utf-8", newline="") as fh:
        csv.DictWriter(fh, fieldnames=fields).writerow({k: row.get(k, "") for k in fields})
    return folder


def test_a_new_model_head_names_models(tmp_path: Path) -> None:
    text = "Xã duy trì mô hình Vườn ươm cây giống sạch cho bà con."
    assert ["Model", "Vườn ươm cây giống sạch"] in _extract(text)  # "vườn" is a bundled head
    text = "Năm nay Xuồng cứu hộ mùa lũ của thanh niên hoạt động ở ấp Bình Yên."
    assert not any(t == "Model" for t, _ in _extract(text))
    folder = _copy_with_row(
        tmp_path,
        "model_heads.csv",
        {"id": "xuong", "label_vi": "xuồng", "label_en": "boat", "class": "Team", "in_label": "yes"},
    )
    assert ["Model", "Xuồng cứu hộ mùa lũ"] in _extract(text, folder)


def test_a_new_organisation_head_and_a_new_cue_word(tmp_path: Path) -> None:
    text = "Liên minh Hợp tác xã tỉnh Cà Mau và Hiệp hội Du lịch tỉnh Cà Mau ra mắt sáng kiến “Chợ nổi xanh”."
    labels = {label for t, label in _extract(text) if t == "Organisation"}
    assert "Hiệp hội Du lịch tỉnh Cà Mau" in labels
    text = "Ban Khuyến nông tỉnh Cà Mau phối hợp tổ chức."
    assert not any(t == "Organisation" for t, _ in _extract(text))
    folder = _copy_with_row(
        tmp_path,
        "organisations.csv",
        {
            "id": "ban-khuyen-nong",
            "label_vi": "Ban Khuyến nông",
            "label_en": "Agricultural extension board",
            "class": "StateAgency",
            "scope": "relative",
            "qualifier": "place",
        },
    )
    assert ["Organisation", "Ban Khuyến nông tỉnh Cà Mau"] in _extract(text, folder)
    quote = "Thanh niên tham gia đợt hành quân “Vì màu xanh biên giới” suốt mùa hè."
    assert not any(t == "Movement" for t, _ in _extract(quote))
    folder = _copy_with_row(tmp_path / "b", "lexicon.csv", {"role": "movement_cue", "word": "đợt hành quân"})
    assert ["Movement", "Vì màu xanh biên giới"] in _extract(quote, folder)


def test_lexicon_roles_and_helpers() -> None:
    lex = lexicon()
    for role in (
        "movement_cue",
        "model_cue",
        "slogan_cue",
        "event_cue",
        "person_title",
        "place_unit",
        "help_cue",
        "run_cue",
        "launch_cue",
        "implement_cue",
        "name_stop",
        "title_name",
        "chrome_line",
    ):
        assert lex.words(role), role
    assert lex.value("place_unit", "huyện") == "district"
    assert lex.org_by_name["hội lhpn"].id == "hoi-lien-hiep-phu-nu"
    assert lex.model_head_by_word["clb"].in_label is False
    assert known_key("Tết Quân-Dân") == known_key("tết quân dân")
    assert {"Hội Nông dân", "hội Nông dân", "Hội nông dân"} <= case_variants("Hội Nông dân")
    import re

    rx = re.compile(literal_alternation(["hộ", "hộ nghèo", "hộ cận nghèo"]))
    assert rx.match("hộ cận nghèo").group() == "hộ cận nghèo"


def test_a_lexicon_from_another_folder(tmp_path: Path) -> None:
    folder = _copy_with_row(tmp_path, "lexicon.csv", {"role": "slogan_cue", "word": "tôn chỉ"})
    assert "tôn chỉ" in Lexicon(folder).words("slogan_cue")
    assert "tôn chỉ" not in lexicon().words("slogan_cue")
