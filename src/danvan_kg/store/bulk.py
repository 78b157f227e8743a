"""Fast loading of a large RDF dump into Oxigraph, several pieces at a time.

pyoxigraph's bulk loader parses on the calling thread and writes the RocksDB files of each
batch of a million quads on one more thread, so a dump of a million quads keeps one core busy
(9.4 s for the 1M-triple benchmark dump on disk, 97 % of one CPU). N-Quads and N-Triples are
line-based: cut at line ends, the pieces are independent documents, and several bulk loaders can
run at once on one store (pyoxigraph releases the GIL while it loads): 4.7 s on two cores.

Two limits keep this correct:

* blank-node labels are scoped to one bulk load (pyoxigraph gives ``_:b1`` of each call a fresh
  node), so a dump that contains ``_:`` anywhere is loaded in one piece;
* in memory, concurrent bulk loads take turns (measured: no gain), so pieces are only loaded in
  parallel into an on-disk store.

Nothing here is transactional: :meth:`danvan_kg.store.KnowledgeGraph.bulk_load` only uses it on an
empty store, and empties the store again when a piece fails.
"""

from __future__ import annotations

import mmap
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox

from danvan_kg.errors import InputError

LINE_FORMATS = frozenset({ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES})
"""Formats whose every line is a statement, so a dump can be cut at any line end."""

MAX_PIECE_BYTES = 64 * 1024 * 1024
"""Largest piece handed to one bulk loader (pyoxigraph needs about 4-5x its size in memory)."""

MIN_PIECE_BYTES = 4 * 1024 * 1024
"""Below this, a dump is not worth cutting: one bulk load of the whole file."""

Progress = Callable[[int], None]
"""Called with the number of bytes of the dump just loaded."""


def load_dump(
    store: ox.Store,
    path: Path,
    rdf_format: ox.RdfFormat,
    *,
    to_graph: ox.NamedNode | None = None,
    parallel: bool = True,
    workers: int | None = None,
    progress: Progress | None = None,
) -> int:
    """Bulk-load the RDF file ``path`` into ``store``; returns the number of pieces it was cut into.

    Triples of a triple format go to ``to_graph`` (the default graph if ``None``). A syntax error
    is an :class:`InputError` naming the file and the line; pieces already loaded stay loaded.
    """
    size = _size(path)
    workers = max(1, workers or os.cpu_count() or 1)
    piece_bytes = min(MAX_PIECE_BYTES, max(MIN_PIECE_BYTES, -(-size // workers)))
    cuttable = parallel and workers > 1 and rdf_format in LINE_FORMATS and size > piece_bytes
    if not cuttable or _has_blank_nodes(path):
        _load_piece(store, path, rdf_format, to_graph, first_line=1, data=None)
        if progress:
            progress(size)
        return 1
    return _load_pieces(store, path, rdf_format, to_graph, workers, piece_bytes, progress)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def _has_blank_nodes(path: Path) -> bool:
    """Whether ``_:`` occurs anywhere in the file (inside a literal too: then one piece, to be safe)."""
    with path.open("rb") as handle:
        if _size(path) == 0:
            return False
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return data.find(b"_:") != -1


def pieces(path: Path, piece_bytes: int) -> Iterator[tuple[int, bytes]]:
    """The file cut at line ends into pieces of about ``piece_bytes``: (number of its first line, bytes)."""
    line = 1
    carry = b""
    with path.open("rb") as handle:
        while block := handle.read(piece_bytes):
            data = carry + block if carry else block
            cut = data.rfind(b"\n") + 1
            if cut == 0:  # one line longer than a piece: keep reading
                carry = data
                continue
            piece, carry = data[:cut], data[cut:]
            yield line, piece
            line += piece.count(b"\n")
    if carry:
        yield line, carry


def _load_pieces(  # noqa: C901  (a bounded pool: submit, drain, fail once every piece has stopped)
    store: ox.Store,
    path: Path,
    rdf_format: ox.RdfFormat,
    to_graph: ox.NamedNode | None,
    workers: int,
    piece_bytes: int,
    progress: Progress | None,
) -> int:
    """Pieces on ``workers`` threads, at most ``workers`` in flight (memory stays bounded)."""
    running: deque[tuple[Future[None], int]] = deque()
    failure: BaseException | None = None
    count = 0

    def finish_oldest() -> None:
        nonlocal failure
        future, length = running.popleft()
        try:
            future.result()
        except BaseException as exc:  # kept, and raised once every piece has stopped
            failure = failure or exc
        else:
            if progress:
                progress(length)

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="danvan-bulk-load") as pool:
        try:
            for first_line, data in pieces(path, piece_bytes):
                while len(running) >= workers:
                    finish_oldest()
                if failure is not None:
                    break
                count += 1
                running.append(
                    (pool.submit(_load_piece, store, path, rdf_format, to_graph, first_line, data), len(data))
                )
        except OSError as exc:
            failure = failure or InputError(f"{path}: cannot read ({exc.strerror or exc})")
        finally:
            while running:
                finish_oldest()
    if failure is not None:
        raise failure
    return count


def _load_piece(
    store: ox.Store,
    path: Path,
    rdf_format: ox.RdfFormat,
    to_graph: ox.NamedNode | None,
    first_line: int,
    data: bytes | None,
) -> None:
    """One pyoxigraph bulk load: of ``data`` (a piece starting at ``first_line``) or of the whole file."""
    try:
        if data is None:
            store.bulk_load(path=str(path), format=rdf_format, to_graph=to_graph)
        else:
            store.bulk_load(input=data, format=rdf_format, to_graph=to_graph)
    except SyntaxError as exc:
        line = first_line + (exc.lineno or 1) - 1
        reason = str(exc.msg or exc).split(": ", 1)[-1].splitlines()[0]
        raise InputError(f"{path}: not valid {rdf_format.name} at line {line:,}: {reason}") from None
    except ValueError as exc:
        raise InputError(f"{path}: not valid {rdf_format.name}: {str(exc).splitlines()[0]}") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot load ({str(exc).splitlines()[0] if str(exc) else exc})") from None
