"""One event as popup HTML. Everything that comes from an article is untrusted: text goes through
html.escape, a URL becomes a link only when it is http(s)."""
from __future__ import annotations

import re
from html import escape
from urllib.parse import urlsplit

from mapgen.model import Event, Report
from mapgen.render.style import PRECISION_TEXT, type_style
from mapgen.render.text import date_text, day_text

QUOTE_LIMIT = 400  # characters of the sentence shown; a runaway "sentence" must not fill the screen


def safe_url(url: str | None) -> str | None:
    """The URL if it is a plain http(s) link, else None (javascript:, data:, relative, malformed)."""
    if not url or any(ord(ch) < 33 for ch in url.strip()):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()


def marked_quote(quote: str, as_written: str) -> str:
    """The sentence, escaped, with the place name as written wrapped in <mark>."""
    if len(quote) > QUOTE_LIMIT:
        quote = quote[: QUOTE_LIMIT - 1].rstrip() + "…"
    if as_written:
        match = re.search(re.escape(as_written), quote, flags=re.IGNORECASE)
        if match:
            a, b = match.span()
            return f"{escape(quote[:a])}<mark>{escape(quote[a:b])}</mark>{escape(quote[b:])}"
    return escape(quote)


def _figures(values: list[int]) -> str:
    low, high = min(values), max(values)
    return str(low) if low == high else f"{low}–{high} (reports differ)"


def _report_html(report: Report, with_claimant: bool) -> str:
    url = safe_url(report.url)
    outlet = escape(report.outlet or report.source)
    source = f'<a href="{escape(url)}" target="_blank" rel="noopener noreferrer">{outlet}</a>' if url else outlet
    when = f", {day_text(report.published)}" if report.published else ""
    said = f" · claimed by {escape(report.claimed_by)}" if with_claimant and report.claimed_by else ""
    return (
        f'<li><span class="mg-src">{source}{when}{said}</span>'
        f'<q>{marked_quote(report.quote, report.as_written)}</q></li>'
    )


def event_html(event: Event) -> str:
    style = type_style(event.event_type)
    names = sorted({r.as_written for r in event.reports if r.as_written and r.as_written != event.place.name})
    written = f' <span class="mg-aw">as written: {escape(", ".join(names))}</span>' if names else ""
    rows = [
        f'<div class="mg-ev"><b style="color:{style.colour}">{escape(style.label)}</b>'
        f" · {escape(date_text(event.event_date, event.date_precision))}",
        f"<div><b>{escape(event.place.name)}</b>{written}</div>",
    ]
    if event.geo_precision > 1:
        rows.append(f'<div class="mg-warn">{escape(PRECISION_TEXT.get(event.geo_precision, ""))}</div>')
    claimants = event.claimants
    rows.append(f"<div>Claimed by: {escape('; '.join(claimants)) if claimants else 'not stated'}</div>")
    dead = event.fatalities_reported
    hurt = sorted(r.injured for r in event.reports if r.injured is not None)
    if dead or hurt:
        parts = [f"dead {_figures(dead)}" if dead else "", f"wounded {_figures(hurt)}" if hurt else ""]
        rows.append(f"<div>Casualties: {', '.join(p for p in parts if p)}</div>")
    n = event.independent_sources
    rows.append(
        f'<div class="mg-cor">{n} independent outlet{"" if n == 1 else "s"}'
        f'{f" ({event.report_count} reports)" if event.report_count != n else ""}</div>'
    )
    several = len(event.reports) > 1  # then say who claims what, report by report
    rows.append(f'<ul>{"".join(_report_html(r, several) for r in event.reports)}</ul></div>')
    return "".join(rows)
