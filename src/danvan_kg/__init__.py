"""danvan-kg: a knowledge graph of Vietnamese mass-mobilisation work (công tác dân vận).

The data flows one way: text → normalised text → mentions → resolved entities and
relations with evidence → triples in named graphs → store → queries / networks / HTML.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
