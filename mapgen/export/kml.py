"""KML for Google Earth: a Placemark per event with a name, a description and a Point.

Google Earth shows a description as HTML, so article text in it is HTML-escaped first and then
XML-escaped by ElementTree; links are made only of http(s) URLs. Characters XML 1.0 forbids
(control characters from a bad page) are dropped.
"""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from typing import IO, Iterable

from mapgen.export.records import first_report
from mapgen.model import Event

NS = "http://www.opengis.net/kml/2.2"
NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: object) -> str:
    return NOT_XML.sub("", "" if text is None else str(text))


def _esc(text: object) -> str:
    return html.escape(clean(text), quote=True)


def description(event: Event) -> str:
    """The balloon's HTML: type, date, claimants, fatalities and every report with its source."""
    date = event.event_date.isoformat() if event.event_date else "date unknown"
    parts = [f"<p><b>{_esc(event.event_type.replace('_', ' '))}</b>, {_esc(date)} ({_esc(event.date_precision)})</p>"]
    if event.claimants:
        parts.append(f"<p>Claimed by: {_esc('; '.join(event.claimants))}</p>")
    figures = event.fatalities_reported
    if figures:
        spread = f" (reports give {figures[0]} to {figures[-1]})" if figures[0] != figures[-1] else ""
        parts.append(f"<p>Fatalities: {figures[0]}{spread}</p>")
    parts.append(f"<p>Sources: {event.report_count} report(s), {event.independent_sources} independent</p><ul>")
    for r in event.reports:
        label = _esc(r.outlet or r.source)
        if r.url.startswith(("http://", "https://")):
            label = f'<a href="{_esc(r.url)}">{label}</a>'
        when = f", published {r.published.isoformat()}" if r.published else ""
        claim = f", claimed by {_esc(r.claimed_by)}" if r.claimed_by else ""
        parts.append(f"<li>{label}{when}{claim} ({_esc(r.source)}): &#8220;{_esc(r.quote)}&#8221;</li>")
    parts.append("</ul>")
    return "".join(parts)


def _sub(parent: ET.Element, tag: str, text: object = None) -> ET.Element:
    element = ET.SubElement(parent, tag)
    if text is not None:
        element.text = clean(text)
    return element


def placemark(event: Event) -> ET.Element:
    mark = ET.Element("Placemark", id="e" + event.event_id)  # an XML id may not start with a digit
    when = event.event_date.isoformat() if event.event_date else "undated"
    _sub(mark, "name", f"{event.place.name}: {event.event_type.replace('_', ' ')}, {when}")
    _sub(mark, "description", description(event))
    if event.event_date and event.date_precision in ("day", "near"):
        _sub(_sub(mark, "TimeStamp"), "when", event.event_date.isoformat())
    elif event.event_date and event.date_precision == "month":
        _sub(_sub(mark, "TimeStamp"), "when", event.event_date.isoformat()[:7])
    data = _sub(mark, "ExtendedData")
    first = first_report(event)
    for key, value in (
        ("event_id", event.event_id),
        ("event_type", event.event_type),
        ("event_date", event.event_date.isoformat() if event.event_date else ""),
        ("date_precision", event.date_precision),
        ("place_id", event.place.id),
        ("report_count", event.report_count),
        ("independent_sources", event.independent_sources),
        ("fatalities", "" if event.fatalities is None else event.fatalities),
        ("source", first.source if first else ""),
    ):
        _sub(ET.SubElement(data, "Data", name=key), "value", value)
    point = _sub(mark, "Point")
    _sub(point, "coordinates", f"{event.place.lon!r},{event.place.lat!r}")
    return mark


def dump(events: Iterable[Event], out: IO[str]) -> int:
    out.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="{NS}"><Document>\n<name>mapgen events</name>\n')
    count = 0
    for event in events:
        out.write(ET.tostring(placemark(event), encoding="unicode"))
        out.write("\n")
        count += 1
    out.write("</Document></kml>\n")
    return count
