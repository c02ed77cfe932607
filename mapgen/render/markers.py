"""The events on the interactive map: one FeatureGroup per event type, drawn on canvas.

Events travel as one compact JSON array and the markers are made in the browser, so 10,000 events stay
smooth. Events of one type at one place share a marker whose popup lists them all; markers of different
types at one place sit side by side around it rather than on top of each other. District- and
region-level events are large dashed circles, sized in metres, kept under the point markers.
"""
from __future__ import annotations

from datetime import date
from html import escape

import folium
from folium.template import Template

from mapgen.model import Event
from mapgen.render import popup, text
from mapgen.render.element import ScriptElement, script_json
from mapgen.render.style import AREA_RADIUS_M, NO_CLAIM, PRECISION_TEXT, SEVERAL_SIDES, Sides, type_style
from mapgen.render.text import day_number


class EventMarkers(ScriptElement):
    """Fills the type layers with markers for the events within a date window; `show(lo, hi, undated)`
    in the page redraws them and returns how many events are on the map."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function (map, groups) {
            var D = {{ this.data }};
            var E = D.events, HTML = D.html, T = D.types, S = D.sides, NONE = S.length - 2, SEVERAL = S.length - 1;
            {{ this.shapes_js }}
            var areas = [];
            function back() { areas.forEach(function (a) { if (a._map) a.bringToBack(); }); }
            function popup(ids) {
                var e = E[ids[0]], n = ids.length, t = T[e[2]];
                var head = '<div class="mg-head"><b>' + D.places[e[7]] + '</b> · ' + (n > 1 ? n + ' events: ' : '') +
                    t.label + '</div>';
                return head + ids.map(function (i) { return HTML[i]; }).join('');
            }
            function side(ids) {
                var found = -1;
                for (var k = 0; k < ids.length; k++) {
                    var s = E[ids[k]][3];
                    if (s === NONE) continue;
                    if (s === SEVERAL || (found >= 0 && found !== s)) return SEVERAL;
                    found = s;
                }
                return found < 0 ? NONE : found;
            }
            function show(lo, hi, undated) {
                groups.forEach(function (g) { g.clearLayers(); });
                areas = [];
                var buckets = {}, order = [], perPlace = {}, shown = 0;
                for (var i = 0; i < E.length; i++) {
                    var e = E[i];
                    if (e[5] === null ? !undated : (e[6] < lo || e[5] > hi)) continue;
                    shown++;
                    var key = e[7] + ':' + e[2];
                    if (!buckets[key]) {
                        buckets[key] = [];
                        order.push(key);
                        if (e[4] === 1) (perPlace[e[7]] = perPlace[e[7]] || []).push(key);
                    }
                    buckets[key].push(i);
                }
                function radius(n) { return Math.min(6 + 2 * Math.log2(n), 13); }
                order.forEach(function (key) {
                    var ids = buckets[key], e = E[ids[0]], t = T[e[2]], s = S[side(ids)], layer;
                    var tip = D.places[e[7]] + ' · ' + (ids.length > 1 ? ids.length + ' × ' : '') + t.label;
                    if (e[4] > 1) {
                        layer = L.circle([e[0], e[1]], {
                            radius: D.area[e[4]] * (1 + 0.06 * e[2]), color: t.colour, weight: 2,
                            dashArray: '7 5', fillColor: t.colour, fillOpacity: 0.07
                        });
                        tip += ' · ' + D.precision[e[4]];
                        areas.push(layer);
                    } else {
                        var mates = perPlace[e[7]], offset = [0, 0];
                        if (mates.length > 1) {  // side by side around the place, not on top of each other
                            var ring = 1.2 * Math.max.apply(null, mates.map(function (k) { return radius(buckets[k].length); }));
                            var a = 2 * Math.PI * mates.indexOf(key) / mates.length - Math.PI / 2;
                            offset = [Math.round(ring * Math.cos(a)), Math.round(ring * Math.sin(a))];
                        }
                        layer = new Shape([e[0], e[1]], {
                            shape: t.shape, radius: radius(ids.length), offset: offset,
                            fillColor: t.colour, fillOpacity: 0.95, color: s.colour, weight: s.weight,
                            dashArray: s.dash || null
                        });
                    }
                    layer.events = ids;  // which events the marker stands for
                    layer.bindTooltip(tip, {direction: 'top'});
                    layer.bindPopup(function () { return popup(ids); }, {maxWidth: 380, minWidth: 260, maxHeight: 340,
                                                                  autoPanPaddingTopLeft: [60, 90]});
                    groups[e[2]].addLayer(layer);
                });
                back();
                return shown;
            }
            map.on('overlayadd', back);
            var api = {map: map, show: show, total: E.length, groups: groups};
            (window.mapgen = window.mapgen || []).push(api);  // a handle for host pages and tests
            return api;
        })({{ this._parent.get_name() }}, [{% for g in this.groups %}{{ g.get_name() }}{{ "," if not loop.last }}{% endfor %}]);
        {{ this.get_name() }}.show(-1e9, 1e9, true);
        {% endmacro %}
        """
    )

    def __init__(self, events: list[Event], types: list[str], sides: Sides, groups: list[folium.FeatureGroup]):
        """`types`: the event types in the order of their layers, `groups`."""
        super().__init__()
        self._name = "EventMarkers"
        self.groups = groups
        self.shapes_js = SHAPES_JS
        self.data = script_json(_data(events, types, sides))


def _data(events: list[Event], types: list[str], sides: Sides) -> dict:
    type_index = {key: i for i, key in enumerate(types)}
    places: dict[str, int] = {}
    rows, html = [], []
    for event in sorted(events, key=lambda e: (e.event_date is None, e.event_date or date.min, e.event_id)):
        span = text.day_span(event.event_date, event.date_precision)
        place = places.setdefault(event.place.id, len(places))
        rows.append([
            round(event.place.lat, 5), round(event.place.lon, 5), type_index[event.event_type],
            sides.index(event), event.geo_precision if event.geo_precision in AREA_RADIUS_M else 1,
            day_number(span[0]) if span else None, day_number(span[1]) if span else None, place,
        ])
        html.append(popup.event_html(event))
    names = {e.place.id: e.place.name for e in events}
    side_styles = [{"colour": c, "weight": 2.5} for _, c in sides.sides]
    side_styles += [{"colour": NO_CLAIM[1], "weight": 1.2}, {"colour": SEVERAL_SIDES[1], "weight": 2.5, "dash": "3 2"}]
    return {
        "events": rows,
        "html": html,
        "places": [escape(names[pid]) for pid in places],
        "types": [{"label": escape(s.label), "colour": s.colour, "shape": s.shape} for s in map(type_style, types)],
        "sides": side_styles,
        "area": AREA_RADIUS_M,
        "precision": {k: escape(PRECISION_TEXT[k]) for k in AREA_RADIUS_M},
    }


# A CircleMarker drawn as a circle, square, diamond, triangle or star on the canvas, optionally shifted
# by a few pixels; hit-testing follows the shift. Any other renderer gets the plain circle.
SHAPES_JS = """
            function outline(ctx, shape, x, y, r) {
                var k, a, q;
                if (shape === 'square') { q = r * 0.9; ctx.rect(x - q, y - q, 2 * q, 2 * q); return; }
                if (shape === 'diamond') {
                    q = r * 1.25; ctx.moveTo(x, y - q); ctx.lineTo(x + q, y); ctx.lineTo(x, y + q); ctx.lineTo(x - q, y);
                    ctx.closePath(); return;
                }
                if (shape === 'triangle') {
                    q = r * 1.3; ctx.moveTo(x - q, y - q * 0.65); ctx.lineTo(x + q, y - q * 0.65); ctx.lineTo(x, y + q);
                    ctx.closePath(); return;
                }
                if (shape === 'star') {
                    for (k = 0; k < 10; k++) {
                        a = Math.PI * k / 5 - Math.PI / 2; q = k % 2 ? r * 0.6 : r * 1.45;
                        ctx[k ? 'lineTo' : 'moveTo'](x + q * Math.cos(a), y + q * Math.sin(a));
                    }
                    ctx.closePath(); return;
                }
                ctx.arc(x, y, r, 0, Math.PI * 2, false);
            }
            var Shape = L.CircleMarker.extend({
                _project: function () {
                    L.CircleMarker.prototype._project.call(this);
                    var o = this.options.offset;
                    if (o && (o[0] || o[1])) { this._point = this._point.add(o); this._updateBounds(); }
                },
                _updateBounds: function () {  // the star and diamond reach past the circle
                    var p = L.point(1, 1).multiplyBy(this._radius * 1.5 + this._clickTolerance());
                    this._pxBounds = L.bounds(this._point.subtract(p), this._point.add(p));
                },
                _updatePath: function () {
                    var r = this._renderer;
                    if (!(r instanceof L.Canvas)) { r._updateCircle(this); return; }
                    if (!r._drawing || this._empty()) return;
                    r._ctx.beginPath();
                    outline(r._ctx, this.options.shape, this._point.x, this._point.y, this._radius);
                    r._fillStroke(r._ctx, this);
                }
            });
"""
