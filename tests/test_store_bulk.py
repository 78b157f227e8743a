"""Bulk loading: dumps cut at line ends and loaded in parallel give exactly the one-piece result."""

from __future__ import annotations

import threading
from pathlib import Path

import pyoxigraph as ox
import pytest

from danvan_kg.errors import InputError, StoreError
from danvan_kg.store import KnowledgeGraph
from danvan_kg.store import bulk as bulkload
from danvan_kg.store.bulk import load_dump, pieces

DV = "https://w3id.org/danvan-kg/ontology#"
ID = "https://w3id.org/danvan-kg/id/"
GRAPH = "https://w3id.org/danvan-kg/graph/"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def _dump(articles: int, *, blank: bool = False) -> str:
    """An N-Quads dump shaped like ours: per-article graphs, models, labels with Vietnamese text."""
    lines = []
    for n in range(articles):
        graph = f"<{GRAPH}article/bai-{n:04d}>"
        model = f"<{ID}model/mo-hinh-{n % 37:03d}>"
        lines += [
            f'{model} <{RDFS_LABEL}> "Mô hình “Dân vận khéo” số {n % 37}"@vi {graph} .',
            f"{model} <{DV}partOf> <{ID}movement/phong-trao-{n % 5}> {graph} .",
            f"{model} <{DV}benefits> <{ID}group/ho-ngheo> {graph} .",
            f'<{ID}evidence/e{n}> <{DV}quote> "Câu thứ {n}: chi hội phụ nữ ấp {n}" {graph} .',
        ]
        if blank:
            lines.append(f'_:ev{n % 3} <{DV}sentence> "câu {n}" {graph} .')
    return "\n".join(lines) + "\n"


def _quads(store: ox.Store) -> set[tuple[str, str, str, str]]:
    return {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name)) for q in store}


@pytest.fixture
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pieces of a few kilobytes, so that test-sized dumps are cut into many."""
    monkeypatch.setattr(bulkload, "MIN_PIECE_BYTES", 2_000)
    monkeypatch.setattr(bulkload, "MAX_PIECE_BYTES", 5_000)


def test_pieces_cut_at_line_ends_and_count_lines(tmp_path: Path) -> None:
    text = "".join(f"line {i} ữ\n" for i in range(1, 501))
    path = tmp_path / "x.nq"
    path.write_text(text, encoding="utf-8")
    got = list(pieces(path, 300))
    assert len(got) > 10
    assert b"".join(data for _, data in got) == text.encode("utf-8")
    for first_line, data in got:
        assert data.endswith(b"\n")
        assert data.decode("utf-8").startswith(f"line {first_line} ")


def test_pieces_keep_a_line_longer_than_a_piece_whole(tmp_path: Path) -> None:
    path = tmp_path / "x.nq"
    path.write_bytes(b"short\n" + b"x" * 1000 + b"\nlast line without newline")
    got = list(pieces(path, 100))
    assert [data for _, data in got] == [b"short\n", b"x" * 1000 + b"\n", b"last line without newline"]
    assert [line for line, _ in got] == [1, 2, 3]


@pytest.mark.slow
def test_parallel_load_on_disk_equals_one_piece_load(tmp_path: Path, small_pieces: None) -> None:
    path = tmp_path / "dump.nq"
    path.write_text(_dump(400), encoding="utf-8")
    reference = ox.Store()
    reference.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    store = ox.Store(str(tmp_path / "disk"))
    done: list[int] = []
    count = load_dump(store, path, ox.RdfFormat.N_QUADS, workers=3, progress=done.append)
    assert count > 5  # really cut
    assert _quads(store) == _quads(reference)
    assert sum(done) == path.stat().st_size


@pytest.mark.slow
def test_pieces_run_on_several_threads_at_once(
    tmp_path: Path, small_pieces: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "dump.nq"
    path.write_text(_dump(200), encoding="utf-8")
    threads: set[str] = set()
    real = bulkload._load_piece

    def spy(*args: object) -> None:
        threads.add(threading.current_thread().name)
        real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(bulkload, "_load_piece", spy)
    load_dump(ox.Store(str(tmp_path / "disk")), path, ox.RdfFormat.N_QUADS, workers=2)
    assert len(threads) == 2
    assert all(name.startswith("danvan-bulk-load") for name in threads)


def test_blank_nodes_keep_their_identity_in_one_piece(tmp_path: Path, small_pieces: None) -> None:
    path = tmp_path / "dump.nq"
    path.write_text(_dump(300, blank=True), encoding="utf-8")
    store = ox.Store(str(tmp_path / "disk"))
    assert load_dump(store, path, ox.RdfFormat.N_QUADS, workers=2) == 1
    subjects = {q.subject for q in store.quads_for_pattern(None, ox.NamedNode(f"{DV}sentence"), None)}
    assert len(subjects) == 3  # _:ev0, _:ev1, _:ev2, each one node across the whole file


def test_memory_store_and_triple_turtle_are_not_cut(tmp_path: Path, small_pieces: None) -> None:
    path = tmp_path / "dump.nq"
    path.write_text(_dump(200), encoding="utf-8")
    assert load_dump(ox.Store(), path, ox.RdfFormat.N_QUADS, parallel=False, workers=2) == 1
    turtle = tmp_path / "dump.ttl"
    turtle.write_text(
        "".join(f'<{ID}x/{i}> <{DV}quote> "câu {i}" .\n' for i in range(2000)), encoding="utf-8"
    )
    store = ox.Store(str(tmp_path / "disk"))
    graph = ox.NamedNode(f"{GRAPH}import/dump")
    assert load_dump(store, turtle, ox.RdfFormat.TURTLE, to_graph=graph, workers=2) == 1
    assert len(list(store.quads_for_pattern(None, None, None, graph))) == 2000


@pytest.mark.slow
def test_n_triples_pieces_go_to_the_named_graph(tmp_path: Path, small_pieces: None) -> None:
    path = tmp_path / "dump.nt"
    path.write_text("".join(f'<{ID}x/{i}> <{DV}quote> "câu {i}" .\n' for i in range(3000)), encoding="utf-8")
    store = ox.Store(str(tmp_path / "disk"))
    graph = ox.NamedNode(f"{GRAPH}import/dump")
    assert load_dump(store, path, ox.RdfFormat.N_TRIPLES, to_graph=graph, workers=2) > 1
    assert len(list(store.quads_for_pattern(None, None, None, graph))) == 3000
    assert not list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))


@pytest.mark.slow
def test_syntax_error_names_the_line_of_the_whole_file(tmp_path: Path, small_pieces: None) -> None:
    lines = _dump(300).splitlines(keepends=True)
    lines.insert(900, f"<{ID}x> <{DV}quote> .\n")  # no object
    path = tmp_path / "dump.nq"
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(InputError, match=r"dump\.nq: not valid N-Quads at line 901: .*object"):
        load_dump(ox.Store(str(tmp_path / "disk")), path, ox.RdfFormat.N_QUADS, workers=2)


# ---------------------------------------------------------------- KnowledgeGraph.bulk_load


@pytest.fixture(params=["oxigraph", "memory", "rdflib"])
def kg(request: pytest.FixtureRequest, tmp_path: Path) -> KnowledgeGraph:
    location = tmp_path / "store" if request.param == "oxigraph" else None
    store = KnowledgeGraph.open(location, backend=request.param)
    yield store
    store.close()


@pytest.mark.slow
def test_bulk_load_gives_the_same_store_as_a_transactional_import(
    kg: KnowledgeGraph, tmp_path: Path, small_pieces: None
) -> None:
    path = tmp_path / "dump.nq"
    path.write_text(_dump(250), encoding="utf-8")
    seen: list[int] = []
    kg.bulk_load(path, progress=seen.append)
    reference = KnowledgeGraph.open(None, backend="memory")
    reference.load_file(path)
    assert kg.stats() == reference.stats()
    assert kg.graph_iris() == reference.graph_iris()
    assert sum(seen) == path.stat().st_size


def test_bulk_load_refuses_a_store_that_holds_anything(kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "dump.nq"
    path.write_text(_dump(3), encoding="utf-8")
    kg.load_file(path)
    before = kg.stats()
    with pytest.raises(StoreError, match="needs an empty store"):
        kg.bulk_load(path)
    assert kg.stats() == before


@pytest.mark.slow
def test_failed_bulk_load_leaves_the_store_empty(
    kg: KnowledgeGraph, tmp_path: Path, small_pieces: None
) -> None:
    lines = _dump(300).splitlines(keepends=True)
    lines.insert(1100, "this is not N-Quads\n")
    path = tmp_path / "dump.nq"
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(InputError, match=r"dump\.nq: not valid N-Quads"):
        kg.bulk_load(path)
    assert kg.is_empty()
    assert kg.graph_iris() == []
    good = tmp_path / "good.nq"  # and the store is still usable
    good.write_text(_dump(2), encoding="utf-8")
    kg.bulk_load(good)
    assert kg.stats()["graphs"]["total"] == 2


def test_bulk_load_of_triples_goes_to_one_import_graph(kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "people.ttl"
    path.write_text(f'<{ID}a> <{DV}quote> "Hội Nông dân xã" .\n<{ID}b> <{DV}quote> "Đoàn Thanh niên" .\n')
    kg.bulk_load(path)
    assert kg.graph_iris() == [f"{GRAPH}import/people"]
    assert not kg.is_empty()


def test_bulk_load_bad_path_and_format(kg: KnowledgeGraph, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        kg.bulk_load(tmp_path / "missing.nq")
    odd = tmp_path / "data.csv"
    odd.write_text("a,b\n")
    with pytest.raises(InputError, match="cannot tell the RDF format"):
        kg.bulk_load(odd)
    assert kg.is_empty()
