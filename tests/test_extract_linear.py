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


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_no_sentence_or_evidence_grows_with_the_document(shape: str) -> None:
    """Per-sentence work is what turned quadratic on a page without full stops (a 16 MB line of
    "Tổ tự quản …, " took 20 minutes): the rules never see a sentence longer than MAX_SENTENCE."""
    from danvan_kg.extract.context import MAX_SENTENCE, DocContext

    text = SHAPES[shape] * (SIZE // len(SHAPES[shape]))
    ctx = DocContext(text)
    assert max(len(s.text) for s in ctx.sentences) <= MAX_SENTENCE
    assert all(ctx.body[s.start : s.end] == s.text for s in ctx.sentences)
    x = extract_text(text)
    evidence = [ev for e in x.entities for ev in e.evidence] + [ev for r in x.relations for ev in r.evidence]
    assert all(len(ev.sentence) <= 3 * MAX_SENTENCE for ev in evidence)
