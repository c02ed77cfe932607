"""What each language needs, loaded from one data file per language (`<code>.json` beside this module).

Adding a language is adding a file with the same keys (see en.json); `detect` then recognises it by its
function words.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).parent
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def phrase_pattern(phrases, *, flags: int = re.IGNORECASE) -> re.Pattern:
    """One regex for a list of words and phrases: longest first, whole words, spaces matching any run."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    body = "|".join(r"\s+".join(map(re.escape, p.split())) for p in ordered) or r"(?!x)x"
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w])", flags)


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    data: dict = field(repr=False, compare=False, hash=False)

    def words(self, key: str) -> list[str]:
        return list(self.data.get(key, []))

    def table(self, key: str) -> dict:
        return dict(self.data.get(key, {}))

    @cached_property
    def cue_index(self) -> dict[str, list[tuple[tuple[str, ...], str, bool]]]:
        """Event words by their first word: (the phrase's words, event type, must match case)."""
        index: dict[str, list[tuple[tuple[str, ...], str, bool]]] = {}
        for kind, cues in self.data["events"].items():
            for cue in cues:
                words = tuple(cue.split())
                cased = cue != cue.lower()
                index.setdefault(words[0] if cased else words[0].lower(), []).append((words if cased else tuple(w.lower() for w in words), kind, cased))
        for entries in index.values():
            entries.sort(key=lambda e: -len(e[0]))  # the longest phrase first
        return index

    @cached_property
    def needs_object(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.words("event_verbs_need_object"))

    def pattern(self, key: str) -> re.Pattern:
        return _pattern(self, key)

    def word_set(self, key: str) -> frozenset[str]:
        """A word list (or a table's keys) in lower case, for membership tests."""
        return _word_set(self, key)

    @cached_property
    def non_place_words(self) -> frozenset[str]:
        return frozenset(w.casefold() for w in self.words("non_place_words"))


@lru_cache(maxsize=None)
def _pattern(language: Language, key: str) -> re.Pattern:
    value = language.data.get(key, [])
    return phrase_pattern(value.keys() if isinstance(value, dict) else value)


@lru_cache(maxsize=None)
def _word_set(language: Language, key: str) -> frozenset[str]:
    value = language.data.get(key, [])
    return frozenset(w.lower() for w in (value.keys() if isinstance(value, dict) else value))


@lru_cache(maxsize=None)
def get(code: str) -> Language:
    path = DATA_DIR / f"{code}.json"
    if not path.exists():
        raise KeyError(code)
    data = json.loads(path.read_text(encoding="utf-8"))
    return Language(code=data["language"], name=data["name"], data=data)


@lru_cache(maxsize=None)
def available() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in DATA_DIR.glob("*.json")))


@lru_cache(maxsize=None)
def _function_words() -> dict[str, frozenset[str]]:
    return {code: frozenset(get(code).words("function_words")) for code in available()}


def detect(text: str, default: str = "en") -> str:
    """The language whose function words the text uses most (a sample of its first 3,000 characters)."""
    tokens = [t.casefold() for t in _WORD.findall(text[:3000])]
    if not tokens:
        return default
    scores = {code: sum(t in words for t in tokens) for code, words in _function_words().items()}
    best = max(scores, key=scores.get)
    return best if scores[best] >= 3 else default
