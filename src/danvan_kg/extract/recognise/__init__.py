"""Recognisers, one module per kind of name; importing this package registers them all
(see :mod:`danvan_kg.extract.registry`)."""

from danvan_kg.extract.recognise import documents, groups, headed, names, organisations, places  # noqa: F401
