"""Sources -> Articles: files, folders, globs and stdin; text, Markdown, HTML, JSON and JSON Lines.

Metadata comes, in this order, from the record itself (JSON fields, HTML meta tags), from a
`manifest.csv` beside the files (file,outlet,url,published,language,title), and from the text (a
publication line such as "Senin, 02 November 2020 - 09:06 WIB"). A source that cannot be read is
returned as a ReadError and the others go on.
"""
from __future__ import annotations

import csv
import glob
import json
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

from mapgen import dates, furniture, languages
from mapgen.model import Article
from mapgen.sentences import matches_at, positions_of

ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".ndjson")
MAX_BYTES = 20_000_000
NOT_ARTICLES = ("README", "LICENSE", "LICENCE", "CHANGELOG", "MANIFEST")  # documentation beside the articles
_TEXT_KEYS = ("text", "content", "body", "article", "maintext", "full_text")
_META_KEYS = {
    "outlet": ("outlet", "source", "site", "sitename", "site_name", "publisher", "source_name"),
    "url": ("url", "link", "href", "source_url"),
    "published": ("published", "date", "published_at", "publish_date", "date_publish", "pubdate", "datetime"),
    "language": ("language", "lang"),
    "title": ("title", "headline"),
}


@dataclass(frozen=True)
class ReadError:
    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass
class Document:
    """What a source holds before it becomes an Article."""

    source: str
    text: str
    meta: dict = field(default_factory=dict)
    html: bool = False


def expand_sources(sources: Sequence[str]) -> Iterator[str | ReadError]:
    """Every file a list of sources names: files, folders (recursively), globs, and "-" for stdin."""
    for source in sources:
        path = Path(source)
        if source == "-":
            yield source
        elif path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
                           and not p.stem.upper().startswith(NOT_ARTICLES))
            if not files:
                yield ReadError(source, "folder holds no article files (" + ", ".join(ARTICLE_SUFFIXES) + ")")
            yield from (str(p) for p in files)
        elif path.is_file():
            yield source
        elif glob.has_magic(source):
            matches = sorted(p for p in glob.glob(source, recursive=True) if Path(p).is_file())
            if matches:
                yield from matches
            else:
                yield ReadError(source, "no file matches this pattern")
        else:
            yield ReadError(source, "no such file or folder")


def read_documents(sources: Sequence[str]) -> Iterator[Document | ReadError]:
    manifests: dict[str, dict[str, dict]] = {}
    for item in expand_sources(sources):
        if isinstance(item, ReadError):
            yield item
            continue
        if item != "-" and os.path.basename(item) == "manifest.csv":
            continue
        try:
            raw = sys.stdin.buffer.read() if item == "-" else _read_bytes(item)
        except OSError as exc:
            yield ReadError(item, exc.strerror or str(exc))
            continue
        yield from _documents(item, raw, _manifest_row(manifests, item))


def _read_bytes(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


# Paths as strings (os.path), not pathlib: a batch of thousands of articles pays for every Path made.
def _manifest_row(cache: dict[str, dict[str, dict]], source: str) -> dict:
    if source == "-":
        return {}
    folder = os.path.dirname(source)
    if folder not in cache:
        cache[folder] = {}
        manifest = os.path.join(folder, "manifest.csv")
        if os.path.isfile(manifest):
            with open(manifest, encoding="utf-8-sig", newline="") as handle:
                cache[folder] = {row.get("file", ""): row for row in csv.DictReader(handle)}
    return {k: v for k, v in cache[folder].get(os.path.basename(source), {}).items() if v and k != "file"}


def _documents(source: str, raw: bytes, manifest: dict) -> Iterator[Document | ReadError]:
    if len(raw) > MAX_BYTES:
        yield ReadError(source, f"file is {len(raw) / 1e6:.0f} MB; articles of at most {MAX_BYTES / 1e6:.0f} MB are read")
        return
    if b"\x00" in raw[:8192]:
        yield ReadError(source, "binary file, not text")
        return
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            yield ReadError(source, "cannot decode the text (not UTF-8 or Windows-1252)")
            return
    suffix = os.path.splitext(source)[1].lower() if source != "-" else _sniff(text)
    if suffix in (".json", ".jsonl", ".ndjson"):
        yield from _json_documents(source, text, suffix, manifest)
    elif suffix in (".html", ".htm"):
        yield Document(source, text, dict(manifest), html=True)
    elif suffix in (".md", ".markdown"):
        yield Document(source, _markdown_to_text(text), dict(manifest))
    else:
        yield Document(source, text, dict(manifest))


def _sniff(text: str) -> str:
    head = text.lstrip()[:200].lower()
    if head.startswith("{") or head.startswith("["):
        return ".jsonl" if "\n{" in text.strip() else ".json"
    if head.startswith("<!doctype html") or head.startswith("<html") or "<body" in text[:5000].lower():
        return ".html"
    return ".txt"


def _json_documents(source: str, text: str, suffix: str, manifest: dict) -> Iterator[Document | ReadError]:
    try:
        if suffix == ".json":
            data = json.loads(text)
            records = data if isinstance(data, list) else [data]
        else:
            records = [json.loads(line) for line in text.splitlines() if line.strip()]
    except json.JSONDecodeError as exc:
        yield ReadError(source, f"invalid JSON at line {exc.lineno}: {exc.msg}")
        return
    for number, record in enumerate(records):
        name = f"{source}#{number}"
        if not isinstance(record, dict):
            yield ReadError(name, "record is not a JSON object")
            continue
        body = next((record[k] for k in _TEXT_KEYS if isinstance(record.get(k), str) and record[k].strip()), None)
        if body is None:
            yield ReadError(name, f"record has no text field ({', '.join(_TEXT_KEYS)})")
            continue
        meta = dict(manifest)
        for key, names in _META_KEYS.items():
            value = next((record[n] for n in names if isinstance(record.get(n), str) and record[n].strip()), None)
            if value:
                meta[key] = value.strip()
        is_html = "<p" in body[:2000].lower() or "<div" in body[:2000].lower()
        yield Document(name, body, meta, html=is_html)


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARK = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?)|[*_`]{1,3}", re.M)


def _markdown_to_text(text: str) -> str:
    return _MD_MARK.sub("", _MD_LINK.sub(r"\1", text))


def _html_document(doc: Document) -> Document:
    """Main text and metadata of an HTML page (trafilatura), the page's meta tags filling the gaps."""
    import trafilatura

    found = trafilatura.bare_extraction(doc.text, with_metadata=True, include_comments=False, favor_precision=True)
    if found is None:
        return replace(doc, text="", html=False)
    found = found.as_dict() if hasattr(found, "as_dict") else dict(found)
    meta = dict(doc.meta)
    for key, theirs in (("outlet", "sitename"), ("url", "url"), ("published", "date"), ("title", "title"), ("language", "language")):
        if not meta.get(key) and found.get(theirs):
            meta[key] = str(found[theirs])
    body = found.get("text") or ""
    if meta.get("title") and not body.startswith(meta["title"]):
        body = f"{meta['title']}\n{body}"
    return replace(doc, text=body, meta=meta, html=False)


_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright)\s*(?:\(c\)|©)?\s*((?:19|20)\d\d)\b", re.I)
def copyright_year(text: str) -> int | None:
    """The year of the last copyright line. The regex is tried only where a sign stands."""
    signs = positions_of(text, ("©", "(c)", "(C)")) + [at - 1 for at in positions_of(text, ("opyright", "OPYRIGHT")) if at]
    found = [m[1] for m in matches_at(_COPYRIGHT, text, sorted(signs))]
    return int(found[-1]) if found else None


def to_article(doc: Document) -> Article:
    if doc.html:
        doc = _html_document(doc)
    cleaned = furniture.strip(doc.text)
    meta = doc.meta
    language = (meta.get("language") or "").lower()[:2]
    if language not in languages.available():
        language = languages.detect(cleaned.text)
    published = dates.parse_iso(meta.get("published", "")) if meta.get("published") else None
    estimated = False
    if published is None:
        lang = languages.get(language)
        published = dates.publication_line(doc.text, lang)
        if published is None:
            # The page's copyright line, furniture though it is, dates a text that gives no year.
            published = dates.latest_full_date(cleaned.text, lang, default_year=copyright_year(doc.text))
            estimated = published is not None
    return Article(
        source=doc.source,
        text=cleaned.text,
        outlet=meta.get("outlet", "") or "",
        url=meta.get("url", "") or "",
        published=published,
        published_estimated=estimated,
        language=language,
        title=meta.get("title") or cleaned.title,
    )


def read_articles(sources: Sequence[str]) -> Iterator[Article | ReadError]:
    """Articles from sources, in order; an unreadable source gives a ReadError in its place."""
    for doc in read_documents(sources):
        yield doc if isinstance(doc, ReadError) else article_of(doc)


def article_of(doc: Document) -> Article | ReadError:
    """The article in a document, or why there is none."""
    try:
        article = to_article(doc)
    except Exception as exc:  # one bad page must not stop the rest
        return ReadError(doc.source, f"could not read the article: {exc}")
    if not article.text.strip():
        return ReadError(doc.source, "no article text found")
    return article


def batch_year(counts: Mapping[int, int]) -> int | None:
    """The year most of a batch's dated articles have, from how many articles have each year."""
    return max(set(counts), key=counts.__getitem__) if counts else None


def with_year(article: Article, year: int | None) -> Article:
    """An undated article's reference date: its latest date, those without a year taking `year`."""
    if article.published is not None or year is None:
        return article
    estimate = dates.latest_full_date(article.text, languages.get(article.language), default_year=year)
    return article if estimate is None else replace(article, published=estimate, published_estimated=True)


def with_default_year(articles: Iterable[Article], year: int | None) -> list[Article]:
    """Dates the text gives without a year ("Minggu (01/11)") take `year` or, failing that, the year most
    of the batch's articles have; an undated article's reference date is then its latest such date."""
    articles = list(articles)
    if year is None:
        year = batch_year(Counter(a.published.year for a in articles if a.published))
    return [with_year(a, year) for a in articles]
