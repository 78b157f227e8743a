"""What relation rules read: the document's resolved mentions by sentence and clause, the cue
patterns of the lexicon, and the evidence of a found relation (the sentence — or the adjacent
sentences — holding both ends)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from danvan_kg.extract.context import DocContext
from danvan_kg.extract.lexicon import lexicon
from danvan_kg.extract.mention import Mention
from danvan_kg.extract.model import Evidence

__all__ = ["Found", "RelationContext", "cues"]

_MAX_PER_SENTENCE = 200
WINDOW = 400
"""How far (in characters) a rule looks around a mention: keeps every rule linear in the text."""


@dataclass(frozen=True, slots=True)
class Found:
    """A relation a rule found: subject and object mentions (the object may be an entity IRI)."""

    s: Mention
    o: Mention
    confidence: float | None = None  # overrides the rule's when set


@lru_cache(maxsize=1)
def cues() -> dict[str, re.Pattern[str]]:
    """The relation cue patterns of the lexicon, compiled once."""
    lex = lexicon()

    def words(role: str) -> str:
        return rf"(?<![\w])(?:{lex.alt(role)})(?![\w])"

    return {
        "run": re.compile(words("run_cue"), re.IGNORECASE),
        "launch": re.compile(words("launch_cue"), re.IGNORECASE),
        "help": re.compile(words("help_cue"), re.IGNORECASE),
        "implement": re.compile(words("implement_cue"), re.IGNORECASE),
        "by": re.compile(rf"^\W*(?:{lex.alt('by_cue')})(?![\w])"),
        "passive": re.compile(rf"(?<![\w])(?:{lex.alt('passive_cue')})\s*$"),
        "partner": re.compile(
            rf"^\s*(?:,\s*)?(?:{lex.alt('partner_cue', variants=False)})?\s*(?:với\s*)?,?\s*$"
        ),
        "located": re.compile(
            rf"^\s*,?\s*(?:{lex.alt('located_cue', variants=False)})\s*(?:(?:các|những)\s*)?$"
        ),
        "source": re.compile(rf"(?:^|[\n.;,:]\s*|\s)(?:{lex.alt('source_cue')})\s+$"),
        "funding": re.compile(rf"(?:{lex.alt('funding_cue')})(?: quỹ)?\s*$", re.IGNORECASE),
        "event": re.compile(rf"(?<![\w])(?:{lex.alt('event_cue')})(?![\w])"),
        "verb_any": re.compile(
            rf"(?<![\w])(?:{lex.alt('run_cue')}|{lex.alt('launch_cue')}|{lex.alt('help_cue')})(?![\w])",
            re.IGNORECASE,
        ),
    }


class RelationContext:
    """Mentions of one document (each resolved to an entity: ``eid``) indexed for relation rules."""

    def __init__(
        self, ctx: DocContext, mentions: list[Mention], main_place: str | None, place_level: dict[str, str]
    ) -> None:
        self.doc = ctx
        self.body = ctx.body
        self.sentences = ctx.sentences
        self.mentions = sorted((m for m in mentions if m.eid), key=lambda m: m.start)
        self.by_sentence: dict[int, list[Mention]] = {}
        for m in self.mentions:
            self.by_sentence.setdefault(m.sentence, []).append(m)
        self.main_place = main_place
        self.place_level = place_level
        self._orgs = [m for m in self.mentions if m.cls == "Organisation"]
        self._org_ends = [m.end for m in self._orgs]

    # ------------------------------------------------------------------ lookups
    def of(self, s_idx: int, *classes: str) -> list[Mention]:
        found = self.by_sentence.get(s_idx, [])
        if len(found) > _MAX_PER_SENTENCE:  # a dump of names, not prose: pairing it would be quadratic
            return []
        return [m for m in found if m.cls in classes]

    def all(self, *classes: str) -> list[Mention]:
        return [m for m in self.mentions if m.cls in classes]

    def between(self, a: int, b: int) -> str:
        return self.body[a:b] if a <= b else ""

    def clause(self, m: Mention) -> tuple[int, int]:
        a, b = self.doc.clause_span(m.start)
        return max(a, m.start - WINDOW), min(b, m.end + WINDOW)

    def sentence_start(self, m: Mention) -> int:
        """Where ``m``'s sentence starts, at most :data:`WINDOW` characters back."""
        s = self.doc.sentence(m.sentence)
        return max(s.start if s else 0, m.start - WINDOW)

    def in_clause(self, m: Mention, *classes: str) -> list[Mention]:
        a, b = self.clause(m)
        return [x for x in self.of(m.sentence, *classes) if a <= x.start < b]

    def acts(self, org: Mention) -> bool:
        """An organisation that can act in its sentence: not part of a person's title, not quoted as a
        source ("Theo Ban Dân vận …"), not the issuer of a document ("Chỉ thị số … của Ban Bí thư")."""
        if org.extra.get("in_title"):
            return False
        if cues()["source"].search(self.body, max(0, org.start - 16), org.start):
            return False
        for r in self.of(org.sentence, "Resolution"):
            if r.end <= org.start and re.fullmatch(r"\s*(?:của|do)\s*", self.body[r.end : org.start]):
                return False
        return True

    def funding(self, m: Mention) -> bool:
        """A fund named as the source of money ("trích từ Quỹ X"), not as an activity."""
        return bool(cues()["funding"].search(self.body, max(0, m.span[0] - 25), m.span[0]))

    def orgs_before(self, pos: int, limit: int = 40) -> list[Mention]:
        k = bisect.bisect_right(self._org_ends, pos)
        return self._orgs[max(0, k - limit) : k]

    # ------------------------------------------------------------------ evidence
    def evidence(self, s: Mention, o: Mention, method: str, confidence: float) -> Evidence:
        """The span from one end to the other and the sentence(s) holding both."""
        a, b = min(s.start, o.start), max(s.end, o.end)
        i, j = sorted((s.sentence, o.sentence))
        if j - i > 2:  # far apart: the object's sentence alone
            a, b, i, j = o.start, o.end, o.sentence, o.sentence
        si, sj = self.doc.sentence(i), self.doc.sentence(j)
        s0 = min(si.start, a) if si else a
        s1 = max(sj.end, b) if sj else b
        return Evidence(self.body[a:b], a, b, self.body[s0:s1], s0, f"rule:{method}", confidence)
