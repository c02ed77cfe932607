"""When it happened: date expressions in a sentence, resolved against the article's date.

Explicit dates ("Jumat (23/10/2020)", "(1/11)", "23 dan 24 Oktober", "October 23"), weekday names
("Sabtu malam", "on Saturday"), relative words ("semalam", "kemarin", "last night") and words that put
the event before the article's time ("sebelumnya", "earlier"). Each found date keeps its precision:
"day" as stated, "near" within a day or two, "month" the month only.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import NamedTuple

from mapgen.languages import Language, Words, find_words, phrase_pattern, words_of
from mapgen.sentences import matches_at, positions_of

_NUMERIC = re.compile(r"(?<![\d/.])(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}|\d{2}))?(?![\d/])")
_NUMERIC_HINT = re.compile(r"[/.-]\d")  # where one may be: a separator before a digit
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DIGIT = re.compile(r"\d")


class DateMention(NamedTuple):
    start: int
    end: int
    date: date | None  # None for "earlier" words: the event happened before, on a day not given
    precision: str  # day, near, month, unknown
    kind: str  # explicit, weekday, relative, month, earlier


def parse_iso(text: str) -> date | None:
    text = text.strip()
    match = _ISO.search(text)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    for fmt in ("%d/%m/%Y", "%a, %d %b %Y %H:%M:%S %z", "%d %B %Y", "%B %d, %Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


@lru_cache(maxsize=None)
def _patterns(lang: Language) -> dict[str, re.Pattern]:
    joiners = "|".join(re.escape(j) for j in lang.words("range_joiners"))
    return {
        # before a month word: "23 " or "23 dan 24 " (searched in a short window ending at the month)
        "day_before": re.compile(rf"(?<!\d)(\d{{1,2}})(?:\s*(?:{joiners})\s*(\d{{1,2}}))?\s+$", re.I),
        # after a month word: ". 23", " 23rd and 24", ", 2020"
        "day_after": re.compile(rf"\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*(?:{joiners})\s*(\d{{1,2}}))?(?:,?\s+(\d{{4}}))?(?!\d)", re.I),
        "year_after": re.compile(r"\.?,?\s+(\d{4})(?!\d)"),
        "month_lead": re.compile(r"(?:" + lang.pattern("month_lead_words").pattern + r")\s+$", re.I),
        "time_of_day": phrase_pattern(lang.table("times_of_day")),
        "marker": phrase_pattern(lang.words("weekday_markers")),
    }


def _month(lang: Language, word: str) -> int:
    return lang.table("months")[word.lower().rstrip(".")]


def _year(text: str | None) -> int | None:
    if text:
        value = int(text)
        return value + 2000 if value < 100 else value
    return None


def _safe(year: int | None, month: int, day: int) -> date | None:
    if year is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in taken)


class _Written(NamedTuple):
    """A date as the text writes it, before a missing year is filled in."""

    start: int
    end: int
    year: int | None
    month: int
    day: int
    precision: str
    kind: str


@lru_cache(maxsize=8)
def _written_dates(text: str, lang: Language) -> tuple[_Written, ...]:
    """Remembered for the last few texts: an undated article's date is estimated from them before
    its events are dated."""
    return _scan_written(text, lang, words_of(text))


def _scan_written(text: str, lang: Language, words: Words) -> tuple[_Written, ...]:
    """Every day-and-month or month-alone expression, overlapping ones included."""
    p = _patterns(lang)
    found: list[_Written] = []
    for start, end, word in lang.phrases("months").find(words):
        month = _month(lang, word)
        before = p["day_before"].search(text, max(0, start - 25), start)
        if before:  # 23 Oktober 2020 / 23 dan 24 Oktober
            year = p["year_after"].match(text, end)
            found.append(_Written(before.start(), year.end() if year else end, _year(year[1] if year else None),
                                  month, int(before[2] or before[1]), "near" if before[2] else "day", "explicit"))
            continue
        after = p["day_after"].match(text, end)
        if after:  # October 23, 2020 / Oct. 23 and 24
            found.append(_Written(start, after.end(), _year(after[3]), month, int(after[2] or after[1]),
                                  "near" if after[2] else "day", "explicit"))
            continue
        lead = p["month_lead"].search(text, max(0, start - 12), start)
        if lead:  # "in October", "pada bulan Oktober 2020"
            year = p["year_after"].match(text, end)
            found.append(_Written(start, year.end() if year else end, _year(year[1] if year else None), month, 1, "month", "month"))
    for m in _numeric_dates(text):
        day, month = int(m[1]), int(m[2])
        if month > 12 and day <= 12:  # month/day order
            day, month = month, day
        if m[3] is None and not _looks_like_date_context(text, m.start(), m.end()):
            continue  # "1/3 of the town" or a score is not a date
        found.append(_Written(m.start(), m.end(), _year(m[3]), month, day, "day", "explicit"))
    return tuple(found)


def _numeric_dates(text: str) -> list[re.Match]:
    """_NUMERIC's matches, as `finditer` gives them, tried only where a separator meets a digit."""
    out: list[re.Match] = []
    free = 0  # matches do not overlap
    for hint in matches_at(_NUMERIC_HINT, text, positions_of(text, "/.-")):
        for start in (hint.start() - 2, hint.start() - 1):
            m = _NUMERIC.match(text, start) if start >= free else None
            if m:
                out.append(m)
                free = m.end()
                break
    return out


def _resolved(written: tuple[_Written, ...], default_year: int | None) -> list[DateMention]:
    """The written dates that make a date with `default_year` for those without one; of overlapping
    ones the first found wins."""
    found: list[DateMention] = []
    for w in written:
        value = _safe(w.year if w.year is not None else default_year, w.month, w.day)
        if value and not _overlaps([(d.start, d.end) for d in found], w.start, w.end):
            found.append(DateMention(w.start, w.end, value, w.precision, w.kind))
    return sorted(found, key=lambda d: d.start)


def explicit_dates(text: str, lang: Language, default_year: int | None) -> list[DateMention]:
    """Dates written out with at least a day and a month, and months named alone ("in October")."""
    return _resolved(_written_dates(text, lang), default_year)


def _looks_like_date_context(text: str, start: int, end: int) -> bool:
    before, after = text[max(0, start - 1) : start], text[end : end + 1]
    return before == "(" and after == ")" or before in (" ", "") and after in (")", ",", " ", ".", "")  and "/" in text[start:end]


def find(text: str, lang: Language, reference: date | None, words: Words | None = None) -> list[DateMention]:
    """Every date expression in `text`, resolved against the article's reference date."""
    words = words or words_of(text)
    year = reference.year if reference else None
    found = explicit_dates(text, lang, year)
    taken = [(d.start, d.end) for d in found]
    p = _patterns(lang)
    weekdays = lang.table("weekdays")
    for start, end, word in lang.phrases("weekdays").find(words):
        if _overlaps(taken, start, end) or not _is_weekday(text, start, end, lang):
            continue
        if any(d.kind == "explicit" and 0 <= d.start - end <= 4 for d in found):
            continue  # "Jumat (23/10/2020)": the written date says it all
        night = _time_after(text, end, p) in ("night", "midnight")
        value = _last_weekday(reference, weekdays[word]) if reference else None
        found.append(DateMention(start, end, value, "near" if night else "day", "weekday"))
        taken.append((start, end))
    relative = lang.table("relative_days")
    for start, end, phrase in lang.phrases("relative_days").find(words):
        # "at dawn on Tuesday", "kemarin, Jumat (23/10)": the day named beside it says which day
        if not _overlaps(taken, start, end) and not _beside_a_date(found, start, end):
            value = reference + timedelta(days=relative[phrase]) if reference else None
            found.append(DateMention(start, end, value, "near", "relative"))
            taken.append((start, end))
    since = lang.word_set("since_words")
    for start, end, word in lang.phrases("earlier_words").find(words):
        # "earlier on Monday", "sebelumnya pada Senin": the day named says when ("since September 27" does not)
        if not _overlaps(taken, start, end) and (word.lower() in since or not any(d.date and 0 <= d.start - end <= 4 for d in found)):
            found.append(DateMention(start, end, None, "unknown", "earlier"))
    return sorted(found, key=lambda d: d.start)


def _beside_a_date(found: list[DateMention], start: int, end: int) -> bool:
    """A date with a day named within a few characters after `end` or before `start`."""
    return any(d.date and (0 <= d.start - end <= 4 or 0 <= start - d.end <= 4) for d in found)


def _is_weekday(text: str, start: int, end: int, lang: Language) -> bool:
    """Most weekday names are only that; some also mean something else (Indonesian "minggu" = week)."""
    word = text[start:end]
    if word.lower() not in lang.table("ambiguous_weekdays"):
        return word[0].isupper() or lang.code not in ("en",)
    before = text[max(0, start - 12) : start].lower().split()
    after = text[end : end + 14]
    if before and before[-1] == "hari":
        return True
    if not word[0].isupper():
        return False
    p = _patterns(lang)
    return bool(
        re.match(r"\s*\(\d", after)
        or p["time_of_day"].match(after.lstrip())
        or (before and p["marker"].fullmatch(before[-1]))
    )


def _time_after(text: str, end: int, p: dict) -> str | None:
    m = p["time_of_day"].match(text[end : end + 16].lstrip())
    return m[0].lower() if m else None


def _last_weekday(reference: date, weekday: int) -> date:
    """News report the past: the named day on or before the article's date."""
    return reference - timedelta(days=(reference.weekday() - weekday) % 7)


def latest_full_date(text: str, lang: Language, default_year: int | None = None) -> date | None:
    """The latest day-and-month date in a text: an estimate of when it was written. Dates written
    without a year take the latest year the text writes out, else `default_year`."""
    written = _written_dates(text, lang)
    years = [d.date.year for d in _resolved(written, None) if d.date]
    found = [d.date for d in _resolved(written, max(years) if years else default_year) if d.date]
    return max(found) if found else None


def publication_line(raw_text: str, lang: Language) -> date | None:
    """A line near the top that is only a date (and a weekday and time): the publication date."""
    for line in raw_text.splitlines()[:15]:
        words = line.split(None, 11)  # up to 12 parts: enough to tell
        if not words or len(words) > 10 or not _DIGIT.search(line):
            continue  # a date line has a day number
        found = _resolved(_scan_written(line, lang, find_words(line)), None)  # not remembered: asked once
        if found and found[0].date and len(line) - (found[0].end - found[0].start) < 40:
            return found[0].date
    return None
