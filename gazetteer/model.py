"""The gazetteer's public records: a Place, and a Candidate for a name looked up."""
from __future__ import annotations

from dataclasses import dataclass, field, fields

# Kinds of place, from the largest to the smallest, with the ACLED-style geo precision each one carries
# when an event is placed at it: 1 a named settlement or feature, 2 a district, 3 a region or country.
KIND_PRECISION = {
    "country": 3,
    "region": 3,
    "district": 2,
    "city": 1,
    "town": 1,
    "village": 1,
    "settlement": 1,
    "height": 1,
    "landmark": 1,
}
KINDS = tuple(KIND_PRECISION)
SETTLEMENT_KINDS = ("city", "town", "village", "settlement")


def rebuilt_by_fields(record) -> tuple:
    """How a record pickles (for `--jobs`): its class and its fields' values. The compiled build's frozen
    classes cannot be unpickled attribute by attribute."""
    return type(record), tuple(getattr(record, f.name) for f in fields(record))


@dataclass(frozen=True)
class Place:
    """One place: a stable id, its canonical name and every other name it goes by.

    Districts and regions carry a representative point (their administrative centre, as ACLED codes
    events placed at them), and `precision` says how much that point is worth.
    """

    id: str
    name: str
    kind: str
    lat: float
    lon: float
    country: str = ""  # ISO 3166-1 alpha-2
    admin1: str = ""  # first-level area (province, rayon, marz) as a name or GeoNames code
    district: str = ""  # the district/rayon it belongs to, by name
    population: int = 0
    aliases: tuple[str, ...] = ()
    source: str = ""  # where the record and its coordinates come from
    geonames_id: int | None = None

    def __reduce__(self) -> tuple:
        return rebuilt_by_fields(self)

    @property
    def precision(self) -> int:
        return KIND_PRECISION.get(self.kind, 1)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


# Not frozen, though read-only by convention: built by the hundred per article, and a frozen dataclass
# builds three times slower in the compiled pipeline (its __init__ sets each field through object.__setattr__).
# Its own __init__ is compiled too; a dataclass's generated one runs as Python code.
@dataclass(unsafe_hash=True)
class Candidate:
    """A place a name may refer to, with how well it fits and why."""

    place: Place
    score: float  # 0..1, higher is better
    matched: str  # the name of the place that matched
    why: str  # e.g. "exact alias", "fuzzy 92", "near hint 12 km"
    distance_km: float | None = field(default=None, compare=False)

    def __init__(self, place: Place, score: float, matched: str, why: str, distance_km: float | None = None) -> None:
        self.place = place
        self.score = score
        self.matched = matched
        self.why = why
        self.distance_km = distance_km

    def __reduce__(self) -> tuple:
        return rebuilt_by_fields(self)
