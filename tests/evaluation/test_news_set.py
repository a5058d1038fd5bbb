"""The news-style set: it loads, covers the categories, and scores outcomes as documented."""

from __future__ import annotations

from types import SimpleNamespace

from escalada.evaluation.news_set import NewsItem, load_news_items, score_item
from escalada.models import ActorRef


def test_the_set_covers_every_root_category_but_yield_parts_apart():
    items = load_news_items()
    assert len(items) >= 30
    assert {item.event for item in items} >= {
        "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
        "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
    assert all(len(item.text.split()) >= 15 for item in items)  # news-length sentences


def _event(event_type, actor, recipient):
    """The three fields of an EventMention the scorer reads."""
    return SimpleNamespace(
        event_type=event_type, actor=[ActorRef(text=actor, country=actor)],
        recipient=[ActorRef(text=recipient, country=recipient)] if recipient else [])


def test_outcomes_separate_category_and_party_errors():
    item = NewsItem("t", "THREATEN", "CHN", "PHL")
    assert score_item(item, [_event("THREATEN", "CHN", "PHL")]) == "hit"
    assert score_item(item, [_event("ACCUSE", "CHN", "PHL")]) == "wrong_type"
    assert score_item(item, [_event("THREATEN", "CHN", "VNM")]) == "wrong_arguments"
    assert score_item(item, []) == "no_event"
    open_target = NewsItem("t", "ASSAULT", "RUS", None)
    assert score_item(open_target, [_event("ASSAULT", "RUS", "UKR")]) == "hit"
