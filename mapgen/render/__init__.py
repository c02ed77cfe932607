"""Maps of events: `interactive()` gives a folium Map (HTML that works offline), `static()` a matplotlib
Figure (PNG, SVG, PDF). Each imports its library only when called, so one does not pay for the other."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import folium
    from matplotlib.figure import Figure

    from mapgen.model import Event


def interactive(events: list[Event], **opts) -> folium.Map:
    """Options: title, bbox (minlon, minlat, maxlon, maxlat), width and height as CSS lengths, tiles."""
    from mapgen.render.interactive import interactive as build

    return build(events, **opts)


def static(events: list[Event], **opts) -> Figure:
    """Options: title, bbox, width and height in inches, dpi."""
    from mapgen.render.static import static as build

    return build(events, **opts)


def to_html(m: folium.Map, title: str | None = None, fragment: bool = False) -> str:
    """The page (or with `fragment`, a <div> and its scripts) with Leaflet inlined."""
    from mapgen.render.interactive import to_html as render

    return render(m, title, fragment=fragment)


__all__ = ["interactive", "static", "to_html"]
