"""Where bundled files live, in a source checkout and in an installed wheel.

The ontology and ``data/reference`` sit at the top of the repository; the wheel carries
copies under ``danvan_kg/_bundled`` (see ``pyproject.toml``). Callers ask here instead of
building paths themselves.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_BUNDLED = _PACKAGE_DIR / "_bundled"
_REPO_ROOT = _PACKAGE_DIR.parent.parent


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.exists():
            return candidate
    return candidates[-1]


def repo_root() -> Path:
    """The source checkout holding this package (meaningful for editable installs)."""
    return _REPO_ROOT


def ontology_dir() -> Path:
    """Folder with ``danvan.ttl`` and ``shapes.ttl``."""
    return _first_existing(_BUNDLED / "ontology", _REPO_ROOT / "ontology")


def reference_dir() -> Path:
    """Folder with the reference vocabularies and catalogues (``data/reference``); ``DANVAN_KG_REFERENCE``
    points at another copy (a team's own vocabulary: a new row changes what is recognised)."""
    own = os.environ.get("DANVAN_KG_REFERENCE")
    if own:
        return Path(own)
    return _first_existing(_BUNDLED / "reference", _REPO_ROOT / "data" / "reference")


def samples_dir() -> Path:
    """Folder with the bundled sample texts and records (``data/samples``)."""
    return _REPO_ROOT / "data" / "samples"


def default_store_dir() -> Path:
    """The embedded store used when neither ``--store`` nor ``DANVAN_KG_STORE`` is given.

    ``$XDG_DATA_HOME/danvan-kg/store``, i.e. ``~/.local/share/danvan-kg/store`` by default.
    """
    env = os.environ.get("DANVAN_KG_STORE")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "danvan-kg" / "store"


def corpus_dir() -> Path:
    """The shared dev corpus (``../shared/corpus``), overridable by ``DANVAN_KG_CORPUS``."""
    env = os.environ.get("DANVAN_KG_CORPUS")
    if env:
        return Path(env).expanduser()
    return _REPO_ROOT.parent / "shared" / "corpus"
