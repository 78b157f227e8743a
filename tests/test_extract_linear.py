"""Hostile shapes at a bounded size: every stage finishes and keeps its invariants (the timing curve at
1, 4 and 16 MB is benchmarks/bench_adversarial.py's job, not a unit test's)."""

from __future__ import annotations

import signal

import pytest
from benchmarks.bench_adversarial import SHAPES

from danvan_kg.extract import extract_text

SIZE = 120_000  # characters: quadratic code would take minutes here, linear code well under a second each


@pytest.fixture(autouse=True)
def _guard():
    """A hang guard, not a speed target: a quadratic stage would need far more than this."""

    def boom(*_: object) -> None:
        raise TimeoutError("extraction did not finish within 120 s on a bounded hostile input")

    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_hostile_shape_finishes_with_sane_output(shape: str) -> None:
    unit = SHAPES[shape]
    text = unit * (SIZE // len(unit))
    x = extract_text(text)
    body = x.document.body
    for e in x.entities:
        for ev in e.evidence:
            assert body[ev.start : ev.end] == ev.quote
    ids = {e.id for e in x.entities}
    assert all(r.s in ids and r.o in ids for r in x.relations)


def test_a_quotation_cut_off_by_the_end_of_the_text_is_no_name() -> None:
    x = extract_text("Hội Nông dân xã duy trì mô hình “Vườn rau sạch")
    assert not any(e.type == "Model" for e in x.entities)
