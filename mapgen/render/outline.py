"""The offline background of the interactive map: land, coasts, borders and country names, drawn on
their own canvas under the events. It is a base layer, so the tile layers can replace it when online."""
from __future__ import annotations

from html import escape

import folium
from folium.template import Template

from mapgen.render import basemap
from mapgen.render.element import script_json
from mapgen.render.style import LAND, LINE


class OutlineMap(folium.FeatureGroup):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.featureGroup();
        (function (map, group) {
            var pane = map.createPane('mg-outline');
            pane.style.zIndex = 250;
            pane.style.pointerEvents = 'none';
            L.geoJSON({{ this.shapes }}, {
                pane: 'mg-outline', interactive: false,
                style: function (f) {
                    return f.properties.k === 'land'
                        ? {stroke: false, fillColor: {{ this.land|tojson }}, fillOpacity: 1}
                        : {color: {{ this.line|tojson }}, weight: 1.1, opacity: 1, fill: false};
                }
            }).addTo(group);
            {{ this.labels }}.forEach(function (c) {
                L.marker([c[1], c[2]], {
                    pane: 'mg-outline', interactive: false, keyboard: false,
                    icon: L.divIcon({className: 'mg-country', html: c[0], iconSize: null})
                }).addTo(group);
            });
        })({{ this._parent.get_name() }}, {{ this.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, box: basemap.Box, name: str = "Outline map (offline)"):
        super().__init__(name=name, overlay=False, control=True, show=True)
        self._name = "OutlineMap"
        shapes = basemap.load(box, detail=3000)  # fine enough to zoom in a few levels from the events
        self.shapes = basemap.geojson(shapes)  # numbers only: no text of ours or anyone's inside
        self.labels = script_json([[escape(n), lat, lon] for n, lon, lat in shapes.labels])
        self.land, self.line = LAND, LINE
