"""Extraction stays linear on hostile input: each adversarial shape at 1, 4 and 16 MB.

Shapes are single lines (no sentence break) of one repeated unit: thousands of quotations after a
cue, organisation names, list items, cue words with nothing to name, place chains, group lists and
coded documents. For each size the seconds and characters per second are printed; on a linear
extractor the rate stays about the same as the size grows four-fold (``growth`` is the time ratio
per four-fold size: 4.0 is linear, 16.0 would be quadratic).

``python benchmarks/bench_adversarial.py [--sizes 1,4,16] [--shapes quotes,orgs] [--json]``
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time

from danvan_kg.extract import extract_text

SHAPES: dict[str, str] = {
    "quotes": "mô hình “A” ",
    "organisations": "Hội LHPN xã Tân Lập, ",
    "list-items": "các mô hình như: Tủ sách pháp luật, ",
    "bare-cues": "phong trào mô hình Hội ",
    "places": "xã A, huyện B, tỉnh Đồng Tháp; ",
    "groups": "hỗ trợ hộ nghèo, cận nghèo, ",
    "documents": "Nghị quyết số 25-NQ/TW về công tác dân vận, ",
    "headed": "Tổ tự quản bảo vệ dòng kênh, ",
}
MB = 1_000_000


def run(sizes_mb: list[float], shapes: list[str]) -> dict:
    extract_text("Hội Nông dân xã A duy trì mô hình “B”.")  # load the lexicon before timing
    out: dict = {"sizes_mb": sizes_mb, "shapes": {}}
    for name in shapes:
        unit = SHAPES[name]
        rows = []
        for size in sizes_mb:
            text = unit * max(1, int(size * MB / len(unit.encode("utf-8"))))
            t = time.perf_counter()
            x = extract_text(text)
            dt = time.perf_counter() - t
            rows.append(
                {
                    "mb": size,
                    "seconds": round(dt, 2),
                    "chars_per_s": round(len(text) / dt),
                    "entities": len(x.entities),
                }
            )
        growth = [
            round(b["seconds"] / a["seconds"], 2)
            for a, b in itertools.pairwise(rows)
            if a["seconds"]
        ]
        out["shapes"][name] = {"runs": rows, "growth_per_4x": growth}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1,4,16", help="sizes in MB, comma-separated")
    ap.add_argument("--shapes", default=",".join(SHAPES))
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    report = run([float(s) for s in args.sizes.split(",")], args.shapes.split(","))
    if args.json:
        print(json.dumps(report))
    else:
        for name, r in report["shapes"].items():
            runs = "  ".join(f"{x['mb']:g} MB {x['seconds']:.1f} s" for x in r["runs"])
            print(f"{name:14s} {runs}   growth per 4x: {r['growth_per_4x']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
