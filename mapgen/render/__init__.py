"""Maps of events: `interactive()` gives a folium Map (HTML that works offline), `static()` a matplotlib
Figure (PNG, SVG, PDF). Each imports its library only when called, so one does not pay for the other."""
from mapgen.render.interactive import interactive, to_html
from mapgen.render.static import static

__all__ = ["interactive", "static", "to_html"]
