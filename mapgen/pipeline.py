"""From sources to events in one call: what `mapgen events` and `mapgen map` run."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from gazetteer import Gazetteer
from mapgen import languages, read
from mapgen.mentions import default_gazetteer, geoparse
from mapgen.model import Article, Event, Report
from mapgen.reports import extract

EVENT_FILE_SUFFIXES = (".geojson", ".gpkg")


@dataclass
class LoadResult:
    events: list[Event] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # one line per source that could not be used
    articles: int = 0


def article_reports(article: Article, gazetteer: Gazetteer | None = None) -> list[Report]:
    """Everything one article reports: geoparse, then decide which places saw violence."""
    lang = languages.get(article.language or languages.detect(article.text))
    mentions = geoparse(article, gazetteer=gazetteer or default_gazetteer(), language=lang.code)
    return extract(article, mentions, lang)


def is_events_file(source: str) -> bool:
    return Path(source).suffix.lower() in EVENT_FILE_SUFFIXES


def read_reports(
    sources: Sequence[str], *, year: int | None = None, gazetteer: Gazetteer | None = None, progress: bool = False
) -> tuple[list[Report], list[str], int]:
    """Reports from article sources; a source that fails is reported in `errors` and the rest go on."""
    errors: list[str] = []
    articles: list[Article] = []
    for item in read.read_articles(sources):
        if isinstance(item, read.ReadError):
            errors.append(str(item))
        else:
            articles.append(item)
    articles = read.with_default_year(articles, year)
    gazetteer = gazetteer or default_gazetteer()
    reports: list[Report] = []
    for article in _progress(articles, progress, "articles"):
        try:
            reports.extend(article_reports(article, gazetteer))
        except Exception as exc:  # keep what the other articles gave
            errors.append(f"{article.source}: could not extract events: {exc}")
    return reports, errors, len(articles)


def load_events(
    sources: Sequence[str],
    *,
    merge: bool = True,
    year: int | None = None,
    place_files: Sequence[str] = (),
    progress: bool = False,
) -> LoadResult:
    """Read articles (or events files written by `mapgen events`) and return their events."""
    from mapgen import export
    from mapgen import merge as merging

    result = LoadResult()
    reports: list[Report] = []
    for path in (s for s in sources if is_events_file(s)):
        try:
            reports.extend(r for event in export.read_events(path) for r in event.reports)
        except Exception as exc:
            result.errors.append(f"{path}: cannot read events: {exc}")
    article_sources = [s for s in sources if not is_events_file(s)]
    if article_sources:
        gazetteer = Gazetteer(place_files) if place_files else default_gazetteer()
        found, errors, result.articles = read_reports(article_sources, year=year, gazetteer=gazetteer, progress=progress)
        reports.extend(found)
        result.errors.extend(errors)
    # Reports from an events file and from new articles merge as one set: one event, every source.
    result.events = merging.merge(reports) if merge else merging.unmerged(reports)
    return result


def _progress(items: list, enabled: bool, label: str) -> Iterable:
    if not enabled or len(items) < 2:
        return items
    from rich.progress import track

    return track(items, description=f"Reading {len(items)} {label}", transient=True)
