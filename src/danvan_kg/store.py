"""The knowledge store: an rdflib Dataset over embedded Oxigraph, with all-or-nothing graph loads.

Backends:

``oxigraph``  (default) Oxigraph on disk (RocksDB) at a folder; survives restarts and crashes.
``memory``    Oxigraph in memory: same engine, nothing written to disk (tests, notebooks).
``rdflib``    plain rdflib ``Memory`` store: the reference the benchmarks compare against.

Every source document lives in its own named graph; queries see the union of all graphs.
Writes go through :meth:`KnowledgeGraph.replace_graphs`, which drops and inserts in one
transaction, so a failed or interrupted load leaves the store exactly as it was.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any
from typing import Literal as TypingLiteral

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Dataset, Graph, URIRef, Variable
from rdflib.exceptions import Error as RdflibError
from rdflib.query import Result
from rdflib.term import Node

from danvan_kg.errors import InputError, QueryError, StoreError
from danvan_kg.rdf.convert import from_ox, nquads, to_ox
from danvan_kg.rdf.namespaces import CORE_CLASSES, CORE_RELATIONS, DV, EXTRA_RELATIONS, GRAPH, PREFIXES
from danvan_kg.rdf.sparql_files import load_query
from danvan_kg.storelock import StoreHold

Backend = TypingLiteral["oxigraph", "memory", "rdflib"]
Row = dict[str, Node | None]

EXPORT_FORMATS: dict[str, str] = {
    "ttl": "Turtle, all graphs merged",
    "nt": "N-Triples, all graphs merged",
    "nq": "N-Quads, named graphs kept",
    "trig": "TriG, named graphs kept",
    "jsonld": "JSON-LD, named graphs kept",
}

_EXT_FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
}
_FORMAT_NAMES: dict[str, ox.RdfFormat] = {
    "ttl": ox.RdfFormat.TURTLE,
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
    "json-ld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}
_QUAD_FORMATS = {ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG, ox.RdfFormat.JSON_LD}
_RDFLIB_NAMES = {
    ox.RdfFormat.TURTLE: "turtle",
    ox.RdfFormat.N_TRIPLES: "nt",
    ox.RdfFormat.N_QUADS: "nquads",
    ox.RdfFormat.TRIG: "trig",
    ox.RdfFormat.JSON_LD: "json-ld",
    ox.RdfFormat.RDF_XML: "xml",
}


def guess_format(path: str | Path, fmt: str | None = None) -> ox.RdfFormat:
    """The RDF format named by ``fmt`` or by the file extension; ``InputError`` if unknown."""
    if fmt:
        try:
            return _FORMAT_NAMES[fmt.lower()]
        except KeyError:
            raise InputError(
                f"unknown RDF format {fmt!r} (use one of {', '.join(sorted(_FORMAT_NAMES))})"
            ) from None
    suffix = Path(path).suffix.lower()
    try:
        return _EXT_FORMATS[suffix]
    except KeyError:
        raise InputError(f"{path}: cannot tell the RDF format from the extension {suffix!r}") from None


def require_file(path: Path) -> None:
    """``InputError`` unless ``path`` is a regular file (saying what it is instead)."""
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not an RDF file")
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if not path.is_file():
        raise InputError(f"{path}: not a regular file")


def _bind_prefixes(graph: Graph) -> None:
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True)


def _nt_term(term: Node) -> str:
    return term.n3()


class KnowledgeGraph:
    """The graph of one project: open it, load named graphs into it, query it, export it."""

    read_only: bool = False
    """Opened with :meth:`open_read_only` (no writes, no flush, no RocksDB lock)."""

    def __init__(self, backend: Backend, location: Path | None, ox_store: ox.Store | None) -> None:
        self.backend: Backend = backend
        self.location = location
        self._hold: StoreHold | None = None
        self.ox: ox.Store | None = ox_store
        """The underlying pyoxigraph Store (``None`` for the plain rdflib backend)."""
        if ox_store is not None:
            self.dataset = Dataset(store=OxigraphStore(store=ox_store), default_union=True)
        else:
            self.dataset = Dataset(default_union=True)
        _bind_prefixes(self.dataset)

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(
        cls, location: str | os.PathLike[str] | None = None, *, backend: Backend = "oxigraph"
    ) -> KnowledgeGraph:
        """Open (creating if needed) a store; ``location`` is required for the ``oxigraph`` backend."""
        if backend == "memory":
            return cls("memory", None, ox.Store())
        if backend == "rdflib":
            return cls("rdflib", None, None)
        if backend != "oxigraph":
            raise StoreError(f"unknown store backend {backend!r} (oxigraph, memory or rdflib)")
        if location is None:
            raise StoreError("an on-disk store needs a folder (--store DIR or DANVAN_KG_STORE)")
        path = Path(location).expanduser()
        if path.exists() and not path.is_dir():
            raise StoreError(f"store location {path} exists and is not a folder")
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create store folder {path}: {exc.strerror or exc}") from None
        hold = StoreHold(path)  # StoreError naming the server when `danvan-kg serve` holds the store
        try:
            store = ox.Store(str(path))
        except OSError as exc:
            hold.release()
            message = str(exc)
            if "lock" in message.lower():
                raise StoreError(
                    f"store {path} is in use by another process (a running `danvan-kg serve`?); stop it first"
                ) from None
            raise StoreError(
                f"cannot open store {path}: {message.splitlines()[0] if message else exc}"
            ) from None
        kg = cls("oxigraph", path, store)
        kg._hold = hold
        return kg

    @classmethod
    def open_read_only(cls, location: str | os.PathLike[str]) -> KnowledgeGraph:
        """Open an existing on-disk store for reading only, without RocksDB's lock.

        Several read-only openers (``danvan-kg serve``, ``backup``) may share a store; none may
        while another process writes it (RocksDB: undefined behaviour), which callers check.
        """
        path = Path(location).expanduser()
        if not (path / "CURRENT").is_file():
            raise StoreError(f"no store at {path}")
        try:
            store = ox.Store.read_only(str(path))
        except OSError as exc:
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise StoreError(f"cannot open store {path}: {message}") from None
        kg = cls("oxigraph", path, store)
        kg.read_only = True
        return kg

    def backup(self, target: str | os.PathLike[str]) -> None:
        """Copy the on-disk store into the new folder ``target`` (Oxigraph's online backup).

        A consistent snapshot of the store as it is now, usable as a store of its own. On the
        same file system the immutable data files are hard-linked, not copied (instant, and no
        space until the store changes). ``target`` must not exist yet.
        """
        self._require_open()
        if self.ox is None or self.location is None:
            raise StoreError("only an on-disk store can be backed up")
        target = Path(target)
        if target.exists():
            raise StoreError(f"backup folder {target} already exists")
        try:
            self.ox.backup(str(target))
        except OSError as exc:
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise StoreError(f"backup to {target} failed: {message}") from None

    @classmethod
    def in_memory(cls) -> KnowledgeGraph:
        """A fresh in-memory Oxigraph store."""
        return cls.open(None, backend="memory")

    def close(self) -> None:
        """Flush and release the store, including the on-disk lock, so another process may open it."""
        if self.ox is not None and self.backend == "oxigraph" and not self.read_only:
            with contextlib.suppress(OSError):
                self.ox.flush()
        if self.ox is not None:
            self.dataset.store.close()
            self.ox = None
            self.dataset = Dataset(default_union=True)
            gc.collect()  # rdflib graphs hold reference cycles; the RocksDB lock goes with the last reference
        if self._hold is not None:
            self._hold.release()
            self._hold = None

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _require_open(self) -> None:
        if self.backend != "rdflib" and self.ox is None:
            raise StoreError("the store is closed")

    # ------------------------------------------------------------------ graphs
    def graph_iris(self) -> list[str]:
        """IRIs of every named graph, sorted."""
        self._require_open()
        if self.ox is not None:
            return sorted(g.value for g in self.ox.named_graphs() if isinstance(g, ox.NamedNode))
        return sorted(
            str(g.identifier)
            for g in self.dataset.graphs()
            if isinstance(g.identifier, URIRef) and str(g.identifier) != "urn:x-rdflib:default" and len(g)
        )

    def has_graph(self, graph_iri: str) -> bool:
        """Whether a named graph exists (and is not empty)."""
        self._require_open()
        if self.ox is not None:
            return self.ox.contains_named_graph(ox.NamedNode(graph_iri))
        return len(self.dataset.graph(URIRef(graph_iri))) > 0

    def graph(self, graph_iri: str) -> Graph:
        """A copy of one named graph as an in-memory rdflib Graph."""
        self._require_open()
        out = Graph()
        _bind_prefixes(out)
        if self.ox is not None:
            for quad in self.ox.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri)):
                out.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
        else:
            for triple in self.dataset.graph(URIRef(graph_iri)):
                out.add(triple)
        return out

    def replace_graph(self, graph_iri: str, triples: Graph | Iterable[tuple[Node, Node, Node]]) -> None:
        """Replace one named graph by ``triples`` in one transaction."""
        self.replace_graphs({graph_iri: triples})

    def replace_graphs(self, graphs: Mapping[str, Graph | Iterable[tuple[Node, Node, Node]]]) -> None:
        """Replace several named graphs at once: all are written, or none is.

        The new content is fully materialised and serialised before the store is touched,
        and drop + insert run as one SPARQL update (one Oxigraph transaction).
        """
        self._require_open()
        prepared = {iri: list(triples) for iri, triples in graphs.items()}
        for iri in prepared:
            if not iri or any(c in iri for c in '<>"{}|^`\\ \n'):
                raise StoreError(f"invalid graph IRI {iri!r}")
        if self.ox is not None and not any(self.ox.contains_named_graph(ox.NamedNode(i)) for i in prepared):
            # only new graphs (the usual case of an ingest): nothing to drop, one transactional load
            try:
                self.ox.load(input=nquads(prepared), format=ox.RdfFormat.N_QUADS)
            except (SyntaxError, OSError, ValueError) as exc:
                detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                raise StoreError(f"could not write graphs {', '.join(prepared)}: {detail}") from None
            return
        if self.ox is not None:
            parts = [f"DROP SILENT GRAPH <{iri}>" for iri in prepared]
            body = []
            for iri, triples in prepared.items():
                if triples:
                    lines = "\n".join(f"{_nt_term(s)} {_nt_term(p)} {_nt_term(o)} ." for s, p, o in triples)
                    body.append(f"GRAPH <{iri}> {{\n{lines}\n}}")
            update = " ;\n".join(parts)
            if body:
                update += " ;\nINSERT DATA {\n" + "\n".join(body) + "\n}"
            try:
                self.ox.update(update)
            except (SyntaxError, OSError, ValueError) as exc:
                raise StoreError(f"could not write graphs {', '.join(prepared)}: {exc}") from None
            return
        # rdflib backend: everything is prepared above, so the in-memory swap cannot fail halfway
        for iri, triples in prepared.items():
            target = self.dataset.graph(URIRef(iri))
            target.remove((None, None, None))
            for triple in triples:
                target.add(triple)

    def remove_graph(self, graph_iri: str) -> None:
        """Remove a named graph (no error if it does not exist)."""
        self.replace_graphs({graph_iri: []})

    # ------------------------------------------------------------------ import / export
    def load_file(
        self, path: str | os.PathLike[str], fmt: str | None = None, graph: str | None = None
    ) -> int:
        """Import an RDF file atomically; triple formats go to ``graph`` (default ``graph/import/<stem>``).

        Returns the number of quads read. A file that fails to parse leaves the store unchanged.
        """
        self._require_open()
        path = Path(path)
        require_file(path)
        rdf_format = guess_format(path, fmt)
        target = graph or str(GRAPH[f"import/{path.stem}"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
        try:
            quads = list(
                ox.parse(
                    data,
                    format=rdf_format,
                    base_iri=path.resolve().as_uri(),
                    without_named_graphs=False,
                )
            )
        except (SyntaxError, ValueError) as exc:
            raise InputError(f"{path}: not valid {rdf_format.name}: {str(exc).splitlines()[0]}") from None
        grouped: dict[str, list[tuple[Node, Node, Node]]] = {}
        for quad in quads:
            name = quad.graph_name
            iri = target if isinstance(name, ox.DefaultGraph) or rdf_format not in _QUAD_FORMATS else None
            if iri is None:
                if not isinstance(name, ox.NamedNode):
                    raise InputError(f"{path}: blank-node graph names are not supported")
                iri = name.value
            grouped.setdefault(iri, []).append(
                (from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object))
            )
        self.add_to_graphs(grouped)
        return len(quads)

    def add_to_graphs(self, graphs: Mapping[str, Iterable[tuple[Node, Node, Node]]]) -> None:
        """Add triples to named graphs (keeping what is there) in one transaction."""
        self._require_open()
        prepared = {iri: list(t) for iri, t in graphs.items()}
        if self.ox is not None:
            quads = [
                ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(iri))
                for iri, triples in prepared.items()
                for s, p, o in triples
            ]
            try:
                self.ox.extend(quads)
            except (OSError, ValueError, TypeError) as exc:
                raise StoreError(f"could not add triples: {exc}") from None
            return
        for iri, triples in prepared.items():
            target = self.dataset.graph(URIRef(iri))
            for triple in triples:
                target.add(triple)

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
        are loaded in pieces on every core (:mod:`danvan_kg.bulkload`), then compacted once.
        Triple formats go to ``graph`` (default ``graph/import/<stem>``), as with :meth:`load_file`.
        ``progress`` is called with the number of bytes of the file loaded so far, piece by piece.
        """
        self._require_open()
        path = Path(path)
        require_file(path)
        rdf_format = guess_format(path, fmt)
        if not self.is_empty():
            raise StoreError(
                "bulk loading needs an empty store (it is not transactional):"
                " load into a new --store, or import without --bulk"
            )
        target = None if rdf_format in _QUAD_FORMATS else graph or str(GRAPH[f"import/{path.stem}"])
        try:
            if self.ox is not None:
                from danvan_kg.bulkload import load_dump

                load_dump(
                    self.ox,
                    path,
                    rdf_format,
                    to_graph=ox.NamedNode(target) if target else None,
                    parallel=self.location is not None,
                    progress=progress,
                )
                if self.location is not None:
                    # The pieces arrive as separate files per index; compacting them once (1.5-2 s
                    # at 1M triples) makes the named questions 1.2-2x faster on disk afterwards.
                    self.ox.optimize()
            else:
                self._rdflib_parse(path, rdf_format, target)
                if progress:
                    progress(path.stat().st_size)
        except BaseException:
            self._empty()
            raise

    def _rdflib_parse(self, path: Path, rdf_format: ox.RdfFormat, target: str | None) -> None:
        into = self.dataset if target is None else self.dataset.graph(URIRef(target))
        try:
            into.parse(str(path), format=_RDFLIB_NAMES[rdf_format])
        except (SyntaxError, ValueError, RdflibError) as exc:  # what rdflib's parsers raise
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise InputError(f"{path}: not valid {rdf_format.name}: {first}") from None

    def is_empty(self) -> bool:
        """Whether the store holds no statement at all (in any graph)."""
        self._require_open()
        if self.ox is not None:
            return next(iter(self.ox.quads_for_pattern(None, None, None, None)), None) is None
        return next(iter(self.dataset.quads((None, None, None, None))), None) is None

    def _empty(self) -> None:
        """Remove everything (only after a failed bulk load into what was an empty store)."""
        if self.ox is not None:
            with contextlib.suppress(OSError):
                self.ox.clear()
            return
        self.dataset = Dataset(default_union=True)
        _bind_prefixes(self.dataset)

    def iter_triples(self) -> Iterator[tuple[Node, Node, Node]]:
        """Distinct triples of the union of all graphs."""
        self._require_open()
        seen: set[tuple[Node, Node, Node]] = set()
        if self.ox is not None:
            for quad in self.ox.quads_for_pattern(None, None, None):
                triple = (from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object))
                if triple not in seen:
                    seen.add(triple)
                    yield triple
        else:
            for s, p, o, _g in self.dataset.quads((None, None, None, None)):
                if (s, p, o) not in seen:
                    seen.add((s, p, o))
                    yield (s, p, o)

    def union_graph(self) -> Graph:
        """All graphs merged into one in-memory rdflib Graph (for validation and Turtle export)."""
        out = Graph()
        _bind_prefixes(out)
        for triple in self.iter_triples():
            out.add(triple)
        return out

    def export(self, target: str | os.PathLike[str] | IO[bytes], fmt: str) -> None:
        """Write the store as ``ttl``/``nt`` (merged) or ``nq``/``trig``/``jsonld`` (graphs kept)."""
        self._require_open()
        if fmt not in EXPORT_FORMATS:
            raise InputError(f"unknown export format {fmt!r} (use one of {', '.join(EXPORT_FORMATS)})")
        if fmt in ("nq", "trig", "jsonld") and self.ox is not None:
            data = self.ox.dump(format=_FORMAT_NAMES[fmt])
        elif fmt in ("nq", "trig", "jsonld"):
            data = self.dataset.serialize(format=_RDFLIB_NAMES[_FORMAT_NAMES[fmt]], encoding="utf-8")
        else:
            merged = self.union_graph()
            data = merged.serialize(format=_RDFLIB_NAMES[_FORMAT_NAMES[fmt]], encoding="utf-8")
        if isinstance(target, (str, os.PathLike)):
            path = Path(target)
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(path.name + ".part")
            tmp.write_bytes(data)
            tmp.replace(path)
        else:
            target.write(data)

    # ------------------------------------------------------------------ queries
    def _ox_query(self, query: str, bindings: Mapping[str, Node] | None) -> Any:
        assert self.ox is not None
        bound = {k: v for k, v in (bindings or {}).items() if v is not None}
        substitutions = {}
        if bound:
            from danvan_kg.query.sparqltext import values_in_where

            # SELECT/ASK: a VALUES block of serialised terms opening the WHERE group, so that
            # Oxigraph plans knowing the values (it plans substituted variables as unknown);
            # other forms: pyoxigraph substitutions.
            with_values = values_in_where(query, [bound])
            if with_values is not None:
                query = with_values
            else:
                substitutions = {ox.Variable(k): to_ox(v) for k, v in bound.items()}
        try:
            return self.ox.query(
                query,
                use_default_graph_as_union=True,
                prefixes=PREFIXES,
                substitutions=substitutions or None,
            )
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL: {str(exc).splitlines()[0]}") from None
        except RuntimeError as exc:  # e.g. a bound variable missing from the projection (SEP-0007)
            raise QueryError(f"query failed: {str(exc).splitlines()[0]}") from None
        except OSError as exc:
            raise StoreError(f"query failed: {exc}") from None

    def _rdflib_query(self, query: str, bindings: Mapping[str, Node] | None) -> Result:
        init = {Variable(k): v for k, v in (bindings or {}).items() if v is not None}
        try:
            return self.dataset.query(query, initNs=PREFIXES, initBindings=init)
        except Exception as exc:  # rdflib raises pyparsing and assorted errors
            raise QueryError(
                f"invalid SPARQL: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"
            ) from None

    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> list[Row]:
        """Run a SELECT; rows map variable names to rdflib terms (``None`` when unbound).

        ``bindings`` are bound as terms, never pasted as user text: a VALUES block of rdflib-serialised
        terms opening the WHERE group on Oxigraph (planned better than pyoxigraph ``substitutions``),
        rdflib ``initBindings`` on the rdflib backend.
        """
        self._require_open()
        if self.ox is not None:
            solutions = self._ox_query(query, bindings)
            if not isinstance(solutions, ox.QuerySolutions):
                raise QueryError("expected a SELECT query")
            names = [v.value for v in solutions.variables]
            columns = range(len(names))
            converted: dict[Any, Node | None] = {}  # a value repeated over rows is converted once
            rows: list[Row] = []
            for sol in solutions:
                row: Row = {}
                for i in columns:
                    term = sol[i]
                    if term is None:
                        row[names[i]] = None
                        continue
                    node = converted.get(term)
                    if node is None:
                        node = converted[term] = from_ox(term)
                    row[names[i]] = node
                rows.append(row)
            return rows
        result = self._rdflib_query(query, bindings)
        if result.type != "SELECT":
            raise QueryError("expected a SELECT query")
        names = [str(v) for v in result.vars or []]
        try:  # rdflib evaluates lazily: errors surface while iterating
            return [{n: row[n] if n in row.labels else None for n in names} for row in result]  # type: ignore[union-attr]
        except QueryError:
            raise
        except Exception as exc:
            raise QueryError(
                f"query failed: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
            ) from None

    def construct(self, query: str, bindings: Mapping[str, Node] | None = None) -> Graph:
        """Run a CONSTRUCT or DESCRIBE; the answer as an rdflib Graph."""
        self._require_open()
        out = Graph()
        _bind_prefixes(out)
        if self.ox is not None:
            triples = self._ox_query(query, bindings)
            if not isinstance(triples, ox.QueryTriples):
                raise QueryError("expected a CONSTRUCT or DESCRIBE query")
            for t in triples:
                out.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
            return out
        result = self._rdflib_query(query, bindings)
        if result.type not in ("CONSTRUCT", "DESCRIBE"):
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        try:
            for triple in result.graph or ():
                out.add(triple)
        except Exception as exc:
            raise QueryError(
                f"query failed: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
            ) from None
        return out

    def ask(self, query: str, bindings: Mapping[str, Node] | None = None) -> bool:
        """Run an ASK query."""
        self._require_open()
        if self.ox is not None:
            answer = self._ox_query(query, bindings)
            if not isinstance(answer, ox.QueryBoolean):
                raise QueryError("expected an ASK query")
            return bool(answer)
        result = self._rdflib_query(query, bindings)
        if result.type != "ASK":
            raise QueryError("expected an ASK query")
        return bool(result.askAnswer)

    # ------------------------------------------------------------------ statistics
    def stats(self) -> dict[str, Any]:
        """Counts by class and relation, graphs and triples, in a stable JSON-ready form."""
        self._require_open()
        classes = {name: 0 for name in (*CORE_CLASSES, "Programme", "Index", "Article", "Evidence")}
        for row in self.select(load_query("danvan_kg.rdf.queries", "stats_classes.rq")):
            local = str(row["class"]).removeprefix(str(DV))
            if local in classes:
                classes[local] = int(row["n"])  # type: ignore[arg-type]
        relations = {name: 0 for name in (*CORE_RELATIONS, *EXTRA_RELATIONS)}
        for row in self.select(load_query("danvan_kg.rdf.queries", "stats_relations.rq")):
            relations[str(row["p"]).removeprefix(str(DV))] = int(row["n"])  # type: ignore[arg-type]
        totals = self.select(load_query("danvan_kg.rdf.queries", "stats_totals.rq"))
        graphs = self.graph_iris()
        article_prefix = str(GRAPH["article/"])
        records_prefix = str(GRAPH["records/"])
        return {
            "triples": int(totals[0]["triples"]) if totals else 0,  # type: ignore[arg-type]
            "graphs": {
                "total": len(graphs),
                "articles": sum(1 for g in graphs if g.startswith(article_prefix)),
                "records": sum(1 for g in graphs if g.startswith(records_prefix)),
            },
            "classes": classes,
            "relations": relations,
        }
