"""``danvan-kg ingest PATH_OR_URL... [--urls FILE] [--feed URL] [--sitemap URL]``: sources into the store.

Local files (text, HTML pages, PDF, Word, CSV records; folders walked), web pages, URL lists,
feeds and sitemaps; ``--since``/``--until``/``--match`` keep only the documents wanted. One
named graph per source; one stderr line per source that failed; non-zero exit when any did or
when the inputs name nothing at all.
"""

from __future__ import annotations

import argparse
import json
import os
import time

from danvan_kg.cli._common import open_store, progress_bar, stdout
from danvan_kg.cli._sources import add_source_arguments, document_filter, fetcher_for, inputs_from, say
from danvan_kg.ingest import IngestReport, ingest_sources, nothing_to_ingest
from danvan_kg.sources.plan import fetch_plan, plan_inputs

NAME = "ingest"
HELP = (
    "Ingest documents (.txt, .html, .pdf, .docx), web pages, feeds, sitemaps and CSV records "
    "into the store, one named graph per source."
)


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH_OR_URL",
        help="files, folders (walked for .txt .html .htm .xhtml .pdf .docx .csv), or http(s) URLs",
    )
    parser.add_argument(
        "--jobs", "-j", type=int, default=1, help="worker processes for extraction (0 = all cores)"
    )
    parser.add_argument("--format", choices=("table", "json"), default="table", help="summary format")
    add_source_arguments(parser)


def _summary(report: IngestReport) -> str:
    entities = ", ".join(f"{k} {v}" for k, v in sorted(report.entities.items())) or "none"
    relations = ", ".join(f"{k} {v}" for k, v in sorted(report.relations.items())) or "none"
    lines = [
        f"ingested {report.documents} documents and {report.records_files} record files in "
        f"{report.elapsed:.1f} s: {report.triples:,} triples into {report.store or 'the store'}",
    ]
    left = [f"skipped {len(report.skipped)}"]
    if report.filtered:
        left.append(f"left out by the filters {len(report.filtered)}")
    if report.outside_dates:
        left.append(f"listed outside the dates {report.outside_dates}")
    if report.duplicates or report.repeated:
        left.append(f"duplicates {len(report.duplicates) + report.repeated}")
    if report.replaced:
        left.append(f"older versions replaced {report.replaced}")
    if report.fetched or report.cache_hits:
        left.append(f"fetched {report.fetched}, from the cache {report.cache_hits}")
    lines.append("; ".join(left))
    lines.append(f"entities: {entities}\nrelations: {relations}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    keep = document_filter(args)
    inputs = inputs_from(args)
    kg = open_store(args)
    try:
        with fetcher_for(args, inputs) as fetcher:
            plan = plan_inputs(inputs, fetcher=fetcher, dates=keep.dates)
            report = IngestReport(
                skipped=list(plan.problems), outside_dates=plan.outside_dates, repeated=plan.duplicates
            )
            for _, reason in plan.problems:
                say("skipped", reason)
            if plan.empty and not plan.outside_dates:
                raise nothing_to_ingest(plan)
            with progress_bar("fetch", len(plan.urls)) as advance:
                refs, failures = fetch_plan(plan, fetcher, on_done=advance)
            for _, reason in failures:
                say("skipped", reason)
            report.skipped.extend(failures)
            if fetcher is not None:
                report.fetched, report.cache_hits = fetcher.stats.fetched, fetcher.stats.cache_hits
            already = len(report.skipped)
            with progress_bar("ingest", len(refs) + len(plan.records)) as advance:
                ingest_sources(
                    kg, refs, plan.records, jobs=jobs, keep=keep, on_progress=advance, report=report
                )
    finally:
        kg.close()
    report.elapsed = time.perf_counter() - started
    for source, reason in report.skipped[already:]:
        say("skipped", reason if source in reason else f"{source}: {reason}")
    for source, first in report.duplicates:
        say("note:", f"{source}: the same document as {first}; ingested once")
    for source, reason in report.filtered:
        say("left out", f"{source}: {reason}")
    if args.format == "json":
        print(json.dumps(report.as_dict(), ensure_ascii=False, sort_keys=True))
    else:
        stdout.print(_summary(report), markup=False)
    return 0 if report.ok else 1
