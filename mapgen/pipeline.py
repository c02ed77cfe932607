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
    sources: Sequence[str],
    *,
    year: int | None = None,
    gazetteer: Gazetteer | None = None,
    progress: bool = False,
    jobs: int = 1,
    place_files: Sequence[str] = (),
) -> tuple[list[Report], list[str], int]:
    """Reports from article sources; a source that fails is reported in `errors` and the rest go on.

    `jobs` > 1 spreads the articles over that many processes (each opens its own gazetteer with
    `place_files`); the reports come back in the articles' order either way."""
    errors: list[str] = []  # sources that could not be read
    if jobs > 1:
        articles = []
        for item in read.read_articles(sources):
            if isinstance(item, read.ReadError):
                errors.append(str(item))
            else:
                articles.append(item)
        articles = read.with_default_year(articles, year)
        if len(articles) >= 2 * jobs:
            results = list(_in_processes(articles, jobs, tuple(place_files), progress))
        else:
            gazetteer = gazetteer or (Gazetteer(place_files) if place_files else default_gazetteer())
            results = [_one_article(a, gazetteer) for a in articles]
    else:
        gazetteer = gazetteer or (Gazetteer(place_files) if place_files else default_gazetteer())
        results = _streamed(list(read.read_documents(sources)), year, gazetteer, progress, errors)
    reports: list[Report] = []
    for found, error in results:
        reports.extend(found)
        if error:
            errors.append(error)
    return reports, errors, len(results)


def _streamed(docs: list, year: int | None, gazetteer: Gazetteer, progress: bool, errors: list[str]) -> list:
    """Each article's reports as soon as it is read (its words are then still at hand), in order;
    sources that cannot be read go to `errors`.

    An article that gives no year takes the batch's year (`year`, else the one most dated articles
    have). It is read at once with the year most articles so far have, and read again at the end only
    if the batch's year turns out otherwise; before any dated article it waits for the end."""
    results: list = []
    waiting: list[tuple[int, Article]] = []
    guessed: list[tuple[int, Article, int | None]] = []  # read with the year most articles so far had
    year_counts: dict[int, int] = {}
    for doc in _progress(docs, progress, "articles"):
        item = doc if isinstance(doc, read.ReadError) else read.article_of(doc)
        if isinstance(item, read.ReadError):
            errors.append(str(item))
            continue
        if item.published is None and year is None:
            if not year_counts:
                waiting.append((len(results), item))
                results.append(None)
                continue
            guess = read.batch_year(year_counts)
            guessed.append((len(results), item, guess))
            results.append(_one_article(read.with_year(item, guess), gazetteer))
            continue
        item = read.with_year(item, year)
        if item.published:
            year_counts[item.published.year] = year_counts.get(item.published.year, 0) + 1
        results.append(_one_article(item, gazetteer))
    batch = read.batch_year(year_counts)
    for index, article in waiting:
        results[index] = _one_article(read.with_year(article, batch), gazetteer)
    for index, article, guess in guessed:
        if guess != batch:
            results[index] = _one_article(read.with_year(article, batch), gazetteer)
    return results


def _one_article(article: Article, gazetteer: Gazetteer) -> tuple[list[Report], str | None]:
    try:
        return article_reports(article, gazetteer), None
    except Exception as exc:  # keep what the other articles gave
        return [], f"{article.source}: could not extract events: {exc}"


_WORKER_GAZETTEER: Gazetteer | None = None


def _start_worker(place_files: tuple[str, ...]) -> None:
    global _WORKER_GAZETTEER
    _WORKER_GAZETTEER = Gazetteer(place_files, quiet=True)  # its own connection: none crosses a fork


def _work(chunk: list[Article]) -> list[tuple[list[Report], str | None]]:
    gazetteer = _WORKER_GAZETTEER
    assert gazetteer is not None, "the worker's gazetteer opens when the worker starts"
    return [_one_article(article, gazetteer) for article in chunk]


def _in_processes(articles: list[Article], jobs: int, place_files: tuple[str, ...], progress: bool):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    size = max(1, min(200, len(articles) // (jobs * 4)))
    chunks = [articles[i : i + size] for i in range(0, len(articles), size)]
    context = multiprocessing.get_context("spawn")  # a clean interpreter: nothing inherited half-open
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=(place_files,)) as pool:
        for chunk_results in _tracked(pool, chunks) if progress else pool.map(_work, chunks):
            yield from chunk_results


def _tracked(pool, chunks):
    """Results in order, with a progress bar advancing as chunks finish."""
    from rich.progress import Progress

    futures = [pool.submit(_work, chunk) for chunk in chunks]
    with Progress(transient=True) as bar:
        task = bar.add_task(f"Reading {sum(map(len, chunks))} articles", total=len(futures))
        for future in futures:
            result = future.result()
            bar.advance(task)
            yield result


def load_events(
    sources: Sequence[str],
    *,
    merge: bool = True,
    year: int | None = None,
    place_files: Sequence[str] = (),
    progress: bool = False,
    jobs: int = 1,
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
        found, errors, result.articles = read_reports(
            article_sources, year=year, progress=progress, jobs=jobs, place_files=place_files)
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
