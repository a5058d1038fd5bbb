"""Event coding on escalada's own news-style sentences (``data/news_events.yaml``).

PLV's sentences are short and carry one event each; wire copy about a crisis is long, nested
and attributed. This set is a guard for that domain: each sentence names one factual event by
category and by the countries of its actor and recipient. An item is a **hit** when some event
the coder finds in the sentence has that category and those countries (a gold recipient of
``null`` accepts any); otherwise the outcome says what went wrong, as end to end on PLV.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from importlib import resources

import yaml

from escalada.models import Document, EventMention
from escalada.pipeline import EventCoder

__all__ = ["NewsItem", "NewsReport", "evaluate_news_set", "load_news_items", "score_item"]

#: every sentence is read as if published on this day
PUBLISHED = dt.date(2025, 6, 1)


@dataclass(frozen=True, slots=True)
class NewsItem:
    text: str
    event: str
    actor: str | None
    recipient: str | None


@dataclass(slots=True)
class NewsReport:
    n: int
    outcomes: dict[str, int]
    misses: list[tuple[str, str, list[str]]]
    """(sentence, expected "EVENT ACTOR>RECIPIENT", what was coded) for every non-hit."""

    @property
    def accuracy(self) -> float:
        return self.outcomes.get("hit", 0) / self.n if self.n else 0.0

    def to_text(self) -> str:
        counts = ", ".join(f"{k}={v}" for k, v in sorted(self.outcomes.items()))
        return (f"escalada news-style set (own, n={self.n}): accuracy={self.accuracy:.3f}"
                f"  outcomes: {counts}")

    def to_dict(self) -> dict:
        return {"n": self.n, "accuracy": self.accuracy, "outcomes": self.outcomes,
                "misses": self.misses}


def load_news_items() -> list[NewsItem]:
    """The packaged news-style sentences."""
    text = resources.files("escalada.evaluation").joinpath(
        "data/news_events.yaml").read_text("utf-8")
    return [NewsItem(item["text"], item["event"], item.get("actor"), item.get("recipient"))
            for item in yaml.safe_load(text)["items"]]


def _country(refs: list) -> str | None:
    return refs[0].country if refs else None


def score_item(item: NewsItem, events: list[EventMention]) -> str:
    """``hit``, ``wrong_type`` (the parties with another category), ``wrong_arguments``
    (the category with other parties) or ``no_event``."""
    right_type = right_parties = False
    for event in events:
        parties = _country(event.actor) == item.actor and (
            item.recipient is None or _country(event.recipient) == item.recipient)
        if event.event_type == item.event and parties:
            return "hit"
        right_type = right_type or event.event_type == item.event
        right_parties = right_parties or parties
    if right_parties:
        return "wrong_type"
    return "wrong_arguments" if right_type else "no_event"


def _describe(event: EventMention) -> str:
    return f"{event.event_type} {_country(event.actor)}>{_country(event.recipient)}"


def evaluate_news_set(coder: EventCoder, items: list[NewsItem] | None = None) -> NewsReport:
    """Code every sentence of the set and count the outcomes."""
    items = load_news_items() if items is None else items
    documents = (Document(id=f"news-{n}", text=item.text, published=PUBLISHED)
                 for n, item in enumerate(items))
    outcomes: Counter[str] = Counter()
    misses = []
    for item, (_, events) in zip(items, coder.code_documents(documents), strict=True):
        outcome = score_item(item, events)
        outcomes[outcome] += 1
        if outcome != "hit":
            misses.append((item.text, f"{item.event} {item.actor}>{item.recipient}",
                           [_describe(e) for e in events]))
    return NewsReport(len(items), dict(outcomes), misses)
