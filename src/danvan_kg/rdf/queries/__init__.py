"""SPARQL used by the store itself (statistics, maintenance)."""
