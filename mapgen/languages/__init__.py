"""What each language needs, loaded from one data file per language (`<code>.json` beside this module).

Adding a language is adding a file with the same keys (see en.json); `detect` then recognises it by its
function words.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

_TEXT_WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=None)
def bmp_word_class() -> str:
    """The characters of the Basic Multilingual Plane that `\\w` matches (letters, digits and "_"), as the
    ranges of a regex character set. The engine tests such a set with one table lookup, where `\\w` asks
    four Unicode tables; it serves texts with no character beyond the plane (see `beyond_bmp`)."""
    ranges: list[str] = []
    first = last = -2
    for code in range(0x10000):
        char = chr(code)
        if char.isalnum() or char == "_":  # what `\\w` matches, character for character
            if code != last + 1:
                if first >= 0:
                    ranges.append(_char_range(first, last))
                first = code
            last = code
    ranges.append(_char_range(first, last))
    return "".join(ranges)


def _char_range(first: int, last: int) -> str:
    return re.escape(chr(first)) + ("-" + re.escape(chr(last)) if last != first else "")


def beyond_bmp(text: str) -> bool:
    """Whether the text has a character beyond the Basic Multilingual Plane (an emoji, a rare script)."""
    return not text.isascii() and len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)


_BMP_WORD = re.compile(f"[{bmp_word_class()}]+")
_JOIN = re.compile(r"[\s'’-]*")  # what may stand between the words of one phrase


@dataclass
class Words:
    """A text's words, found once and shared by every phrase lookup on it."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    lowered: tuple[str, ...]
    known_positions: dict[str, list[int]] | None = field(default=None, repr=False, compare=False)

    @property
    def positions(self) -> dict[str, list[int]]:
        """Each lower-case word -> the indices where it occurs (found when first asked)."""
        positions = self.known_positions
        if positions is None:
            positions = self.known_positions = {}
            for i, word in enumerate(self.lowered):
                at = positions.get(word)
                if at is None:
                    positions[word] = [i]
                else:
                    at.append(i)
        return positions

    def renamed(self, changed: dict[str, str]) -> "Words":
        """The same words with some read as others ("direbutnya" as "direbut"); only those are touched."""
        if not changed:
            return self
        lowered, positions = list(self.lowered), dict(self.positions)
        for old, new in changed.items():
            at = positions.pop(old)
            for i in at:
                lowered[i] = new
            positions[new] = sorted(positions.get(new, []) + at)
        return Words(self.text, self.starts, self.ends, tuple(lowered), positions)


@lru_cache(maxsize=8)
def words_of(text: str) -> Words:
    """The text's words. The last few texts' are remembered: reading, geoparsing and extraction ask for
    the same article's words in turn (use `find_words` for short texts asked once)."""
    return find_words(text)


def find_words(text: str) -> Words:
    low = text.lower()
    exact = len(low) == len(text)  # lower() keeps offsets, except for a few letters such as "İ"
    found = list((_TEXT_WORD if beyond_bmp(text) else _BMP_WORD).finditer(low if exact else text))
    lowered = tuple(map(re.Match.group, found)) if exact else tuple(m[0].lower() for m in found)
    return Words(text, tuple(map(re.Match.start, found)), tuple(map(re.Match.end, found)), lowered)


class PhraseIndex:
    """Phrases looked up by their first word: only the words that begin some phrase are visited."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase in phrases:
            parts = tuple(w.lower() for w in _TEXT_WORD.findall(phrase))
            if parts:
                self.index.setdefault(parts[0], []).append((parts, phrase))
        for entries in self.index.values():
            entries.sort(key=lambda e: len(e[0]), reverse=True)

    def find(self, words: Words, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        """(start, end, the phrase as listed) of every phrase in words[start:end], longest first, no overlaps."""
        lowered, starts, ends, text = words.lowered, words.starts, words.ends, words.text
        stop = len(lowered) if end is None else end
        hits = []
        positions = words.positions
        for first in self.index.keys() & positions.keys():
            for i in positions[first]:
                if not start <= i < stop:
                    continue
                for parts, phrase in self.index[first]:
                    n = len(parts)
                    if i + n <= stop and lowered[i : i + n] == parts and all(
                        _JOIN.fullmatch(text, ends[k], starts[k + 1]) for k in range(i, i + n - 1)):
                        hits.append((i, n, phrase))
                        break
        hits.sort()
        out, free = [], 0
        for i, n, phrase in hits:
            if i >= free:
                out.append((starts[i], ends[i + n - 1], phrase))
                free = i + n
        return out


def tail_of(text: str) -> str:
    """A text's end as PhraseEnds compare it: lower case, single spaces."""
    return " ".join(text.lower().split())


class PhraseEnds:
    """Which of a list of phrases a text ends with (the longest), as whole words, case and spacing aside:
    the word before a name ("kota Martuni", "the town of")."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.phrases = tuple(sorted({" ".join(p.lower().split()) for p in phrases}, key=len, reverse=True))
        # The last two letters a text must end with: a set lookup spares most texts the phrase tests.
        self.endings = frozenset(p[-2:] for p in self.phrases) if all(len(p) >= 2 for p in self.phrases) else None

    def find(self, tail: str) -> str | None:
        """The phrase a text made by `tail_of` ends with (several lists can share that work), or None."""
        if self.endings is not None and tail[-2:] not in self.endings or not tail.endswith(self.phrases):
            return None
        for phrase in self.phrases:
            cut = len(tail) - len(phrase)
            if tail.endswith(phrase) and (cut == 0 or not (tail[cut - 1].isalnum() or tail[cut - 1] in "_-")):
                return phrase
        return None


def phrase_pattern(phrases, *, flags: int = re.IGNORECASE) -> re.Pattern:
    """One regex for a list of words and phrases: longest first, whole words, spaces matching any run."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    body = "|".join(r"\s+".join(map(re.escape, p.split())) for p in ordered) or r"(?!x)x"
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w])", flags)


class Language:
    """One language's data. There is one instance per language (see `get`), so it is compared and hashed
    by identity: it keys many caches, and that hash costs no Python call."""

    def __init__(self, code: str, name: str, data: dict) -> None:
        self.code = code
        self.name = name
        self.data = data
        # Every event word in one index, and for each: its event type, and whether its case must match
        # (weapon names such as "Grad" are cues only when capitalised).
        kinds = {cue: (kind, cue != cue.lower()) for kind, cues in data.get("events", {}).items() for cue in cues}
        self.cues: tuple[PhraseIndex, dict[str, tuple[str, bool]]] = (PhraseIndex(kinds), kinds)
        self.non_place_words = frozenset(w.casefold() for w in data.get("non_place_words", []))
        self._word_sets: dict[str, frozenset[str]] = {}
        self._first_words_of: dict[str, tuple[str, ...]] = {}
        self._first_index_words_of: dict[str, frozenset[str] | None] = {}

    def __repr__(self) -> str:
        return f"Language({self.code!r})"

    def words(self, key: str) -> list[str]:
        return list(self.data.get(key, []))

    def table(self, key: str) -> dict:
        return dict(self.data.get(key, {}))

    def pattern(self, key: str) -> re.Pattern:
        return _pattern(self, key)

    def phrases(self, key: str) -> PhraseIndex:
        """The word list (or a table's keys) at `key`, ready to find in a text's Words."""
        return _phrases(self, key)

    def may_have(self, key: str, text: str) -> bool:
        """Whether `text` may hold a phrase of the list at `key`: its first word is in it somewhere. A few
        substring tests spare most texts a regex scan; True is only a maybe."""
        lowered = text.lower()
        for word in self.first_words(key):
            if word in lowered:
                return True
        return False

    def may_have_at(self, key: str, text: str, start: int, end: int) -> bool:
        """`may_have` for the stretch text[start:end], read from the text's word index: whether a word that
        begins there begins a phrase of the list at `key`."""
        first = self._first_index_words(key)
        if first is None:
            return self.may_have(key, text[start:end])
        words = words_of(text)
        lowered = words.lowered
        for i in range(bisect_left(words.starts, start), bisect_left(words.starts, end)):
            if lowered[i] in first:
                return True
        return False

    def holds_at(self, key: str, text: str, start: int, end: int) -> bool:
        """Whether a phrase of the list at `key` lies in text[start:end] (whole words, as the text has them)."""
        return self.may_have_at(key, text, start, end) and bool(self.pattern(key).search(text, start, end))

    def _first_index_words(self, key: str) -> frozenset[str] | None:
        """The first words of the list's phrases as the word index has them (`\\w` runs, lower case); None
        if a phrase has no word character to look for."""
        if key not in self._first_index_words_of:
            value = self.data.get(key, [])
            firsts = [_TEXT_WORD.findall(p.lower())[:1] for p in (value.keys() if isinstance(value, dict) else value)]
            self._first_index_words_of[key] = frozenset(f[0] for f in firsts) if all(firsts) else None
        return self._first_index_words_of[key]

    def first_words(self, key: str) -> tuple[str, ...]:
        """The words the phrases of the list at `key` begin with, in lower case."""
        found = self._first_words_of.get(key)
        if found is None:
            value = self.data.get(key, [])
            phrases = value.keys() if isinstance(value, dict) else value
            found = self._first_words_of[key] = tuple({p.lower().split()[0] for p in phrases if p.split()})
        return found

    def word_set(self, key: str) -> frozenset[str]:
        """A word list (or a table's keys) in lower case, for membership tests."""
        found = self._word_sets.get(key)
        if found is None:
            value = self.data.get(key, [])
            found = self._word_sets[key] = frozenset(w.lower() for w in (value.keys() if isinstance(value, dict) else value))
        return found


@lru_cache(maxsize=None)
def _pattern(language: Language, key: str) -> re.Pattern:
    value = language.data.get(key, [])
    return phrase_pattern(value.keys() if isinstance(value, dict) else value)


@lru_cache(maxsize=None)
def _phrases(language: Language, key: str) -> PhraseIndex:
    value = language.data.get(key, [])
    return PhraseIndex(value.keys() if isinstance(value, dict) else value)


@lru_cache(maxsize=None)
def data_dir() -> Path:
    """This package's folder, where the language files are. Found from the package above it: a compiled
    module's own `__file__` and `__path__` need not be where it was built from."""
    import mapgen

    return Path(mapgen.__file__).parent / "languages"


@lru_cache(maxsize=None)
def get(code: str) -> Language:
    path = data_dir() / f"{code}.json"
    if not path.exists():
        raise KeyError(code)
    data = json.loads(path.read_text(encoding="utf-8"))
    return Language(code=data["language"], name=data["name"], data=data)


@lru_cache(maxsize=None)
def available() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in data_dir().glob("*.json")))


@lru_cache(maxsize=None)
def _function_words() -> dict[str, frozenset[str]]:
    return {code: frozenset(get(code).words("function_words")) for code in available()}


DETECT_SAMPLE = 3000  # characters: enough function words to tell the languages apart


def detect(text: str, default: str = "en") -> str:
    """The language whose function words the text uses most (in its first 3,000 characters)."""
    words = words_of(text)  # the same text's words serve the later stages too
    sample = bisect_left(words.starts, DETECT_SAMPLE)
    positions = words.positions
    scores = {code: sum(bisect_left(positions[w], sample) for w in positions.keys() & function)
              for code, function in _function_words().items()}
    ranked = sorted(scores.values(), reverse=True) + [0, 0]
    best = max(scores, key=scores.__getitem__) if scores else default
    # A short text ("Pasukan Rusia menembaki ... pada Sabtu") has few function words: any clear lead will do.
    return best if ranked[0] >= 3 or ranked[0] > ranked[1] else default
