"""Serving the store to other programs: a SPARQL endpoint, its query page, and pushes elsewhere.

:mod:`.serve` (``danvan-kg serve``: an Oxigraph server over the store, holding its lock),
:mod:`.servers` (starting and stopping local Oxigraph and Virtuoso servers), :mod:`.webfront`
(the query page in front of the server, ``web/query.html``) and :mod:`.push` (named graphs sent to
a remote store over SPARQL Update or the Graph Store Protocol).
"""
