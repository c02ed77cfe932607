"""The folium Map with only Leaflet's files, and the page (or fragment) it renders to."""
from __future__ import annotations

import re
from html import escape

import folium
from folium.template import Template

from mapgen.render import assets
from mapgen.render.element import Text
from mapgen.render.style import SEA

LEAFLET_JS = ("leaflet", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js")
LEAFLET_CSS = ("leaflet_css", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css")

# The page's own look: controls, popups, legend. Scoped under .mg-map so a fragment leaves its host alone.
CSS = """
.mg-map.leaflet-container{font:13px/1.35 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
.mg-map .mg-box{background:rgba(255,255,255,.94);padding:7px 10px;border-radius:5px;box-shadow:0 1px 4px rgba(0,0,0,.35)}
.mg-map .mg-title{position:absolute;top:10px;left:50%;transform:translateX(-50%);z-index:800;text-align:center;max-width:60%}
.mg-map .mg-title h1{font-size:17px;margin:0 0 2px;line-height:1.2}
.mg-map .mg-title div{color:#333}
.mg-map .mg-legend{max-width:290px}
.mg-map .mg-legend summary{font-weight:600;cursor:pointer}
.mg-map .mg-legend h2{font-size:12px;margin:6px 0 2px;color:#444;text-transform:uppercase;letter-spacing:.04em}
.mg-map .mg-row{display:flex;align-items:center;gap:6px;margin:1px 0}
.mg-map .mg-row svg,.mg-map .leaflet-control-layers svg{flex:none;vertical-align:middle}
.mg-map .mg-dates{width:240px}
.mg-map .mg-dates input[type=range]{width:100%;margin:2px 0}
.mg-map .mg-dates .mg-when{display:flex;justify-content:space-between;font-weight:600}
.mg-map .mg-dates button{font:inherit;padding:0 6px;margin-left:6px}
.mg-map .mg-country{color:#6b6357;font-size:11px;letter-spacing:.18em;text-transform:uppercase;white-space:nowrap;
  text-shadow:0 0 3px #f4f1ea,0 0 3px #f4f1ea;transform:translate(-50%,-50%);width:auto!important;height:auto!important}
.mg-map .mg-place{background:none;border:0;box-shadow:none;padding:0 0 0 4px;font-weight:600;color:#222;
  text-shadow:0 0 2px #fff,0 0 2px #fff,0 0 3px #fff}
.mg-map .mg-place:before{display:none}
.mg-map .leaflet-popup-content{margin:10px 12px;font-size:13px}
.mg-map .mg-head{font-size:14px;border-bottom:1px solid #ccc;padding-bottom:4px;margin-bottom:4px}
.mg-map .mg-ev{padding:4px 0;border-bottom:1px solid #e3e3e3}
.mg-map .mg-ev:last-child{border-bottom:0}
.mg-map .mg-ev ul{margin:4px 0 0;padding-left:16px}
.mg-map .mg-ev q{display:block;font-style:italic;color:#333;margin:2px 0 4px}
.mg-map .mg-ev mark{background:#ffe066;font-style:normal;font-weight:600}
.mg-map .mg-aw,.mg-map .mg-src,.mg-map .mg-cor{color:#555;font-size:12px}
.mg-map .mg-warn{color:#8a4b00;font-size:12px}
"""


class EventMap(folium.Map):
    """folium's Map without jQuery, Bootstrap and the icon fonts this page does not use, and without
    page-wide styles in its header, so the map can also go into someone else's page."""

    default_js = [LEAFLET_JS]
    default_css = [LEAFLET_CSS]

    _template = Template(
        """
        {% macro header(this, kwargs) %}
            <style>
                #{{ this.get_name() }} {
                    position: {{this.position}};
                    width: {{this.width[0]}}{{this.width[1]}};
                    height: {{this.height[0]}}{{this.height[1]}};
                    left: {{this.left[0]}}{{this.left[1]}};
                    top: {{this.top[0]}}{{this.top[1]}};
                }
            </style>
        {% endmacro %}

        {% macro html(this, kwargs) %}
            <div class="folium-map mg-map" id={{ this.get_name()|tojson }}></div>
        {% endmacro %}

        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.map(
                {{ this.get_name()|tojson }},
                {
                    center: {{ this.location|tojson }},
                    crs: L.CRS.{{ this.crs }},
                    ...{{this.options|tojavascript}}
                }
            );
            {%- if this.control_scale %}
            L.control.scale({imperial: false}).addTo({{ this.get_name() }});
            {%- endif %}
        {% endmacro %}
        """
    )

    def __init__(self, *args, css_width: str = "100%", css_height: str = "100%", **kwargs):
        super().__init__(*args, **kwargs)
        # CSS lengths as given ("18cm", "600px", "100%"): folium's own parser only knows px and %.
        self.width = _css_length(css_width)
        self.height = _css_length(css_height)


def _css_length(value: str) -> tuple[float | str, str]:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(px|%|cm|mm|in|vh|vw)?\s*", str(value))
    if not match:
        raise ValueError(f"not a length: {value!r}; use e.g. 100%, 600px, 18cm or 7in")
    number = float(match[1])
    return (int(number) if number.is_integer() else number, match[2] or "px")


def page(m: EventMap, title: str, fragment: bool = False) -> str:
    """One self-contained HTML page; or with `fragment`, a <div> with its styles and scripts to paste into
    another page (no <html>, <head> or page-wide styles)."""
    figure = m.get_root()
    sea = f".mg-map.leaflet-container{{background:{SEA}}}"  # where the outline map has no land
    figure.header.add_child(Text(f"<style>{CSS}{sea}</style>"), name="mapgen_css")
    if fragment:
        for child in figure._children.values():  # what Figure.render does before its template
            child.render()
        figure.header._children.pop("meta_http", None)
        body = (
            figure.header.render()
            + figure.html.render()
            + f"<script>\n{figure.script.render()}\n</script>"
        )
        out = f'<div class="mapgen-fragment">\n{body}\n</div>\n'
    else:
        figure.header.add_child(
            Text(
                '<meta name="viewport" content="width=device-width, initial-scale=1.0" />'
                "<style>html,body{width:100%;height:100%;margin:0;padding:0}</style>"
            ),
            name="mapgen_page",
        )
        figure.title = escape(title)
        out = figure.render()
    return assets.inline(out)
