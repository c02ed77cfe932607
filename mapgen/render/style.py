"""How events look, shared by the interactive and the static map: one symbol and colour per event type,
one outline colour per claiming side, a circle size per location precision."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from mapgen.model import Event


@dataclass(frozen=True)
class TypeStyle:
    label: str
    colour: str
    shape: str  # circle, square, diamond, triangle, star: drawn on canvas and by matplotlib


# Tableau 10 colours; each type has its own shape too, so the types stay apart for readers who do not
# tell the colours apart, and in greyscale print.
TYPES = {
    "armed_clash": TypeStyle("Armed clash", "#d62728", "diamond"),
    "shelling": TypeStyle("Shelling / missile", "#ff7f0e", "circle"),
    "air_strike": TypeStyle("Air / drone strike", "#9467bd", "triangle"),
    "attack": TypeStyle("Attack", "#8c564b", "square"),
    "capture": TypeStyle("Capture of territory", "#2ca02c", "star"),
}
OTHER_COLOUR = "#7f7f7f"  # a type the pipeline learns later than this table

# The basemap, alike on screen and on paper.
LAND, SEA, LINE = "#f4f1ea", "#c9dce8", "#8c8579"

MATPLOTLIB_MARKERS = {"circle": "o", "square": "s", "diamond": "D", "triangle": "v", "star": "*"}

# Outline colours for the claiming sides, dark so they read against the fills.
SIDE_COLOURS = ("#1565c0", "#111111", "#00a19a", "#e91e63", "#6d4c41", "#607d8b")
NO_CLAIM = ("not stated", "#ffffff")
SEVERAL_SIDES = ("several sides", "#555555")

# Radius of the hollow circle that stands for an event placed only at a district or region (metres).
AREA_RADIUS_M = {2: 15_000, 3: 40_000}
PRECISION_TEXT = {
    1: "town or village",
    2: "district-level: somewhere in the district",
    3: "region-level: somewhere in the region",
}

# Words that say which office of a side speaks, not which side it is.
_OFFICE_WORDS = {
    "ministry", "ministries", "defence", "defense", "of", "the", "military", "army", "armed", "forces",
    "officials", "official", "authorities", "authority", "government", "leader", "leaders", "separatist",
    "separatists", "president", "spokesman", "spokesperson", "press", "service", "office", "sources",
    "source", "media", "state", "emergency", "situations", "foreign", "affairs", "troops", "side",
}


def type_style(event_type: str) -> TypeStyle:
    return TYPES.get(event_type) or TypeStyle(event_type.replace("_", " ").capitalize(), OTHER_COLOUR, "circle")


def side_key(claimant: str) -> str:
    """The side a claimant speaks for, from its name without the office words: "Azerbaijan Ministry of
    Defence" gives "azerbaijan", "Azerbaijani officials" "azerbaijani" (Sides joins the two)."""
    words = [w for w in re.findall(r"[\w'-]+", claimant.casefold()) if w not in _OFFICE_WORDS]
    return " ".join(words) or claimant.casefold().strip()


def _same_side(a: str, b: str) -> bool:
    # A demonym and its country share a long prefix: Azerbaijan/Azerbaijani, Armenia/Armenian.
    n = min(len(a), len(b))
    return n >= 5 and a[: n - 1] == b[: n - 1]


class Sides:
    """Claimants grouped into sides, each with an outline colour; the most frequent side comes first."""

    def __init__(self, events: list[Event]):
        claimants = Counter(r.claimed_by for e in events for r in e.reports if r.claimed_by)
        self._group: dict[str, int] = {}  # side_key -> index of its side
        keys: list[str] = []
        labels: list[str] = []
        for name, _ in claimants.most_common():
            key = side_key(name)
            if key not in self._group:
                home = next((i for i, k in enumerate(keys) if _same_side(k, key)), None)
                if home is None:
                    home = len(keys)
                    keys.append(key)
                    labels.append("")
                self._group[key] = home
            # Label a side by its shortest name without office words: "Azerbaijan", not "Azerbaijani".
            label = " ".join(w for w in re.findall(r"[\w'-]+", name) if w.casefold() not in _OFFICE_WORDS) or name
            home = self._group[key]
            if not labels[home] or len(label) < len(labels[home]):
                labels[home] = label
        self.sides = [(label, SIDE_COLOURS[i % len(SIDE_COLOURS)]) for i, label in enumerate(labels)]

    def index(self, *events: Event) -> int:
        """Index into `all()` for what these events' reports claim together: their side, or "not stated"
        when none says, or "several sides"."""
        found = {self._group[side_key(c)] for e in events for c in e.claimants}
        if not found:
            return len(self.sides)
        if len(found) > 1:
            return len(self.sides) + 1
        return found.pop()

    def legend(self, groups: list[list[Event]]) -> list[tuple[str, str]]:
        """(label, colour) of the sides the markers of these groups show, "not stated" last."""
        used = {self.index(*group) for group in groups}
        rows = [row for i, row in enumerate(self.all()) if i in used]
        return sorted(rows, key=lambda row: row == NO_CLAIM)

    def all(self) -> list[tuple[str, str]]:
        return [*self.sides, NO_CLAIM, SEVERAL_SIDES]
