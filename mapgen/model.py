"""The typed boundaries of the pipeline: sources -> Article -> Mention -> Report -> Event.

Each stage takes the records of the stage before it and returns its own; nothing reaches back.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from gazetteer import Candidate, Place
from gazetteer.model import rebuilt_by_fields

EVENT_TYPES = ("armed_clash", "shelling", "air_strike", "attack", "capture")


@dataclass(frozen=True)
class Article:
    """One article's text, without page furniture, and what is known about it."""

    source: str  # the path as given (or "-", or "records.jsonl#3" for the fourth record)
    text: str
    outlet: str = ""
    url: str = ""
    published: date | None = None
    published_estimated: bool = False  # True when taken from the latest date the text mentions
    language: str = ""  # ISO 639-1
    title: str = ""

    def __reduce__(self) -> tuple:
        return rebuilt_by_fields(self)


# Not frozen, though read-only by convention: built by the hundred per article, and a frozen dataclass
# builds three times slower in the compiled pipeline (its __init__ sets each field through object.__setattr__).
# Its own __init__ is compiled too; a dataclass's generated one runs as Python code.
@dataclass(unsafe_hash=True)
class Mention:
    """A place name in an article's text, resolved (or not) to a Place."""

    start: int  # character offsets into Article.text
    end: int
    as_written: str
    place: Place | None
    candidates: tuple[Candidate, ...] = ()
    confidence: float = 0.0
    qualifier: str = ""  # what the words next to the name say it is: "district", "city", "village", "neighbourhood", "water"

    def __init__(self, start: int, end: int, as_written: str, place: Place | None, candidates: tuple[Candidate, ...] = (),
                 confidence: float = 0.0, qualifier: str = "") -> None:
        self.start = start
        self.end = end
        self.as_written = as_written
        self.place = place
        self.candidates = candidates
        self.confidence = confidence
        self.qualifier = qualifier

    def __reduce__(self) -> tuple:
        return rebuilt_by_fields(self)


# Not frozen either, for the same reason as Mention.
@dataclass(unsafe_hash=True)
class Report:
    """One article's claim that something violent happened at a place."""

    source: str
    place: Place
    as_written: str
    event_type: str
    event_date: date | None
    # "day" as stated; "near" within a day or two (relative words, a night across midnight); "month" only
    # the month is known; "unknown" no date for the event
    date_precision: str
    quote: str  # the sentence the claim comes from
    outlet: str = ""
    url: str = ""
    published: date | None = None
    language: str = ""
    claimed_by: str | None = None
    fatalities: int | None = None
    injured: int | None = None
    confidence: float = 0.0
    geo_precision: int = 1  # 1 settlement, 2 district, 3 region or country

    def __reduce__(self) -> tuple:
        return rebuilt_by_fields(self)

    @property
    def event_id(self) -> str:
        """Stable across runs: the same article, place and type give the same id."""
        return stable_id(self.source, self.place.id, self.event_type)


@dataclass(frozen=True)
class Event:
    """Something that happened at a place, backed by one or more reports."""

    event_id: str
    place: Place
    event_type: str
    event_date: date | None
    date_precision: str
    geo_precision: int
    reports: tuple[Report, ...] = field(default_factory=tuple)

    def __reduce__(self) -> tuple:
        return rebuilt_by_fields(self)

    @property
    def sources(self) -> list[str]:
        return sorted({r.source for r in self.reports})

    @property
    def outlets(self) -> list[str]:
        return sorted({r.outlet for r in self.reports if r.outlet})

    @property
    def report_count(self) -> int:
        return len(self.reports)

    @property
    def independent_sources(self) -> int:
        """Outlets reporting it; two articles of one outlet count once, an unnamed outlet per article."""
        keys = {r.outlet.casefold() if r.outlet else r.source for r in self.reports}
        return len(keys)

    @property
    def fatalities_reported(self) -> list[int]:
        return sorted(r.fatalities for r in self.reports if r.fatalities is not None)

    @property
    def fatalities(self) -> int | None:
        """The lowest figure any report gives (ACLED's convention)."""
        figures = self.fatalities_reported
        return figures[0] if figures else None

    @property
    def claimants(self) -> list[str]:
        return sorted({r.claimed_by for r in self.reports if r.claimed_by})

    @classmethod
    def from_report(cls, report: Report) -> "Event":
        return cls(
            event_id=report.event_id,
            place=report.place,
            event_type=report.event_type,
            event_date=report.event_date,
            date_precision=report.date_precision,
            geo_precision=report.geo_precision,
            reports=(report,),
        )


def stable_id(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
