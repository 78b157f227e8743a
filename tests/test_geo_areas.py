"""The province of a place in both structures, from its unit links."""

from __future__ import annotations

from danvan_kg.geo.areas import provinces_of
from danvan_kg.rdf.namespaces import ID


def _iris(*paths: str) -> list[str]:
    return [str(ID[p]) for p in paths]


def test_province_links_and_the_mapping() -> None:
    assert provinces_of(_iris("admin/2020/province/87")) == {"2020": "87", "2025": "82"}
    assert provinces_of(_iris("admin/2020/province/82")) == {"2020": "82", "2025": "82"}  # Tiền Giang
    assert provinces_of(_iris("admin/2020/ward/30121")) == {"2020": "87", "2025": "82"}
    assert provinces_of(_iris("admin/2020/province/87", "admin/2025/province/82")) == {
        "2020": "87",
        "2025": "82",
    }


def test_a_place_known_only_in_2025() -> None:
    # Xã Mỹ Thọ (2025) lies in 2025 Đồng Tháp, merged from two 2020 provinces: its point decides
    assert provinces_of(_iris("admin/2025/ward/30076")) == {"2025": "82"}  # no point: no 2020 guess
    assert provinces_of(_iris("admin/2025/ward/30076"), 10.4458, 105.718) == {"2020": "87", "2025": "82"}
    # Phường Hồng Hà (2025) lies in Hà Nội, which merged nothing
    assert provinces_of(_iris("admin/2025/ward/00097")) == {"2020": "01", "2025": "01"}


def test_nothing_known() -> None:
    assert provinces_of([]) == {}
    assert provinces_of(_iris("place/tay-nguyen", "admin/2020/ward/99999")) == {}


def test_a_merged_2025_province_has_no_single_2020_province() -> None:
    # 2025 Đồng Tháp = 2020 Đồng Tháp + Tiền Giang: which one is unknowable, whatever its point
    assert provinces_of(_iris("admin/2025/province/82"), 10.4293, 105.999) == {"2025": "82"}
    # a 2025 province that merged nothing has the 2020 province of the same land
    assert provinces_of(_iris("admin/2025/province/01")) == {"2020": "01", "2025": "01"}
