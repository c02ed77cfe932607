"""Telling the article from the page around it.

Furniture is recognised by its form, not by any site's strings: lines that start with a read-more or
related-links cue (the cues are the web's vocabulary, kept in the language files), the link lists that
follow such a cue, headline lists (lines in Title Case, or cut short with "..."), photo credits, and
everything before the first sentence of prose except the headline itself.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from mapgen import languages
from mapgen.languages import phrase_pattern

# A character set first (not an alternation) lets the regex engine skip ahead to candidates.
_SENTENCE_END = re.compile(r"[.!?…](?:[\"'”’)\]]*$|(?<=[.!?])[\"'”’]?\s+\S)")
_BULLET = re.compile(r"^\s*(?:[-–—•*·▪►»]|\d+[.)])\s+")
_CAPTION_WORDS = ("foto", "photo", "image", "gambar", "ilustrasi", "illustration")
_CAPTION = re.compile(rf"\b(?:{'|'.join(_CAPTION_WORDS)})\s*[:/]|\bvia (?:reuters|ap|afp|getty)\b|\bhandout\b", re.I)
_SMALL_WORDS = frozenset("a an and as at by di dan dari de del der di for from ke in is of on or the to untuk yang vs".split())


@dataclass(frozen=True)
class Cleaned:
    text: str
    title: str
    removed: tuple[str, ...]  # the lines taken out, for --verbose and tests


@lru_cache(maxsize=1)
def _cues() -> tuple[str, ...]:
    return tuple(c for code in languages.available() for c in languages.get(code).words("furniture_cues"))


@lru_cache(maxsize=1)
def _cue_pattern():
    return phrase_pattern(_cues())


@lru_cache(maxsize=1)
def _inline_cue():
    # "(Baca: ...)" or "[Read more: ...]" inside a paragraph
    return re.compile(r"[(\[]\s*(?:" + _cue_pattern().pattern + r")\b[^)\]]*[)\]]", re.I)


@lru_cache(maxsize=1)
def _cue_first_words() -> dict[int, frozenset[str]]:
    """The cues' first words in lower case, by length: a word begins with one if its first so many
    letters are one of them (a set lookup per length, where `startswith` tries each word)."""
    by_length: dict[int, set[str]] = {}
    for cue in _cues():
        if cue.split():
            word = cue.split()[0].lower()
            by_length.setdefault(len(word), set()).add(word)
    return {length: frozenset(words) for length, words in by_length.items()}


CUE_HEAD = 80  # characters: a line's opening, enough to hold any cue's first word


def starts_with_cue(line: str) -> bool:
    head = line[:CUE_HEAD].strip().lstrip("([-–—•* ")
    first = head.split(None, 1)[0].lower() if head else ""
    for length, words in _cue_first_words().items():  # spares most lines the long regex
        if first[:length] in words:
            return bool(_cue_pattern().match(line.strip().lstrip("([-–—•* ")))
    return False


SMALL_WORD_LENGTH = max(map(len, _SMALL_WORDS))


def is_title_case(line: str) -> bool:
    """Most of the line's content words (not "of", "dan", ...) are capitalised: a headline."""
    content = capitalised = 0
    words = line.split()
    for word in words:
        first = word[0]
        if not first.isalpha() or len(word) <= SMALL_WORD_LENGTH and word.lower() in _SMALL_WORDS:
            continue
        content += 1
        if first.isupper():
            capitalised += 1
        elif 10 * (content - capitalised) > 3 * len(words):  # too many in lower case already: prose
            return False
    return content >= 3 and capitalised / content >= 0.7


def in_title_case_line(text: str, offset: int) -> bool:
    """Whether the line of `text` around `offset` is in Title Case (a headline)."""
    end = text.find("\n", offset)
    return is_title_case(text[text.rfind("\n", 0, offset) + 1 : end if end >= 0 else len(text)])


def _is_caption(line: str) -> bool:
    """A photo credit or caption. Substring tests spare most lines the regex, which cannot skip ahead."""
    lowered = line.lower()
    if "via " not in lowered and "handout" not in lowered and not any(w in lowered for w in _CAPTION_WORDS):
        return False
    return bool(_CAPTION.search(line))


def is_prose(line: str) -> bool:
    n_words = len(line.split(None, 25))  # up to 26 parts: enough to tell
    if n_words >= 25:
        return True
    return n_words >= 6 and bool(_SENTENCE_END.search(line)) and not is_title_case(line)


def strip(text: str) -> Cleaned:
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    prose = [bool(line) and is_prose(line) for line in lines]
    cue = [bool(line) and starts_with_cue(line) for line in lines]
    prose_at = [i for i in range(len(lines)) if prose[i] and not cue[i]]
    if not prose_at:
        return Cleaned(text.strip(), "", ())
    first = prose_at[0]
    title = next((l for i, l in enumerate(lines[:first]) if len(l.split()) >= 3 and not l.endswith(("...", "…"))
                  and not _is_caption(l) and not cue[i]), "")
    kept: list[str] = [title] if title else []
    removed = [l for l in lines[:first] if l and l != title]
    in_links = False  # inside a list that a cue line opened
    for i in range(first, len(lines)):
        line = lines[i]
        if not line:
            continue
        if cue[i] or not prose[i] and (_is_caption(line) or line.endswith(("...", "…"))):
            removed.append(line)
            in_links = in_links or cue[i]
            continue
        if in_links and (not prose[i] or _BULLET.match(line) or is_title_case(line)):
            removed.append(line)
            continue
        if not prose[i] and (i > prose_at[-1] or _BULLET.match(line) or is_title_case(line)):
            removed.append(line)
            continue
        in_links = False
        kept.append(_inline_cue().sub("", line).rstrip() if "(" in line or "[" in line else line)
    return Cleaned("\n".join(kept), title, tuple(removed))
