"""Article -> Mentions: find every place name in a text and resolve it in the context of the whole article.

Recognition looks up every run of one to four capitalised words in the gazetteer (one query per text),
keeps the longest matches, and drops what is not a place: words the language file lists as non-place
words (weekdays, titles, outlet furniture), and parts of people's names. Resolution then scores each
candidate by its prior (kind, size, curated or not) and by the article: how near it lies to the other
places named, whether its country is one the article is about, whether another name in the text points
at the same place ("Khojavend, the Azeri name for Martuni"), and the word before it ("kota", "wilayah").
"""
from __future__ import annotations

import bisect
import math
import re
from functools import lru_cache
from typing import NamedTuple

from gazetteer import Candidate, Gazetteer, NameMatch, Place, distance_km, fold
from gazetteer.gazetteer import score as prior_score
from mapgen import languages
from mapgen.furniture import is_title_case
from mapgen.languages import Language, PhraseEnds, phrase_pattern, tail_of, words_of
from mapgen.model import Article, Mention

MAX_WORDS = 4
MIN_CONFIDENCE = 0.25
# Surname endings common in the regions the news covers (Armenian, Azerbaijani, Russian, Ukrainian,
# Georgian, Turkish, Persian, South Slavic): a run of capitalised words with one is a person's name.
SURNAME_ENDINGS = ("yan", "ian", "ov", "ova", "ev", "eva", "yev", "yeva", "enko", "sky", "ski", "skiy",
                   "oglu", "oğlu", "zade", "zadeh", "ović", "ovic", "shvili", "dze", "uk", "chuk")
_TOKEN = re.compile(r"[^\W\d_](?:[\w]|[-'’ʻ](?=\w))*", re.UNICODE)
_CAMEL = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-ÞƏŞÇĞÖÜİ])")
SETTLEMENT_KINDS = ("city", "town", "village", "settlement")
AREA_KINDS = ("district", "region")


class _Token(NamedTuple):
    text: str
    start: int
    end: int
    capitalised: bool


def tokens(text: str) -> list[_Token]:
    """The words that can begin or belong to a name: those with a capital letter ("Stepanakert", and
    "diStepanakert" from its capital on). Runs of names are told apart by the text between tokens,
    so the others are not kept."""
    out = []
    for m in _capital_run().finditer(text):
        start, word = m.start(), m[0]
        if start and not text[start - 1].isspace() and _token_char(text, start - 1):  # the capital is inside a word
            run = _RUN_BEFORE.search(text, max(0, start - 60), start)
            whole = next((t for t in _TOKEN.finditer(text, run.start() if run else start, m.end()) if t.end() > start), m)
            start, word = whole.start(), whole[0]
        if word.endswith(("'s", "’s")):
            word = word[:-2]
        # A name glued to a lower-case word ("diStepanakert") starts at its capital.
        if word[0].islower():
            parts = _CAMEL.split(word)
            if len(parts) > 1 and parts[0].islower() and len(parts[0]) <= 4:
                start += len(parts[0])
                word = word[len(parts[0]):]
        out.append(_Token(word, start, start + len(word), word[0].isupper()))
    return out


_RUN_BEFORE = re.compile(r"[\w'’ʻ-]+$")


def _token_char(text: str, i: int) -> bool:
    """Whether text[i] continues a word: a letter, digit or "_", or a hyphen or apostrophe after one."""
    ch = text[i]
    return ch.isalnum() or ch == "_" or ch in "-'’ʻ" and i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_")


@lru_cache(maxsize=1)
def _capital_run() -> re.Pattern:
    """A capital letter (any script's) and the rest of its word: a character set first, so the engine
    skips lower-case text at C speed."""
    capitals = [c for c in map(chr, range(0x10000)) if c.isupper() or c.istitle()]
    ranges, first, last = [], capitals[0], capitals[0]
    for c in capitals[1:]:
        if ord(c) == ord(last) + 1:
            last = c
            continue
        ranges.append(re.escape(first) + ("-" + re.escape(last) if last != first else ""))
        first = last = c
    ranges.append(re.escape(first) + ("-" + re.escape(last) if last != first else ""))
    return re.compile(f"[{''.join(ranges)}]" + r"(?:\w|[-'’ʻ](?=\w))*")


class _Span(NamedTuple):
    first: int  # token indices, inclusive
    last: int
    start: int
    end: int
    text: str
    key: str
    matches: list[NameMatch]


def geoparse(text: str | Article, *, gazetteer: Gazetteer | None = None, language: str | None = None) -> list[Mention]:
    """Every place mention in an English or Indonesian text (or an Article), resolved, in text order."""
    if isinstance(text, Article):
        language = language or text.language
        text = text.text
    lang = languages.get(language or languages.detect(text))
    gazetteer = gazetteer or default_gazetteer()
    toks = tokens(text)
    spans = _recognise(text, toks, lang, gazetteer)
    return _resolve(text, toks, spans, lang, gazetteer.memo, _demonym_countries(text, lang))


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


# Lower-case particles inside names of the Arabic-speaking world: "Deir al-Balah", "Ras al Ain", "El-Fasher".
NAME_PARTICLES = frozenset("al el ad ar as ash at az ul ed es".split())


def _joins_a_name(text: str, before: _Token, tok: _Token) -> bool:
    """Whether `tok` continues the name `before` began: a capitalised word right after it, or a particle
    ("al-Balah", or "al" between two capitalised words)."""
    gap = text[before.end : tok.start]
    if gap == " " and tok.capitalised:  # the common case, settled at once
        return True
    if tok.capitalised:
        return not gap.strip() or gap.strip().lower() in NAME_PARTICLES and gap[:1].isspace() and gap[-1:].isspace()
    particle, dash, rest = tok.text.partition("-")
    return not gap.strip() and dash and particle.lower() in NAME_PARTICLES and rest[:1].isupper()


def _candidate_spans(text: str, toks: list[_Token]) -> list[tuple[int, int, str]]:
    out = []
    # Whether each token continues the name before it; a run stops at a lower-case word or punctuation.
    joins = [False] + [_joins_a_name(text, a, b) for a, b in zip(toks, toks[1:])]
    for i, tok in enumerate(toks):
        if not tok.capitalised:
            continue
        for j in range(i, min(i + MAX_WORDS, len(toks))):
            if j > i and not joins[j]:
                break
            out.append((i, j, text[tok.start : toks[j].end], tok.start))
        if "-" in tok.text:  # "Azerbaijan-Armenia": each part is a name too
            out.extend((i, i, part, tok.start + tok.text.find(part)) for part in tok.text.split("-") if part[:1].isupper())
    return out


_WORD_AFTER = re.compile(r"[ \t]+(\w+)")


def _area_spans(text: str, spans: list[tuple[int, int, str, int]], lang: Language) -> list[tuple[int, int, str, int]]:
    """A name with the area word that makes it a province or state: "Donetsk region", "Kursk oblast",
    "wilayah Donetsk", "provinsi Aleppo" (the gazetteer knows the area under these names, not the town's)."""
    area_words = lang.word_set("district_words")
    word_after: dict[int, int] = {}  # a name's end -> the end of the area word after it, or 0
    word_before: dict[int, int] = {}  # a name's start -> the start of the area word before it, or -1
    out = []
    for first, last, surface, start in spans:
        end = start + len(surface)
        if end not in word_after:
            after = _WORD_AFTER.match(text, end)
            word_after[end] = after.end() if after and after[1].lower() in area_words else 0
        if word_after[end]:
            out.append((first, last, text[start : word_after[end]], start))
        if start not in word_before:
            window = text[max(0, start - 25) : start]
            words = window.split()
            found = words and window[-1] in " \t" and words[-1].lower() in area_words and words[-1].isalpha()
            word_before[start] = start - len(window) + window.rindex(words[-1]) if found else -1
        if word_before[start] >= 0:
            out.append((first, last, text[word_before[start] : end], word_before[start]))
    return out


def _worth_a_loose_look(surface: str, lang: Language) -> bool:
    """Names of five letters or more, of up to three words, that the language does not list as non-places."""
    return (len(surface) >= 5 and surface.count(" ") <= 2 and not surface.isupper()
            and surface.casefold() not in lang.non_place_words)


def _compass_variants(raw: list[tuple[int, int, str, str, int]], lang: Language) -> list[tuple[int, int, str, str, int]]:
    """Languages that put the compass word after the name ("Khartoum Utara", "Jakarta Selatan") also
    look the name up the English way ("Khartoum North", "North Khartoum")."""
    compass = lang.data.get("compass_words", {})
    out = []
    for first, last, surface, _, start in raw:
        if " " not in surface:
            continue
        name, _, word = surface.rpartition(" ")
        english = compass.get(word.lower()) if name else None
        if english:
            out += [(first, last, surface, fold(f"{name} {english}"), start), (first, last, surface, fold(f"{english} {name}"), start)]
    return out


def _in_web_address(text: str, toks: list[_Token]) -> list[tuple[bool, bool]]:
    """For each token: whether a name may not start there, and whether one may not end there, because the
    token is a piece of a web address ("SINDOnews.com", "www.Tempo.co")."""
    out = []
    for tok in toks:
        start, end = tok.start, tok.end
        out.append((start > 0 and text[start - 1] in "./@", text[end : end + 1] == "." and text[end + 1 : end + 2].isalnum()))
    return out


def _written_lower_too(text: str, word: str) -> bool:
    """The text also writes the word in lower case ("glide bombs"): a common word, not only a name."""
    words = words_of(text)
    starts = words.starts
    for i in words.positions.get(word.lower(), ()):
        if text[starts[i]].islower():
            return True
    return False


def _opens_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?:\n"


SURE_POPULATION = 100_000


def _names_it_surely(match: NameMatch) -> bool:
    """A word that opens a sentence is capitalised whatever it is: it is taken for a place only by a
    curated name or the name of a large place or area, not by some small town's name or alias ("Saksi",
    witness, is Sachse, Texas, in GeoNames' Indonesian; "Glide" a town in Oregon)."""
    place = match.place
    return match.curated or place.population >= SURE_POPULATION or place.kind in ("country", "region")


def _in_dateline(text: str, start: int) -> bool:
    """At the head of a line, or after "Outlet.com," there: "BAKU (Reuters) -", "Bisnis.com, JAKARTA -"."""
    head = text[text.rfind("\n", 0, start) + 1 : start].strip()
    return not head or head.endswith(",") and len(head.split()) <= 2


def _recognise(text: str, toks: list[_Token], lang: Language, gazetteer: Gazetteer) -> list[_Span]:
    in_address = _in_web_address(text, toks)
    named = [s for s in _candidate_spans(text, toks) if not (in_address[s[0]][0] or in_address[s[1]][1])]
    raw = [(first, last, surface, fold(surface), start) for first, last, surface, start in named + _area_spans(text, named, lang)]
    raw += _compass_variants(raw, lang)
    found = gazetteer.matches(r[3] for r in raw)
    # A name the gazetteer does not know as spelled may be a transliteration it knows another way.
    unknown = {surface for first, last, surface, key, _ in raw if key not in found and _worth_a_loose_look(surface, lang)}
    loose = gazetteer.similar(unknown) if unknown else {}
    spans: list[_Span] = []
    for first, last, surface, key, start in raw:
        matches = [m for m in found.get(key, ()) or loose.get(surface, ()) if not m.exact or m.name == surface]
        if not matches:
            continue
        if surface.isupper() and len(key) <= 4 and not _in_dateline(text, toks[first].start):
            matches = [m for m in matches if m.exact]  # "TNI", "ARN": acronyms, unless a place's abbreviation
        if first == last and " " not in surface and (_opens_sentence(text, start) or _written_lower_too(text, surface)):
            # "Saksi mata ...", "Glide bombs ...": a word capitalised by its place in the sentence
            matches = [m for m in matches if _names_it_surely(m)]
        if not matches or (first == last and (surface.casefold() in lang.non_place_words or surface.lower() in lang.word_set("titles"))):
            continue  # "Presiden", "Secretary" (of "Secretary-General") are words, not the towns so named
        spans.append(_Span(first, last, start, start + len(surface), surface, key, matches))
    # Longest first, then leftmost; no overlaps.
    spans.sort(key=lambda s: (-(s.end - s.start), s.start))
    chosen: list[_Span] = []
    taken = bytearray(len(text) + 1)
    for span in spans:
        if not any(taken[span.start : span.end]):
            chosen.append(span)
            taken[span.start : span.end] = b"\x01" * (span.end - span.start)
    people = _person_tokens(text, toks, lang, chosen)
    kept = [s for s in chosen if not _is_person_part(s, people) and not _inside_other_name(text, toks, s, lang, chosen)
            and not _after_other_name(text, toks, s, lang, chosen) and not _names_a_landmark(text, s, lang)]
    return _headline_check(text, sorted(kept, key=lambda s: s.start))


_LAST_WORD = re.compile(r"(\w+)\s+$")
_FIRST_WORD = re.compile(r"\s+(\w+(?:\s+\w+)?)")


def _names_a_landmark(text: str, span: _Span, lang: Language) -> bool:
    """A name next to a landmark noun ("the Abbas mosque", "masjid Subhan") is the landmark's own name when
    the gazetteer knows it only as another spelling of some small place: not Fort Abbas, 400 km away. A
    place's own name stays that place ("the Kakhovka dam", "bandara Kharkiv")."""
    if any(m.canonical or m.curated or m.place.population >= SURE_POPULATION or m.place.kind in ("country", "region")
           for m in span.matches):
        return False
    nouns = lang.word_set("landmark_nouns")
    after = _FIRST_WORD.match(text, span.end)
    if after and (after[1].lower() in nouns or after[1].lower().split()[0] in nouns):
        return True
    before = _LAST_WORD.search(text, max(0, span.start - 30), span.start)
    return bool(before) and before[1].lower() in nouns


def _inside_other_name(text: str, toks: list[_Token], span: _Span, lang: Language, spans: list[_Span]) -> bool:
    """A place name followed by a capitalised word that is no place and no place-word starts another
    proper name: "Rapid Support Forces", "Christmas Eve", "Washington Post"."""
    nxt = span.last + 1
    if nxt >= len(toks) or text[toks[span.last].end : toks[nxt].start].strip():
        return False
    word = toks[nxt]
    if not word.capitalised or word.text.isupper() or any(m.place.kind == "country" for m in span.matches):
        return False
    lowered = word.text.lower()
    if lowered in lang.word_set("organisation_nouns"):  # "Arakan Army", "Kyiv Post": an organisation's name
        return True
    if any(s.first == nxt for s in spans):
        return False
    return not (lowered in lang.word_set("name_followers") or lowered in lang.word_set("district_words")
                or lowered in lang.non_place_words)


def _after_other_name(text: str, toks: list[_Token], span: _Span, lang: Language, spans: list[_Span]) -> bool:
    """A place name right after a capitalised word that is no place, no title and no modifier ends another
    proper name: "Malaya Loknya" (not Loknya), "Modibo Keita airport" (not Keita). Not in headlines, where
    every word is capitalised, and not after a word capitalised only because it opens the sentence."""
    before = span.first - 1
    gap = text[toks[before].end : span.start] if before >= 0 else "\n"
    if gap.strip() or "\n" in gap:  # a name does not run across lines
        return False
    word = toks[before]
    if not word.capitalised or word.text.isupper():
        return False
    if any(s.first <= before <= s.last and any(m.curated or m.place.kind in ("country", "region") for m in s.matches)
           for s in spans):
        return False  # a sure place before it: "Azerbaijan's Tartar" written without the 's
    if any(m.curated or m.place.kind in ("country", "region") for m in span.matches) or _opens_sentence(text, word.start):
        return False  # the news names curated places in longer phrases too ("Biara Dadivank")
    lowered = word.text.lower()
    if (lowered in lang.word_set("titles") or lowered in lang.word_set("name_modifiers") or lowered in lang.non_place_words
            or lowered in lang.word_set("district_words") or lowered in _qualifier_words(lang)[2] or lowered in lang.word_set("locative_words")):
        return False
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.start)
    return not is_title_case(text[line_start : line_end if line_end >= 0 else len(text)])


def _headline_check(text: str, spans: list[_Span]) -> list[_Span]:
    """In a line written in Title Case (a headline) every word is capitalised, so a name there counts
    only if the body names the same place too ("Karabakh Baru Sehari" is not the town of Baru)."""
    lines: dict[int, tuple[int, bool]] = {}  # line start -> (line end, is a headline)
    for span in spans:
        start = text.rfind("\n", 0, span.start) + 1
        if start not in lines:
            end = text.find("\n", span.start)
            end = len(text) if end < 0 else end
            line = text[start:end]
            lines[start] = (end, not line.rstrip().endswith(".") and is_title_case(line))
    headline_lines = [(a, b) for a, (b, headline) in lines.items() if headline]
    if not headline_lines:
        return spans

    def in_headline(span: _Span) -> bool:
        return any(a <= span.start < b for a, b in headline_lines)

    body = [s for s in spans if not in_headline(s)]
    body_keys = {s.key for s in body}
    body_ids = {m.place.id for s in body for m in s.matches}
    return [s for s in spans if not in_headline(s) or s.key in body_keys or {m.place.id for m in s.matches} & body_ids]


def _person_tokens(text: str, toks: list[_Token], lang: Language, spans: list[_Span]) -> set[int]:
    """Indices of tokens that belong to people's names: capitalised runs after a title, or with a surname."""
    place_tokens = {i for s in spans for i in range(s.first, s.last + 1) if any(m.place.kind == "country" for m in s.matches)}
    titles = lang.word_set("titles")
    people: set[int] = set()
    i = 0
    while i < len(toks):
        if not toks[i].capitalised:
            i += 1
            continue
        j = i
        while j + 1 < len(toks) and toks[j + 1].capitalised and not text[toks[j].end : toks[j + 1].start].strip():
            j += 1
        if j == i:  # a lone word is never taken for a person ("Presiden Putin" is a run of two)
            i += 1
            continue
        run = range(i, j + 1)
        named = [k for k in run if k not in place_tokens and toks[k].text.casefold() not in lang.non_place_words]
        before = text[max(0, toks[i].start - 30) : toks[i].start].rstrip()
        words_before = before.split(",")[-1].split(".")[-1].lower().split()
        after_title = before[-1:].isalpha() and any(" ".join(words_before[-n:]) in titles for n in (1, 2, 3) if len(words_before) >= n)
        after_title = after_title or any(toks[k].text.lower() in titles for k in run)
        surname = any(toks[k].text.lower().endswith(SURNAME_ENDINGS) and len(toks[k].text) > 4 for k in named)
        if len(named) >= 2 and (surname or after_title):
            people.update(named)
        elif len(named) == 1 and after_title and j > i:
            people.update(named)
        i = j + 1
    return people


def _is_person_part(span: _Span, people: set[int]) -> bool:
    return any(i in people for i in range(span.first, span.last + 1))


@lru_cache(maxsize=None)
def _district_patterns(lang: Language) -> tuple[re.Pattern, re.Pattern]:
    """An area word ending a stretch of text ("... wilayah"), and one right after a name ("Terter district")."""
    district = phrase_pattern(lang.words("district_words")).pattern
    return re.compile(rf"(?:{district})\s*$", re.I), re.compile(rf"\s+(?:{district})", re.I)


@lru_cache(maxsize=None)
def _qualifier_words(lang: Language) -> tuple[PhraseEnds, PhraseEnds, dict[str, str]]:
    settlements = {" ".join(k.lower().split()): v for k, v in lang.table("settlement_words").items()}
    return PhraseEnds(settlements), PhraseEnds(lang.words("district_words")), settlements


def _words_before(text: str, span: _Span, lang: Language) -> tuple[str, bool]:
    """What the words next to a name say of it: what it is ("kota Martuni" a settlement, "wilayah Terter" or
    "Terter district" a district), and whether a locative word stands right before it ("in Avdiivka")."""
    raw = text[max(0, span.start - 40) : span.start]
    line = raw.rsplit("\n", 1)[-1]
    last = line.split()[-1:]
    after_locative = bool(last) and line[-1:].isspace() and last[0].lower() in lang.word_set("locative_words")
    before = tail_of(raw)
    settlement_before, district_before, settlements = _qualifier_words(lang)
    word = settlement_before.find(before)
    if word:
        return settlements.get(word, "settlement"), after_locative
    if district_before.find(before) or _district_patterns(lang)[1].match(text, span.end):
        return "district", after_locative
    return "", after_locative


BIG_CITY = 100_000
MINOR_SHARE = 0.2


def _without_minor_aliases(matches: list[NameMatch]) -> list[NameMatch]:
    """A big city's own name is that city, and a curated place's name is that place, not a small place
    that has the name only as an alternate one: "Tehran" is Iran's capital, not Tiran (GeoNames gives the
    town "Tehran" as an alias), and "Avdiivka" the town of the war, not two villages listed so."""
    big = max((m.place.population for m in matches if m.canonical and m.place.kind == "city"), default=0)
    curated = any(m.curated and not m.loose for m in matches)
    if big < BIG_CITY and not curated:
        return matches
    return [m for m in matches if m.canonical or m.curated or m.place.kind in ("country", "region")
            or big >= BIG_CITY and m.place.population >= MINOR_SHARE * big]


def _collapse(candidates: list[Candidate]) -> list[Candidate]:
    """One place in two layers (a curated row GeoNames also has without the link) is one candidate."""
    kept: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: (-c.score, c.place.id)):
        if any(_same_place(k.place, cand.place) for k in kept):
            continue
        kept.append(cand)
    return kept


def _close(a: Place, b: Place, km: float) -> bool:
    degrees = km / 80.0  # a box test first: a degree of longitude is at least 80 km below 44° of latitude
    if abs(a.lat - b.lat) > degrees or abs(a.lon - b.lon) > degrees * 2:
        return False
    return distance_km(a.lat, a.lon, b.lat, b.lon) < km


def _same_place(a: Place, b: Place) -> bool:
    same_kind = a.kind == b.kind or (a.kind in SETTLEMENT_KINDS and b.kind in SETTLEMENT_KINDS)
    return same_kind and _close(a, b, 3.0)


def _kind_factor(place: Place, qualifier: str) -> float:
    if not qualifier:
        return 0.85 if place.kind == "district" else 1.0  # a bare name means the town more often than its district
    if qualifier == "district":
        return 1.3 if place.kind in AREA_KINDS else 0.9
    if qualifier == "neighbourhood":  # a quarter of some city, named like a town elsewhere ("lingkungan Dar es Salaam")
        return 1.0 if place.kind == "landmark" else 0.5
    if qualifier == "water":  # "Sungai Tartar", "the river Terter": the river, not the town named after it
        return 0.3
    return 1.2 if place.kind in SETTLEMENT_KINDS or place.kind == qualifier else 0.6


MAX_CANDIDATES = 8  # context decides among the likeliest few; the rest cannot win


def _resolve(text: str, toks: list[_Token], spans: list[_Span], lang: Language, memo: dict,
             spoken_of: frozenset[str] = frozenset()) -> list[Mention]:
    qualifiers, located = [], []
    for span in spans:
        qualifier, after_locative = _words_before(text, span, lang)
        qualifiers.append(qualifier)
        located.append(after_locative)
    options: list[list[Candidate]] = []
    sure_ids: list[dict[str, bool]] = []  # per span: the one place its name may be -> whether curated
    anchors: list[Place | None] = []
    for span, qualifier in zip(spans, qualifiers):
        # The ranked priors of a name depend on the name and the word before it, not the article.
        key = ("priors", span.key, qualifier, span.text.isupper() and len(span.key) <= 4)
        if key not in memo:
            kept = _without_minor_aliases(span.matches)
            scored = [prior_score(m) for m in kept]
            scored = [Candidate(c.place, c.score * _kind_factor(c.place, qualifier), c.matched, c.why) for c in scored]
            cands = _collapse(scored)[:MAX_CANDIDATES]
            one_point = all(_same_point(c.place, cands[0].place) for c in cands[1:])
            # Only a name one place bears, spelled as the gazetteer has it, may need less context.
            sure = {m.place.id: m.curated for m in kept if not m.loose} if one_point else {}
            memo[key] = (cands, _anchor(cands), sure)
        cands, anchor, sure = memo[key]
        options.append(cands)
        anchors.append(anchor)
        sure_ids.append(sure)

    # Context comes from the other names; a repeat of the same name proves nothing.
    anchors_by_name: dict[str, dict[str, Place]] = {}
    for span, anchor in zip(spans, anchors):
        if anchor is not None:
            anchors_by_name.setdefault(span.key, {})[anchor.id] = anchor
    names_of_place: dict[str, set[str]] = {}
    for (name, _), cands in {(span.key, id(cands)): cands for span, cands in zip(spans, options)}.items():
        for cand in cands:  # each name's candidates once, however often it is named
            names_of_place.setdefault(cand.place.id, set()).add(name)
    sentences = _SentenceBounds(text, spans)
    resolved: dict[tuple[str, str], tuple[list[tuple[float, _Scored]], bool, tuple | None]] = {}
    readings: dict[tuple, tuple[list[Candidate], float]] = {}
    context: dict[str, tuple[set[str], list[Place]]] = {}  # per name: the countries and places of the others
    mentions = []
    for index, (span, cands, qualifier) in enumerate(zip(spans, options, qualifiers)):
        key = (span.key, qualifier, located[index] and bool(sure_ids[index]))
        if key not in resolved:
            if span.key not in context:
                others = {pid: p for name, places in anchors_by_name.items() if name != span.key for pid, p in places.items()}
                # Countries say which states the article is about (the focus), not where in them: their
                # label point is no place to be near.
                context[span.key] = ({p.country for p in others.values() if p.country} | spoken_of,
                                     [p for p in others.values() if p.kind != "country"])
            focus, near_places = context[span.key]
            ranked = _rescore(cands, span.key, focus, near_places, names_of_place, key[2], sure_ids[index])
            ambiguous = len(ranked) > 1 and any(not _same_point(c.place, ranked[0][1].place) for _, c in ranked[1:])
            # Only an ambiguous name is read again by its sentence; the rest are decided once per article.
            resolved[key] = (ranked, ambiguous, None if ambiguous else _decide(ranked))
        ranked, ambiguous, decided = resolved[key]
        if ambiguous:
            local = sentences.local_anchors(index, anchors)
            area = _locating_area(text, index, spans, qualifiers, lang)
            reading = (key, tuple(p.id for p in local), area)  # the same name read in the same company
            if reading not in readings:
                ranked = _in_sentence(span, local, ranked)
                if area:  # "Ağdam in Tovuz district", "Martuni, Gegharkunik province": the place in that area
                    ranked = [(v * 2.0, _Scored(c.place, c.matched, c.why + "; in the area the text names")) if _in_area(c.place, area) else (v, c)
                              for v, c in ranked]
                readings[reading] = _decide(ranked)
            decided = readings[reading]
        rescored, confidence = decided
        place = rescored[0].place if rescored and confidence >= MIN_CONFIDENCE else None
        mentions.append(Mention(span.start, span.end, text[span.start : span.end], place, tuple(rescored), confidence, qualifier))
    return mentions


_SENTENCE_BREAK = re.compile(r"[.!?\n](?:(?<=\n)|\s)")  # ". " or a new line; a character set first scans fast
SENTENCE_REACH = 400  # characters: how far back a sentence may begin, for the places it names


class _SentenceBounds:
    """The sentence around each span, found from one pass over the text's sentence breaks."""

    def __init__(self, text: str, spans: list[_Span]) -> None:
        self.text = text
        self.spans = spans
        self.break_starts: list[int] | None = None  # found when a first ambiguous name asks

    def _find_breaks(self) -> None:
        breaks = [(m.start(), m.end()) for m in _SENTENCE_BREAK.finditer(self.text)]
        self.break_starts = [b[0] for b in breaks]
        self.break_ends = [b[1] for b in breaks]
        self.span_starts = [s.start for s in self.spans]

    def local_anchors(self, index: int, anchors: list[Place | None]) -> list[Place]:
        """The sure places (not countries) other names in the span's sentence stand for."""
        if self.break_starts is None:
            self._find_breaks()
        span = self.spans[index]
        reach = max(0, span.start - SENTENCE_REACH)
        last = bisect.bisect_right(self.break_ends, span.start) - 1
        start = max(self.break_ends[last], reach) if last >= 0 else reach
        following = bisect.bisect_left(self.break_starts, span.end)
        stop = self.break_starts[following] if following < len(self.break_starts) else len(self.text)
        first, end = bisect.bisect_left(self.span_starts, start), bisect.bisect_left(self.span_starts, stop)
        return [anchors[i] for i in range(first, end) if anchors[i] is not None and self.spans[i].key != span.key
                and anchors[i].kind != "country"]


@lru_cache(maxsize=None)
def _area_gap(lang: Language) -> re.Pattern:
    """What may stand between a place and the area named to locate it: ", in the", "di"."""
    articles = lang.pattern("articles").pattern
    return re.compile(rf"\s*,?\s*(?:{lang.pattern('locating_prepositions').pattern})?\s*(?:(?:{articles})\s+)?$", re.I)


def _locating_area(text: str, index: int, spans: list[_Span], qualifiers: list[str], lang: Language) -> str:
    """The folded name of the district or province named right after a place to say where it lies."""
    if index + 1 >= len(spans):
        return ""
    after = spans[index + 1]
    gap = text[spans[index].end : after.start]
    district_word = _district_patterns(lang)[0].search(gap)
    if district_word:
        gap = gap[: district_word.start()]
    if (qualifiers[index + 1] == "district" or district_word) and _area_gap(lang).fullmatch(gap):
        return after.key
    return ""


def _in_area(place: Place, area: str) -> bool:
    return any(fold(name).startswith(area) for name in (place.district, place.admin1) if name)


def _in_sentence(span: _Span, local: list[Place], ranked: list[tuple[float, "_Scored"]]) -> list[tuple[float, "_Scored"]]:
    """An ambiguous name is read first by the places its own sentence names ("Officials in Karabakh
    said ... killed in Martuni"): they weigh more than places named elsewhere in the article."""
    if not local:
        return ranked
    return [(value * (1.0 + 0.5 * _nearness(c.place, local)), _Scored(c.place, c.matched, c.why + "; near places in its sentence"))
            for value, c in ranked]


def _rescore(cands, name, focus, near_places, names_of_place, located=False, sure=None) -> list[tuple[float, "_Scored"]]:
    """Each candidate's value in the article's context, best first (values are not capped: they rank).

    Context decides between places; a name that only one place bears, spelled as the gazetteer has
    it (`sure`, place id -> curated), needs less of it when the text itself uses it as a place ("in Avdiivka",
    "di Kharkiv") or the place is one of the curated theatres' own ("merebut Avdiivka"), and the
    article's other places are not far from it (a Khartoum quarter called Dar es Salaam is no Tanzanian city)."""
    ranked = []
    regions = [p for p in near_places if p.kind == "region"]
    for cand in cands:
        near = _nearness(cand.place, near_places)
        context = 0.35 + 0.45 * near + (0.2 if cand.place.country in focus else 0.0)
        if cand.place.kind in ("country", "region"):
            context = max(context, 0.8)  # a country's name rarely means anything else, near or far
        elif cand.place.id in sure and (not near_places or near >= 0.2) and (
                located and cand.place.kind in ("city", "town") or cand.place.kind == "city" and cand.matched == cand.place.name
                or sure[cand.place.id]):
            # nor does a city's own name, a town's after "in", or a curated place's, unless the article's places lie elsewhere
            context = max(context, 0.6)
        value = cand.score * context
        why = [cand.why]
        if regions and cand.place.kind not in ("country", "region") and any(
                _close(cand.place, r, REGION_REACH_KM) for r in regions):
            value *= 1.3  # inside an area the article names: Martuni in an article about Karabakh is Khojavend
            why.append("inside a region the text names")
        if names_of_place.get(cand.place.id, set()) - {name}:
            value *= 1.5
            why.append("named otherwise in the text too")
        if near:
            why.append(f"near the article's places ({near:.2f})")
        ranked.append((value, _Scored(cand.place, cand.matched, "; ".join(why))))
    return ranked


REGION_REACH_KM = 60.0  # how far from a region's label point a place is taken to lie inside it (regions have no outline here)


class _Scored(NamedTuple):
    place: Place
    matched: str
    why: str


CANDIDATES_KEPT = 5  # of each mention's candidates, the best few are kept for reading


def _decide(ranked: list[tuple[float, _Scored]]) -> tuple[list[Candidate], float]:
    """The best candidates first, with scores capped at 1 for reading, and the confidence in the best:
    its value, less the more a rival at another point comes close to it."""
    ranked = sorted(ranked, key=lambda r: (-r[0], r[1].place.id))
    if not ranked:
        return [], 0.0
    best_value, best = ranked[0]
    runner_up = next((v for v, c in ranked[1:] if not _same_point(c.place, best.place)), 0.0)
    confidence = min(1.0, best_value) * (1 - 0.5 * runner_up / best_value) if best_value else 0.0
    return [Candidate(c.place, round(min(v, 1.0), 4), c.matched, c.why) for v, c in ranked[:CANDIDATES_KEPT]], round(confidence, 3)


def _nearness(place: Place, anchors: list[Place]) -> float:
    """How much the article's other places surround this one: a noisy-OR of their nearness, so that
    several places nearby count for more than one."""
    far = 1.0
    for anchor in anchors:
        if anchor.id == place.id:
            continue
        far *= 1.0 - _closeness(place.lat, place.lon, anchor.lat, anchor.lon)
    return 1.0 - far


@lru_cache(maxsize=500_000)
def _closeness(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """exp(-distance / 150 km), remembered across articles: the news of a conflict names the same places."""
    return math.exp(-distance_km(lat1, lon1, lat2, lon2) / 150.0)


def _same_point(a: Place, b: Place) -> bool:
    """A town and the district it is the centre of stand on one point: no ambiguity about where."""
    return _close(a, b, 10.0)


def _anchor(cands: list[Candidate]) -> Place | None:
    """The place a mention most surely is, when it is sure enough to give context to the others."""
    if cands:
        cands = [cands[0]] + [c for c in cands[1:] if not _same_point(c.place, cands[0].place)]
    if not cands:
        return None
    if len(cands) == 1 or cands[0].place.kind == "country" or cands[0].score >= 1.5 * cands[1].score:
        return cands[0].place if cands[0].score >= 0.3 or cands[0].place.kind in ("country", "region") or len(cands) == 1 else None
    return None
