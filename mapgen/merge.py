"""One event, many reports: merge reports of the same happening across articles, keeping every claim.

Rules (each one is tested in tests/test_merge.py):

1. Place: reports merge only when their Place.id is the same. Never by coordinates: two villages a
   few hundred metres apart, or a town and the district named after it, stay apart.
2. Type: the same type merges. `attack` (type unspecified) merges with one specific type
   (`armed_clash`, `shelling`, `air_strike`) and the event takes the specific type. The specific
   types never merge with each other (shelling and an air strike are two events), and `capture`
   merges only with `capture`.
3. Date: each report's date is a window: "day" the day itself, "near" the day +-1, "month" the whole
   month. Two reports can be one event when their windows overlap, and an event keeps the overlap of
   all its reports' windows, so every report in it can be about one and the same day (no chaining
   of day 1 to day 3 through a report of "around day 2"). A report with no date ("unknown", or no
   event_date) fits any dated event.
4. Which event: reports are placed from the most precise to the vaguest (day, near, month,
   unknown; within each, specific types before `attack`), in an order fixed by their content, so the
   result does not depend on the input order. A report joins the one event it fits. When it fits
   several, it prefers those of exactly its own type, then those whose window holds its own date;
   if that still leaves several it joins none of them (that would be a guess) and goes with the
   other reports as vague as itself (same type and date window) in an event of their own. So an
   undated report joins a dated event only when that is the only candidate.
5. The event: its date and date_precision are those of its most precise reports (the earliest
   date among them); geo_precision the best of its reports'. Its event_id is
   stable_id("event", place id, type, date, date precision): stable across runs and independent of
   input order; it changes only when a new report makes the type more specific or the date sharper.
6. Nothing is dropped: an event keeps every report (each with its claimed_by, fatalities, quote),
   sorted by date then source. Identical reports (the same article given twice) count once.
   Event.fatalities is the lowest figure; fatalities_range() gives (lowest, highest).
   Event.independent_sources counts outlets (two articles of one outlet count once);
   filter_min_sources() keeps events with at least n of them (`--min-sources`).

Reports are grouped by place id first and looked up by day within a place, so the cost grows with
the number of reports, not their pairs.
"""
from __future__ import annotations

import calendar
from collections import defaultdict
from datetime import date
from typing import Iterable

from mapgen.model import Event, Report, stable_id

PRECISION_RANK = {"day": 0, "near": 1, "month": 2, "unknown": 3}
UNSPECIFIED = "attack"
EXCLUSIVE = frozenset({"capture"})  # merges with its own type only


def compatible(a: str, b: str) -> bool:
    if a == b:
        return True
    if a in EXCLUSIVE or b in EXCLUSIVE:
        return False
    return UNSPECIFIED in (a, b)


def specific(a: str, b: str) -> str:
    """The more specific of two compatible types."""
    return b if a == UNSPECIFIED else a


def precision_of(report: Report) -> str:
    if report.event_date is None:
        return "unknown"
    return report.date_precision if report.date_precision in PRECISION_RANK else "day"


def window(report: Report) -> tuple[int, int] | None:
    """The days (as ordinals) the report's date may mean; None when it has no date."""
    precision = precision_of(report)
    if precision == "unknown":
        return None
    day = report.event_date
    assert day is not None
    if precision == "near":
        return day.toordinal() - 1, day.toordinal() + 1
    if precision == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return date(day.year, day.month, 1).toordinal(), date(day.year, day.month, last).toordinal()
    return day.toordinal(), day.toordinal()


def report_key(report: Report) -> tuple:
    """A total order on reports by content, so merging does not depend on input order."""
    day = report.event_date
    return (
        day is None,
        day.toordinal() if day else 0,
        report.source,
        report.outlet,
        report.url,
        report.as_written,
        report.quote,
        report.event_type,
        report.date_precision,
        report.claimed_by or "",
        report.published.toordinal() if report.published else 0,
        report.language,
        -1 if report.fatalities is None else report.fatalities,
        -1 if report.injured is None else report.injured,
        report.confidence,
        report.geo_precision,
        report.place.name,
    )


class _Cluster:
    __slots__ = ("type", "lo", "hi", "reports")

    def __init__(self, report: Report, span: tuple[int, int] | None) -> None:
        self.type = report.event_type
        self.lo, self.hi = span if span else (None, None)
        self.reports = [report]

    def fits(self, kind: str, span: tuple[int, int]) -> bool:
        if not compatible(self.type, kind):
            return False
        return self.lo is None or (self.lo <= span[1] and span[0] <= self.hi)

    def add(self, report: Report, span: tuple[int, int] | None) -> None:
        self.reports.append(report)
        self.type = specific(self.type, report.event_type)
        if span is not None:
            if self.lo is None:
                self.lo, self.hi = span
            else:
                self.lo, self.hi = max(self.lo, span[0]), min(self.hi, span[1])


def _choose(candidates: list[_Cluster], report: Report, span: tuple[int, int] | None) -> _Cluster | None:
    if len(candidates) > 1:
        same = [c for c in candidates if c.type == report.event_type]
        candidates = same or candidates
    if len(candidates) > 1 and span is not None:
        anchor = report.event_date.toordinal()  # type: ignore[union-attr]
        holding = [c for c in candidates if c.lo is None or c.lo <= anchor <= c.hi]
        candidates = holding or candidates
    return candidates[0] if len(candidates) == 1 else None


def _cluster_place(reports: list[Report]) -> list[_Cluster]:
    reports.sort(key=lambda r: (PRECISION_RANK[precision_of(r)], r.event_type == UNSPECIFIED, report_key(r)))
    clusters: list[_Cluster] = []
    by_day: dict[int, list[_Cluster]] = defaultdict(list)  # dated clusters under every day of their window
    by_type: dict[str, dict[int, _Cluster]] = defaultdict(dict)  # for undated reports: no scan of all
    vague: dict[tuple, _Cluster] = {}  # (type, window) -> the event of reports that fitted several
    for report in reports:
        kind, span = report.event_type, window(report)
        if span is None:
            target, ambiguous = _undated_target(by_type, kind)
        else:
            seen: dict[int, _Cluster] = {}
            for day in range(span[0], span[1] + 1):
                for c in by_day.get(day, ()):
                    seen.setdefault(id(c), c)
            candidates = [c for c in seen.values() if c.fits(kind, span)]
            target = _choose(candidates, report, span) if candidates else None
            ambiguous = len(candidates) > 1
        if target is None and ambiguous:
            target = vague.get((kind, span))
        if target is not None:
            before = target.type
            target.add(report, span)
            if target.type != before:
                del by_type[before][id(target)]
                by_type[target.type][id(target)] = target
            continue
        cluster = _Cluster(report, span)
        clusters.append(cluster)
        by_type[kind][id(cluster)] = cluster
        if ambiguous:
            vague[(kind, span)] = cluster
        if span is not None:
            for day in range(span[0], span[1] + 1):
                by_day[day].append(cluster)
    return clusters


def _undated_target(by_type: dict[str, dict[int, _Cluster]], kind: str) -> tuple[_Cluster | None, bool]:
    """_choose for a report with no date, which fits every event of a compatible type: (event, ambiguous)."""
    pools = [pool for t, pool in by_type.items() if pool and compatible(t, kind)]
    total = sum(len(pool) for pool in pools)
    if total <= 1:
        return (next(iter(pools[0].values())) if total else None), False
    same = by_type.get(kind) or {}
    return (next(iter(same.values())) if len(same) == 1 else None), len(same) != 1


def _event(cluster: _Cluster) -> Event:
    reports = sorted(cluster.reports, key=report_key)
    dated = [r for r in reports if precision_of(r) != "unknown"]
    if dated:
        best = min(PRECISION_RANK[precision_of(r)] for r in dated)
        sharpest = [r for r in dated if PRECISION_RANK[precision_of(r)] == best]
        day = min(r.event_date for r in sharpest)  # type: ignore[type-var]
        precision = precision_of(sharpest[0])
    else:
        day, precision = None, "unknown"
    place = reports[0].place
    return Event(
        event_id=stable_id("event", place.id, cluster.type, day.isoformat() if day else "", precision),
        place=place,
        event_type=cluster.type,
        event_date=day,
        date_precision=precision,
        geo_precision=min(r.geo_precision for r in reports),
        reports=tuple(reports),
    )


def _event_order(event: Event) -> tuple:
    day = event.event_date
    return (day is None, day or date.min, event.place.name, event.place.id, event.event_type, event.event_id)


def merge(reports: Iterable[Report]) -> list[Event]:
    """Events from reports, merged by the rules above; sorted by date, place and type."""
    by_place: dict[str, list[Report]] = defaultdict(list)
    for report in dict.fromkeys(reports):  # identical reports count once
        by_place[report.place.id].append(report)
    events = [_event(c) for place_reports in by_place.values() for c in _cluster_place(place_reports)]
    _settle_collisions(events)
    events.sort(key=_event_order)
    return events


def _settle_collisions(events: list[Event]) -> None:
    """Two events that would share an id (an edge of rule 4) each get their first report's key added."""
    from dataclasses import replace

    seen: dict[str, list[int]] = defaultdict(list)
    for index, event in enumerate(events):
        seen[event.event_id].append(index)
    for indices in seen.values():
        if len(indices) > 1:
            for index in indices:
                event = events[index]
                extra = "\x1f".join(map(str, report_key(event.reports[0])))
                events[index] = replace(event, event_id=stable_id(event.event_id, extra))


def unmerged(reports: Iterable[Report]) -> list[Event]:
    """One event per report (`--no-merge`)."""
    return [Event.from_report(r) for r in reports]


def fatalities_range(event: Event) -> tuple[int, int] | None:
    """(lowest, highest) fatality figure the reports give; None when none gives one."""
    figures = event.fatalities_reported
    return (figures[0], figures[-1]) if figures else None


def filter_min_sources(events: Iterable[Event], n: int) -> list[Event]:
    """Events reported by at least n independent sources (outlets; `--min-sources`)."""
    return [e for e in events if e.independent_sources >= n]
