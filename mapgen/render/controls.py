"""The interactive map's furniture: title, legend, date filter, place names, credits.

Each is a folium MacroElement that owns its piece of the page. Text from outside (title, place and side
names, outlets) is escaped here, in Python, before it reaches the page.
"""
from __future__ import annotations

import math
from html import escape

from folium.template import Template

from mapgen.render.element import ScriptElement, script_json
from mapgen.render.text import day_number, day_text


def symbol_svg(shape: str, fill: str, stroke: str = "#333", width: float = 1.2, dash: str = "",
               size: int = 16) -> str:
    """A legend swatch drawn like the map's marker."""
    c, r = size / 2, size * 0.3
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    paint = f'fill="{fill}" stroke="{stroke}" stroke-width="{width}"{dash_attr}'
    if shape == "square":
        body = f'<rect x="{c - r}" y="{c - r}" width="{2 * r}" height="{2 * r}" {paint}/>'
    elif shape in ("diamond", "triangle", "star"):
        body = f'<polygon points="{_points(shape, c, r)}" {paint}/>'
    else:
        body = f'<circle cx="{c}" cy="{c}" r="{r}" {paint}/>'
    return f'<svg width="{size}" height="{size}" viewBox="0 0 {size} {size}" aria-hidden="true">{body}</svg>'


def _points(shape: str, c: float, r: float) -> str:
    if shape == "diamond":
        q = r * 1.25
        pts = [(c, c - q), (c + q, c), (c, c + q), (c - q, c)]
    elif shape == "triangle":
        q = r * 1.3
        pts = [(c - q, c - q * 0.65), (c + q, c - q * 0.65), (c, c + q)]
    else:
        pts = []
        for k in range(10):
            a = math.pi * k / 5 - math.pi / 2
            q = r * (0.6 if k % 2 else 1.45)
            pts.append((c + q * math.cos(a), c + q * math.sin(a)))
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)


class Title(ScriptElement):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            var box = L.DomUtil.create('div', 'mg-box mg-title', map.getContainer());
            box.innerHTML = {{ this.html }};
            L.DomEvent.disableClickPropagation(box);
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, title: str, subtitle: str):
        super().__init__()
        self._name = "Title"
        self.html = script_json(f"<h1>{escape(title)}</h1><div>{escape(subtitle)}</div>")


class Legend(ScriptElement):
    """What the outline, the dashed circles and the marker size mean. The event types and their symbols
    are in the layer switch, where they can be turned off; here too only when that switch is folded."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            var legend = L.control({position: 'bottomleft'});
            legend.onAdd = function () {
                var box = L.DomUtil.create('details', 'mg-box mg-legend');
                box.open = map.getSize().y >= 600;  // a small map keeps its legend folded
                box.innerHTML = {{ this.html }};
                L.DomEvent.disableClickPropagation(box);
                L.DomEvent.disableScrollPropagation(box);
                return box;
            };
            legend.addTo(map);
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, sides: list[tuple[str, str, str]], precisions: set[int], grouped: bool,
                 types: list[str] = ()):
        """`sides`: (label, outline colour, dash) for the sides on the map; `types`: rows (swatch and
        label, as HTML) for the event types, when the layer switch is folded away and cannot show them."""
        super().__init__()
        self._name = "Legend"
        rows = ["<summary>Legend</summary>"]
        if types:
            rows.append("<h2>Event type</h2>")
            rows.extend(f'<div class="mg-row">{row}</div>' for row in types)
        rows.append("<h2>Who claims it (outline)</h2>")
        for label, colour, dash in sides:
            width = 1.2 if colour == "#ffffff" else 2.2
            rows.append(_row(symbol_svg("circle", "#bdbdbd", colour, width, dash), escape(label)))
        rows.append("<h2>Where</h2>")
        rows.append(_row(symbol_svg("circle", "#bdbdbd"), "at a town or village"))
        if 2 in precisions:
            rows.append(_row(_ring(), "somewhere in a district (circle ~15 km)"))
        if 3 in precisions:
            rows.append(_row(_ring(), "somewhere in a region (circle ~40 km)"))
        if grouped:
            rows.append(_row(symbol_svg("circle", "#bdbdbd", size=20), "larger: several events at the place"))
        self.html = script_json("".join(rows))


def _row(swatch: str, label: str) -> str:
    return f'<div class="mg-row">{swatch}<span>{label}</span></div>'


def _ring() -> str:
    return ('<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true"><circle cx="8" cy="8" r="6.5" '
            'fill="#888" fill-opacity=".12" stroke="#555" stroke-width="1.3" stroke-dasharray="3 2"/></svg>')


class DateFilter(ScriptElement):
    """Two sliders, from and to, over the event dates; undated events can be left out."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map, markers, html) {
            var M = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
            function fmt(n) {
                var d = new Date(n * 864e5);
                return d.getUTCDate() + ' ' + M[d.getUTCMonth()] + ' ' + d.getUTCFullYear();
            }
            var control = L.control({position: 'bottomright'});
            control.onAdd = function () {
                var box = L.DomUtil.create('div', 'mg-box mg-dates');
                box.innerHTML = html;
                L.DomEvent.disableClickPropagation(box);
                L.DomEvent.disableScrollPropagation(box);
                var from = box.querySelector('.mg-from'), to = box.querySelector('.mg-to'),
                    undated = box.querySelector('.mg-undated'), pending = false;
                function update() {
                    pending = false;
                    var lo = -1e9, hi = 1e9;
                    if (from) {
                        lo = Math.min(+from.value, +to.value);
                        hi = Math.max(+from.value, +to.value);
                        box.querySelector('.mg-lo').textContent = fmt(lo);
                        box.querySelector('.mg-hi').textContent = fmt(hi);
                    }
                    var n = markers.show(lo, hi, undated ? undated.checked : true);
                    box.querySelector('.mg-shown').textContent =
                        'showing ' + n.toLocaleString('en') + ' of ' + markers.total.toLocaleString('en') + ' events';
                }
                function later() { if (!pending) { pending = true; L.Util.requestAnimFrame(update); } }
                [from, to, undated].forEach(function (el) { if (el) L.DomEvent.on(el, 'input change', later); });
                return box;
            };
            control.addTo(map);
        })({{ this._parent.get_name() }}, {{ this.markers.get_name() }}, {{ this.html }});
        {% endmacro %}
        """
    )

    def __init__(self, markers: ScriptElement, days: list, undated: int):
        """`days`: the dates of the dated events; the page opens with all of them shown."""
        super().__init__()
        self._name = "DateFilter"
        self.markers = markers
        rows = ["<b>Dates</b>"]
        if len(set(days)) > 1:
            lo, hi = day_number(min(days)), day_number(max(days))
            rows.append(f'<div class="mg-when"><span class="mg-lo">{day_text(min(days))}</span>'
                        f'<span class="mg-hi">{day_text(max(days))}</span></div>')
            for name, value in (("from", lo), ("to", hi)):
                rows.append(f'<input type="range" class="mg-{name}" aria-label="{name}" min="{lo}" max="{hi}" '
                            f'value="{value}">')
        else:
            rows.append(f"<div>all on {day_text(days[0])}</div>" if days else "<div>no dated events</div>")
        if undated:
            rows.append(f'<label><input type="checkbox" class="mg-undated" checked> undated events ({undated})</label>')
        total = len(days) + undated
        rows.append(f'<div class="mg-shown">showing {total:,} of {total:,} events</div>')
        self.html = script_json("".join(rows))


class PlaceNames(ScriptElement):
    """Names of the places with the most events, dropped where they would overlap a more important one."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map, P) {
            var labels = P.map(function (p) {
                return L.tooltip({permanent: true, direction: 'right', className: 'mg-place', offset: [8, 0],
                                  interactive: false}).setLatLng([p[1], p[2]]).setContent(p[0]);
            });
            function place() {
                var taken = [];
                labels.forEach(function (t, i) {
                    var pt = map.latLngToContainerPoint(t.getLatLng()), w = P[i][3] * 7.5 + 14;
                    var box = L.bounds([pt.x - 12, pt.y - 9], [pt.x + w, pt.y + 9]);
                    var free = map.getBounds().contains(t.getLatLng()) &&
                        !taken.some(function (b) { return b.intersects(box); });
                    if (free) { taken.push(box); if (!t._map) t.addTo(map); } else if (t._map) { t.remove(); }
                });
            }
            map.on('zoomend moveend', place);
            map.whenReady(place);
        })({{ this._parent.get_name() }}, {{ this.places }});
        {% endmacro %}
        """
    )

    def __init__(self, places: list[tuple[str, float, float]]):
        """`places`: (name, lat, lon), most important first."""
        super().__init__()
        self._name = "PlaceNames"
        self.places = script_json([[escape(name), lat, lon, len(name)] for name, lat, lon in places])


class Credits(ScriptElement):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.html }});
        {% endmacro %}
        """
    )

    def __init__(self, text: str):
        super().__init__()
        self._name = "Credits"
        self.html = script_json(escape(text))
