"""Every command of the README's five-minute tour, run against a fresh build of the bundled data:
each question answers, with rows and none of them repeated."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from danvan_kg.paths import repo_root
from danvan_kg.query.catalogue import load_catalogue

NEEDS_INPUT = ("ingest", "extract", "import", "serve", "push", "build")
"""Tour commands that need the reader's own files or a server (or built the store): not run here."""


def tour() -> list[list[str]]:
    """The ``danvan-kg`` commands of the README's tour, as argument lists."""
    readme = (repo_root() / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Five-minute tour", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    commands = []
    for line in block.splitlines():
        words = shlex.split(line, comments=True)
        while words and "=" in words[0] and not words[0].startswith("-"):
            words = words[1:]  # VAR=value prefixes
        if words and words[0] == "danvan-kg":
            commands.append(words[1:])
    return commands


def _command(argv: list[str]) -> str:
    return next(word for word in argv if not word.startswith("-") and word not in ("big/",))


COMMANDS = tour()
QUESTIONS = [c for c in COMMANDS if _command(c) in ("ask", "sparql") and "--list" not in c]


def test_the_tour_is_what_this_test_reads() -> None:
    assert len(QUESTIONS) >= 9
    asked = {c[1] for c in QUESTIONS if c[0] == "ask"}
    assert asked >= {"models", "beneficiaries", "chain", "implements", "evidence", "path", "search"}


def run(store: Path, argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "danvan_kg", *argv, "--store", str(store)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
    )


@pytest.mark.parametrize("argv", QUESTIONS, ids=[" ".join(c[:3]) for c in QUESTIONS])
def test_every_question_of_the_tour_answers_without_repeats(
    argv: list[str], bundled_build: Path, tmp_path: Path
) -> None:
    result = run(bundled_build, [*argv, "--format", "json"], tmp_path)
    assert result.returncode == 0, f"{shlex.join(argv)}: exit {result.returncode}: {result.stderr}"
    rows = json.loads(result.stdout)
    assert rows, f"{shlex.join(argv)} answers nothing on the bundled build ({result.stderr.strip()})"
    hidden: tuple[str, ...] = ()
    if argv[0] == "ask":  # what a reader sees: the table's columns (IRIs and bound parameters left out)
        hidden = (*load_catalogue()[argv[1]].hidden, "id")
    seen = [
        json.dumps({k: v for k, v in row.items() if k not in hidden}, sort_keys=True, ensure_ascii=False)
        for row in rows
    ]
    assert len(set(seen)) == len(seen), f"{shlex.join(argv)} repeats rows: {sorted(seen)[:4]}"


@pytest.mark.parametrize(
    "argv",
    [c for c in COMMANDS if c not in QUESTIONS and _command(c) not in NEEDS_INPUT],
    ids=lambda c: " ".join(c[:2]),
)
def test_the_other_tour_commands_run(argv: list[str], bundled_build: Path, tmp_path: Path) -> None:
    result = run(bundled_build, argv, tmp_path)  # run in tmp_path: files written by the tour land there
    assert result.returncode == 0, f"{shlex.join(argv)}: exit {result.returncode}: {result.stderr}"
    assert result.stdout.strip() or result.stderr.strip()


EXAMPLES = [shlex.split(q.examples[0])[1:] for q in load_catalogue().values()]
"""The first ``# @example`` of every question: the one ``ask --list`` shows."""


@pytest.mark.parametrize("argv", EXAMPLES, ids=[" ".join(e[:2]) for e in EXAMPLES])
def test_the_example_of_every_question_in_ask_list_answers(
    argv: list[str], bundled_build: Path, tmp_path: Path
) -> None:
    result = run(bundled_build, [*argv, "--format", "json"], tmp_path)
    assert result.returncode == 0, f"{shlex.join(argv)}: exit {result.returncode}: {result.stderr}"
    assert json.loads(result.stdout), f"{shlex.join(argv)} answers nothing on the bundled build"
