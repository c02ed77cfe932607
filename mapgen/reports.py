"""Mentions -> Reports: which places an article reports violence at, of what kind, when, on whose word.

A place gets an event when an event word (language file: `events`) is tied to it in the same stretch of
a sentence: the sentence is cut at attribution verbs ("mengatakan", "said"), so the speaker's side of the
verb never takes the event; the event word must lie within a few words of the place, or of the list of
places it belongs to ("ke arah Aghdere, Khojavend, Fizuli, Hadrut, dan Gubadli"). A place is no event
where the text uses it as a dateline, a reference point ("15 km dari ..."), a meeting place, a speaker
("Baku menuduh") and so on (`place_roles`), or where the event word reports nothing that happened: denied,
negated, conditional or only intended (`cues`).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date
from functools import lru_cache

from gazetteer import rounded
from mapgen import dates
from mapgen.cues import WORD, Cue, dates_only, denied, find_cues, happened, retracted, words_between
from mapgen.furniture import is_title_case
from mapgen.languages import Language, Words, words_of
from mapgen.model import Article, Mention, Report
from mapgen.place_roles import located, locates_another, not_an_event_place
from mapgen.sentences import Sentence, positions_of, sentences

TIE_WORDS = 12  # how far (in words) an event word may stand from its place or list of places
TYPE_RANK = {"capture": 4, "air_strike": 3, "shelling": 3, "armed_clash": 2, "attack": 1}
PLACE_KINDS_FOR_EVENTS = ("city", "town", "village", "settlement", "height", "landmark", "district", "region")
_ANY_WORD = re.compile(r"\w")


def extract(article: Article, mentions: list[Mention], lang: Language) -> list[Report]:
    """The reports of violence an article makes, one per place and event type."""
    text = article.text
    words = words_of(text)
    cues = find_cues(text, lang, words)
    namers = _naming_frames(text, lang, words)
    attribution = [(s, e) for s, e, _ in lang.phrases("attribution_verbs").find(words)
                   if not _no_speaker(text, (s, e), words, lang) and not any(a <= s < b for a, b, _ in namers)]
    datelines = _datelines(text)
    all_dates: list | None = None  # parsed when the first report needs a date
    clause_cuts: list[int] | None = None  # ... and found when the first sentence with an event needs them
    reports: dict[tuple[str, str], Report] = {}
    claimant: str | None = None
    paragraph_claimant: dict[int, str] = {}
    placed_at = _ByStart([m for m in mentions if m.place is not None], lambda m: m.start)
    cues_at = _ByStart(cues, lambda c: c.start)
    attribution_at = _ByStart(attribution, lambda a: a[0])
    for sentence in sentences(text, lang.word_set("abbreviations")):
        inside = placed_at.within(sentence.start, sentence.end)
        said = [a for a in attribution_at.within(sentence.start, sentence.end) if not _witnesses_there(text, sentence, a, lang)]
        said_here = _claimant(text, sentence, said, inside, lang)
        if said_here == "":  # a pronoun: the last speaker named
            said_here = claimant
        if said_here:
            claimant = said_here
            paragraph_claimant[sentence.paragraph] = said_here
        if not inside or retracted(text, sentence, lang):
            continue
        sentence_cues = [c for c in cues_at.within(sentence.start, sentence.end) if happened(text, c, sentence, lang)]
        if not sentence_cues:
            continue
        if clause_cuts is None:
            clause_cuts = _clause_cuts(text, words, lang)
        segments = _segments(text, sentence, said, lang, clause_cuts)
        background = {c.start for c in sentence_cues if dates_only(text, c, sentence, lang)}
        groups = _groups(text, inside, lang, words)
        for mention in inside:
            if mention.place.kind not in PLACE_KINDS_FOR_EVENTS or any(a <= mention.start < b for a, b in datelines):
                continue
            if any(name[0] <= mention.start < name[1] for _, _, name in namers):
                continue  # it names what was struck: "struck what New Delhi called a camp"
            if locates_another(text, mention, inside, lang):
                continue
            if not_an_event_place(text, mention, sentence, lang, words, cues):
                continue
            segment = next(s for s in segments if s[0] <= mention.start < s[1])
            group = groups[id(mention)]
            # "... at railway stations in Lahore after the attack": an event named only to date what is
            # told is no event at the places before it (its own are after it: "after the attack on Quetta")
            segment_cues = [c for c in sentence_cues if segment[0] <= c.start < segment[1]
                            and not (c.start > mention.start and c.start in background)]
            cue = _tied_cue(mention, group, segment_cues, words)
            if cue is None or denied(text, cue, segment, lang) or not located(text, group, segment_cues, lang, words):
                continue
            if all_dates is None:
                all_dates = dates.find(text, lang, article.published, words)
            report = _report(article, mention, cue, sentence, group, said_here or paragraph_claimant.get(sentence.paragraph), lang, words, all_dates)
            key = (mention.place.id, report.event_type)
            if key not in reports or _better(report, reports[key]):
                reports[key] = report
    return sorted(_fold_unspecified(reports.values()), key=lambda r: (text.find(r.quote), r.place.name, r.event_type))


@lru_cache(maxsize=None)
def _fronted_witnesses(lang: Language) -> re.Pattern:
    return re.compile(r"\s*(?:" + lang.pattern("locating_prepositions").pattern + r")\s+[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){0,3}(?:\s*,[^,.;:]{1,60})?\s*,\s*"
                      r"(?:[\w-]+\s+){0,2}?(?:" + lang.pattern("witness_nouns").pattern + r")\s*$", re.I)


def _witnesses_there(text: str, sentence: Sentence, verb: tuple[int, int], lang: Language) -> bool:
    """"In Gondar, residents reported heavy gunfire": witnesses in a place named at the head of the
    sentence report what happened there, so the verb does not part the event from the place."""
    return bool(_fronted_witnesses(lang).match(text[sentence.start : verb[0]]))


def _phrase_at(text: str, start: int, end: int) -> str:
    """A phrase found in the text as the language files list it: lower case, single spaces."""
    return " ".join(text[start:end].lower().split())


def _no_speaker(text: str, verb: tuple[int, int], words: Words, lang: Language) -> bool:
    """A report verb that introduces no speaker's clause, and so does not part an event from its place:
    a passive one ("Clashes were also reported in Kobo", "Pertempuran dilaporkan terjadi di Hadrut"), or
    one used of a blow ("missiles slammed into a block in Dnipro")."""
    start, end = verb
    if _phrase_at(text, start, end) in lang.word_set("passive_attribution_verbs"):
        return True
    after = bisect_left(words.starts, end)
    if after < len(words.lowered) and words.lowered[after] in lang.word_set("motion_particles"):
        return True
    at = bisect_left(words.starts, start)
    auxiliaries = lang.word_set("passive_auxiliaries")
    return any(words.lowered[i] in auxiliaries and not _SENTENCE_STOP.search(text, words.ends[i], start)
               for i in range(max(0, at - 2), at))


_SENTENCE_STOP = re.compile(r"[.!?]")


class _ByStart:
    """Items sorted by their start offset, sliced by a range of offsets in O(log n)."""

    def __init__(self, items: list, start_of) -> None:
        self.items = sorted(items, key=start_of)
        self.starts = [start_of(item) for item in self.items]

    def within(self, start: int, end: int) -> list:
        return self.items[bisect_left(self.starts, start) : bisect_left(self.starts, end)]


_PRECISION_ORDER = {"day": 3, "near": 2, "month": 1, "unknown": 0}


def _better(new: Report, old: Report) -> bool:
    """Of two reports of one place and type, the one with the surer date, then the surer tie."""
    return (_PRECISION_ORDER[new.date_precision], new.confidence) > (_PRECISION_ORDER[old.date_precision], old.confidence)


def _fold_unspecified(reports) -> list[Report]:
    """An `attack` whose means the article does not state, at a place where the same article reports a
    specific kind of violence around the same day, is that event told again ("the Kherson attack")."""
    reports = list(reports)
    specific = [r for r in reports if r.event_type in ("shelling", "air_strike", "armed_clash")]

    def same_time(a: Report, b: Report) -> bool:
        return a.event_date is None or b.event_date is None or abs((a.event_date - b.event_date).days) <= 1

    return [r for r in reports if r.event_type != "attack" or not any(
        s.place.id == r.place.id and same_time(s, r) for s in specific)]


_DATELINE = re.compile(
    r"[ \t]*(?:[\w.]+\s*,\s*)?[A-ZÀ-ÞƏŞÇĞÖÜİ][\w'’.]*(?:[ \t][A-ZÀ-ÞƏŞÇĞÖÜİ][\w'’.]*){0,3}"
    r"(?:\s*,\s*[A-Z][\w.]*(?:[ \t][\w.]+){0,2})?\s*(?:\([^)\n]{1,60}\))?\s*(?:(?:-{1,2}|–)\s|—)"  # "GAZA—" closes up
)


@lru_cache(maxsize=None)
def _naming_frame_pattern(lang: Language) -> re.Pattern:
    """The language's frames that let a speaker name a target ("what {name} called", "disebut {name}
    sebagai"), with a name of up to four words in the slot."""
    frames = lang.words("naming_frames")
    name = r"([^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){0,3})"  # each frame's one group
    pattern = "|".join(r"\s+".join(re.escape(w) if w != "{name}" else name for w in frame.split()) + r"\b"
                       for frame in sorted(frames, key=len, reverse=True))
    return re.compile(pattern or r"(?!x)x", re.I)


def _naming_frames(text: str, lang: Language, words: Words) -> list[tuple[int, int, tuple[int, int]]]:
    """Where a speaker names what was struck ("struck what New Delhi called a terrorist camp near Balakot"):
    each frame's span and its speaker's. The speaker is no event place, and the frame's verb opens no
    clause of its own. Tried only where a frame's first word stands."""
    pattern = _naming_frame_pattern(lang)
    out = []
    for word in words.positions.keys() & set(lang.first_words("naming_frames")):
        for i in words.positions[word]:
            m = pattern.match(text, words.starts[i])
            if m:
                name = next(g for g in range(1, len(m.groups()) + 1) if m.group(g) is not None)
                if m.group(name)[0].isupper():
                    out.append((m.start(), m.end(), m.span(name)))
    return out


def _datelines(text: str) -> list[tuple[int, int]]:
    """Datelines ("BAKU (Reuters) -", "TEMPO.CO, Jakarta -", "KHARTOUM, April 16 (Reuters) -") at the
    head of the first lines: the place where the story was filed, not where anything happened."""
    out, start = [], 0
    for _ in range(4):
        m = _DATELINE.match(text, start)
        if m:
            out.append((m.start(), m.end()))
        nl = text.find("\n", start)
        if nl < 0:
            break
        start = nl + 1
    return out


def _segments(text: str, sentence: Sentence, attribution: list[tuple[int, int]], lang: Language,
              clause_cuts: list[int]) -> list[tuple[int, int]]:
    """The sentence cut at its attribution verbs, and again at the "bahwa"/"that" that opens what was said:
    "Aliyev menegaskan di Baku | bahwa ..." keeps Baku on the speaker's side."""
    cuts = {sentence.start, sentence.end}
    complementizer = lang.pattern("complementizers")
    prepositions = lang.word_set("source_prepositions")
    for start, end in attribution:
        cuts.add(start)
        if _phrase_at(text, start, end) in prepositions:
            # "Menurut Yerevan, ..." / "According to officials in Baku, ...": the source runs to the comma
            comma = text.find(",", end, min(sentence.end, end + 80))
            if comma > 0:
                cuts.add(comma)
            continue
        m = complementizer.search(text, end, min(sentence.end, end + 80))
        if m:
            cuts.add(m.start())
    line = text[sentence.start : sentence.end]
    if not line.rstrip().endswith(".") and "\n" not in line and is_title_case(line):
        # A headline's comma joins two reports: "Ganja dan Mingachevir Digempur, Azerbaijan Klaim Kuasai ..."
        cuts.update(sentence.start + i for i, ch in enumerate(line) if ch == ",")
    cuts.update(clause_cuts[bisect_left(clause_cuts, sentence.start) : bisect_left(clause_cuts, sentence.end)])
    ordered = sorted(c for c in cuts if sentence.start <= c <= sentence.end)
    return [(a, b) for a, b in zip(ordered, ordered[1:]) if b > a] or [(sentence.start, sentence.end)]


def _clause_cuts(text: str, words: Words, lang: Language) -> list[int]:
    """Where a new clause with its own event words begins, in order: at the comma or semicolon before a
    clause word ("..., while drones struck ...", "; sementara ..."), at any semicolon, and at the space
    before a subordinate clause of time ("... ketika pemimpin junta kembali ke Ouagadougou", "... when
    shells hit Donetsk"). Found once per text, from its word index."""
    cuts = positions_of(text, ";")
    after_comma = set()  # a clause word after a comma cuts there, not again before itself
    for start, _, _ in lang.phrases("clause_breaks").find(words):
        mark = start
        while mark > 0 and text[mark - 1].isspace():
            mark -= 1
        if mark > 0 and text[mark - 1] in ",;":
            cuts.append(mark - 1)
            after_comma.add(start)
    for start, _, _ in lang.phrases("subordinators").find(words):
        if start > 0 and text[start - 1].isspace() and start not in after_comma:
            cuts.append(start - 1)
    return sorted(set(cuts))


_LIST_BREAK = re.compile(r"[.;:!?()–—]")


LIST_GAP_WORDS = 4  # words that may stand between two places of one list ("dan", "and the village of")


def _groups(text: str, mentions: list[Mention], lang: Language, words: Words) -> dict[int, list[Mention]]:
    """Places listed together ("Tovuz, Gadabay, dan Gubadli") share one event word."""
    joiners = _list_joiners(lang)
    groups: dict[int, list[Mention]] = {}
    current: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: m.start):
        if current:
            gap = text[current[-1].end : mention.start]
            broken = _LIST_BREAK.search(gap) or _more_words_than(LIST_GAP_WORDS, words, current[-1].end, mention.start, gap)
            gap_words = [] if broken else WORD.findall(gap)
            # Names the gazetteer does not know still stand in the list ("Aghdere, Aghdam, Gubadli, dan")
            linked = not broken and len(gap_words) <= LIST_GAP_WORDS and all(
                w.lower() in joiners or w.split("-")[0].lower() in joiners or w[0].isupper() for w in gap_words)
            if not linked:
                current = []
        current.append(mention)
        for m in current:
            groups[id(m)] = current
    return groups


def _more_words_than(limit: int, words: Words, start: int, end: int, gap: str) -> bool:
    """Whether text[start:end] (`gap`) surely holds more than `limit` words, as WORD counts them: told from the
    word index, where a hyphen or apostrophe does not join two words into one."""
    count = bisect_left(words.starts, end) - bisect_left(words.starts, start)
    return count > limit and "-" not in gap and "'" not in gap and "’" not in gap


@lru_cache(maxsize=None)
def _list_joiners(lang: Language) -> frozenset[str]:
    return lang.word_set("list_joiners") | lang.word_set("settlement_words") | lang.word_set("district_words")


def _tied_cue(mention: Mention, group: list[Mention], cues: list[Cue], words: Words) -> Cue | None:
    """The event word that speaks of this place: near it (or its list), the more specific the better."""
    best, best_value = None, None
    for cue in cues:
        distance = min(words_between(m, cue, words) for m in group)
        if distance > TIE_WORDS:
            continue
        value = 3 * TYPE_RANK[cue.kind] - distance
        if best_value is None or value > best_value:
            best, best_value = cue, value
    return best


def _claimant(text: str, sentence: Sentence, attribution: list[tuple[int, int]], inside: list[Mention], lang: Language) -> str | None:
    """Who the sentence (with these attribution verbs) says is speaking: an actor phrase normalised to "<place> <role>", "" for a
    pronoun (the previous speaker), None when nobody is quoted."""
    if not attribution:
        return None
    verb_start, verb_end = attribution[0]
    subject = text[sentence.start : verb_start]
    postposed = not _ANY_WORD.search(subject) or subject.rstrip()[-1:] in ',"”’\''
    if postposed and _ANY_WORD.search(text, verb_end, sentence.end):
        # "..., kata kementerian tersebut" / "..., the ministry said": the actor follows the verb
        start, end = verb_end, sentence.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
    else:
        start, end = text.rfind(",", sentence.start, verb_start) + 1 or sentence.start, verb_start
    actor = text[start : _actor_end(text, start, end, lang)].strip(" ,.–-")
    if not actor:
        return None
    lowered = actor.lower()
    pronouns, pronoun_ends, pronoun_starts = _pronoun_actors(lang)
    if lowered in pronouns or lowered.endswith(pronoun_ends) or lowered.startswith(pronoun_starts) and len(lowered.split()) <= 3:
        return ""
    roles = lang.table("actor_roles")
    found = [m[0] for m in lang.pattern("actor_roles").finditer(lowered)] if lang.may_have("actor_roles", lowered) else []
    role = roles.get(" ".join(max(found, key=len).split())) if found else None
    offset = text.find(actor, start)
    places = [m.place.name for m in inside if m.place and offset <= m.start < offset + len(actor)]
    if role and places:
        return f"{places[0]} {role}"
    return role or (places[0] if places else _named_actor(actor, lang))


def _named_actor(actor: str, lang: Language) -> str | None:
    """The name in an actor phrase that names no role: its first run of capitalised words, without a
    function word that opens it ("The AA also" -> "AA", "Hezbollah on Saturday" -> "Hezbollah", "layanan
    darurat Magen David Adom" -> "Magen David Adom"); None when it names nobody ("measured and
    non-escalatory", "In a statement", "On Sunday")."""
    not_names = _not_names(lang)
    connectors = lang.word_set("actor_name_connectors")  # inside a name: "Ministry of the Interior"
    words = actor.split()
    for i, word in enumerate(words):
        if not word[0].isupper() or word.lower().strip(".,") in not_names:
            continue
        end = i + 1
        while end < len(words) and (words[end][0].isupper() or words[end].lower() in connectors
                                    and end + 1 < len(words) and words[end + 1][0].isupper()):
            end += 1
        return " ".join(words[i:end])[:80]
    return None


@lru_cache(maxsize=None)
def _not_names(lang: Language) -> frozenset[str]:
    """Capitalised words that open an actor phrase without naming anyone: "The", "On", "Sunday", "May"."""
    return lang.word_set("function_words") | lang.word_set("weekdays") | lang.word_set("months")


_ACTOR_STOP = re.compile(r"[,;:“\"(]")


def _actor_end(text: str, start: int, end: int, lang: Language) -> int:
    """Where the actor phrase in text[start:end] ends: at a clause mark, or a relative pronoun or
    complementizer ("who", "yang", "that"), found from the text's word index."""
    stop = _ACTOR_STOP.search(text, start, end)
    if stop:
        end = stop.start()
    words = words_of(text)
    first, last = bisect_left(words.starts, start), bisect_left(words.starts, end)
    for at, _, _ in lang.phrases("actor_enders").find(words, first, last):
        if text[at - 1 : at] != "-":
            return at
    return end


@lru_cache(maxsize=None)
def _pronoun_actors(lang: Language) -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
    """"they", "the ministry": the actor is the last one named. The phrase itself, at the end of the
    actor ("a spokesman for the ministry"), or at its head ("the ministry's spokesman")."""
    words = lang.word_set("pronoun_actors")
    return words, tuple(" " + w for w in words), tuple(w + " " for w in words)


def _report(article: Article, mention: Mention, cue: Cue, sentence: Sentence, group: list[Mention],
            claimed_by: str | None, lang: Language, words: Words, all_dates: list) -> Report:
    text = article.text
    event_date, precision = _event_date(sentence, cue, mention, article.published, all_dates)
    distance = min(words_between(m, cue, words) for m in group)
    fatalities, injured = _casualties(text, sentence, cue, lang) if len(group) == 1 else (None, None)
    place = mention.place
    assert place is not None, "only a resolved mention is reported"
    return Report(
        source=article.source,
        place=place,
        as_written=mention.as_written,
        event_type=cue.kind,
        event_date=event_date,
        date_precision=precision,
        quote=text[sentence.start : sentence.end].strip(),
        outlet=article.outlet,
        url=article.url,
        published=None if article.published_estimated else article.published,
        language=article.language,
        claimed_by=claimed_by,
        fatalities=fatalities,
        injured=injured,
        confidence=rounded(mention.confidence * (1.0 - distance / (2 * TIE_WORDS + 2)), 3),
        geo_precision=place.precision if mention.qualifier != "district" or place.kind != "city" else 2,
    )


def _event_date(sentence: Sentence, cue: Cue, mention: Mention, reference: date | None,
                all_dates: list[dates.DateMention]) -> tuple[date | None, str]:
    """The date expression nearest the event word in its sentence; else the article's date, roughly."""
    found = [d for d in all_dates if sentence.start <= d.start < sentence.end]
    if found:
        anchor = (cue.start + mention.start) / 2
        nearest = min(found, key=lambda d: abs((d.start + d.end) / 2 - anchor))
        return nearest.date, nearest.precision if nearest.date else "unknown"
    if reference is None:
        return None, "unknown"
    # The date the story last named carries on (news tell a day's events after naming the day),
    # as long as it is within a few days of the article's date; else the article's date, roughly.
    earlier = [d for d in all_dates if d.end <= sentence.start
               and d.date and d.kind != "month" and 0 <= (reference - d.date).days <= 3]
    if earlier:
        return earlier[-1].date, "near"
    return reference, "near"


def _casualties(text: str, sentence: Sentence, cue: Cue, lang: Language) -> tuple[int | None, int | None]:
    """The dead and wounded the sentence ties to the event ("menewaskan seorang remaja", "killing 3")."""
    return _count(text, cue.start, sentence.end, lang, "fatality_words"), _count(text, cue.start, sentence.end, lang, "injury_words")


@lru_cache(maxsize=None)
def _count_patterns(lang: Language, key: str) -> tuple[re.Pattern, re.Pattern]:
    numbers = lang.table("number_words")
    words_pattern = lang.pattern(key).pattern
    number = r"(\d{1,3}(?:[.,]\d{3})+|\d+|" + "|".join(re.escape(n) for n in sorted(numbers, key=len, reverse=True)) + ")"
    return (re.compile(rf"(?:{words_pattern})\s+(?:\w+\s+){{0,2}}?{number}\b", re.I),
            re.compile(rf"\b{number}\s+(?:\w+\s+){{0,3}}?(?:{words_pattern})", re.I))


def _count(text: str, start: int, end: int, lang: Language, key: str) -> int | None:
    if not lang.may_have_at(key, text, start, end):
        return None
    part = text[start:end]
    numbers = lang.table("number_words")
    for pattern in _count_patterns(lang, key):
        m = pattern.search(part)
        if m:
            value = m[1].lower()
            if value in numbers:
                return numbers[value]
            return int(re.sub(r"[.,]", "", value))
    return None
