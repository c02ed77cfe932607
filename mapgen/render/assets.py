"""Leaflet's JS and CSS inlined into the page, so it opens with no network.

folium links its files from CDNs; the `folium-offline` package (module `offlinefolium`) carries the same
pinned files for folium 0.20 as strings keyed by those URLs. The rendered page's links are swapped for
the files' text; a link to a file the package does not carry is an error rather than a page that breaks
offline.
"""
from __future__ import annotations

import re
from functools import lru_cache

LINK = re.compile(
    r'<script src="(?P<js>https?://[^"]+)"></script>|<link rel="stylesheet" href="(?P<css>https?://[^"]+)"\s*/?>'
)


class MissingFile(LookupError):
    """A file the maps need is not in the package that should carry it."""


@lru_cache(maxsize=1)
def _files() -> dict[str, str]:
    from offlinefolium.elements import _res  # the package keeps them in this module-level dict

    return _res


def text(url: str) -> str:
    try:
        return _files()[url]
    except KeyError:
        raise MissingFile(f"folium-offline does not carry {url}; the page would need the network") from None


def inline(page: str) -> str:
    """`page` with every CDN <script src> and stylesheet <link> replaced by the file itself."""

    def swap(match: re.Match) -> str:
        if match["js"]:
            body = text(match["js"])
            # A literal "</script" inside would end the element early.
            return "<script>" + body.replace("</script", "<\\/script") + "</script>"
        return "<style>" + text(match["css"]).replace("</style", "<\\/style") + "</style>"

    return LINK.sub(swap, page)
