"""The entity network: RDF → networkx projection, layouts, HTML page and exports for other tools.

``project(kg)`` builds a ``MultiDiGraph`` of entities and relations with evidence;
``neighbourhood`` cuts a focus view; ``write_html`` draws a self-contained interactive page;
``formats.write`` saves GraphML, GEXF or CSV.
"""

from danvan_kg.network.formats import write
from danvan_kg.network.html import render_html, write_html
from danvan_kg.network.layout import compute_positions
from danvan_kg.network.projection import find_nodes, neighbourhood, project, search_key

__all__ = [
    "compute_positions",
    "find_nodes",
    "neighbourhood",
    "project",
    "render_html",
    "search_key",
    "write",
    "write_html",
]
