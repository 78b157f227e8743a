"""What every recogniser and relation rule reads about one document: the body, its sentences,
clauses and quotations, and the compiled lexicon. Built once per document; every lookup is
O(log n), so the pipeline stays linear in the length of the text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from danvan_kg.extract.lexicon import Lexicon, lexicon
from danvan_kg.text.sentences import Sentence, split_sentences

__all__ = ["DocContext", "Quote", "find_quotes"]


@dataclass(frozen=True, slots=True)
class Quote:
    """A balanced pair of quotation marks: ``open`` is the index of “, ``close`` of ”."""

    open: int
    close: int

    @property
    def inner(self) -> tuple[int, int]:
        return self.open + 1, self.close


_QUOTE_CHARS = re.compile("[“”\n]")
_MAX_QUOTE = 400


def find_quotes(body: str) -> list[Quote]:
    """Balanced “…” pairs on one line, innermost pairs included, in order of their opening mark.

    An unclosed quotation (a text cut in the middle of a name) is no quotation.
    """
    out: list[Quote] = []
    stack: list[int] = []
    for qm in _QUOTE_CHARS.finditer(body):
        i, ch = qm.start(), qm.group()
        if ch == "“":
            stack.append(i)
            if len(stack) > 8:  # runaway openings: keep the innermost ones only
                del stack[0]
        elif ch == "”":
            if stack:
                o = stack.pop()
                if i - o <= _MAX_QUOTE:
                    out.append(Quote(o, i))
        else:
            stack.clear()
    out.sort(key=lambda q: q.open)
    return out


MAX_SENTENCE = 2000
"""The longest stretch of text the rules treat as one sentence. Real sentences of the genre stay under
1,100 characters; a longer run (a page without full stops, a hostile input) is cut at its last comma or
space before the limit, so that no rule's work per sentence grows with the document."""


def bounded_sentences(body: str, sentences: list[Sentence]) -> list[Sentence]:
    """``sentences`` with every one longer than :data:`MAX_SENTENCE` cut into pieces of the same paragraph."""
    out: list[Sentence] = []
    for s in sentences:
        start = s.start
        while s.end - start > MAX_SENTENCE:
            limit = start + MAX_SENTENCE
            cut = max(body.rfind(", ", start + 1, limit), body.rfind("; ", start + 1, limit))
            if cut <= start:
                cut = body.rfind(" ", start + 1, limit)
            cut = cut + 1 if cut > start else limit
            text = body[start:cut].rstrip()
            out.append(Sentence(start, start + len(text), text, s.paragraph))
            start = cut
            while start < s.end and body[start].isspace():
                start += 1
        if start < s.end:
            out.append(Sentence(start, s.end, body[start : s.end], s.paragraph))
    return out


class DocContext:
    """One document's body with its sentence, clause and quotation structure."""

    def __init__(self, body: str, lex: Lexicon | None = None) -> None:
        self.body = body
        self.lex = lex or lexicon()
        self.sentences: list[Sentence] = bounded_sentences(body, split_sentences(body))
        self._starts = [s.start for s in self.sentences]
        self.quotes = find_quotes(body)
        self._quote_opens = [q.open for q in self.quotes]
        self.chrome = self._chrome_lines()

    def _chrome_lines(self) -> list[tuple[int, int]]:
        """Lines of site chrome (sharing, credits, navigation: ``chrome_line`` in the lexicon) and lines
        that hold nothing but a short name (a masthead): nothing on them is extracted."""
        words = "|".join(re.escape(w) for w in self.lex.words("chrome_line"))
        rx = re.compile(
            rf"^[^\n]*(?:{words})[^\n]*$|^[ \t]*(?:Báo|Tạp chí|Đài)[^\n.,;:]{{0,30}}$", re.MULTILINE
        )
        return [(m.start(), m.end()) for m in rx.finditer(self.body) if len(m.group()) < 160]

    # ------------------------------------------------------------------ sentences
    def sentence_of(self, pos: int) -> int:
        """Index of the sentence holding ``pos`` (the one before it when ``pos`` falls between two)."""
        if not self.sentences:
            return -1
        i = bisect.bisect_right(self._starts, pos) - 1
        return max(0, i)

    def sentence(self, idx: int) -> Sentence | None:
        return self.sentences[idx] if 0 <= idx < len(self.sentences) else None

    def sentence_span(self, pos: int) -> tuple[int, int]:
        s = self.sentence(self.sentence_of(pos))
        return (s.start, s.end) if s else (0, len(self.body))

    def same_paragraph(self, i: int, j: int) -> bool:
        a, b = self.sentence(i), self.sentence(j)
        return a is not None and b is not None and a.paragraph == b.paragraph

    # ------------------------------------------------------------------ clauses
    @cached_property
    def _clause_breaks(self) -> list[int]:
        """Offsets of clause boundaries inside sentences: ';', ':' and line-internal ' - ' are breaks."""
        return [m.start() for m in re.finditer(r";|:(?=\s)|\s[-–]\s(?=[A-ZĐ])", self.body)]

    def clause_span(self, pos: int) -> tuple[int, int]:
        """The clause holding ``pos``: between the nearest breaks inside its sentence."""
        s0, s1 = self.sentence_span(pos)
        breaks = self._clause_breaks
        i = bisect.bisect_right(breaks, pos - 1)
        a = breaks[i - 1] + 1 if i > 0 and breaks[i - 1] >= s0 else s0
        b = breaks[i] if i < len(breaks) and breaks[i] < s1 else s1
        return a, b

    # ------------------------------------------------------------------ quotations
    def quote_at(self, pos: int) -> Quote | None:
        """The quotation whose opening mark is at ``pos``."""
        i = bisect.bisect_left(self._quote_opens, pos)
        if i < len(self.quotes) and self.quotes[i].open == pos:
            return self.quotes[i]
        return None

    def inside_quote(self, a: int, b: int) -> bool:
        """Whether [a, b) lies inside some quotation (marks excluded)."""
        i = bisect.bisect_right(self._quote_opens, a - 1)
        return any(q.open < a and b <= q.close for q in self.quotes[max(0, i - 3) : i])
