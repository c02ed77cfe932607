"""Words both maps print: dates with their precision, the date range, the attribution line."""
from __future__ import annotations

import calendar
from datetime import date, timedelta

from mapgen.model import Event

GEONAMES = "GeoNames (CC BY 4.0)"
NATURAL_EARTH = "Natural Earth (public domain)"


def day_number(day: date) -> int:
    """Days since 1970-01-01, as the page's date filter counts them."""
    return (day - date(1970, 1, 1)).days


def day_text(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def date_text(day: date | None, precision: str) -> str:
    if day is None or precision == "unknown":
        return "date unknown"
    if precision == "month":
        return f"{day:%B %Y} (month only)"
    if precision == "near":
        return f"about {day_text(day)} (±1 day)"
    return day_text(day)


def day_span(day: date | None, precision: str) -> tuple[date, date] | None:
    """The days an event may have happened on, for the date filter; None when undated."""
    if day is None or precision == "unknown":
        return None
    if precision == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last)
    if precision == "near":
        return day - timedelta(days=1), day + timedelta(days=1)
    return day, day


def date_range(events: list[Event]) -> tuple[date, date] | None:
    """First and last event date (as stated, not widened by precision); None when none is dated."""
    days = [e.event_date for e in events if e.event_date and e.date_precision != "unknown"]
    return (min(days), max(days)) if days else None


def range_text(events: list[Event]) -> str:
    span = date_range(events)
    if span is None:
        return "dates unknown"
    first, last = span
    if first == last:
        return day_text(first)
    if first.year == last.year:
        head = f"{first.day} {first:%b}" if first.month != last.month else f"{first.day}"
        return f"{head} – {day_text(last)}"
    return f"{day_text(first)} – {day_text(last)}"


def count_text(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def subtitle(events: list[Event]) -> str:
    places = len({e.place.id for e in events})
    return f"{range_text(events)} · {count_text(len(events), 'event')} at {count_text(places, 'place')}"


def outlets_text(events: list[Event], limit: int = 6) -> str:
    outlets = sorted({o for e in events for o in e.outlets}, key=str.casefold)
    if not outlets:
        return "the articles read"
    if len(outlets) > limit:
        return f"{', '.join(outlets[:limit])} and {len(outlets) - limit} more outlets"
    return ", ".join(outlets)


def attribution(events: list[Event]) -> str:
    return f"Events: {outlets_text(events)} · Places: {GEONAMES} · Basemap: {NATURAL_EARTH}"
