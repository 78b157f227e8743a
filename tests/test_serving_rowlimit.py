"""Cutting streamed SELECT answers after N rows, for every result format Oxigraph writes."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest

from danvan_kg.serving.rowlimit import CSV, JSON, TSV, XML, limit_rows, limited_format

FORMATS = {
    JSON: ox.QueryResultsFormat.JSON,
    XML: ox.QueryResultsFormat.XML,
    CSV: ox.QueryResultsFormat.CSV,
    TSV: ox.QueryResultsFormat.TSV,
}
TRICKY = ['a "quoted" } value', "line\nbreak, comma", "</result> in text", "{[]}", "Dân vận khéo"]


def answer(media: str, rows: int) -> bytes:
    store = ox.Store()
    for i in range(rows):
        value = ox.Literal(TRICKY[i % 5] + str(i))
        store.add(ox.Quad(ox.NamedNode(f"urn:s{i:03d}"), ox.NamedNode("urn:p"), value))
    result = store.query("SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s")
    return result.serialize(format=FORMATS[media])


def cut(media: str, data: bytes, most: int, size: int) -> bytes:
    chunks = [data[i : i + size] for i in range(0, len(data), size)]
    return b"".join(limit_rows(iter(chunks), media, most))


def parsed(media: str, data: bytes) -> list[tuple[str, ...]]:
    text = data.decode("utf-8")
    if media == JSON:
        return [(b["s"]["value"], b["o"]["value"]) for b in json.loads(text)["results"]["bindings"]]
    if media == XML:
        ns = "{http://www.w3.org/2005/sparql-results#}"
        out = []
        for result in ET.fromstring(text).iter(f"{ns}result"):
            cells = {b.get("name"): "".join(b.itertext()) for b in result.iter(f"{ns}binding")}
            out.append((cells["s"], cells["o"]))
        return out
    if media == CSV:
        return [tuple(row) for row in list(csv.reader(io.StringIO(text)))[1:]]
    return [tuple(line.split("\t")) for line in text.splitlines()[1:]]


@pytest.mark.parametrize("media", list(FORMATS))
@pytest.mark.parametrize("size", [1, 7, 4096])
def test_an_answer_cut_after_n_rows_is_its_first_n_rows_in_a_valid_document(media: str, size: int) -> None:
    whole = answer(media, 12)
    expected = parsed(media, whole)
    assert len(expected) == 12
    for most in (1, 5, 12, 50):
        assert parsed(media, cut(media, whole, most, size)) == expected[:most], (media, most, size)


def test_only_select_result_formats_are_cut() -> None:
    assert limited_format("application/sparql-results+json; charset=utf-8") == JSON
    assert limited_format("text/csv") == CSV
    assert limited_format("application/n-triples") is None
    assert limited_format("") is None
