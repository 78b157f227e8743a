"""Static pages served by ``danvan-kg serve`` (package data)."""
