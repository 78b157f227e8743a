"""The namespaces, under their older name: a re-export of :mod:`danvan_kg.ids.namespaces`.

Kept so that scripts written against ``danvan_kg.rdf.namespaces`` (benchmarks, notebooks) keep
working; code in the package imports :mod:`danvan_kg.ids`.
"""

from danvan_kg.ids.namespaces import *  # noqa: F403
from danvan_kg.ids.namespaces import __all__  # noqa: F401
