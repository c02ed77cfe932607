"""Article -> Mentions: find every place name in a text and resolve it in the context of the whole article.

Recognition looks up every run of one to four capitalised words in the gazetteer (one query per text),
keeps the longest matches, and drops what is not a place: words the language file lists as non-place
words (weekdays, titles, outlet furniture), and parts of people's names. Resolution then scores each
candidate by its prior (kind, size, curated or not) and by the article: how near it lies to the other
places named, whether its country is one the article is about, whether another name in the text points
at the same place ("Khojavend, the Azeri name for Martuni"), and the word before it ("kota", "wilayah").
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Sequence

from gazetteer import Candidate, Gazetteer, NameMatch, Place, distance_km, fold
from gazetteer.gazetteer import score as prior_score
from mapgen import languages
from mapgen.languages import Language
from mapgen.model import Article, Mention

MAX_WORDS = 4
MIN_CONFIDENCE = 0.25
# Surname endings common in the regions the news covers (Armenian, Azerbaijani, Russian, Ukrainian,
# Georgian, Turkish, Persian, South Slavic): a run of capitalised words with one is a person's name.
SURNAME_ENDINGS = ("yan", "ian", "ov", "ova", "ev", "eva", "yev", "yeva", "enko", "sky", "ski", "skiy",
                   "oglu", "oğlu", "zade", "zadeh", "ović", "ovic", "shvili", "dze", "uk", "chuk")
_TOKEN = re.compile(r"[^\W\d_](?:[\w]|[-'’ʻ](?=\w))*", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s$")
_CAMEL = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-ÞƏŞÇĞÖÜİ])")
SETTLEMENT_KINDS = ("city", "town", "village", "settlement")
AREA_KINDS = ("district", "region")


@dataclass
class _Token:
    text: str
    start: int
    end: int

    @property
    def capitalised(self) -> bool:
        return self.text[0].isupper()


def tokens(text: str) -> list[_Token]:
    out = []
    for m in _TOKEN.finditer(text):
        word, start = _POSSESSIVE.sub("", m[0]), m.start()
        # A name glued to a lower-case word ("diStepanakert") starts at its capital.
        parts = _CAMEL.split(word)
        if len(parts) > 1 and parts[0].islower() and len(parts[0]) <= 4:
            start += len(parts[0])
            word = word[len(parts[0]):]
        out.append(_Token(word, start, start + len(word)))
    return out


@dataclass
class _Span:
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
    return _resolve(text, toks, spans, lang)


_DEFAULT: Gazetteer | None = None


def default_gazetteer() -> Gazetteer:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Gazetteer()
    return _DEFAULT


def _candidate_spans(text: str, toks: list[_Token]) -> list[tuple[int, int, str]]:
    out = []
    for i, tok in enumerate(toks):
        if not tok.capitalised:
            continue
        last = i
        for j in range(i, min(i + MAX_WORDS, len(toks))):
            if j > i and (not toks[j].capitalised or text[toks[j - 1].end : toks[j].start].strip()):
                break  # a run stops at a lower-case word or at punctuation
            last = j
            out.append((i, last, text[tok.start : toks[j].end]))
        if "-" in tok.text:  # "Azerbaijan-Armenia": each part is a name too
            offset = tok.start
            for part in tok.text.split("-"):
                if part[:1].isupper():
                    out.append((i, i, part))
                offset += len(part) + 1
    return out


def _plausible(text: str, toks: list[_Token], span: tuple[int, int, str]) -> bool:
    """Not a piece of a web address ("SINDOnews.com")."""
    first, last, surface = span
    start, end = toks[first].start, toks[last].end
    if text[start - 1 : start] in "./@" and start > 0 or text[end : end + 1] == "." and text[end + 1 : end + 2].isalnum():
        return False
    return True


def _in_dateline(text: str, start: int) -> bool:
    """At the head of a line, or after "Outlet.com," there: "BAKU (Reuters) -", "Bisnis.com, JAKARTA -"."""
    head = text[text.rfind("\n", 0, start) + 1 : start].strip()
    return not head or head.endswith(",") and len(head.split()) <= 2


def _recognise(text: str, toks: list[_Token], lang: Language, gazetteer: Gazetteer) -> list[_Span]:
    raw = [r for r in _candidate_spans(text, toks) if _plausible(text, toks, r)]
    found = gazetteer.matches(fold(s) for _, _, s in raw)
    spans: list[_Span] = []
    for first, last, surface in raw:
        key = fold(surface)
        matches = [m for m in found.get(key, ()) if not m.exact or m.name == surface]
        if surface.isupper() and len(key) <= 4 and not _in_dateline(text, toks[first].start):
            matches = [m for m in matches if m.exact]  # "TNI", "ARN": acronyms, unless a place's abbreviation
        if not matches or (first == last and surface.casefold() in lang.non_place_words):
            continue
        start = toks[first].start + (text[toks[first].start : toks[last].end].find(surface) if first == last else 0)
        spans.append(_Span(first, last, start, start + len(surface), surface, key, matches))
    # Longest first, then leftmost; no overlaps.
    spans.sort(key=lambda s: (-(s.end - s.start), s.start))
    chosen: list[_Span] = []
    for span in spans:
        if all(span.end <= c.start or span.start >= c.end for c in chosen):
            chosen.append(span)
    people = _person_tokens(text, toks, lang, chosen)
    kept = [s for s in chosen if not _is_person_part(s, people) and not _inside_other_name(text, toks, s, lang, chosen)]
    return _headline_check(text, sorted(kept, key=lambda s: s.start))


def _inside_other_name(text: str, toks: list[_Token], span: _Span, lang: Language, spans: list[_Span]) -> bool:
    """A place name followed by a capitalised word that is no place and no place-word starts another
    proper name: "Rapid Support Forces", "Christmas Eve", "Washington Post"."""
    nxt = span.last + 1
    if nxt >= len(toks) or text[toks[span.last].end : toks[nxt].start].strip():
        return False
    word = toks[nxt]
    if not word.capitalised or word.text.isupper() or any(s.first == nxt for s in spans):
        return False
    if any(m.place.kind == "country" for m in span.matches):
        return False
    followers = {w.casefold() for w in lang.words("name_followers")} | {w.casefold() for w in lang.words("district_words")}
    return word.text.casefold() not in followers and word.text.casefold() not in lang.non_place_words


def _headline_check(text: str, spans: list[_Span]) -> list[_Span]:
    """In a line written in Title Case (a headline) every word is capitalised, so a name there counts
    only if the body names the same place too ("Karabakh Baru Sehari" is not the town of Baru)."""
    from mapgen.furniture import is_title_case

    out = []
    for span in spans:
        line_start = text.rfind("\n", 0, span.start) + 1
        line_end = text.find("\n", span.start)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if is_title_case(line) and not line.rstrip().endswith("."):
            body_keys = {s.key for s in spans if not (line_start <= s.start < line_start + len(line))}
            body_ids = {m.place.id for s in spans if s.key in body_keys for m in s.matches}
            if span.key not in body_keys and not {m.place.id for m in span.matches} & body_ids:
                continue
        out.append(span)
    return out


def _person_tokens(text: str, toks: list[_Token], lang: Language, spans: list[_Span]) -> set[int]:
    """Indices of tokens that belong to people's names: capitalised runs after a title, or with a surname."""
    place_tokens = {i for s in spans for i in range(s.first, s.last + 1) if any(m.place.kind == "country" for m in s.matches)}
    titles = lang.pattern("titles")
    people: set[int] = set()
    i = 0
    while i < len(toks):
        if not toks[i].capitalised:
            i += 1
            continue
        j = i
        while j + 1 < len(toks) and toks[j + 1].capitalised and not text[toks[j].end : toks[j + 1].start].strip():
            j += 1
        run = range(i, j + 1)
        named = [k for k in run if k not in place_tokens and toks[k].text.casefold() not in lang.non_place_words]
        before = text[max(0, toks[i].start - 30) : toks[i].start].rstrip()
        after_title = bool(titles.search(before.split(",")[-1].split(".")[-1])) and before[-1:].isalpha() if before else False
        after_title = after_title or any(titles.fullmatch(toks[k].text) for k in run)
        surname = any(toks[k].text.lower().endswith(SURNAME_ENDINGS) and len(toks[k].text) > 4 for k in named)
        if len(named) >= 2 and (surname or after_title):
            people.update(named)
        elif len(named) == 1 and after_title and j > i:
            people.update(named)
        i = j + 1
    return people


def _is_person_part(span: _Span, people: set[int]) -> bool:
    return any(i in people for i in range(span.first, span.last + 1))


def _qualifier(text: str, span: _Span, lang: Language) -> str:
    """What the words next to a name say it is: "kota Martuni" (settlement), "wilayah Terter" (district)."""
    before = text[max(0, span.start - 40) : span.start].lower().rstrip()
    after = text[span.end : span.end + 20].lower()
    settlement = lang.table("settlement_words")
    for word in sorted(settlement, key=len, reverse=True):
        if before.endswith(word) and not before[: -len(word)][-1:].isalpha():
            return settlement[word]
    for word in lang.words("district_words"):
        if before.endswith(word) and not before[: -len(word)][-1:].isalpha():
            return "district"
        if re.match(rf"\s+{re.escape(word)}\b", after):
            return "district"
    return ""


def _collapse(candidates: list[Candidate]) -> list[Candidate]:
    """One place in two layers (a curated row GeoNames also has without the link) is one candidate."""
    kept: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: (-c.score, c.place.id)):
        if any(_same_place(k.place, cand.place) for k in kept):
            continue
        kept.append(cand)
    return kept


def _same_place(a: Place, b: Place) -> bool:
    same_kind = a.kind == b.kind or (a.kind in SETTLEMENT_KINDS and b.kind in SETTLEMENT_KINDS)
    return same_kind and distance_km(a.lat, a.lon, b.lat, b.lon) < 3.0


def _kind_factor(place: Place, qualifier: str) -> float:
    if not qualifier:
        return 0.85 if place.kind == "district" else 1.0  # a bare name means the town more often than its district
    if qualifier == "district":
        return 1.3 if place.kind in AREA_KINDS else 0.9
    return 1.2 if place.kind in SETTLEMENT_KINDS or place.kind == qualifier else 0.6


def _resolve(text: str, toks: list[_Token], spans: list[_Span], lang: Language) -> list[Mention]:
    options: list[list[Candidate]] = []
    qualifiers: list[str] = []
    for span in spans:
        qualifier = _qualifier(text, span, lang)
        scored = [prior_score(m) for m in span.matches]
        scored = [Candidate(c.place, c.score * _kind_factor(c.place, qualifier), c.matched, c.why) for c in scored]
        options.append(_collapse(scored))
        qualifiers.append(qualifier)

    anchors = _anchors(options)
    surfaces = [fold(s.text) for s in spans]
    mentions = []
    for i, (span, cands) in enumerate(zip(spans, options)):
        # Context comes from the other names; a repeat of the same name proves nothing.
        others = [a for j, a in enumerate(anchors) if surfaces[j] != surfaces[i] and a is not None]
        focus = {p.country for p in others if p.country}
        shared_ids = {c.place.id for j, cs in enumerate(options) if j != i and surfaces[j] != surfaces[i] for c in cs}
        rescored = []
        for cand in cands:
            near = _nearness(cand.place, others)
            context = 0.35 + 0.45 * near + (0.2 if cand.place.country in focus else 0.0)
            if cand.place.kind in ("country", "region"):
                context = max(context, 0.8)  # a country's name rarely means anything else, near or far
            value = cand.score * context
            why = [cand.why]
            if cand.place.id in shared_ids:
                value *= 1.5
                why.append("named otherwise in the text too")
            if near:
                why.append(f"near the article's places ({near:.2f})")
            rescored.append(Candidate(cand.place, round(min(value, 1.0), 4), cand.matched, "; ".join(why)))
        rescored.sort(key=lambda c: (-c.score, c.place.id))
        best = rescored[0]
        rivals = [c for c in rescored[1:] if not _same_point(c.place, best.place)]
        runner_up = rivals[0].score if rivals else 0.0
        confidence = round(best.score * (1 - 0.5 * runner_up / best.score) if best.score else 0.0, 3)
        place = best.place if confidence >= MIN_CONFIDENCE else None
        mentions.append(Mention(span.start, span.end, text[span.start : span.end], place, tuple(rescored[:5]), confidence, qualifiers[i]))
    return mentions


def _nearness(place: Place, anchors: list[Place]) -> float:
    """How much the article's other places surround this one: a noisy-OR of their nearness, so that
    several places nearby count for more than one."""
    far = 1.0
    # Countries say which states the article is about (the focus), not where in them: their label
    # point is no place to be near.
    for anchor in {a.id: a for a in anchors if a.id != place.id and a.kind != "country"}.values():
        far *= 1.0 - math.exp(-distance_km(place.lat, place.lon, anchor.lat, anchor.lon) / 150.0)
    return 1.0 - far


def _same_point(a: Place, b: Place) -> bool:
    """A town and the district it is the centre of stand on one point: no ambiguity about where."""
    return distance_km(a.lat, a.lon, b.lat, b.lon) < 10.0


def _anchors(options: Sequence[list[Candidate]]) -> list[Place | None]:
    """The place each mention most surely is, when it is sure enough to give context to the others."""
    out: list[Place | None] = []
    for cands in options:
        if cands:
            cands = [cands[0]] + [c for c in cands[1:] if not _same_point(c.place, cands[0].place)]
        if not cands:
            out.append(None)
        elif len(cands) == 1 or cands[0].place.kind == "country" or cands[0].score >= 1.5 * cands[1].score:
            out.append(cands[0].place if cands[0].score >= 0.3 or cands[0].place.kind in ("country", "region") or len(cands) == 1 else None)
        else:
            out.append(None)
    return out
