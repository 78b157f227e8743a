"""The SPARQL cookbook: analyst questions as plain SPARQL, one ``NN-name.rq`` file each.

Each file starts with ``# @title`` (the question in a few words) and ``# @about`` lines (what
it shows); the rest is the query, written for people to copy: predeclared prefixes
(``danvan-kg sparql`` and the ``serve`` page add the PREFIX lines), ``dv:name`` to match a
name without a language tag, and ``DISTINCT`` because the default graph is the union of one
graph per article. The same files are the ``serve`` page's example tabs and the cookbook in
``docs/queries.md``; the tests run each on the bundled build and on an Oxigraph server.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

_HEADER = re.compile(r"^#\s*@(title|about)\s+(.*)$")


@dataclass(frozen=True)
class Recipe:
    """One cookbook query."""

    name: str
    title: str
    about: str
    text: str
    """The query with its header comment left out."""


@cache
def cookbook() -> tuple[Recipe, ...]:
    """Every recipe, in file-name order."""
    recipes = []
    files = sorted(
        (f for f in resources.files(__name__).iterdir() if f.name.endswith(".rq")), key=lambda f: f.name
    )
    for file in files:
        title, about, body = "", [], []
        for line in file.read_text(encoding="utf-8").splitlines():
            match = _HEADER.match(line)
            if match and not body:
                if match.group(1) == "title":
                    title = match.group(2).strip()
                else:
                    about.append(match.group(2).strip())
            elif body or line.strip():
                body.append(line)
        recipes.append(Recipe(file.name.removesuffix(".rq"), title, " ".join(about), "\n".join(body) + "\n"))
    return tuple(recipes)
