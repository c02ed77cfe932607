"""The interactive map: layers, popups, escaping, the offline page and the fragment."""
from __future__ import annotations

import dataclasses
import json
import re
from datetime import date

import folium
import pytest

from gazetteer.model import Place
from mapgen.model import Event, Report
from mapgen.render import interactive, to_html
from mapgen.render.element import script_json
from mapgen.render.popup import event_html, marked_quote, safe_url
from mapgen.render.samples import PLACES, sample_events
from mapgen.render.style import Sides, side_key
from mapgen.render.text import range_text


@pytest.fixture(scope="module")
def events():
    return sample_events()


@pytest.fixture(scope="module")
def page(events):
    return to_html(interactive(events, title="Karabakh, autumn 2020"), "Karabakh, autumn 2020")


def payload_event() -> Event:
    place = dataclasses.replace(PLACES["shusha"], name="Shusha<script>window.__pwned=6</script>")
    report = Report(
        source="evil.txt", place=place, as_written='<img src=x onerror="window.__pwned=2">',
        event_type="shelling", event_date=date(2020, 11, 1), date_precision="day",
        quote="Before <script>window.__pwned=1</script> after <img src=x onerror=window.__pwned=1>",
        outlet="<img src=x onerror=window.__pwned=3>", url="javascript:window.__pwned=4",
        claimed_by="<svg onload=window.__pwned=5>", fatalities=1,
    )
    return Event.from_report(report)


def test_popup_escapes_everything_from_the_article():
    html = event_html(payload_event())
    assert "<script" not in html and "<img" not in html and "<svg" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x" in html
    assert "href=" not in html  # the only URL is javascript:, so no link at all


def test_safe_url_takes_only_http_links():
    assert safe_url("https://example.com/a?b=1") == "https://example.com/a?b=1"
    assert safe_url("HTTP://example.com") == "HTTP://example.com"
    for bad in ("javascript:alert(1)", " javascript:alert(1)", "data:text/html,<b>", "//example.com",
                "/relative", "https://", "http://exa mple.com", "java\nscript:alert(1)", "", None):
        assert safe_url(bad) is None, bad


def test_a_link_is_escaped_and_opens_apart():
    event = sample_events()[0]
    report = dataclasses.replace(event.reports[0], url='https://example.com/"onmouseover=alert(1)')
    html = event_html(dataclasses.replace(event, reports=(report,)))
    assert 'href="https://example.com/&quot;onmouseover=alert(1)"' in html
    assert 'rel="noopener noreferrer"' in html


def test_quote_marks_the_name_as_written():
    assert marked_quote("Shelling hit SHUSHI at night <b>", "Shushi") == (
        "Shelling hit <mark>SHUSHI</mark> at night &lt;b&gt;"
    )
    assert marked_quote("No name here", "Shushi") == "No name here"
    assert len(marked_quote("x" * 5000, "")) <= 400


def test_popup_says_what_a_reader_needs(events):
    tartar = next(e for e in events if e.place.id == "kb:tartar")
    html = event_html(tartar)
    for words in ("Shelling", "24 Oct 2020", "Tartar", "as written: Terter", "Claimed by:",
                  "dead 1–2 (reports differ)", "wounded 2", "2 independent outlets", "<mark>Terter</mark>",
                  "Arrahmah.com", "Example News", "25 Oct 2020"):
        assert words in html, words
    region = next(e for e in events if e.geo_precision == 3)
    assert "region-level" in event_html(region)
    undated = next(e for e in events if e.event_date is None)
    assert "date unknown" in event_html(undated)


def test_script_json_cannot_close_the_script():
    out = script_json({"q": "</script><script>alert(1)</script> <!-- \u2028"})
    assert "</script" not in out and "<!--" not in out and "\u2028" not in out
    assert json.loads(out) == {"q": "</script><script>alert(1)</script> <!-- \u2028"}


def test_sides_group_claimants_by_country():
    assert side_key("Azerbaijan Ministry of Defence") == "azerbaijan"
    sides = Sides(sample_events())
    labels = [label for label, _ in sides.sides]
    assert labels == ["Azerbaijan", "Nagorno-Karabakh"]  # Azerbaijani officials join Azerbaijan


def test_one_layer_per_event_type(events):
    m = interactive(events)
    assert isinstance(m, folium.Map)
    groups = [c for c in m._children.values() if type(c) is folium.FeatureGroup]
    names = [g.layer_name for g in groups]
    assert len(names) == len({e.event_type for e in events})
    assert any("Armed clash (8)" in n for n in names) and any("Shelling / missile (9)" in n for n in names)
    tiles = [c for c in m._children.values() if isinstance(c, folium.TileLayer)]
    assert tiles and all(not t.show and not t.overlay for t in tiles)  # offered, off by default


def test_page_is_offline_and_self_contained(page):
    assert not re.search(r'<script[^>]+src=', page)
    assert not re.search(r'<link[^>]+stylesheet', page)
    assert "Leaflet 1.9.3" in page and ".leaflet-container" in page
    assert "jquery" not in page.lower() and "bootstrap" not in page.lower()
    assert '"preferCanvas": true' in page and '"maxZoom": 14' in page
    assert "L.control.layers" in page


def test_page_has_title_dates_and_attribution(page):
    assert "<title>Karabakh, autumn 2020</title>" in page
    assert "24 Oct – 1 Nov 2020" in page
    for credit in ("GeoNames (CC BY 4.0)", "Natural Earth", "SINDOnews", "Arrahmah.com"):
        assert credit in page


def test_sample_page_stays_small(page):
    assert len(page.encode()) < 600_000


def test_every_event_reaches_the_page(events, page):
    data = json.loads(re.search(r"var D = (\{.*?\});\n", page).group(1))
    assert len(data["events"]) == len(events) == len(data["html"])
    precisions = sorted({row[4] for row in data["events"]})
    assert precisions == [1, 2, 3]


def test_title_and_names_are_escaped():
    m = interactive([payload_event()], title="<script>window.__pwned=7</script>")
    html = to_html(m, "<script>window.__pwned=7</script>")
    assert "__pwned" in html
    assert not re.search(r"<script>window\.__pwned", html)
    assert not re.search(r"<(img|svg)[^>]*__pwned", html)


def test_fragment_is_a_div_with_its_scripts(events):
    html = to_html(interactive(events, height="500px"), fragment=True)
    assert html.lstrip().startswith('<div class="mapgen-fragment">')
    assert "<html" not in html and "<head" not in html and "<body" not in html
    assert "html,body" not in html.replace(" ", "")
    assert "Leaflet 1.9.3" in html and "height: 500px" in html


def test_bbox_sets_the_opening_view(events):
    html = to_html(interactive(events, bbox=(46.0, 39.0, 48.0, 41.0)))
    assert "[[39.0, 46.0], [41.0, 48.0]]" in html


def test_no_events_is_an_error():
    with pytest.raises(ValueError):
        interactive([])


def test_unknown_type_gets_its_own_grey_layer():
    base = sample_events()[0]
    odd = dataclasses.replace(base, event_type="looting")
    m = interactive([base, odd])
    names = [c.layer_name for c in m._children.values() if type(c) is folium.FeatureGroup]
    assert any("Looting" in n for n in names)


def test_range_text():
    one = sample_events()[:1]
    assert range_text(one) == "1 Nov 2020"
    assert range_text([e for e in sample_events() if e.event_date is None]) == "dates unknown"
    far = dataclasses.replace(one[0], event_date=date(2019, 12, 30))
    assert range_text([far, one[0]]) == "30 Dec 2019 – 1 Nov 2020"


def test_place_far_from_the_sample_region():
    quito = Place("x:quito", "Quito", "city", -0.2299, -78.5249, "EC")
    event = dataclasses.replace(sample_events()[0], place=quito)
    html = to_html(interactive([event]))
    assert "ECUADOR" in html.upper()


def test_article_text_is_never_read_as_a_template():
    """folium re-renders a macro's output as Jinja; article text must come through as written."""
    event = sample_events()[0]
    quote = "Shusha {{ 7*7 }} {{ this.__class__.__name__ }} {% if true %}yes{% endif %} {# x #}"
    report = dataclasses.replace(event.reports[0], quote=quote, outlet="{{ 6*7 }}")
    html = to_html(interactive([dataclasses.replace(event, reports=(report,))], title="{{ 5*5 }}"), "{{ 5*5 }}")
    assert "{{ 7*7 }} {{ this.__class__.__name__ }} {% if true %}yes{% endif %} {# x #}" in html
    assert "{{ 6*7 }}" in html and "<title>{{ 5*5 }}</title>" in html


def test_assets_are_inlined_and_unknown_files_refused():
    from mapgen.render.assets import MissingFile, inline

    page = inline('<script src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"></script>'
                  '<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"/>')
    assert not re.search(r"<script[^>]+src=", page) and "Leaflet 1.9.3" in page and "<style>" in page
    with pytest.raises(MissingFile):
        inline('<script src="https://example.com/tracker.js"></script>')
