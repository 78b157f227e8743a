"""SPARQL as text and terms, below the store and every query engine.

:mod:`.text` (prefixes, query form, projection, ``VALUES`` blocks that bind terms, never user
text), :mod:`.terms` (result terms: SPARQL JSON → rdflib, rdflib → plain Python values) and
:mod:`.files` (queries kept in ``.rq`` files beside the code that runs them).
"""
