"""A text's sentences, and the paragraph each belongs to."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


# It begins with one of ".!?\n": it is tried only where `positions_of` finds one.
_SENTENCE_END = re.compile(r"[.!?\n](?:(?<=\n)\n*|[\"'”’)]*\s+(?=[\"“'(]?[A-Z0-9À-ÞƏŞÇĞÖÜİ]))")


# Its own __init__, so that the compiled pipeline builds it natively: a dataclass's generated __init__
# (like a NamedTuple's __new__) runs as Python code.
@dataclass(unsafe_hash=True)
class Sentence:
    start: int
    end: int
    paragraph: int

    def __init__(self, start: int, end: int, paragraph: int) -> None:
        self.start = start
        self.end = end
        self.paragraph = paragraph


_LAST_WORD = re.compile(r"(\w+)\.$")


def positions_of(text: str, parts: Iterable[str]) -> list[int]:
    """Where any of the parts (or characters, given a string) stands in the text, in order. `str.find`
    skips ahead at C speed; a regex scan (`finditer`) would test every character."""
    found = []
    for part in parts:
        at = text.find(part)
        while at >= 0:
            found.append(at)
            at = text.find(part, at + 1)
    found.sort()
    return found


def matches_at(pattern: re.Pattern, text: str, candidates: list[int]) -> list[re.Match]:
    """What `pattern.finditer(text)` finds, for a pattern whose matches can begin only at the candidate
    offsets (its first character is one of theirs) and are never empty."""
    found = []
    free = 0  # matches do not overlap
    for at in candidates:
        if at >= free:
            m = pattern.match(text, at)
            if m:
                found.append(m)
                free = m.end()
    return found


def sentences(text: str, abbreviations: frozenset[str] = frozenset()) -> list[Sentence]:
    out, start, paragraph = [], 0, 0
    for m in matches_at(_SENTENCE_END, text, positions_of(text, ".!?\n")):
        end = m.start() if m[0][0] == "\n" else m.start() + 1  # after the full stop
        if "\n" not in m[0]:
            last = _LAST_WORD.search(text[max(0, end - 12) : end])
            word = last[1] if last else ""
            initial = len(word) == 1 and word.isupper()  # "D.C.", "J. Smith"
            if initial or word.lower() in abbreviations or text[m.end() : m.end() + 1].isdigit():
                continue  # "Nov. 11", "Mr. Aliyev": not the end of a sentence
        if text[start:end].strip():
            out.append(Sentence(start, end, paragraph))
        if "\n" in m[0]:
            paragraph += 1
        start = m.end()
    if text[start:].strip():
        out.append(Sentence(start, len(text), paragraph))
    return out
