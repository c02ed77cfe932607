"""The HTML map in a real browser (Debian's chromium, headless, with the network cut off): it opens
without console errors, every event is on it, popups open on click, and article text cannot run code."""
from __future__ import annotations

import dataclasses
import os
import tempfile
import time
from datetime import date
from pathlib import Path

import pytest

from mapgen.model import Event, Report
from mapgen.render import interactive, to_html
from mapgen.render.samples import PLACES, sample_events

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM),
                       reason="needs Debian's chromium: apt-get install chromium chromium-driver"),
]


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,860",
                # No name resolves: anything the page fetched from the network would fail and show here.
                "--host-resolver-rules=MAP * ~NOTFOUND"):
        options.add_argument(arg)
    profile = tempfile.TemporaryDirectory(prefix="mapgen-chromium-")
    options.add_argument(f"--user-data-dir={profile.name}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()
    profile.cleanup()


def open_map(driver, path: Path) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get_log("browser")  # drop what earlier pages logged
    driver.get(path.resolve().as_uri())
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return !!(window.mapgen && window.mapgen.length)"))


def severe(driver) -> list[dict]:
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def write_map(tmp_path: Path, events: list[Event], name: str = "map.html", title: str = "Test map", **opts) -> Path:
    path = tmp_path / name
    path.write_text(to_html(interactive(events, title=title, **opts), title), encoding="utf-8")
    return path


MARKERS_JS = """
var api = window.mapgen[0], out = [];
api.groups.forEach(function (g, t) {
    if (!api.map.hasLayer(g)) return;
    g.eachLayer(function (l) {
        var p = api.map.latLngToContainerPoint(l.getLatLng());
        if (l._point && l.options.offset) { p = p.add(l.options.offset); }
        out.push({type: t, events: l.events.length, x: p.x, y: p.y, lat: l.getLatLng().lat,
                  area: !(l instanceof L.CircleMarker) || l instanceof L.Circle});
    });
});
return out;
"""


def click_at(driver, x: float, y: float) -> None:
    """A real mouse click at a point of the map, so the canvas's own hit-testing is what is tested."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    element = driver.find_element(By.CSS_SELECTOR, ".mg-map")
    size = element.size
    dx, dy = x - size["width"] / 2, y - size["height"] / 2  # the offset is from the element's centre
    ActionChains(driver).move_to_element_with_offset(element, dx, dy).click().perform()


def popup_text(driver, timeout: float = 5) -> str:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout).until(ec.visibility_of_element_located((By.CSS_SELECTOR, ".leaflet-popup-content")))
    return driver.find_element(By.CSS_SELECTOR, ".leaflet-popup-content").text


def test_sample_map_opens_offline_clean(browser, tmp_path):
    path = write_map(tmp_path, sample_events(), title="Karabakh, autumn 2020")
    started = time.perf_counter()
    open_map(browser, path)
    assert time.perf_counter() - started < 5
    assert severe(browser) == []
    assert browser.title == "Karabakh, autumn 2020"
    assert "24 Oct – 1 Nov 2020" in browser.find_element("css selector", ".mg-title").text
    assert browser.find_elements("css selector", "img.leaflet-tile") == []  # tiles stay off until chosen
    shot = tmp_path / "map.png"
    browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 20_000


def test_every_event_is_on_the_map(browser, tmp_path):
    events = sample_events()
    open_map(browser, write_map(tmp_path, events))
    markers = browser.execute_script(MARKERS_JS)
    assert sum(m["events"] for m in markers) == len(events)
    assert sum(m["area"] for m in markers) == 2  # the district and the region, as circles
    assert "showing 22 of 22 events" in browser.find_element("css selector", ".mg-dates").text


def test_click_opens_the_popup_with_the_quote(browser, tmp_path):
    open_map(browser, write_map(tmp_path, sample_events()))
    markers = browser.execute_script(MARKERS_JS)
    tartar = next(m for m in markers if abs(m["lat"] - 40.342) < 1e-6 and not m["area"])
    click_at(browser, tartar["x"], tartar["y"])
    text = popup_text(browser)
    assert "Kota Tartar kembali ditembaki artileri Armenia" in text
    assert "2 independent outlets" in text and "Tartar" in text
    assert browser.find_element("css selector", ".leaflet-popup-content mark").text in ("Terter", "Tartar")
    browser.save_screenshot(str(tmp_path / "popup.png"))
    assert severe(browser) == []


def test_events_of_one_place_are_a_list(browser, tmp_path):
    shusha = [e for e in sample_events() if e.place.id == "kb:shusha"]
    second = dataclasses.replace(shusha[0], event_id="x2", event_date=date(2020, 11, 3))
    open_map(browser, write_map(tmp_path, [shusha[0], second]))
    marker = next(m for m in browser.execute_script(MARKERS_JS) if m["events"] == 2)
    click_at(browser, marker["x"], marker["y"])
    text = popup_text(browser)
    assert "2 events" in text and "3 Nov 2020" in text and "1 Nov 2020" in text


def test_layer_switch_hides_a_type(browser, tmp_path):
    from selenium.webdriver.common.by import By

    open_map(browser, write_map(tmp_path, sample_events()))
    before = browser.execute_script(MARKERS_JS)
    label = next(el for el in browser.find_elements(By.CSS_SELECTOR, ".leaflet-control-layers-overlays label")
                 if "Armed clash" in el.text)
    label.find_element(By.TAG_NAME, "input").click()
    after = browser.execute_script(MARKERS_JS)
    assert len(after) < len(before) and all(m["type"] != 0 for m in after)


def test_date_filter(browser, tmp_path):
    open_map(browser, write_map(tmp_path, sample_events()))
    browser.execute_script("""
        var from = document.querySelector('.mg-from');
        from.value = from.max; from.dispatchEvent(new Event('input'));
    """)
    time.sleep(0.3)
    text = browser.find_element("css selector", ".mg-dates").text
    # On 1 Nov: 13 events, and the air strike of "about 31 Oct"; the undated one stays until unticked.
    assert "showing 15 of 22 events" in text, text
    browser.execute_script(
        "var u = document.querySelector('.mg-undated'); u.checked = false; u.dispatchEvent(new Event('change'));")
    time.sleep(0.3)
    assert "showing 14 of 22 events" in browser.find_element("css selector", ".mg-dates").text


def payload_events() -> list[Event]:
    place = dataclasses.replace(PLACES["shusha"], name="Shusha<img src=x onerror=window.__pwned=6>")
    report = Report(
        source="evil.txt", place=place, as_written='Shusha"><img src=x onerror=window.__pwned=2>',
        event_type="shelling", event_date=date(2020, 11, 1), date_precision="day",
        quote="Shelled <script>window.__pwned=1</script> <img src=x onerror=window.__pwned=1> Shusha",
        outlet="<img src=x onerror=window.__pwned=3>", url="javascript:window.__pwned=4",
        claimed_by="<svg onload=window.__pwned=5>", fatalities=1,
    )
    good = dataclasses.replace(report, source="evil2.txt", outlet="</script><script>window.__pwned=7</script>",
                               url="https://example.com/x\"onmouseover=\"window.__pwned=9")
    return [Event.from_report(report), Event.from_report(good), *sample_events()[:3]]


def test_article_text_cannot_run_code(browser, tmp_path):
    path = write_map(tmp_path, payload_events(), title="<img src=x onerror=window.__pwned=8>")
    open_map(browser, path)
    markers = browser.execute_script(MARKERS_JS)
    shusha = max(markers, key=lambda m: m["events"])  # the two payload reports and the sample one
    click_at(browser, shusha["x"], shusha["y"])
    text = popup_text(browser)
    assert "<script>window.__pwned=1</script>" in text  # shown as text, not run
    links = browser.find_elements("css selector", ".leaflet-popup-content a")
    assert links and all(link.get_attribute("href").startswith("https://") for link in links)
    browser.execute_script("""
        var api = window.mapgen[0];
        api.groups.forEach(function (g) { g.eachLayer(function (l) { l.openTooltip(); l.openPopup(); }); });
        document.querySelectorAll('.leaflet-popup-content a').forEach(function (a) {
            a.dispatchEvent(new MouseEvent('mouseover'));
        });
    """)
    time.sleep(0.3)
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    assert browser.execute_script("return document.querySelectorAll('script:not([src])').length") > 0
    assert severe(browser) == []  # an injected <img src=x> would have failed to load here


def test_fragment_inside_a_host_page(browser, tmp_path):
    fragment = to_html(interactive(sample_events(), height="480px"), fragment=True)
    host = tmp_path / "host.html"
    host.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Host</title></head><body>"
        "<h1 id='headline'>Our story</h1><p>Text before the map.</p>" + fragment + "<p>After.</p></body></html>",
        encoding="utf-8",
    )
    open_map(browser, host)
    assert severe(browser) == []
    assert browser.execute_script("return document.querySelector('.mg-map').offsetHeight") == 480
    assert browser.execute_script("return getComputedStyle(document.body).marginTop") == "8px"
    assert len(browser.execute_script(MARKERS_JS)) > 10


def test_one_event_and_undated_events_only(browser, tmp_path):
    one = sample_events()[:1]
    open_map(browser, write_map(tmp_path, one, name="one.html"))
    assert "all on 1 Nov 2020" in browser.find_element("css selector", ".mg-dates").text
    assert severe(browser) == []
    undated = [e for e in sample_events() if e.event_date is None]
    open_map(browser, write_map(tmp_path, undated, name="undated.html"))
    browser.execute_script(
        "var u = document.querySelector('.mg-undated'); u.checked = false; u.dispatchEvent(new Event('change'));")
    time.sleep(0.3)
    assert "showing 0 of 1 events" in browser.find_element("css selector", ".mg-dates").text
    assert severe(browser) == []
