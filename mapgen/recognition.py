"""Recognition: the spans of a text that name places, each with the gazetteer's matches for it.

Every run of one to four capitalised words is looked up in the gazetteer (one query per text); the longest
matches are kept, and what is not a place is dropped: words the language file lists as non-place words
(weekdays, titles, outlet furniture), parts of people's names, a place name inside a longer proper name
("Rapid Support Forces", "Arakan Army", "Malaya Loknya") or beside a landmark noun ("the Abbas mosque").
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from gazetteer import Gazetteer, NameMatch, fold
from mapgen.furniture import in_title_case_line, is_title_case
from mapgen.languages import Language, PhraseEnds, beyond_bmp, bmp_word_class, phrase_pattern, tail_of, words_of

MAX_WORDS = 4
# Surname endings common in the regions the news covers (Armenian, Azerbaijani, Russian, Ukrainian,
# Georgian, Turkish, Persian, South Slavic): a run of capitalised words with one is a person's name.
SURNAME_ENDINGS = ("yan", "ian", "ov", "ova", "ev", "eva", "yev", "yeva", "enko", "sky", "ski", "skiy",
                   "oglu", "oğlu", "zade", "zadeh", "ović", "ovic", "shvili", "dze", "uk", "chuk")
_TOKEN = re.compile(r"[^\W\d_](?:[\w]|[-'’ʻ](?=\w))*", re.UNICODE)
_CAMEL = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-ÞƏŞÇĞÖÜİ])")


# Its own __init__, so that the compiled pipeline builds it natively: a dataclass's generated __init__
# (like a NamedTuple's __new__) runs as Python code.
@dataclass(unsafe_hash=True)
class Token:
    text: str
    start: int
    end: int
    capitalised: bool

    def __init__(self, text: str, start: int, end: int, capitalised: bool) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.capitalised = capitalised


def tokens(text: str) -> list[Token]:
    """The words that can begin or belong to a name: those with a capital letter ("Stepanakert", and
    "diStepanakert" from its capital on). Runs of names are told apart by the text between tokens,
    so the others are not kept."""
    out = []
    for m in _capital_run(beyond_bmp(text)).finditer(text):
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
        out.append(Token(word, start, start + len(word), word[0].isupper()))
    return out


_RUN_BEFORE = re.compile(r"[\w'’ʻ-]+$")


def _token_char(text: str, i: int) -> bool:
    """Whether text[i] continues a word: a letter, digit or "_", or a hyphen or apostrophe after one."""
    ch = text[i]
    return ch.isalnum() or ch == "_" or ch in "-'’ʻ" and i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_")


@lru_cache(maxsize=2)
def _capital_run(beyond_bmp: bool) -> re.Pattern:
    """A capital letter (any script's) and the rest of its word: a character set first, so the engine
    skips lower-case text at C speed. The rest is word characters with single hyphens or apostrophes
    between them; a text within the Basic Multilingual Plane has them tested by one character set."""
    capitals = [c for c in map(chr, range(0x10000)) if c.isupper() or c.istitle()]
    ranges, first, last = [], capitals[0], capitals[0]
    for c in capitals[1:]:
        if ord(c) == ord(last) + 1:
            last = c
            continue
        ranges.append(re.escape(first) + ("-" + re.escape(last) if last != first else ""))
        first = last = c
    ranges.append(re.escape(first) + ("-" + re.escape(last) if last != first else ""))
    word = r"\w" if beyond_bmp else f"[{bmp_word_class()}]"
    return re.compile(f"[{''.join(ranges)}]{word}*(?:[-'’ʻ]{word}+)*")


# Its own __init__, so that the compiled pipeline builds it natively: a dataclass's generated __init__
# (like a NamedTuple's __new__) runs as Python code.
@dataclass
class Span:
    first: int  # token indices, inclusive
    last: int
    start: int
    end: int
    text: str
    key: str
    matches: list[NameMatch]

    def __init__(self, first: int, last: int, start: int, end: int, text: str, key: str, matches: list[NameMatch]) -> None:
        self.first = first
        self.last = last
        self.start = start
        self.end = end
        self.text = text
        self.key = key
        self.matches = matches


# Lower-case particles inside names of the Arabic-speaking world: "Deir al-Balah", "Ras al Ain", "El-Fasher".
NAME_PARTICLES = frozenset("al el ad ar as ash at az ul ed es".split())
# ... and the words that join the parts of Portuguese, Spanish and Italian names: "Mocímboa da Praia",
# "Rio de Janeiro", "Ciudad del Este" (not Indonesian "di": "Stepanakert di Karabakh" is two names).
NAME_CONNECTORS = NAME_PARTICLES | frozenset("da de do dos das del della".split())


def _joins_a_name(text: str, before: Token, tok: Token) -> bool:
    """Whether `tok` continues the name `before` began: a capitalised word right after it, or a particle
    ("al-Balah", or "al" or "da" between two capitalised words)."""
    gap = text[before.end : tok.start]
    if gap == " " and tok.capitalised:  # the common case, settled at once
        return True
    if tok.capitalised:
        return not gap.strip() or gap.strip().lower() in NAME_CONNECTORS and gap[:1].isspace() and gap[-1:].isspace()
    particle, dash, rest = tok.text.partition("-")
    return not gap.strip() and bool(dash) and particle.lower() in NAME_PARTICLES and rest[:1].isupper()


def _candidate_spans(text: str, toks: list[Token]) -> list[tuple[int, int, str, int]]:
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
AREA_WORD_REACH = 25  # characters: how far before a name its area word may begin ("wilayah  Donetsk")


def _area_spans(text: str, spans: list[tuple[int, int, str, int]], lang: Language) -> list[tuple[int, int, str, int]]:
    """A name with the area word that makes it a province or state: "Donetsk region", "Kursk oblast",
    "wilayah Donetsk", "provinsi Aleppo" (the gazetteer knows the area under these names, not the town's).
    The text's area words are found once, from its word index; each name then only looks them up."""
    words = words_of(text)
    area_starts: dict[int, int] = {}  # an area word's start -> its end
    area_ends: dict[int, int] = {}  # ... and its end -> its start
    for word in words.positions.keys() & lang.word_set("district_words"):
        for i in words.positions[word]:
            area_starts[words.starts[i]] = words.ends[i]
            area_ends[words.ends[i]] = words.starts[i]
    if not area_starts:
        return []
    out = []
    for first, last, surface, start in spans:
        end = start + len(surface)
        after = end  # "Donetsk region": spaces, then the area word
        while after < len(text) and text[after] in " \t":
            after += 1
        if after > end and after in area_starts:
            out.append((first, last, text[start : area_starts[after]], start))
        if start and text[start - 1] in " \t":  # "wilayah Donetsk": the area word, then spaces
            before = start - 1
            while before > 0 and text[before - 1].isspace():
                before -= 1
            word_start = area_ends.get(before, -1)
            reach = max(0, start - AREA_WORD_REACH)
            if word_start >= reach and (word_start == reach or text[word_start - 1].isspace()):
                out.append((first, last, text[word_start:end], word_start))
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


def _in_web_address(text: str, toks: list[Token]) -> list[tuple[bool, bool]]:
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


def recognise(text: str, toks: list[Token], lang: Language, gazetteer: Gazetteer) -> list[Span]:
    in_address = _in_web_address(text, toks)
    named = [s for s in _candidate_spans(text, toks) if not (in_address[s[0]][0] or in_address[s[1]][1])]
    raw = [(first, last, surface, fold(surface), start) for first, last, surface, start in named + _area_spans(text, named, lang)]
    raw += _compass_variants(raw, lang)
    found = gazetteer.matches(r[3] for r in raw)
    # A name the gazetteer does not know as spelled may be a transliteration it knows another way.
    unknown = {surface for first, last, surface, key, _ in raw if key not in found and _worth_a_loose_look(surface, lang)}
    loose = gazetteer.similar(unknown) if unknown else {}
    spans: list[Span] = []
    for first, last, surface, key, start in raw:
        matches = [m for m in found.get(key, ()) or loose.get(surface, ()) if not m.exact or m.name == surface]
        if not matches:
            continue
        if surface.isupper() and len(key) <= 4 and not _in_dateline(text, toks[first].start):
            matches = [m for m in matches if m.exact]  # "TNI", "ARN": acronyms, unless a place's abbreviation
        opens = first == last and " " not in surface and _opens_sentence(text, start)
        if opens or first == last and " " not in surface and _written_lower_too(text, surface):
            # "Saksi mata ...", "Glide bombs ...": a word capitalised by its place in the sentence
            matches = [m for m in matches if _names_it_surely(m)]
        if not matches or (first == last and (surface.casefold() in lang.non_place_words or surface.lower() in lang.word_set("titles")
                                              or opens and _opens_an_event_phrase(text, start, surface, lang))):
            continue  # "Presiden", "Secretary" (of "Secretary-General") are words, not the towns so named
        spans.append(Span(first, last, start, start + len(surface), surface, key, matches))
    # Longest first, then leftmost; no overlaps.
    spans.sort(key=lambda s: (-(s.end - s.start), s.start))
    chosen: list[Span] = []
    taken = bytearray(len(text) + 1)
    for span in spans:
        if not any(taken[span.start : span.end]):
            chosen.append(span)
            taken[span.start : span.end] = b"\x01" * (span.end - span.start)
    people = _person_tokens(text, toks, lang, chosen)
    kept = [s for s in chosen if not _is_person_part(s, people) and not _inside_other_name(text, toks, s, lang, chosen)
            and not _after_other_name(text, toks, s, lang, chosen) and not _names_a_landmark(text, s, lang)]
    return _headline_check(text, sorted(kept, key=lambda s: s.start))


def _opens_an_event_phrase(text: str, start: int, word: str, lang: Language) -> bool:
    """Whether the word at `start`, which opens a sentence, begins one of the language's event phrases of
    several words there: "Baku tembak antara polisi dan ..." is an exchange of fire, capitalised only
    because it opens the sentence."""
    longer = _event_phrase_heads(lang).get(word.lower())
    if longer is None:
        return False
    words = words_of(text)
    at = bisect_left(words.starts, start)
    return any(words.lowered[at : at + len(parts)] == parts for parts in longer)


@lru_cache(maxsize=None)
def _event_phrase_heads(lang: Language) -> dict[str, list[tuple[str, ...]]]:
    """The first words of the language's event phrases of several words, each with those phrases' words."""
    heads: dict[str, list[tuple[str, ...]]] = {}
    for first, entries in lang.cues[0].index.items():
        longer = [parts for parts, _ in entries if len(parts) > 1]
        if longer:
            heads[first] = longer
    return heads


def _names_a_landmark(text: str, span: Span, lang: Language) -> bool:
    """A name next to a landmark noun ("the Abbas mosque", "masjid Subhan") is the landmark's own name when
    the gazetteer knows it only as another spelling of some small place: not Fort Abbas, 400 km away. A
    place's own name stays that place ("the Kakhovka dam", "bandara Kharkiv")."""
    if any(m.canonical or _names_it_surely(m) for m in span.matches):
        return False
    after = _WORD_AFTER.match(text, span.end)
    if after and after[1].lower() in lang.word_set("landmark_nouns"):
        return True
    return bool(_landmark_nouns(lang).find(tail_of(text[max(0, span.start - 30) : span.start])))


@lru_cache(maxsize=None)
def _landmark_nouns(lang: Language) -> PhraseEnds:
    return PhraseEnds(lang.words("landmark_nouns"))


def _inside_other_name(text: str, toks: list[Token], span: Span, lang: Language, spans: list[Span]) -> bool:
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


def _after_other_name(text: str, toks: list[Token], span: Span, lang: Language, spans: list[Span]) -> bool:
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
            or lowered in lang.word_set("district_words") or lowered in qualifier_words(lang)[2] or lowered in lang.word_set("locative_words")):
        return False
    return not in_title_case_line(text, span.start)


def _headline_check(text: str, spans: list[Span]) -> list[Span]:
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

    def in_headline(span: Span) -> bool:
        return any(a <= span.start < b for a, b in headline_lines)

    body = [s for s in spans if not in_headline(s)]
    body_keys = {s.key for s in body}
    body_ids = {m.place.id for s in body for m in s.matches}
    return [s for s in spans if not in_headline(s) or s.key in body_keys or {m.place.id for m in s.matches} & body_ids]


def _person_tokens(text: str, toks: list[Token], lang: Language, spans: list[Span]) -> set[int]:
    """Indices of tokens that belong to people's names: capitalised runs after a title, or with a surname."""
    place_tokens = {i for s in spans for i in range(s.first, s.last + 1) if any(m.place.kind == "country" for m in s.matches)}
    curated_runs = {(s.first, s.last) for s in spans if any(m.curated for m in s.matches)}  # "Boyuk Marjanli" is no "-uk" surname
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
        surname = (i, j) not in curated_runs and any(toks[k].text.lower().endswith(SURNAME_ENDINGS) and len(toks[k].text) > 4 for k in named)
        if len(named) >= 2 and (surname or after_title):
            people.update(named)
        elif len(named) == 1 and after_title and j > i:
            people.update(named)
        i = j + 1
    return people


def _is_person_part(span: Span, people: set[int]) -> bool:
    return any(i in people for i in range(span.first, span.last + 1))


@lru_cache(maxsize=None)
def district_patterns(lang: Language) -> tuple[re.Pattern, re.Pattern]:
    """An area word ending a stretch of text ("... wilayah"), and one right after a name ("Terter district")."""
    district = phrase_pattern(lang.words("district_words")).pattern
    return re.compile(rf"(?:{district})\s*$", re.I), re.compile(rf"\s+(?:{district})", re.I)


@lru_cache(maxsize=None)
def qualifier_words(lang: Language) -> tuple[PhraseEnds, PhraseEnds, dict[str, str]]:
    settlements = {" ".join(k.lower().split()): v for k, v in lang.table("settlement_words").items()}
    return PhraseEnds(settlements), PhraseEnds(lang.words("district_words")), settlements
