"""Tests for escalada.coding.dates: event dates resolved against the publication date."""

from __future__ import annotations

import dataclasses
import time
from datetime import date, datetime

import pytest

from escalada.coding.dates import EventDate, historical_reference, resolve_event_date
from escalada.coding.temporal_patterns import find_expressions

PUBLISHED = date(2025, 11, 28)  # a Friday
assert PUBLISHED.weekday() == 4


def _check(result: EventDate, expected: date | None, precision: str, inferred: bool) -> None:
    assert (result.date, result.precision, result.inferred) == (expected, precision, inferred)


EXPLICIT = [
    ("Troops fired on 4 October 2007.", date(2007, 10, 4), "day", False),
    ("Troops fired on the 4th of October, 2007.", date(2007, 10, 4), "day", False),
    ("On Thursday, 4 October 2007, troops fired.", date(2007, 10, 4), "day", False),
    ("Officials met on Nov. 21, 2025.", date(2025, 11, 21), "day", False),
    ("Officials met on November 21st 2025.", date(2025, 11, 21), "day", False),
    ("Ships sailed on 2025-11-21 from La Guaira.", date(2025, 11, 21), "day", False),
    ("Riots in 1988 killed dozens.", date(1988, 1, 1), "year", False),
    ("Talks began in March 2024.", date(2024, 3, 1), "month", False),
    ("Talks began in mid-March 2024.", date(2024, 3, 1), "month", False),
    # Without a year: the most recent occurrence on or before publication.
    ("The attack happened on March 28.", date(2025, 3, 28), "day", True),
    ("The attack happened on 28 March.", date(2025, 3, 28), "day", True),
    ("The attack on January 5 was condemned.", date(2025, 1, 5), "day", True),
    ("Talks began in March.", date(2025, 3, 1), "month", True),
    ("Talks were held in November.", date(2025, 11, 1), "month", True),
    ("Talks resumed last March.", date(2025, 3, 1), "month", True),
    ("Talks will resume next March.", date(2026, 3, 1), "month", True),
    ("Fighting flared in early May.", date(2025, 5, 1), "month", True),
    # ...unless that is almost a year back and the next one is within a month.
    ("The summit on December 5 was cancelled.", date(2025, 12, 5), "day", True),
    # Future tense: the next occurrence.
    ("He will meet Maduro on March 28.", date(2026, 3, 28), "day", True),
    ("The talks are due to end in December.", date(2025, 12, 1), "month", True),
]


@pytest.mark.parametrize(("sentence", "expected", "precision", "inferred"), EXPLICIT)
def test_explicit_dates(sentence: str, expected: date, precision: str, inferred: bool) -> None:
    result = resolve_event_date(sentence, PUBLISHED)
    _check(result, expected, precision, inferred)
    assert result.expression and result.expression in sentence


WEEKDAYS = [
    ("He spoke on Thursday.", date(2025, 11, 27)),
    ("He spoke on Friday.", PUBLISHED),  # the publication day itself
    ("He spoke on Saturday.", date(2025, 11, 22)),
    ("Monday's attack killed three.", date(2025, 11, 24)),
    ("He spoke last Friday.", date(2025, 11, 21)),  # "last" is strictly before
    ("Talks will resume on Monday.", date(2025, 12, 1)),
    ("On Monday, talks will resume in Caracas.", date(2025, 12, 1)),
    ("The summit, which is set to open on Tuesday, was moved.", date(2025, 12, 2)),
    ("Trump said on Monday he will visit.", date(2025, 11, 24)),  # dates the speech
    ("They will meet next Friday.", date(2025, 12, 5)),
]


@pytest.mark.parametrize(("sentence", "expected"), WEEKDAYS)
def test_weekdays(sentence: str, expected: date) -> None:
    _check(resolve_event_date(sentence, PUBLISHED), expected, "day", True)


def test_future_hint_overrides_tense() -> None:
    sentence = "Talks resume on Tuesday."
    assert resolve_event_date(sentence, PUBLISHED).date == date(2025, 11, 25)
    assert resolve_event_date(sentence, PUBLISHED, future=True).date == date(2025, 12, 2)
    assert resolve_event_date("They will meet on Tuesday.", PUBLISHED, future=False).date == date(
        2025, 11, 25
    )


RELATIVE = [
    ("Rebels attacked the base yesterday.", date(2025, 11, 27), "day"),
    ("Rebels attacked the base last night.", date(2025, 11, 27), "day"),
    ("Rebels attacked the base the day before yesterday.", date(2025, 11, 26), "day"),
    ("The strike happened today.", PUBLISHED, "day"),
    ("The strike happened this morning.", PUBLISHED, "day"),
    ("He will arrive tomorrow.", date(2025, 11, 29), "day"),
    ("Three days ago, troops fired.", date(2025, 11, 25), "day"),
    # Weeks are dated by their Monday.
    ("Troops moved this week.", date(2025, 11, 24), "week"),
    ("Troops moved earlier this week.", date(2025, 11, 24), "week"),
    ("Troops moved last week.", date(2025, 11, 17), "week"),
    ("He will visit next week.", date(2025, 12, 1), "week"),
    ("Two weeks ago, troops moved.", date(2025, 11, 10), "week"),
    ("Protests erupted over the weekend.", date(2025, 11, 17), "week"),  # 22-23 November
    ("Protests will take place this weekend.", date(2025, 11, 24), "week"),
    # Months by their first day, years by 1 January.
    ("Protests broke out last month.", date(2025, 10, 1), "month"),
    ("Talks resumed earlier this month.", date(2025, 11, 1), "month"),
    ("Elections were held last year.", date(2024, 1, 1), "year"),
    ("Elections were held earlier this year.", date(2025, 1, 1), "year"),
    ("A year ago, elections were held.", date(2024, 1, 1), "year"),
    # Vague: the publication period.
    ("Police have recently arrested dozens.", date(2025, 11, 1), "month"),
    ("In recent weeks, troops massed at the border.", date(2025, 11, 1), "month"),
    ("In recent days, troops massed at the border.", date(2025, 11, 24), "week"),
    ("More troops will arrive in the coming weeks.", date(2025, 12, 1), "month"),
]


@pytest.mark.parametrize(("sentence", "expected", "precision"), RELATIVE)
def test_relative_expressions(sentence: str, expected: date, precision: str) -> None:
    _check(resolve_event_date(sentence, PUBLISHED), expected, precision, True)


PREVIOUS = EventDate(date(2025, 11, 12), "day", False, "on 12 November")

ANCHORED = [
    ("Days after the vote, protests erupted.", date(2025, 11, 10), "week"),  # 15 Nov
    ("Shortly after the vote, protests erupted.", date(2025, 11, 10), "week"),
    ("Days before the vote, protests erupted.", date(2025, 11, 3), "week"),  # 9 Nov
    ("Two days after the vote, protests erupted.", date(2025, 11, 14), "day"),
    ("The next day, protests erupted.", date(2025, 11, 13), "day"),
    ("Hours after the blast, police arrived.", date(2025, 11, 12), "day"),
    # Never after publication in a past-tense sentence.
    ("Months later, the troops withdrew.", date(2025, 1, 1), "year"),
]


@pytest.mark.parametrize(("sentence", "expected", "precision"), ANCHORED)
def test_anchored_to_previous_event(sentence: str, expected: date, precision: str) -> None:
    result = resolve_event_date(sentence, PUBLISHED, previous=PREVIOUS)
    _check(result, expected, precision, True)


def test_anchored_without_previous_uses_publication_week() -> None:
    sentence = "Days after the vote, protests erupted."
    expected = (date(2025, 11, 24), "week", True)
    _check(resolve_event_date(sentence, PUBLISHED), *expected)
    _check(resolve_event_date(sentence, PUBLISHED, previous=EventDate.unknown()), *expected)
    assert not resolve_event_date(sentence, None).known


def test_anchored_keeps_coarser_previous_precision() -> None:
    previous = EventDate(date(2025, 3, 1), "month", False, "in March 2025")
    result = resolve_event_date(
        "Two days after the vote, protests erupted.", None, previous=previous
    )
    _check(result, date(2025, 3, 1), "month", True)


def test_sentence_without_expression_is_dated_to_publication() -> None:
    result = resolve_event_date("Troops fired shots at a patrol boat.", PUBLISHED)
    assert result == EventDate(PUBLISHED, "day", True, None)
    assert (
        resolve_event_date("Troops fired shots.", datetime(2025, 11, 28, 9, 30)).date == PUBLISHED
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Troops fired shots at a patrol boat.",
        "Rebels attacked the base yesterday.",
        "He spoke on Thursday.",
        "Troops moved last week.",
        "Talks began in March.",
        "The attack happened on March 28.",
        "Police have recently arrested dozens.",
        "Days after the vote, protests erupted.",
    ],
)
def test_no_publication_date_leaves_relative_dates_unknown(sentence: str) -> None:
    result = resolve_event_date(sentence, None)
    assert result.date is None
    assert result.precision == "none"
    assert result.inferred is False
    assert result.as_record() == {"date": None, "date_precision": "none", "inferred": False}


@pytest.mark.parametrize(
    ("sentence", "expected", "precision"),
    [
        ("Troops fired on 4 October 2007.", date(2007, 10, 4), "day"),
        ("Officials met on Nov. 21, 2025.", date(2025, 11, 21), "day"),
        ("Talks began in March 2024.", date(2024, 3, 1), "month"),
        ("Riots in 1988 killed dozens.", date(1988, 1, 1), "year"),
    ],
)
def test_absolute_dates_resolve_without_publication(
    sentence: str, expected: date, precision: str
) -> None:
    _check(resolve_event_date(sentence, None), expected, precision, False)


FALSE_POSITIVES = [
    "Prime Minister May said the deal was dead.",
    "The march on the capital drew thousands.",
    "The ADS 7 radar was destroyed.",
    "The parties agreed a 7-point plan.",
    "Sun Microsystems shares fell sharply.",
    "The Sunday Times published the leaked memo.",
    "Black Friday sales were disrupted by the strike.",
    "Nothing has changed now, the minister insisted.",
    "Some 2000 troops were deployed to the border.",
    "In May's cabinet, hawks prevailed.",
]


@pytest.mark.parametrize("sentence", FALSE_POSITIVES)
def test_false_positives_extract_no_date(sentence: str) -> None:
    assert find_expressions(sentence) == []
    result = resolve_event_date(sentence, PUBLISHED)
    assert result == EventDate(PUBLISHED, "day", True, None)


def test_invalid_calendar_date_is_not_a_date() -> None:
    result = resolve_event_date("The ceasefire of February 30 held.", PUBLISHED)
    assert result == EventDate(PUBLISHED, "day", True, None)


@pytest.mark.parametrize(
    "sentence",
    [
        "It was the first visit since 1988.",
        "Fighting has raged since March.",
        "Troops stay until 2030.",
    ],
)
def test_interval_boundaries_do_not_date_the_event(sentence: str) -> None:
    assert resolve_event_date(sentence, PUBLISHED) == EventDate(PUBLISHED, "day", True, None)


@pytest.mark.parametrize(
    "sentence",
    [
        "In the 1990s the two sides fought a border war.",
        "During the Cold War, the base hosted bombers.",
        "Decades ago, the base hosted bombers.",
    ],
)
def test_vague_past_stays_unknown_not_publication(sentence: str) -> None:
    result = resolve_event_date(sentence, PUBLISHED)
    assert result.date is None and result.precision == "none"
    assert result.expression is not None


def test_resolvable_expression_preferred_over_era_and_near_chooses() -> None:
    sentence = "Cold War rivals met on Thursday, decades ago enemies."
    assert resolve_event_date(sentence, PUBLISHED).date == date(2025, 11, 27)
    two = "The rebels, who attacked on Monday, said on Thursday they would withdraw."
    assert resolve_event_date(two, PUBLISHED).date == date(2025, 11, 24)  # leftmost
    withdraw = two.index("withdraw")
    assert resolve_event_date(two, PUBLISHED, near=withdraw).date == date(2025, 11, 27)


HISTORICAL_TRUE = [
    "Riots in 1988 killed dozens.",
    "During the Cold War, the base hosted bombers.",
    "Decades ago, the base hosted bombers.",
    "In the 1990s the two sides fought a border war.",
    "Years ago, the two leaders were allies.",
    "Two years ago, the two leaders were allies.",
    "Talks in 2023 failed.",
    "Troops fired on 4 October 2007.",
    "During World War II the base was built.",
]
HISTORICAL_FALSE = [
    "The former president spoke on Thursday.",
    "Elections were held last year.",
    "A year ago, the two leaders were allies.",
    "Talks in 2024 failed.",
    "It was the first visit since 1988.",
    "It was the largest deployment since World War II.",
    "Fears of a new Cold War grew.",
    "In the 2020s tensions rose.",
    "Troops fired shots at a patrol boat.",
]


@pytest.mark.parametrize("sentence", HISTORICAL_TRUE)
def test_historical_reference_true(sentence: str) -> None:
    assert historical_reference(sentence, PUBLISHED) is True


@pytest.mark.parametrize("sentence", HISTORICAL_FALSE)
def test_historical_reference_false(sentence: str) -> None:
    assert historical_reference(sentence, PUBLISHED) is False


def test_historical_reference_without_publication_uses_words_only() -> None:
    assert historical_reference("Riots in 1988 killed dozens.", None) is False
    assert historical_reference("During the Cold War, the base hosted bombers.", None) is True


def test_event_date_contract() -> None:
    unknown = EventDate.unknown()
    assert (unknown.date, unknown.precision, unknown.inferred, unknown.expression) == (
        None,
        "none",
        False,
        None,
    )
    assert not unknown.known
    known = EventDate(date(2025, 11, 24), "week", True, "this week")
    assert known.as_record() == {"date": "2025-11-24", "date_precision": "week", "inferred": True}
    with pytest.raises(dataclasses.FrozenInstanceError):
        known.precision = "day"  # type: ignore[misc]
    with pytest.raises(ValueError):
        EventDate(date(2025, 1, 1), "decade", False, None)
    with pytest.raises(ValueError):
        EventDate(None, "day", False, None)
    with pytest.raises(ValueError):
        EventDate(date(2025, 1, 1), "none", False, None)


def test_speed_without_temporal_expression() -> None:
    sentence = (
        "Troops fired shots at a patrol boat near the coast of Sucre, the ministry said in a "
        "statement issued to reporters after the incident."
    )
    resolve_event_date(sentence, PUBLISHED)
    runs = 500
    start = time.perf_counter()
    for _ in range(runs):
        resolve_event_date(sentence, PUBLISHED)
    per_call = (time.perf_counter() - start) / runs
    assert per_call < 0.0005, f"{per_call * 1000:.3f} ms per call"
