"""The province a place is in, in each structure, from the administrative units it is linked to.

One rule for the map page and the ``provinces`` question, so that their counts agree: for each
structure, a province unit of that structure among the place's units (the smallest code if the
links disagree), else the province of its other units of that structure (wards, districts);
a 2025 province missing is the 2020 one's by the package's mapping (provinces merged whole);
a 2020 province missing (a place known only by 2025 units) is the only 2020 province merged into
its 2025 one, else, for a place known by a 2025 ward, the approximate 2020 outline holding the
place's point (:mod:`danvan_kg.geo.outlines`); a place known only as a merged 2025 province (a
``dv:area`` of 2025 Đồng Tháp) has no 2020 province.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from danvan_kg.geo.units import province_mapping, unit_of_iri

__all__ = ["provinces_of"]

_PROVINCE_IRI = re.compile(r"/admin/(2020|2025)/province/(\d+)$")


def provinces_of(units: Iterable[str], lat: float | None = None, lon: float | None = None) -> dict[str, str]:
    """Structure ("2020"/"2025") → province code of a place linked to ``units`` (unit IRIs)."""
    direct: dict[str, set[str]] = {"2020": set(), "2025": set()}
    inner: dict[str, set[str]] = {"2020": set(), "2025": set()}
    for iri in units:
        match = _PROVINCE_IRI.search(str(iri))
        if match:
            direct[match.group(1)].add(match.group(2))
        elif (unit := unit_of_iri(iri)) is not None:
            inner[unit.structure].add(unit.province)
    found = {s: min(direct[s] or inner[s]) for s in ("2020", "2025") if direct[s] or inner[s]}
    if "2020" in found and "2025" not in found and found["2020"] in province_mapping():
        found["2025"] = province_mapping()[found["2020"]]
    if "2025" in found and "2020" not in found:
        old = [code for code, new in province_mapping().items() if new == found["2025"]]
        if len(old) == 1:
            found["2020"] = old[0]
        elif inner["2025"] and lat is not None and lon is not None:
            from danvan_kg.geo.outlines import outlines

            region = outlines().region_of("2020", lon, lat)
            if region is not None:
                found["2020"] = region.code
    return found
