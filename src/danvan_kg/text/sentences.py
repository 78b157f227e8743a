"""Split a normalised body into sentences, as (start, end) offsets.

Breaks at line ends and after ``.``, ``!``, ``?``, ``…`` followed by a space and a capital,
digit or opening quote — but not after common abbreviations (TP., TS., ThS., PGS., GS., Q., P.,
TX., v.v.), not inside numbers (1.500) and not inside a quotation that is still open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Sentence", "split_sentences"]

_ABBREVIATIONS = frozenset(
    [
        "tp",
        "ts",
        "ths",
        "pgs",
        "gs",
        "q",
        "p",
        "tx",
        "tt",
        "h",
        "bs",
        "ks",
        "cn",
        "th",
        "ng",
        "ông",
        "bà",
        "đ/c",
        "đc",
        "stt",
        "vd",
        "tr",
        "kt",
        "v.v",
        "vv",
        "cty",
        "th.s",
    ]
)
_END = re.compile(r"[.!?…]+[”’)\]]*(?=\s)|\n")
_MAX_QUOTE = 400  # a quotation longer than this is probably unbalanced: ignore it


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its offsets in the body and its text (``body[start:end]``)."""

    start: int
    end: int
    text: str
    paragraph: int  # index of the paragraph (block of text between line breaks)


def _is_abbreviation(body: str, dot: int) -> bool:
    j = dot
    while j > 0 and not body[j - 1].isspace() and body[j - 1] not in '(“"':
        j -= 1
    word = body[j:dot].lower()
    if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
        return True
    return bool(re.fullmatch(r"(?:[a-zđ]\.)+[a-zđ]?", word))


def _open_quote(body: str, start: int, end: int) -> bool:
    segment = body[start:end]
    opened = segment.rfind("“")
    return opened != -1 and segment.find("”", opened) == -1 and end - (start + opened) < _MAX_QUOTE


def split_sentences(body: str) -> list[Sentence]:
    """Sentences of ``body`` (whitespace-trimmed, non-empty), in order."""
    out: list[Sentence] = []
    start = 0
    paragraph = 0
    n = len(body)
    for m in _END.finditer(body):
        end = m.end()
        if m.group() != "\n":
            nxt = end
            while nxt < n and body[nxt] == " ":
                nxt += 1
            if nxt < n and body[nxt] != "\n":
                ch = body[nxt]
                if not (ch.isupper() or ch.isdigit() or ch in "“\"(-–'‘["):
                    continue
            if body[m.start()] == "." and m.end() - m.start() == 1 and _is_abbreviation(body, m.start()):
                continue
            if _open_quote(body, start, m.start()):
                continue
        _emit(body, start, end if m.group() != "\n" else m.start(), paragraph, out)
        if m.group() == "\n":
            paragraph += 1
        start = end
    _emit(body, start, n, paragraph, out)
    return out


def _emit(body: str, start: int, end: int, paragraph: int, out: list[Sentence]) -> None:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, body[start:end], paragraph))
