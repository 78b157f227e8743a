"""Screenshots of network pages in headless Chromium, for people to look at (and for the docs).

    python -m danvan_kg.network.screenshot --store STORE --out docs/img
    python -m danvan_kg.network.screenshot --out shots page.html other.html

With ``--store`` it writes the whole network and the focus views named by ``--focus LABEL@DEPTH``
(default: ``Dân vận khéo@2`` and ``Nghị quyết số 25-NQ/TW@2``) as ``network-*.html`` pages (in a
temporary folder, or in ``--pages DIR`` to keep them) and takes a 1400×900 screenshot of each into
``--out``; with page files it screenshots those. A screenshot is taken once the
page reports that it has drawn its first view. PNGs are reduced to a 256-colour palette when
Pillow is installed (it comes with matplotlib), which keeps them small enough to commit.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from danvan_kg.errors import DanvanError, InputError
from danvan_kg.network.browser import Browser
from danvan_kg.resolve import search_key

__all__ = ["DEFAULT_FOCUS", "main", "shoot", "write_pages"]

DEFAULT_FOCUS = ("Dân vận khéo@2", "Nghị quyết số 25-NQ/TW@2")
"""Focus views written with ``--store`` unless ``--focus`` is given."""


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", search_key(text)).strip("-") or "focus"


def _parse_focus(spec: str) -> tuple[str, int]:
    label, _, depth = spec.rpartition("@")
    if not label:
        return spec, 1
    if not depth.isdigit():
        raise InputError(f"--focus {spec!r}: write LABEL@DEPTH, e.g. 'Dân vận khéo@2'")
    return label, int(depth)


def write_pages(store: Path, out: Path, focus: Sequence[str]) -> list[Path]:
    """The whole network and each focus view of the store at ``store``, as pages in ``out``."""
    from danvan_kg.network.html import write_html
    from danvan_kg.network.projection import neighbourhood, project
    from danvan_kg.store import KnowledgeGraph

    views = [_parse_focus(spec) for spec in focus]
    if not store.is_dir():
        raise InputError(f"no store at {store}")
    with KnowledgeGraph.open(store) as kg:
        graph = project(kg)
    pages = [write_html(graph, out / "network-all.html", title="danvan-kg — toàn mạng / whole network")]
    for label, depth in views:
        view = neighbourhood(graph, label, depth)
        name = f"network-{_slug(label)}-{depth}.html"
        pages.append(write_html(view, out / name, title=f"danvan-kg — {label} (±{depth})"))
    return pages


def _compress(png: bytes) -> bytes:
    try:
        from PIL import Image
    except ImportError:  # pragma: no cover - Pillow comes with matplotlib in the test extra
        return png
    with Image.open(io.BytesIO(png)) as image:
        reduced = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
        buffer = io.BytesIO()
        reduced.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue() if buffer.tell() < len(png) else png


def shoot(pages: Sequence[Path], out: Path, *, width: int = 1400, height: int = 900) -> list[Path]:
    """A PNG of each page (``<page stem>.png`` in ``out``)."""
    shots = []
    with Browser(width=width, height=height) as browser:
        for page in pages:
            browser.page.open(page)
            target = out / f"{page.stem}.png"
            browser.page.screenshot(target)
            target.write_bytes(_compress(target.read_bytes()))
            labels = browser.page.evaluate("document.documentElement.dataset.labels")
            drawn = browser.page.evaluate("document.documentElement.dataset.drawnNodes")
            print(f"{target} ({target.stat().st_size // 1024} KB; {drawn} nodes drawn, {labels} labels)")
            shots.append(target)
    return shots


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(
        prog="python -m danvan_kg.network.screenshot", description=__doc__.split("\n")[0]
    )
    parser.add_argument("page_files", nargs="*", type=Path, metavar="PAGE", help="HTML pages to screenshot")
    parser.add_argument(
        "--store", type=Path, help="write the whole network and focus views of this store first"
    )
    parser.add_argument("--focus", action="append", metavar="LABEL@DEPTH", help="focus views (with --store)")
    parser.add_argument("--out", type=Path, required=True, help="folder for the PNGs")
    parser.add_argument("--pages", type=Path, help="keep the pages written with --store in this folder")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    args = parser.parse_args(argv)
    try:
        with tempfile.TemporaryDirectory(prefix="danvan-pages-") as tmp:
            pages = list(args.page_files)
            if args.store:
                pages += write_pages(args.store, args.pages or Path(tmp), args.focus or DEFAULT_FOCUS)
            if not pages:
                raise InputError("nothing to screenshot: give pages or --store")
            missing = [p for p in pages if not p.is_file()]
            if missing:
                raise InputError(f"no such page: {missing[0]}")
            shoot(pages, args.out, width=args.width, height=args.height)
    except DanvanError as exc:
        print(f"screenshot: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
