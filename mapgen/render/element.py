"""Putting our scripts into the page safely: a MacroElement rendered once, and JSON for <script>.

folium wraps each macro's output in a new Jinja template and renders that a second time. For the map's
data that is slow (megabytes to parse) and unsafe: a "{{ ... }}" in an article's text would be run as
template code while the map is made. These elements render their script once, and it stays text.
"""
from __future__ import annotations

import json

import folium
from branca.element import Element


class Text(Element):
    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class ScriptElement(folium.MacroElement):
    """Subclasses give a `_template` with a `script` macro and have no children."""

    def render(self, **kwargs) -> None:
        script = self._template.module.__dict__["script"]
        self.get_root().script.add_child(Text(str(script(self, kwargs))), name=self.get_name())


def script_json(value) -> str:
    """JSON safe inside <script>: no "</script>", "<!--" or raw line separators can come through."""
    out = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for ch, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                     ("\u2029", "\\u2029")):
        out = out.replace(ch, code)
    return out
