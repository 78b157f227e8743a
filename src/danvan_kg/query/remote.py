"""Remote SPARQL endpoints under their older name: a re-export of :mod:`danvan_kg.store.remote`.

Kept so that scripts written against ``danvan_kg.query.remote`` (benchmarks) keep working; code in
the package imports :mod:`danvan_kg.store.remote`.
"""

from danvan_kg.store.remote import RemoteEndpoint

__all__ = ["RemoteEndpoint"]
