"""The administrative-unit helpers the recognisers share."""

from __future__ import annotations

from danvan_kg.extract.admin import admin_gazetteer, longest_known


def test_longest_known_cuts_a_place_name_before_what_follows_it() -> None:
    gaz = admin_gazetteer()

    def province(text: str) -> bool:
        return gaz.province(text) is not None

    assert longest_known(["Quảng", "Nam", "Phan", "Văn", "Bình"], province) == "Quảng Nam"
    assert longest_known(["Cà", "Mau"], province) == "Cà Mau"
    assert longest_known(["Nguyễn", "Văn", "An"], province) is None
    assert longest_known(["Huế", "Lê", "Văn"], province, fewest=2) is None  # one word is not enough here
