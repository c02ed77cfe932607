"""Event words (language file: `events`) and whether each reports something that happened.

An event word reports nothing when it is intended, feared, negated or conditional ("threatened to strike",
"jika pasukan merebut kota itu"), denied, withdrawn later in its sentence, points back at an event told before
("serangan tersebut"), or names weapons handed over ("supplying the RSF with drones").
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from mapgen.furniture import in_title_case_line
from mapgen.languages import Language, Words, words_of
from mapgen.model import Mention
from mapgen.sentences import Sentence

WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)


# Its own __init__, so that the compiled pipeline builds it natively: a dataclass's generated __init__
# (like a NamedTuple's __new__) runs as Python code.
@dataclass(unsafe_hash=True)
class Cue:
    start: int
    end: int
    kind: str
    text: str

    def __init__(self, start: int, end: int, kind: str, text: str) -> None:
        self.start = start
        self.end = end
        self.kind = kind
        self.text = text


@lru_cache(maxsize=None)
def _clitic_forms(lang: Language) -> dict[str, str]:
    """Each cue's first word with each clitic of the language: "direbutnya" -> "direbut"."""
    known = lang.cues[0].index
    forms: dict[str, str] = {}
    for clitic in lang.words("clitics"):  # the first clitic listed wins, as a reader strips it first
        for word in known:
            if word + clitic not in known:
                forms.setdefault(word + clitic, word)
    return forms


def _without_clitics(words: Words, lang: Language) -> Words:
    """A word that is no cue is looked up without its clitic."""
    forms = _clitic_forms(lang)
    return words.renamed({w: forms[w] for w in words.positions.keys() & forms.keys()})


def find_cues(text: str, lang: Language, words: Words | None = None) -> list[Cue]:
    """Event words, found by one pass over the text's words."""
    index, kinds = lang.cues
    words = _without_clitics(words or words_of(text), lang)
    cues = []
    # Who holds a place ("yang dikuasai Ukraina", "Ukrainian-held") is a state of affairs, not a capture;
    # freeing people ("pembebasan sandera", "liberated hostages") takes no place; flight or rescue operations
    # are no fighting.
    no_event = [(s, e) for s, e, _ in lang.phrases("non_event_phrases").find(words)]
    for start, end, phrase in index.find(words):
        kind, cased = kinds[phrase]
        if cased and not text[start:end].startswith(phrase[:1]) or not cased and _inside_a_name(text, start, end, lang):
            continue
        if any(a <= start < b or start <= a < end for a, b in no_event):
            continue
        if kind == "capture" and _held_since(text, end, lang):
            continue
        cues.append(Cue(start, end, kind, text[start:end]))
    return cues


_WORD_AFTER = re.compile(r" (\w+)")


def _inside_a_name(text: str, start: int, end: int, lang: Language) -> bool:
    """A capitalised event word after another capitalised word, or before an organisation noun, is part of
    a name: "Israel's Operation Iron Swords", "the rebels' Military Operations Command". Not in a headline,
    where every word is capitalised, nor at the head of a sentence ("Serangan Israel menghantam ...")."""
    if not text[start].isupper():
        return False
    words_before = text[max(0, start - 40) : start].split()
    after = _WORD_AFTER.match(text, end)
    if not (text[start - 1 : start] == " " and words_before and words_before[-1][0].isupper() and words_before[-1][-1].isalpha()
            or after and after[1][0].isupper() and after[1].lower() in lang.word_set("organisation_nouns")):
        return False
    return not in_title_case_line(text, start)


_CLAUSE_END = re.compile(r"[.,;!?]")  # "captured Jabrayil, held since 1993": the comma ends the capture's clause


def _held_since(text: str, end: int, lang: Language) -> bool:
    """"dikuasai separatis sejak 2014", "held by Russia since May": who has held a place, not a capture."""
    stop = _CLAUSE_END.search(text, end, end + 60)
    return lang.holds_at("since_words", text, end, stop.start() if stop else min(len(text), end + 60))


def happened(text: str, cue: Cue, sentence: Sentence, lang: Language) -> bool:
    """An event word that reports something that happened, not one that is intended, feared or negated,
    nor a weapon handed over, nor one that points back at an event told before ("mengecam serangan
    tersebut dari Niamey")."""
    before = text[max(sentence.start, cue.start - 30) : cue.start]
    last_words = WORD.findall(before)[-2:]
    if last_words and last_words[-1].lower() in lang.word_set("perfect_auxiliaries"):
        last_words = []  # "claimed to have captured", "mengaku telah merebut": done, not intended
    irrealis = lang.word_set("irrealis_words")
    if any(w.lower() in irrealis for w in last_words) or _in_condition(text, cue, sentence, lang):
        return False
    if cue.kind != "capture" and _handed_over(text, cue, sentence, lang):
        return False
    after = text[cue.end : min(sentence.end, cue.end + 12)].split()
    return not (after and after[0].strip(",.").lower() in lang.word_set("back_references"))


def _in_condition(text: str, cue: Cue, sentence: Sentence, lang: Language) -> bool:
    """An event word in a conditional clause ("if Azerbaijani forces take the town, ...", "jika pasukan
    merebut kota itu") reports nothing that happened: the clause runs from "if" to the next comma."""
    cut = max(text.rfind(",", sentence.start, cue.start), text.rfind(";", sentence.start, cue.start))
    return lang.holds_at("conditionals", text, cut + 1 if cut >= 0 else sentence.start, cue.start)


def _handed_over(text: str, cue: Cue, sentence: Sentence, lang: Language) -> bool:
    """Weapons handed over are no strike: "accusing Abu Dhabi of supplying the RSF with drones". The verb must
    govern the weapon: "supplied the drones that struck Kharkiv" still has its strike."""
    transfer, relative = lang.word_set("transfer_verbs"), lang.word_set("relative_pronouns")
    before: list[str] = WORD.findall(text[max(sentence.start, cue.start - 45) : cue.start])
    for word in reversed(before[-5:]):
        lowered = word.lower()
        if lowered in relative:
            return False
        if lowered in transfer:
            return True
    return False


def denied(text: str, cue: Cue, segment: tuple[int, int], lang: Language) -> bool:
    return lang.holds_at("denial_words", text, segment[0], cue.start)


def retracted(text: str, sentence: Sentence, lang: Language) -> bool:
    """A claim the sentence itself withdraws ("initially said jets had struck ..., but ... later said the
    statement had been a mistake") reports nothing."""
    return lang.holds_at("retraction_words", text, sentence.start, sentence.end)


@lru_cache(maxsize=None)
def _temporal_lead(lang: Language) -> re.Pattern:
    return re.compile(r"(?:" + lang.pattern("temporal_prepositions").pattern + r")\s+(?:(?:" + lang.pattern("articles").pattern
                      + r")\s+)?$", re.I)


def dates_only(text: str, cue: Cue, sentence: Sentence, lang: Language) -> bool:
    """An event word after "after the", "following", "setelah", "pasca": it dates what the sentence tells
    ("security was tightened in Lahore after the attack") rather than reporting an event there. Not a verb,
    which tells what the sentence's subject did ("declared Aleppo free after entering the city", "setelah
    merebut kota itu")."""
    start = max(sentence.start, cue.start - 30)
    return (lang.may_have_at("temporal_prepositions", text, start, cue.start) and bool(_temporal_lead(lang).search(text[start : cue.start]))
            and not _is_verb(cue.text.split()[0].lower(), lang))


def _is_verb(word: str, lang: Language) -> bool:
    """Whether a word has the language's marks of a verb form ("entering"; "merebut", "menembaki")."""
    marks = lang.data.get("verb_marks", {})
    return word.startswith(tuple(marks.get("prefixes", ()))) or word.endswith(tuple(marks.get("suffixes", ())))


def _word_at(words: Words, offset: int) -> int:
    """The index of the word at (or last before) a character offset: distances are counted in words."""
    return max(0, bisect_right(words.starts, offset) - 1)


_APPOSITION = re.compile(r",[^,.;:!?]{2,80},")


def words_between(mention: Mention, cue: Cue, words: Words) -> int:
    """How many words stand between a place and an event word."""
    if cue.end <= mention.start:
        return _word_at(words, mention.start) - _word_at(words, cue.end - 1) - 1
    gap = _word_at(words, cue.start) - _word_at(words, mention.end - 1) - 1
    # "Stepanakert, the regional capital, was shelled": the apposition does not part a name from its verb
    text = words.text
    m = _APPOSITION.match(text, mention.end)
    if m and m.end() <= cue.start:
        gap -= len(WORD.findall(m[0]))
    return gap
