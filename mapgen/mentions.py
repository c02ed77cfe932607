"""Article -> Mentions: find every place name in a text (`recognition`) and resolve it in the context of
the whole article (`resolution`).
"""
from __future__ import annotations

from gazetteer import Gazetteer
from mapgen import languages
from mapgen.languages import Language, words_of
from mapgen.model import Article, Mention
from mapgen.recognition import recognise, tokens
from mapgen.resolution import resolve


def geoparse(text: str | Article, *, gazetteer: Gazetteer | None = None, language: str | None = None) -> list[Mention]:
    """Every place mention in an English or Indonesian text (or an Article), resolved, in text order."""
    if isinstance(text, Article):
        language = language or text.language
        text = text.text
    lang = languages.get(language or languages.detect(text))
    gazetteer = gazetteer or default_gazetteer()
    toks = tokens(text)
    spans = recognise(text, toks, lang, gazetteer)
    return resolve(text, toks, spans, lang, gazetteer.memo, _demonym_countries(text, lang))


def _demonym_countries(text: str, lang: Language) -> frozenset[str]:
    """Countries the text speaks of by their people's name ("Russian forces", "Ukrainian officials"):
    they say what the article is about as much as the countries' names do."""
    demonyms = lang.table("demonyms")
    if not demonyms:
        return frozenset()
    found = lang.phrases("demonyms").find(words_of(text))
    return frozenset(demonyms[phrase] for start, end, phrase in found if text[start].isupper())


_DEFAULT: Gazetteer | None = None


def default_gazetteer() -> Gazetteer:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Gazetteer()
    return _DEFAULT
