"""Folding a place name to the key it is matched by.

Two spellings of one name fold to the same key when they differ only in case, diacritics, the
Azerbaijani and Turkish letters (ə ı ş ç ğ ö ü), apostrophes and modifier letters (ʻ ’ ʼ), or in
hyphens and spaces (Indonesian news write "Nagorno-Karabakh", "Nagorno Karabakh" and "NagornoKarabakh").
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that Unicode does not decompose into a base letter plus a mark.
_LETTERS = str.maketrans(
    {
        "ə": "e", "Ə": "e", "ı": "i", "İ": "i", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o",
        "đ": "d", "Đ": "d", "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ħ": "h",
    }
)
# Apostrophes, primes and modifier letters vanish: Qız'ıl, Stepʻanakert, Sheki’.
_DROP = re.compile(r"[\u0027\u0060\u00b4\u02b0-\u02ff\u2018\u2019\u201b\u2032\u0559\u055a\u055b\u055c\u055d\u055e]")
# Everything that is neither a letter nor a digit separates words.
_SEPARATORS = re.compile(r"[\W_]+", re.UNICODE)


_ASCII_SEPARATORS = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=200_000)
def fold(name: str) -> str:
    """The matching key of a name: lower case, no marks, no separators."""
    if name.isascii():  # most names in most texts: no marks to strip
        return _ASCII_SEPARATORS.sub("", name.lower())
    text = _DROP.sub("", name.translate(_LETTERS))
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SEPARATORS.sub("", text.casefold())


def is_abbreviation(name: str) -> bool:
    """All-capital short names ("US", "AS", "UK", "UEA") match only as written, never as a common word."""
    letters = name.replace(".", "")
    return 2 <= len(letters) <= 4 and letters.isalpha() and letters.isupper()


_DIGRAPHS = (("dzh", "j"), ("dj", "j"), ("zh", "j"), ("kh", "h"), ("gh", "g"), ("sh", "s"), ("ch", "c"),
             ("ou", "u"), ("ee", "i"), ("ph", "f"), ("th", "t"))
_SOUNDS = str.maketrans({"x": "h", "q": "g", "y": "i", "w": "v", "c": "j", "e": "a"})
_DOUBLED = re.compile(r"(.)\1+")


def skeleton(name: str) -> str:
    """A looser key for spellings that transliterate one name differently: Khojavend/Xocavənd,
    Kabkabiya/Kabkābīyah, Martouni/Martuni. For fallback only: it also joins some different names."""
    key = fold(name)
    if not key.isascii():
        return ""
    for pair, sound in _DIGRAPHS:
        key = key.replace(pair, sound)
    key = _DOUBLED.sub(r"\1", key.translate(_SOUNDS))
    return key[:-1] if key.endswith("h") and len(key) > 5 else key
