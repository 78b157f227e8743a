"""Where and when: source years and the provinces a node is filtered by."""

from __future__ import annotations

from danvan_kg.network.facets import Provinces, node_provinces


def _provinces(p2025: str, p2020: str) -> Provinces:
    found = Provinces()
    found.by_structure["2025"].add(p2025)
    found.by_structure["2020"].add(p2020)
    return found


def test_places_models_and_organisations_get_provinces() -> None:
    nodes = {
        "xa": {"type": "Place"},
        "model": {"type": "Model"},
        "model-unplaced": {"type": "Model"},
        "org": {"type": "Organisation"},
        "org-elsewhere": {"type": "Organisation"},
        "movement": {"type": "Movement"},
    }
    relations = [
        ("model", "locatedIn", "xa"),
        ("org", "locatedIn", "xa"),
        ("model-unplaced", "runBy", "org"),
        ("model", "runBy", "org-elsewhere"),
        ("org-elsewhere", "locatedIn", "tinh"),
        ("movement", "launchedBy", "org"),
    ]
    places = {
        "xa": _provinces("Tỉnh Đồng Tháp", "Tỉnh Tiền Giang"),
        "tinh": _provinces("Tỉnh An Giang", "Tỉnh Kiên Giang"),
    }
    found = node_provinces(nodes, relations, places)
    assert found["xa"].sorted("2020") == ["Tỉnh Tiền Giang"]
    assert found["model"].sorted("2025") == ["Tỉnh Đồng Tháp"]  # its own place wins over its organisation's
    assert found["model-unplaced"].sorted("2025") == ["Tỉnh Đồng Tháp"]  # through the organisation running it
    assert found["org-elsewhere"].sorted("2020") == ["Tỉnh Kiên Giang"]
    assert not found["movement"]  # national things have no province
