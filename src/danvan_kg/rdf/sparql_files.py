"""``load_query`` under its older name: a re-export of :mod:`danvan_kg.sparql.files`.

Kept so that scripts written against ``danvan_kg.rdf.sparql_files`` keep working; code in the
package imports :mod:`danvan_kg.sparql.files`.
"""

from danvan_kg.sparql.files import load_query

__all__ = ["load_query"]
