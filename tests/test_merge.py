"""The merge rules of mapgen.merge, one test per rule, and the corroboration/fatality helpers."""
from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

import pytest

from gazetteer.model import Place
from mapgen.merge import fatalities_range, filter_min_sources, merge, unmerged
from mapgen.model import Event, Report, stable_id

TARTAR = Place(id="kb:tartar", name="Tartar", kind="city", lat=40.342, lon=46.9316, country="AZ")
# The district shares its centre's coordinates: it must still stay apart.
TARTAR_DISTRICT = Place(id="kb:tartar-rayon", name="Tartar", kind="district", lat=40.342, lon=46.9316, country="AZ")
STEPANAKERT = Place(
    id="kb:stepanakert", name="Stepanakert", kind="city", lat=39.8153, lon=46.7519, country="AZ",
    aliases=("Khankendi", "Xankəndi"),
)  # fmt: skip
OCT4 = date(2020, 10, 4)


def rep(source: str, kind: str = "shelling", day: date | None = OCT4, precision: str = "day", **kw) -> Report:
    kw.setdefault("place", TARTAR)
    kw.setdefault("outlet", source.split("/")[0])
    return Report(
        source=source,
        as_written=kw.pop("as_written", kw["place"].name),
        event_type=kind,
        event_date=day,
        date_precision=precision if day else "unknown",
        quote=kw.pop("quote", f"{kind} reported by {source}"),
        **kw,
    )


def groups(events: list[Event]) -> set[frozenset[str]]:
    """Which sources ended up together: the shape of a merge, whatever the ids."""
    return {frozenset(r.source for r in e.reports) for e in events}


# Rule 1: place


def test_same_place_same_type_same_day_is_one_event():
    events = merge([rep("azertac/1"), rep("armenpress/1")])
    assert len(events) == 1
    assert events[0].report_count == 2
    assert events[0].place.id == "kb:tartar"


def test_same_coordinates_but_different_place_ids_stay_apart():
    events = merge([rep("a/1"), rep("b/1", place=TARTAR_DISTRICT)])
    assert groups(events) == {frozenset({"a/1"}), frozenset({"b/1"})}


def test_nearby_places_never_merge_on_rounded_coordinates():
    near = Place(id="kb:tartar-2", name="Tartar-2", kind="village", lat=40.3421, lon=46.9317, country="AZ")
    assert len(merge([rep("a/1"), rep("b/1", place=near)])) == 2


def test_same_place_id_with_different_place_records_merges():
    richer = replace(TARTAR, aliases=("Tərtər",), population=18_185)
    assert len(merge([rep("a/1"), rep("b/1", place=richer)])) == 1


# Rule 2: type


@pytest.mark.parametrize("specific", ["shelling", "air_strike", "armed_clash"])
def test_attack_merges_into_the_specific_type(specific):
    events = merge([rep("a/1", "attack"), rep("b/1", specific)])
    assert len(events) == 1
    assert events[0].event_type == specific
    assert {r.event_type for r in events[0].reports} == {"attack", specific}


def test_attack_alone_stays_attack():
    events = merge([rep("a/1", "attack"), rep("b/1", "attack")])
    assert [e.event_type for e in events] == ["attack"]


@pytest.mark.parametrize("other", ["attack", "shelling", "armed_clash", "air_strike"])
def test_capture_never_merges_with_another_type(other):
    events = merge([rep("a/1", "capture"), rep("b/1", other)])
    assert len(events) == 2
    assert sorted(e.event_type for e in events) == sorted(["capture", other])


def test_two_captures_of_the_same_town_the_same_day_are_one():
    assert len(merge([rep("a/1", "capture"), rep("b/1", "capture")])) == 1


@pytest.mark.parametrize("a,b", [("shelling", "air_strike"), ("shelling", "armed_clash"),
                                 ("air_strike", "armed_clash")])
def test_specific_types_stay_apart(a, b):
    assert len(merge([rep("a/1", a), rep("b/1", b)])) == 2


def test_attack_that_fits_two_specific_events_joins_neither():
    events = merge([rep("a/1", "shelling"), rep("b/1", "air_strike"), rep("c/1", "attack")])
    assert groups(events) == {frozenset({"a/1"}), frozenset({"b/1"}), frozenset({"c/1"})}
    assert sorted(e.event_type for e in events) == ["air_strike", "attack", "shelling"]


# Rule 3: dates


def test_day_precision_is_exact():
    events = merge([rep("a/1", day=date(2020, 10, 4)), rep("b/1", day=date(2020, 10, 5))])
    assert len(events) == 2


def test_near_is_within_one_day():
    assert len(merge([rep("a/1"), rep("b/1", day=date(2020, 10, 5), precision="near")])) == 1
    assert len(merge([rep("a/1"), rep("b/1", day=date(2020, 10, 3), precision="near")])) == 1
    assert len(merge([rep("a/1"), rep("b/1", day=date(2020, 10, 6), precision="near")])) == 2


def test_the_night_across_midnight():
    # "On the night of 4 to 5 October" (near, the 5th) and a missile strike dated the 4th.
    events = merge([rep("a/1", "shelling"), rep("b/1", "attack", day=date(2020, 10, 5), precision="near")])
    assert len(events) == 1
    assert events[0].event_type == "shelling"
    assert events[0].event_date == OCT4 and events[0].date_precision == "day"


def test_no_chaining_through_a_vague_report():
    # Day 4 and day 6 are two shellings; "around the 5th" fits both and so joins neither.
    reports = [
        rep("a/1", day=date(2020, 10, 4)),
        rep("b/1", day=date(2020, 10, 5), precision="near"),
        rep("c/1", day=date(2020, 10, 6)),
    ]
    events = merge(reports)
    assert not any({"a/1", "c/1"} <= {r.source for r in e.reports} for e in events)
    assert sum(e.report_count for e in events) == 3


def test_an_event_keeps_the_overlap_of_its_reports_windows():
    # Around the 4th and around the 6th can both mean the 5th: one event, now pinned to the 5th.
    # "Around the 3rd" cannot mean the 5th, so it may not join, though it overlaps the first report.
    reports = [
        rep("a/1", day=date(2020, 10, 4), precision="near"),
        rep("b/1", day=date(2020, 10, 6), precision="near"),
        rep("c/1", "attack", day=date(2020, 10, 3), precision="near"),
    ]
    assert groups(merge(reports)) == {frozenset({"a/1", "b/1"}), frozenset({"c/1"})}


def test_near_report_prefers_the_event_on_its_own_day():
    reports = [
        rep("a/1", day=date(2020, 10, 4)),
        rep("c/1", day=date(2020, 10, 5)),
        rep("b/1", day=date(2020, 10, 5), precision="near"),
    ]
    assert frozenset({"b/1", "c/1"}) in groups(merge(reports))


def test_month_merges_within_its_month_only():
    month = rep("m/1", day=date(2020, 10, 1), precision="month")
    assert len(merge([rep("a/1", day=date(2020, 10, 27)), month])) == 1
    assert len(merge([rep("a/1", day=date(2020, 11, 2)), month])) == 2


def test_month_report_with_two_events_in_that_month_joins_neither():
    month = rep("m/1", day=date(2020, 10, 1), precision="month")
    events = merge([rep("a/1", day=date(2020, 10, 4)), rep("b/1", day=date(2020, 10, 20)), month])
    assert frozenset({"m/1"}) in groups(events)
    assert len(events) == 3


def test_two_month_reports_of_the_same_month_merge():
    events = merge([
        rep("a/1", day=date(2020, 10, 1), precision="month"),
        rep("b/1", day=date(2020, 10, 15), precision="month"),
    ])
    assert len(events) == 1
    assert events[0].date_precision == "month"
    assert events[0].event_date == date(2020, 10, 1)  # the earliest


def test_undated_joins_the_only_dated_event():
    events = merge([rep("a/1"), rep("u/1", day=None)])
    assert len(events) == 1
    assert events[0].event_date == OCT4 and events[0].date_precision == "day"


def test_undated_with_two_dated_candidates_stays_apart():
    reports = [rep("a/1"), rep("b/1", day=date(2020, 10, 9)), rep("u/1", day=None), rep("u/2", day=None)]
    events = merge(reports)
    assert groups(events) == {frozenset({"a/1"}), frozenset({"b/1"}), frozenset({"u/1", "u/2"})}
    undated = [e for e in events if e.event_date is None]
    assert len(undated) == 1 and undated[0].date_precision == "unknown"


def test_undated_does_not_cross_types():
    assert len(merge([rep("a/1", "air_strike"), rep("u/1", "shelling", day=None)])) == 2


def test_undated_reports_alone_make_one_event_per_type():
    events = merge([rep("u/1", day=None), rep("u/2", day=None), rep("u/3", "capture", day=None)])
    assert groups(events) == {frozenset({"u/1", "u/2"}), frozenset({"u/3"})}


# Rule 4/5: order independence and ids


def _mixed_reports() -> list[Report]:
    reports = []
    for i, (kind, day, precision, place) in enumerate(
        [
            ("shelling", date(2020, 10, 4), "day", TARTAR),
            ("attack", date(2020, 10, 5), "near", TARTAR),
            ("air_strike", date(2020, 10, 4), "day", TARTAR),
            ("shelling", date(2020, 10, 1), "month", TARTAR),
            ("capture", date(2020, 11, 9), "day", STEPANAKERT),
            ("attack", None, "unknown", STEPANAKERT),
            ("armed_clash", date(2020, 10, 4), "day", TARTAR_DISTRICT),
            ("attack", date(2020, 10, 4), "near", TARTAR_DISTRICT),
            ("shelling", date(2020, 10, 27), "day", STEPANAKERT),
            ("shelling", date(2020, 10, 27), "near", STEPANAKERT),
            ("shelling", None, "unknown", TARTAR),
        ]
    ):
        reports.append(rep(f"outlet{i % 3}/{i}", kind, day, precision, place=place, fatalities=i))
    return reports


def _shape(events: list[Event]) -> list[tuple[str, frozenset[str]]]:
    return sorted((e.event_id, frozenset(r.source for r in e.reports)) for e in events)


def test_result_does_not_depend_on_input_order():
    reports = _mixed_reports()
    expected = _shape(merge(reports))
    rng = random.Random(7)
    for _ in range(50):
        shuffled = reports[:]
        rng.shuffle(shuffled)
        result = merge(shuffled)
        assert _shape(result) == expected
        assert result == merge(reports)  # reports inside each event in the same order too


def test_event_id_follows_the_documented_recipe():
    (event,) = merge([rep("b/1", "attack"), rep("a/1", "shelling")])
    assert event.event_id == stable_id("event", "kb:tartar", "shelling", "2020-10-04", "day")


def test_event_id_does_not_depend_on_other_places_or_extra_reports_of_the_same_kind():
    alone = merge([rep("a/1")])[0].event_id
    with_more = {e.place.id: e.event_id for e in merge([rep("b/1"), rep("a/1"), rep("c/1", place=STEPANAKERT)])}
    assert with_more["kb:tartar"] == alone
    assert with_more["kb:stepanakert"] != alone


def test_ids_are_unique():
    events = merge(_mixed_reports())
    assert len({e.event_id for e in events}) == len(events)


def test_every_report_is_kept_once():
    reports = _mixed_reports()
    events = merge(reports)
    kept = [r for e in events for r in e.reports]
    assert sorted(kept, key=lambda r: r.source) == sorted(reports, key=lambda r: r.source)


def test_identical_reports_count_once():
    report = rep("a/1")
    (event,) = merge([report, report])
    assert event.reports == (report,)


def test_event_date_comes_from_the_most_precise_reports():
    (event,) = merge([rep("a/1", day=date(2020, 10, 5), precision="near"), rep("b/1", day=OCT4, precision="day")])
    assert (event.event_date, event.date_precision) == (OCT4, "day")


def test_geo_precision_is_the_best():
    (event,) = merge([rep("a/1", geo_precision=2), rep("b/1", geo_precision=1)])
    assert event.geo_precision == 1


# Rule 6: claims, fatalities, corroboration


def test_fatality_disagreement_keeps_the_lowest_and_the_range():
    (event,) = merge([
        rep("azertac/1", fatalities=12, claimed_by="Azerbaijan"),
        rep("armenpress/1", fatalities=4, claimed_by="Armenia"),
        rep("x/1"),
    ])
    assert event.fatalities == 4
    assert fatalities_range(event) == (4, 12)
    assert sorted(r.fatalities for r in event.reports if r.fatalities is not None) == [4, 12]
    assert event.claimants == ["Armenia", "Azerbaijan"]


def test_no_fatality_figure_gives_no_range():
    (event,) = merge([rep("a/1"), rep("b/1")])
    assert event.fatalities is None and fatalities_range(event) is None


def test_two_articles_of_one_outlet_count_once():
    (event,) = merge([rep("reuters/1", outlet="Reuters"), rep("reuters/2", outlet="reuters"), rep("ap/1", outlet="AP")])
    assert event.report_count == 3
    assert event.independent_sources == 2
    assert filter_min_sources([event], 2) == [event]
    assert filter_min_sources([event], 3) == []


def test_articles_without_outlet_count_each():
    (event,) = merge([rep("x.txt", outlet=""), rep("y.txt", outlet="")])
    assert event.independent_sources == 2


def test_unmerged_gives_one_event_per_report():
    reports = [rep("a/1"), rep("b/1")]
    events = unmerged(reports)
    assert [e.reports for e in events] == [(reports[0],), (reports[1],)]
    assert [e.event_id for e in events] == [r.event_id for r in reports]


def test_merge_is_not_quadratic_at_one_busy_place():
    import time

    rng = random.Random(1)
    reports = [
        rep(
            f"o{rng.randrange(50)}/{i}",
            rng.choice(["shelling", "attack", "air_strike"]),
            date.fromordinal(date(2020, 9, 27).toordinal() + rng.randrange(60)),
            rng.choice(["day", "near", "month"]),
        )
        for i in range(20_000)
    ]
    start = time.perf_counter()
    events = merge(reports)
    assert time.perf_counter() - start < 10
    assert sum(e.report_count for e in events) == len(set(reports))


def test_merging_again_changes_nothing():
    events = merge(_mixed_reports())
    assert merge([r for e in events for r in e.reports]) == events
