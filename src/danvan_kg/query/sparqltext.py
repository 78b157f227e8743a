"""SPARQL text helpers under their older name: a re-export of :mod:`danvan_kg.sparql.text`.

Kept so that scripts written against ``danvan_kg.query.sparqltext`` (benchmarks) keep working;
code in the package imports :mod:`danvan_kg.sparql.text`.
"""

from danvan_kg.sparql.text import *  # noqa: F403
from danvan_kg.sparql.text import __all__  # noqa: F401
