"""The role a place plays in its sentence: where an event happened, or a dateline's, speaker's, meeting's,
reference point's, origin's, destination's or force's name, or an area named only to locate a town.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from gazetteer import SETTLEMENT_KINDS
from mapgen.cues import WORD, Cue, words_between
from mapgen.languages import Language, PhraseEnds, Words, phrase_pattern, tail_of
from mapgen.model import Mention
from mapgen.sentences import Sentence


def located(text: str, group: list[Mention], cues: list[Cue], lang: Language, words: Words) -> bool:
    """The text uses the place as a location: a locative word or a place noun stands just before it
    ("di Tovuz", "ke arah Aghdere", "kota strategis Shusha", "residents of Stepanakert"), or it is an
    event word's own object or subject ("shelled Stepanakert", "Ganja was hit"; the word that tells the
    means may stand further: "Stepanakert sendiri kembali digempur roket"). A place acting ("Baku akan
    menyetujui", "didukung Yerevan") is not where anything happened."""
    locatives, modifiers = lang.word_set("locative_words"), lang.word_set("place_modifiers")
    for mention in group:
        # "in Ukraine's northeastern Kharkiv region": a possessive and modifiers right before the place do
        # not part "in" from it
        i = bisect_left(words.starts, mention.start) - 1
        while i >= 1 and words.starts[i] >= mention.start - 60:
            if words.lowered[i] in modifiers:
                i -= 1
            elif words.lowered[i] == "s" and text[words.starts[i] - 1] in "'’":
                i -= 2
            else:
                break
        before = [words.lowered[k] for k in range(max(0, i - 2), i + 1) if words.starts[k] >= mention.start - 60]
        if any(w in locatives for w in before) or _patient_pattern(lang).match(text, mention.end):
            return True
    return (min(words_between(m, cue, words) for m in group for cue in cues) <= 2
            or _subject_of_a_verb_after(text, max(group, key=lambda m: m.end), cues, lang, words))


SUBJECT_GAP_WORDS = 6  # "in Syunik province was also", "di utara Karabakh juga", "which was itself"


def _subject_of_a_verb_after(text: str, mention: Mention, cues: list[Cue], lang: Language, words: Words) -> bool:
    """The place is the subject of an event verb after it, across a phrase that places it ("Kapan in Syunik
    province was also shelled", "Madagiz di utara Karabakh juga digempur": a locative word, then names,
    place words, articles, compass words, auxiliaries and adverbs such as "also") or in a relative clause
    ("Horlivka, which was itself shelled", "Tartar yang kemudian juga ditembaki": a relative pronoun, then
    auxiliaries and adverbs)."""
    first = bisect_left(words.starts, mention.end)
    if first >= len(words.lowered):
        return False
    place_phrase, relative = _subject_gap_words(lang)
    opening = words.lowered[first]
    if opening in lang.word_set("locative_words"):
        allowed, names_allowed = place_phrase, True
    elif opening in lang.word_set("relative_pronouns"):
        allowed, names_allowed = relative, False
    else:
        return False
    for cue in cues:
        if cue.start < mention.end:
            continue
        last = bisect_left(words.starts, cue.start)
        if last - first <= SUBJECT_GAP_WORDS and all(
                words.lowered[k] in allowed or names_allowed and text[words.starts[k]].isupper() for k in range(first + 1, last)):
            return True
    return False


@lru_cache(maxsize=None)
def _subject_gap_words(lang: Language) -> tuple[frozenset[str], frozenset[str]]:
    """The words that may stand in a place phrase, and in a relative clause, before the verb."""
    compass = frozenset(w for phrase in lang.word_set("compass_words") for w in phrase.split())
    verb_words = lang.word_set("passive_auxiliaries") | lang.word_set("subject_adverbs")
    return (lang.word_set("locative_words") | lang.word_set("place_modifiers") | lang.word_set("articles") | compass | verb_words,
            verb_words)


@lru_cache(maxsize=None)
def _patient_pattern(lang: Language) -> re.Pattern:
    """Words after a place that make it what the event befell: "Kharkiv came under heavy shelling"."""
    return re.compile(r"\s+(?:" + lang.pattern("patient_phrases").pattern + ")", re.I)


def locates_another(text: str, mention: Mention, inside: list[Mention], lang: Language) -> bool:
    """A district or region named right after a town to say where the town is ("Bakhmut in the Donetsk
    region", "Barda di wilayah ...") locates the town; so does a place the town is said to be near ("the
    village of Davit Bek, near the town of Kapan,"). The event is the town's."""
    place = mention.place
    if place is None:
        return False
    an_area = mention.qualifier == "district" or place.kind in ("district", "region")
    earlier = next((m for m in reversed(inside) if m.end <= mention.start and m.place is not None and m.place.kind in SETTLEMENT_KINDS), None)
    if earlier is None:
        return False
    gap = text[earlier.end : mention.start]
    if not an_area and not gap.lstrip().startswith(",") or re.search(r"[.;:!?]", gap):
        return False
    joiners = _locator_joiners(lang)
    gap_words = [w.lower() for w in WORD.findall(gap)]
    if gap.lstrip().startswith(","):  # ", near the town of", ", dekat kota"
        phrases, place_words = _proximity(lang)
        joined = " ".join(gap_words)
        for near in phrases:
            if joined == near or joined.startswith(near + " "):
                rest = gap_words[len(near.split()) :]
                return len(rest) <= 3 and all(w in place_words for w in rest)
    return an_area and len(gap_words) <= 4 and all(w in joiners for w in gap_words)


@lru_cache(maxsize=None)
def _proximity(lang: Language) -> tuple[tuple[str, ...], frozenset[str]]:
    """The words that say a place is near another (longest first), and those that may follow them before
    the place: articles, prepositions, place nouns ("near the town of")."""
    phrases = tuple(sorted({" ".join(p.lower().split()) for p in lang.words("proximity_words")}, key=len, reverse=True))
    place_words = frozenset(w for phrase in lang.word_set("settlement_words") for w in phrase.split())
    return phrases, _locator_joiners(lang) | place_words


@lru_cache(maxsize=None)
def _locator_joiners(lang: Language) -> frozenset[str]:
    # "Bakhmut in the Donetsk region", "Wad Madani, ibu kota negara bagian Gezira": the gap's words, one by one
    phrases = lang.word_set("locating_prepositions") | lang.word_set("articles") | lang.word_set("district_words") | lang.word_set("locator_nouns")
    return frozenset(w for phrase in phrases for w in phrase.split())


def not_an_event_place(text: str, mention: Mention, sentence: Sentence, lang: Language, words: Words, cues: list[Cue]) -> bool:
    before = text[max(sentence.start, mention.start - 120) : mention.start]
    after = text[mention.end : min(sentence.end, mention.end + 40)]
    patterns = _place_role_patterns(lang)
    # A reference point: "south-east of Khartoum", "sebelah utara Barda" locate something else, unless
    # a clause about the place itself follows ("... south of Stepanakert, ..., which came under shelling")
    tail = tail_of(before)
    ends = _place_role_ends(lang)
    if (ends["direction"].find(tail) or tail.endswith(" the") and ends["direction"].find(tail[:-4])) and not _said_of_it(
            text, mention, sentence, cues, patterns):
        return True
    # ... and so does a distance: "15 kilometer dari kota terbesar ..., Stepanakert" / "20 km north of Ganja"
    distance = list(patterns["distance"].finditer(before))
    if distance and not any(mention.start - len(before) + distance[-1].end() <= c.start < mention.start for c in cues):
        return True
    # A meeting, talks or a visit there ("pertemuan ... di ibukota Azeri Baku", "talks in Washington"), or
    # where people went ("fled to Odesa", "dilarikan ke rumah sakit di Ganja"), with no event word between
    for key in ("meeting_words", "destination_words"):
        for m in lang.pattern(key).finditer(before) if lang.may_have_at(key, text, mention.start - len(before), mention.start) else ():
            gap = before[m.end() :]
            if (len(WORD.findall(gap)) <= 12 and not any(mention.start - len(gap) <= c.start < mention.start for c in cues)
                    and not _befallen(text, mention, sentence, cues, patterns, words, key == "destination_words")):
                return True
    # The place speaks: "Baku menuduh", "Moscow said", "Yerevan dan Baku saling menuduh"
    if patterns["speaks"].match(after):
        return True
    if _attacks(text, mention, cues, lang, words):
        return True
    hosts = patterns["hosts"].match(text, mention.end, min(sentence.end, mention.end + 120))
    if hosts and not any(mention.end <= c.start < hosts.end() for c in cues):
        return True
    # The name qualifies something else: "the Peshawar-bound train", "Tehran-backed militias"
    if patterns["attributive"].match(after):
        return True
    # The name names a force: "pasukan Vostok", "the Azov battalion"
    if ends["force"].find(tail) or patterns["force_after"].match(after):
        return True
    # Where people come from
    return bool(ends["origin"].find(tail)) and not _befallen(text, mention, sentence, cues, patterns, words, False)


def _attacks(text: str, mention: Mention, cues: list[Cue], lang: Language, words: Words) -> bool:
    """The place is the attacker: the subject of an event verb in the active voice right after it, with
    only adverbs between ("menuding Baku terus menggempur permukiman"). Only where the language marks the
    active voice in the verb's form (`active_verb_prefixes`), and not after a locative word ("ledakan di
    Kharkiv menewaskan tiga orang" tells what happened in Kharkiv)."""
    prefixes = lang.first_words("active_verb_prefixes")
    if not prefixes:
        return False
    at = bisect_left(words.starts, mention.start)
    if at > 0 and words.lowered[at - 1] in lang.word_set("locative_words"):
        return False
    cue = next((c for c in cues if c.start >= mention.end), None)
    if cue is None or " " in cue.text or not cue.text.lower().startswith(prefixes):
        return False
    gap = text[mention.end : cue.start]
    adverbs = lang.word_set("subject_adverbs")
    return all(ch.isalpha() or ch.isspace() for ch in gap) and all(w.lower() in adverbs for w in gap.split())


def _befallen(text: str, mention: Mention, sentence: Sentence, cues: list[Cue], patterns: dict, words: Words,
              relative_clause: bool) -> bool:
    """The sentence says what befell the place itself, whatever else it is to the sentence: an event word
    right after it, a participle ("visited the market of Kharkiv struck by a glide bomb"; not a verb after an
    apposition or a purpose word: "sent from Pemba, the provincial capital, was ambushed", "dikerahkan dari
    Cagayan de Oro untuk merebut"), or, where `relative_clause`, a relative clause about it ("evacuated to
    Horlivka, which was itself shelled"; not the place of talks "which followed a week of fighting")."""
    if any(c.start >= mention.end and not text[mention.end : c.start].strip() for c in cues):
        return True
    return relative_clause and _said_of_it(text, mention, sentence, cues, patterns)


def _said_of_it(text: str, mention: Mention, sentence: Sentence, cues: list[Cue], patterns: dict) -> bool:
    """A relative clause after the place ("which came under shelling") carries an event word."""
    relative = patterns["relative"].search(text, mention.end, min(sentence.end, mention.end + 80))
    return bool(relative) and any(relative.end() <= c.start < sentence.end for c in cues)


@lru_cache(maxsize=None)
def _place_role_patterns(lang: Language) -> dict[str, re.Pattern]:
    units = "|".join(re.escape(u) for u in lang.words("distance_units"))
    refs = phrase_pattern(lang.words("reference_words")).pattern
    # A place followed by "said" or "denied" speaks; one followed by "according to ..." does not.
    verbs = [v for v in lang.words("attribution_verbs") if v.lower() not in lang.word_set("source_prepositions")]
    # ... and so does one that acts: "Islamabad melakukan serangan presisi", "Kyiv launched drones"
    speaks = phrase_pattern(verbs).pattern + "|" + lang.pattern("denial_words").pattern + "|" + lang.pattern("actor_verbs").pattern
    return {
        "distance": re.compile(rf"\d[\d.,]*\s*(?:{units})\b\W*(?:\w+\W+){{0,2}}?(?:{refs})", re.I),
        # "Moscow said", "Baku juga menuduh", "Kyiv on Tuesday said": a word or two may come first; not
        # across a comma ("... merebut Vuhledar, kata kementerian": the place ends what was said)
        "speaks": re.compile(r"[^\w,.;:!?]*(?:(?:" + lang.pattern("speech_preludes").pattern + r")(?:\s+\w+)?\s+)?(?:" + speaks + ")", re.I),
        "relative": re.compile(r"\b(?:" + lang.pattern("relative_pronouns").pattern + r")\b", re.I),
        "attributive": re.compile(r"-(?:" + ("|".join(map(re.escape, lang.words("attributive_suffixes"))) or r"(?!x)x") + r")\b", re.I),
        "force_after": re.compile(r"\s+(?:" + lang.pattern("force_nouns_after").pattern + ")", re.I),
        # "in Granada, Spain, for the European Political Community summit": the place hosts the meeting
        "hosts": re.compile(r"(?:\s*,\s*[\w ]{2,30},)?\s+(?:" + lang.pattern("purpose_words").pattern + r")\s+(?:[\w'’-]+\s+){0,5}?(?:"
                            + lang.pattern("meeting_words").pattern + ")", re.I),
    }


@lru_cache(maxsize=None)
def _place_role_ends(lang: Language) -> dict[str, PhraseEnds]:
    """Words that, right before a place, give it a role: a direction ("south-east of"), a force
    ("pasukan"), an origin ("warga asal")."""
    return {"direction": PhraseEnds(lang.words("direction_words")), "force": PhraseEnds(lang.words("force_nouns_before")),
            "origin": PhraseEnds(lang.words("origin_words"))}
