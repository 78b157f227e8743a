"""The knowledge store: one facade over interchangeable backends, with all-or-nothing graph loads.

Backends (each a module implementing :class:`~danvan_kg.store.backend.Backend`):

``oxigraph``  (default) Oxigraph on disk (RocksDB) at a folder; survives restarts and crashes
              (:mod:`.oxigraph`).
``memory``    Oxigraph in memory: same engine, nothing written to disk (tests, notebooks).
``rdflib``    plain rdflib ``Memory`` store: the reference the benchmarks compare against
              (:mod:`.rdflib_backend`).

Every source document lives in its own named graph; queries see the union of all graphs.
Writes go through :meth:`KnowledgeGraph.replace_graphs`, which drops and inserts in one
transaction, so a failed or interrupted load leaves the store exactly as it was. Formats come
from the one registry, :mod:`danvan_kg.formats`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any
from typing import Literal as TypingLiteral

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.term import Node

from danvan_kg.errors import InputError, StoreError
from danvan_kg.formats import EXPORT_FORMATS, RdfFormat, rdf_format, rdf_format_of
from danvan_kg.ids import import_graph_iri
from danvan_kg.rdf.convert import from_ox
from danvan_kg.store.backend import Backend, Row, Triple
from danvan_kg.store.oxigraph import OxigraphBackend, open_on_disk, open_read_only
from danvan_kg.store.rdflib_backend import RdflibBackend, bind_prefixes
from danvan_kg.store.stats import stats as count_statements

__all__ = [
    "BACKENDS",
    "EXPORT_FORMATS",
    "BackendName",
    "KnowledgeGraph",
    "Row",
    "guess_format",
    "require_file",
]

BackendName = TypingLiteral["oxigraph", "memory", "rdflib"]

BACKENDS: dict[str, Callable[[str | os.PathLike[str] | None], Backend]] = {
    "oxigraph": lambda location: open_on_disk(_needs_folder(location)),
    "memory": lambda _location: OxigraphBackend(ox.Store()),
    "rdflib": lambda _location: RdflibBackend(),
}
"""How each backend is opened, by name (``KnowledgeGraph.open(..., backend=NAME)``)."""

_BAD_IRI_CHARACTERS = '<>"{}|^`\\ \n'


def _needs_folder(location: str | os.PathLike[str] | None) -> str | os.PathLike[str]:
    if location is None:
        raise StoreError("an on-disk store needs a folder (--store DIR or DANVAN_KG_STORE)")
    return location


def guess_format(path: str | Path, fmt: str | None = None) -> ox.RdfFormat:
    """The pyoxigraph RDF format named by ``fmt`` or by the file extension; ``InputError`` if unknown."""
    return rdf_format_of(path, fmt).ox


def require_file(path: Path) -> None:
    """``InputError`` unless ``path`` is a regular file (saying what it is instead)."""
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not an RDF file")
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if not path.is_file():
        raise InputError(f"{path}: not a regular file")


def _parse_quads(path: Path, data: bytes, fmt: RdfFormat, target: str) -> dict[str, list[Triple]]:
    """The statements of an RDF file grouped by named graph (triple formats all go to ``target``)."""
    try:
        quads = list(
            ox.parse(data, format=fmt.ox, base_iri=path.resolve().as_uri(), without_named_graphs=False)
        )
    except (SyntaxError, ValueError) as exc:
        raise InputError(f"{path}: not valid {fmt.ox.name}: {str(exc).splitlines()[0]}") from None
    grouped: dict[str, list[Triple]] = {}
    for quad in quads:
        name = quad.graph_name
        iri = target if isinstance(name, ox.DefaultGraph) or not fmt.quads else None
        if iri is None:
            if not isinstance(name, ox.NamedNode):
                raise InputError(f"{path}: blank-node graph names are not supported")
            iri = name.value
        grouped.setdefault(iri, []).append(
            (from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object))  # type: ignore[arg-type]
        )
    return grouped


class KnowledgeGraph:
    """The graph of one project: open it, load named graphs into it, query it, export it."""

    def __init__(self, backend: Backend) -> None:
        self._backend: Backend | None = backend
        self.backend: BackendName = backend.name  # type: ignore[assignment]
        """The backend's name: ``oxigraph``, ``memory`` or ``rdflib``."""
        self.location: Path | None = getattr(backend, "location", None)

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(
        cls, location: str | os.PathLike[str] | None = None, *, backend: BackendName = "oxigraph"
    ) -> KnowledgeGraph:
        """Open (creating if needed) a store; ``location`` is required for the ``oxigraph`` backend."""
        opener = BACKENDS.get(backend)
        if opener is None:
            raise StoreError(f"unknown store backend {backend!r} (oxigraph, memory or rdflib)")
        return cls(opener(location))

    @classmethod
    def open_read_only(cls, location: str | os.PathLike[str]) -> KnowledgeGraph:
        """Open an existing on-disk store for reading only, without RocksDB's lock.

        Several read-only openers (``danvan-kg serve``, ``backup``) may share a store; none may
        while another process writes it (RocksDB: undefined behaviour), which callers check.
        """
        return cls(open_read_only(location))

    @property
    def read_only(self) -> bool:
        """Opened with :meth:`open_read_only` (no writes, no flush, no lock)."""
        return bool(getattr(self._backend, "read_only", False))

    def backup(self, target: str | os.PathLike[str]) -> None:
        """Copy the on-disk store into the new folder ``target`` (Oxigraph's online backup).

        A consistent snapshot of the store as it is now, usable as a store of its own. On the
        same file system the immutable data files are hard-linked, not copied (instant, and no
        space until the store changes). ``target`` must not exist yet.
        """
        engine = self.engine
        if not isinstance(engine, OxigraphBackend):
            raise StoreError("only an on-disk store can be backed up")
        engine.backup(Path(target))

    @classmethod
    def in_memory(cls) -> KnowledgeGraph:
        """A fresh in-memory Oxigraph store."""
        return cls.open(None, backend="memory")

    def close(self) -> None:
        """Flush and release the store, including the on-disk lock, so another process may open it."""
        if self._backend is not None:
            self._backend.close()
            self._backend = None

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def engine(self) -> Backend:
        """The open backend (``StoreError`` once closed)."""
        if self._backend is None:
            raise StoreError("the store is closed")
        return self._backend

    @property
    def ox(self) -> ox.Store | None:
        """The underlying pyoxigraph Store (``None`` for the plain rdflib backend, or once closed)."""
        return getattr(self._backend, "store", None)

    @property
    def dataset(self) -> Dataset:
        """An rdflib Dataset over the same store (the programming model)."""
        if self._backend is None:
            return Dataset(default_union=True)
        return self._backend.dataset

    # ------------------------------------------------------------------ graphs
    def graph_iris(self) -> list[str]:
        """IRIs of every named graph, sorted."""
        return self.engine.graph_iris()

    def has_graph(self, graph_iri: str) -> bool:
        """Whether a named graph exists (and is not empty)."""
        return self.engine.has_graph(graph_iri)

    def graph(self, graph_iri: str) -> Graph:
        """A copy of one named graph as an in-memory rdflib Graph."""
        out = Graph()
        bind_prefixes(out)
        for triple in self.engine.graph_triples(graph_iri):
            out.add(triple)
        return out

    def replace_graph(self, graph_iri: str, triples: Graph | Iterable[Triple]) -> None:
        """Replace one named graph by ``triples`` in one transaction."""
        self.replace_graphs({graph_iri: triples})

    def replace_graphs(self, graphs: Mapping[str, Graph | Iterable[Triple]]) -> None:
        """Replace several named graphs at once: all are written, or none is.

        The new content is fully materialised and checked before the store is touched; the
        backend drops and inserts in one transaction.
        """
        engine = self.engine
        prepared = {iri: list(triples) for iri, triples in graphs.items()}
        for iri in prepared:
            if not iri or any(c in iri for c in _BAD_IRI_CHARACTERS):
                raise StoreError(f"invalid graph IRI {iri!r}")
        engine.replace_graphs(prepared)

    def remove_graph(self, graph_iri: str) -> None:
        """Remove a named graph (no error if it does not exist)."""
        self.replace_graphs({graph_iri: []})

    def add_to_graphs(self, graphs: Mapping[str, Iterable[Triple]]) -> None:
        """Add triples to named graphs (keeping what is there) in one transaction."""
        self.engine.add_to_graphs({iri: list(t) for iri, t in graphs.items()})

    # ------------------------------------------------------------------ import / export
    def load_file(
        self, path: str | os.PathLike[str], fmt: str | None = None, graph: str | None = None
    ) -> int:
        """Import an RDF file atomically; triple formats go to ``graph`` (default ``graph/import/<stem>``).

        Returns the number of quads read. A file that fails to parse leaves the store unchanged.
        """
        self.engine  # noqa: B018  (StoreError when closed, before reading the file)
        path = Path(path)
        require_file(path)
        rdf = rdf_format_of(path, fmt)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
        grouped = _parse_quads(path, data, rdf, graph or import_graph_iri(path.stem))
        self.add_to_graphs(grouped)
        return sum(len(triples) for triples in grouped.values())

    def bulk_load(
        self,
        path: str | os.PathLike[str],
        fmt: str | None = None,
        graph: str | None = None,
        *,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        """Fast first load of a large RDF file into an **empty** store (dumps, benchmarks).

        Not transactional, so it refuses a store that holds anything, and a file that fails
        (bad syntax, interruption) leaves the store empty again. On disk, N-Quads and N-Triples
        are loaded in pieces on every core (:mod:`danvan_kg.store.bulk`), then compacted once.
        Triple formats go to ``graph`` (default ``graph/import/<stem>``), as with :meth:`load_file`.
        ``progress`` is called with the number of bytes of the file loaded so far, piece by piece.
        """
        engine = self.engine
        path = Path(path)
        require_file(path)
        rdf = rdf_format_of(path, fmt)
        if not engine.is_empty():
            raise StoreError(
                "bulk loading needs an empty store (it is not transactional):"
                " load into a new --store, or import without --bulk"
            )
        target = None if rdf.quads else graph or import_graph_iri(path.stem)
        try:
            engine.bulk_load(path, rdf, target, progress)
        except BaseException:
            engine.clear()
            raise

    def is_empty(self) -> bool:
        """Whether the store holds no statement at all (in any graph)."""
        return self.engine.is_empty()

    def iter_triples(self) -> Iterator[Triple]:
        """Distinct triples of the union of all graphs."""
        seen: set[Triple] = set()
        for triple in self.engine.triples():
            if triple not in seen:
                seen.add(triple)
                yield triple

    def union_graph(self) -> Graph:
        """All graphs merged into one in-memory rdflib Graph (for validation and Turtle export)."""
        out = Graph()
        bind_prefixes(out)
        for triple in self.iter_triples():
            out.add(triple)
        return out

    def export(self, target: str | os.PathLike[str] | IO[bytes], fmt: str) -> None:
        """Write the store as ``ttl``/``nt`` (merged) or ``nq``/``trig``/``jsonld`` (graphs kept)."""
        engine = self.engine
        if fmt not in EXPORT_FORMATS:
            raise InputError(f"unknown export format {fmt!r} (use one of {', '.join(EXPORT_FORMATS)})")
        rdf = rdf_format(fmt)
        if rdf.quads:
            data = engine.dump(rdf)
        else:
            data = self.union_graph().serialize(format=rdf.rdflib, encoding="utf-8")
        if isinstance(target, str | os.PathLike):
            path = Path(target)
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(path.name + ".part")
            tmp.write_bytes(data)
            tmp.replace(path)
        else:
            target.write(data)

    def ntriples(self, graph_iri: str) -> list[bytes]:
        """One named graph as N-Triples lines (what ``push`` sends)."""
        return self.engine.ntriples(graph_iri)

    # ------------------------------------------------------------------ queries
    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> list[Row]:
        """Run a SELECT; rows map variable names to rdflib terms (``None`` when unbound).

        ``bindings`` are bound as terms, never pasted as user text: a VALUES block of rdflib-serialised
        terms opening the WHERE group on Oxigraph (planned better than pyoxigraph ``substitutions``),
        rdflib ``initBindings`` on the rdflib backend.
        """
        return self.engine.select(query, bindings)

    def construct(self, query: str, bindings: Mapping[str, Node] | None = None) -> Graph:
        """Run a CONSTRUCT or DESCRIBE; the answer as an rdflib Graph."""
        return self.engine.construct(query, bindings)

    def ask(self, query: str, bindings: Mapping[str, Node] | None = None) -> bool:
        """Run an ASK query."""
        return self.engine.ask(query, bindings)

    # ------------------------------------------------------------------ statistics
    def stats(self) -> dict[str, Any]:
        """Counts by class and relation, graphs and triples, in a stable JSON-ready form."""
        return count_statements(self.engine, self.graph_iris())
