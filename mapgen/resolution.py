"""Resolution: which place each recognised span names, in the context of the whole article.

Each candidate is scored by its prior (kind, size, curated or not) and by the article: how near it lies to the
other places named, whether its country is one the article is about, whether another name in the text points
at the same place ("Khojavend, the Azeri name for Martuni"), a region the article names around it, and the word
before it ("kota", "wilayah"). An ambiguous name is read again by the places of its own sentence.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from gazetteer import SETTLEMENT_KINDS, Candidate, NameMatch, Place, distance_km, fold, rounded
from gazetteer.gazetteer import score as prior_score
from mapgen.languages import Language, tail_of
from mapgen.model import Mention
from mapgen.recognition import SURE_POPULATION, Span, Token, district_patterns, qualifier_words
from mapgen.sentences import matches_at, positions_of

MIN_CONFIDENCE = 0.25
AREA_KINDS = ("district", "region")


def _words_before(text: str, span: Span, lang: Language) -> tuple[str, bool]:
    """What the words next to a name say of it: what it is ("kota Martuni" a settlement, "wilayah Terter" or
    "Terter district" a district), and whether a locative word stands right before it ("in Avdiivka")."""
    raw = text[max(0, span.start - 40) : span.start]
    before = tail_of(raw)
    line = raw[raw.rfind("\n") + 1 :]  # the tail's last word is this line's, if the line has one
    after_locative = line[-1:].isspace() and not line.isspace() and before.rpartition(" ")[2] in lang.word_set("locative_words")
    settlement_before, district_before, settlements = qualifier_words(lang)
    word = settlement_before.find(before)
    if word:
        return settlements.get(word, "settlement"), after_locative
    if district_before.find(before) or district_patterns(lang)[1].match(text, span.end):
        return "district", after_locative
    return "", after_locative


BIG_CITY = SURE_POPULATION  # a city this big by its own name outweighs small places spelled like it
MINOR_SHARE = 0.2  # ... that are smaller than this share of it


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
_UNDECIDED: tuple[list[Candidate], float] = ([], 0.0)  # an ambiguous name is decided by its sentence


def resolve(text: str, toks: list[Token], spans: list[Span], lang: Language, memo: dict,
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
        prior_key = ("priors", span.key, qualifier, span.text.isupper() and len(span.key) <= 4)
        if prior_key not in memo:
            kept = _without_minor_aliases(span.matches)
            scored = [prior_score(m) for m in kept]
            scored = [Candidate(c.place, c.score * _kind_factor(c.place, qualifier), c.matched, c.why) for c in scored]
            cands = _collapse(scored)[:MAX_CANDIDATES]
            one_point = all(_same_point(c.place, cands[0].place) for c in cands[1:])
            # Only a name one place bears, spelled as the gazetteer has it, may need less context.
            sure = {m.place.id: m.curated for m in kept if not m.loose} if one_point else {}
            memo[prior_key] = (cands, _anchor(cands), sure)
        cands, anchor, sure = memo[prior_key]
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
    closeness: dict[tuple[str, str], float] = memo.setdefault("closeness", {})
    resolved: dict[tuple[str, str, bool], tuple[list[tuple[float, _Scored]], bool, tuple[list[Candidate], float]]] = {}
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
            ranked = _rescore(cands, span.key, focus, near_places, names_of_place, key[2], sure_ids[index], closeness)
            ambiguous = len(ranked) > 1 and any(not _same_point(c.place, ranked[0][1].place) for _, c in ranked[1:])
            # Only an ambiguous name is read again by its sentence; the rest are decided once per article.
            resolved[key] = (ranked, ambiguous, _UNDECIDED if ambiguous else _decide(ranked))
        ranked, ambiguous, decided = resolved[key]
        if ambiguous:
            local = sentences.local_anchors(index, anchors)
            area = _locating_area(text, index, spans, qualifiers, lang)
            reading = (key, tuple(p.id for p in local), area)  # the same name read in the same company
            if reading not in readings:
                ranked = _in_sentence(span, local, ranked, closeness)
                if area:  # "Ağdam in Tovuz district", "Martuni, Gegharkunik province": the place in that area
                    ranked = [(v * 2.0, _Scored(c.place, c.matched, c.why + "; in the area the text names")) if _in_area(c.place, area) else (v, c)
                              for v, c in ranked]
                readings[reading] = _decide(ranked)
            decided = readings[reading]
        rescored, confidence = decided
        place = rescored[0].place if rescored and confidence >= MIN_CONFIDENCE else None
        mentions.append(Mention(span.start, span.end, text[span.start : span.end], place, tuple(rescored), confidence, qualifier))
    return mentions


_SENTENCE_BREAK = re.compile(r"[.!?\n](?:(?<=\n)|\s)")  # ". " or a new line
SENTENCE_REACH = 400  # characters: how far back a sentence may begin, for the places it names


class _SentenceBounds:
    """The sentence around each span, found from one pass over the text's sentence breaks."""

    def __init__(self, text: str, spans: list[Span]) -> None:
        self.text = text
        self.spans = spans
        self.found = False  # the breaks are found when a first ambiguous name asks
        self.break_starts: list[int] = []
        self.break_ends: list[int] = []
        self.span_starts: list[int] = []

    def _find_breaks(self) -> None:
        breaks = [(m.start(), m.end()) for m in matches_at(_SENTENCE_BREAK, self.text, positions_of(self.text, ".!?\n"))]
        self.break_starts = [b[0] for b in breaks]
        self.break_ends = [b[1] for b in breaks]
        self.span_starts = [s.start for s in self.spans]
        self.found = True

    def local_anchors(self, index: int, anchors: list[Place | None]) -> list[Place]:
        """The sure places (not countries) other names in the span's sentence stand for."""
        if not self.found:
            self._find_breaks()
        span = self.spans[index]
        reach = max(0, span.start - SENTENCE_REACH)
        last = bisect_right(self.break_ends, span.start) - 1
        start = max(self.break_ends[last], reach) if last >= 0 else reach
        following = bisect_left(self.break_starts, span.end)
        stop = self.break_starts[following] if following < len(self.break_starts) else len(self.text)
        first, end = bisect_left(self.span_starts, start), bisect_left(self.span_starts, stop)
        return [anchor for i in range(first, end) if (anchor := anchors[i]) is not None and self.spans[i].key != span.key
                and anchor.kind != "country"]


@lru_cache(maxsize=None)
def _area_gap(lang: Language) -> re.Pattern:
    """What may stand between a place and the area named to locate it: ", in the", "di"."""
    articles = lang.pattern("articles").pattern
    return re.compile(rf"\s*,?\s*(?:{lang.pattern('locating_prepositions').pattern})?\s*(?:(?:{articles})\s+)?$", re.I)


@lru_cache(maxsize=None)
def _longest_area_gap(lang: Language) -> int:
    """How long the text between a place and its area may be: the longest of each kind of word in it
    (", in the province"), with room for spacing. Longer gaps are not searched."""
    longest = sum(max(map(len, lang.words(key)), default=0) for key in ("district_words", "locating_prepositions", "articles"))
    return 2 * longest + 12


def _locating_area(text: str, index: int, spans: list[Span], qualifiers: list[str], lang: Language) -> str:
    """The folded name of the district or province named right after a place to say where it lies."""
    if index + 1 >= len(spans):
        return ""
    after = spans[index + 1]
    if after.start - spans[index].end > _longest_area_gap(lang):
        return ""
    gap = text[spans[index].end : after.start]
    district_word = district_patterns(lang)[0].search(gap)
    if district_word:
        gap = gap[: district_word.start()]
    if (qualifiers[index + 1] == "district" or district_word) and _area_gap(lang).fullmatch(gap):
        return after.key
    return ""


def _in_area(place: Place, area: str) -> bool:
    return any(fold(name).startswith(area) for name in (place.district, place.admin1) if name)


def _in_sentence(span: Span, local: list[Place], ranked: list[tuple[float, _Scored]],
                 closeness: dict[tuple[str, str], float]) -> list[tuple[float, _Scored]]:
    """An ambiguous name is read first by the places its own sentence names ("Officials in Karabakh
    said ... killed in Martuni"): they weigh more than places named elsewhere in the article."""
    if not local:
        return ranked
    return [(value * (1.0 + 0.5 * _nearness(c.place, local, closeness)), _Scored(c.place, c.matched, c.why + "; near places in its sentence"))
            for value, c in ranked]


def _rescore(cands: list[Candidate], name: str, focus: set[str], near_places: list[Place], names_of_place: dict[str, set[str]],
             located: bool, sure: dict[str, bool], closeness: dict[tuple[str, str], float]) -> list[tuple[float, _Scored]]:
    """Each candidate's value in the article's context, best first (values are not capped: they rank).

    Context decides between places; a name that only one place bears, spelled as the gazetteer has
    it (`sure`, place id -> curated), needs less of it when the text itself uses it as a place ("in Avdiivka",
    "di Kharkiv") or the place is one of the curated theatres' own ("merebut Avdiivka"), and the
    article's other places are not far from it (a Khartoum quarter called Dar es Salaam is no Tanzanian city)."""
    ranked = []
    regions = [p for p in near_places if p.kind == "region"]
    for cand in cands:
        near = _nearness(cand.place, near_places, closeness)
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


# Its own __init__, so that the compiled pipeline builds it natively: a dataclass's generated __init__
# (like a NamedTuple's __new__) runs as Python code.
@dataclass(unsafe_hash=True)
class _Scored:
    place: Place
    matched: str
    why: str

    def __init__(self, place: Place, matched: str, why: str) -> None:
        self.place = place
        self.matched = matched
        self.why = why


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
    return [Candidate(c.place, rounded(min(v, 1.0), 4), c.matched, c.why) for v, c in ranked[:CANDIDATES_KEPT]], rounded(confidence, 3)


def _nearness(place: Place, anchors: list[Place], closeness: dict[tuple[str, str], float]) -> float:
    """How much the article's other places surround this one: a noisy-OR of their nearness, so that
    several places nearby count for more than one. The closeness of two places, exp(-distance / 150 km),
    is remembered by their ids across articles: the news of a conflict names the same places."""
    far = 1.0
    for anchor in anchors:
        if anchor.id == place.id:
            continue
        pair = (place.id, anchor.id)
        near = closeness.get(pair)
        if near is None:
            if len(closeness) >= CLOSENESS_KEPT:
                closeness.clear()
            near = closeness[pair] = math.exp(-distance_km(place.lat, place.lon, anchor.lat, anchor.lon) / 150.0)
        far *= 1.0 - near
    return 1.0 - far


CLOSENESS_KEPT = 200_000  # pairs of places remembered with the gazetteer (some 40 MB at most)


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
