"""Scoring events against a gold annotation (the format of shared/eval/README.md).

A system event counts as found when, for the same article, its point lies within 10 km of a gold
event's place (or the place's `radius_km`) and nearer to that place than to any other annotated place.
Precision is over the events at named places (geo_precision 1 or 2): an event at a `not_events` place,
or at no annotated event place, is a false pin; one at an `optional` place is not counted. Recall is over
the gold (article, place) pairs. Region-level events (geo_precision 3) are neither required nor counted.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from gazetteer import distance_km
from mapgen.model import Event, Report

DEFAULT_RADIUS_KM = 10.0


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    gold_total: int = 0
    gold_found: int = 0
    typed: int = 0
    typed_right: int = 0
    dated: int = 0
    dated_right: int = 0
    not_event_pins: int = 0
    misses: list[str] = field(default_factory=list)
    false_pins: list[str] = field(default_factory=list)
    wrong_types: list[str] = field(default_factory=list)
    wrong_dates: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        n = self.true_positives + self.false_positives
        return self.true_positives / n if n else 1.0

    @property
    def recall(self) -> float:
        return self.gold_found / self.gold_total if self.gold_total else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def type_accuracy(self) -> float:
        return self.typed_right / self.typed if self.typed else 1.0

    @property
    def date_accuracy(self) -> float:
        return self.dated_right / self.dated if self.dated else 1.0

    def figures(self) -> dict:
        return {
            "precision": round(self.precision, 3), "recall": round(self.recall, 3), "f1": round(self.f1, 3),
            "type_accuracy": round(self.type_accuracy, 3), "date_accuracy": round(self.date_accuracy, 3),
            "events_scored": self.true_positives + self.false_positives, "gold_events": self.gold_total,
            "events_at_not_event_places": self.not_event_pins,
        }


def article_key(source: str) -> str:
    """Gold files name articles by file name ("x.jsonl#1" for a record)."""
    path, _, record = source.partition("#")
    return Path(path).name + (f"#{record}" if record else "")


def reports_of(events: list[Event]) -> list[Report]:
    return [r for e in events for r in e.reports]


def score(gold: dict, events: list[Event]) -> Score:
    places = gold["places"]
    result = Score()
    by_article: dict[str, list[Report]] = {}
    for report in reports_of(events):
        by_article.setdefault(article_key(report.source), []).append(report)
    for name, article in gold["articles"].items():
        wanted: dict[str, list[dict]] = {}
        for event in article.get("events", []):
            wanted.setdefault(event["place"], []).append(event)
        annotated = set(wanted) | set(article.get("not_events", [])) | set(article.get("optional", []))
        found: set[str] = set()
        for report in by_article.get(name, []):
            if report.geo_precision >= 3:
                continue
            key = _nearest_place(report, places, annotated)
            label = f"{name}: {report.as_written} ({report.event_type}) at {report.place.lat:.3f},{report.place.lon:.3f}"
            if key in article.get("optional", []) and key not in wanted:
                continue
            if key not in wanted:
                result.false_positives += 1
                result.false_pins.append(label + (f" - gold says no event at {key}" if key else ""))
                result.not_event_pins += key in article.get("not_events", [])
                continue
            result.true_positives += 1
            found.add(key)
            entries = wanted[key]
            types = {t for e in entries for t in e["types"]}
            result.typed += 1
            if report.event_type in types:
                result.typed_right += 1
            else:
                result.wrong_types.append(f"{label}: gold {sorted(types)}")
            same_type = [e for e in entries if report.event_type in e["types"]] or entries
            dated = [e for e in same_type if e.get("date")]
            if dated:
                result.dated += 1
                if report.event_date and any(_within(report.event_date, e) for e in dated):
                    result.dated_right += 1
                else:
                    result.wrong_dates.append(f"{label}: {report.event_date} vs gold {[e['date'] for e in dated]}")
        result.gold_total += len(wanted)
        result.gold_found += len(found)
        result.misses.extend(f"{name}: {places[k]['name']} ({wanted[k][0]['as_written']})" for k in wanted if k not in found)
    return result


def _nearest_place(report: Report, places: dict, annotated: set[str]) -> str | None:
    best, best_distance = None, None
    for key, place in places.items():
        d = distance_km(report.place.lat, report.place.lon, place["lat"], place["lon"])
        if best_distance is None or d < best_distance:
            best, best_distance = key, d
    if best is None or best not in annotated:
        return None
    return best if best_distance <= places[best].get("radius_km", DEFAULT_RADIUS_KM) else None


def _within(value: date, entry: dict) -> bool:
    gold = date.fromisoformat(entry["date"])
    return abs((value - gold).days) <= (entry.get("date_tolerance_days") or 0)


def load_gold(path: str) -> dict:
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    if not isinstance(data, dict) or "places" not in data or "articles" not in data:
        raise ValueError(f"{path}: not a gold file (needs 'places' and 'articles')")
    return data
