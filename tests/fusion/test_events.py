"""Fusing mentions into happenings: same category, dyad, dates and reality; ids and sources."""

from __future__ import annotations

import datetime as dt
import hashlib
import random

import pytest

from escalada.fusion import DocumentInfo, fuse, fused_id

from .helpers import DAY, POLAND, RUSSIA, UKRAINE, doc, docs, mention, ref

STRIKE_DOCS = docs(doc("wire-1", "Wire Agency"), doc("copy-1", "Daily Gazette"),
                   doc("other-1", "Evening Post", DAY + dt.timedelta(days=1)))


def strike_mentions():
    return [
        mention("wire-1", sentence="Russian forces struck a Ukrainian town with missiles.",
                certainty=0.6),
        mention("copy-1", sentence="Russian forces struck a Ukrainian town with missiles.",
                certainty=0.6),
        mention("other-1", mode=None, trigger="hit", certainty=0.5,
                sentence="A missile strike by Russia hit the town overnight, officials said."),
    ]


def test_three_outlets_one_syndicated_copy_is_one_event_with_two_sources():
    result = fuse(strike_mentions(), STRIKE_DOCS, duplicates={"copy-1": "wire-1"})
    assert len(result.fused) == 1
    event = result.fused[0]
    assert event.n_sources == 2
    assert [s.doc_id for s in event.sources] == ["copy-1", "wire-1", "other-1"]
    assert {s.doc_id: s.duplicate_of for s in event.sources} == {
        "copy-1": "wire-1", "wire-1": None, "other-1": None}
    assert event.first_reported == DAY
    assert len(event.mentions) == 3
    # 1 - (1 - 0.6)(1 - 0.5): the copy adds nothing
    assert event.certainty == pytest.approx(0.8)
    assert event.event_type == "ASSAULT" and event.mode == "aerial"
    assert event.id == fused_id(event.mentions[0].id)
    assert event.id == hashlib.sha1(event.mentions[0].id.encode()).hexdigest()[:16]


def test_without_duplicate_map_the_copy_counts_as_its_outlet():
    event = fuse(strike_mentions(), STRIKE_DOCS).fused[0]
    assert event.n_sources == 3
    assert event.certainty == pytest.approx(1 - 0.4 * 0.4 * 0.5)


def test_same_outlet_counts_once_and_unknown_outlets_count_per_document():
    mentions = [mention("a"), mention("b"), mention("c"), mention("d")]
    infos = docs(doc("a", "Wire Agency"), doc("b", "wire  agency"), doc("c", None),
                 doc("d", None))
    assert fuse(mentions, infos).fused[0].n_sources == 3
    assert fuse(mentions, infos, duplicates={"d": "c"}).fused[0].n_sources == 2


@pytest.mark.parametrize("changes", [
    {"recipient": POLAND},                              # different dyad
    {"date": DAY + dt.timedelta(days=10)},              # 10 days apart
    {"aux": ("hypothetical",)},                         # factual vs hypothetical
    {"aux": ("negation",)},
    {"event_type": "COERCE", "mode": "seize", "trigger": "seized",
     "sentence": "Russian forces seized a ferry off the coast."},  # different category
])
def test_separate_happenings(changes):
    result = fuse([mention("a"), mention("b", **changes)], docs(doc("a", "A"), doc("b", "B")))
    assert len(result.fused) == 2
    assert all(event.n_sources == 1 for event in result.fused)


def test_request_and_reject_never_fuse_but_sanction_modes_do():
    usa, ven = ref("Washington", "United States", "USA"), ref("Caracas", "Venezuela", "VEN")
    request = mention("a", event_type="REQUEST", mode=None, actor=ven, recipient=usa,
                      trigger="asked", sentence="Caracas asked Washington for talks.")
    reject = mention("b", event_type="REJECT", mode=None, actor=usa, recipient=ven,
                     trigger="rejected", sentence="Washington rejected the talks Caracas asked.")
    infos = docs(doc("a", "A"), doc("b", "B"), doc("c", "C"))
    assert len(fuse([request, reject], infos).fused) == 2
    freeze = mention("a", event_type="SANCTION", mode="freeze", actor=usa, recipient=ven,
                     trigger="froze", sentence="The US froze assets of Venezuelan officials.")
    listing = mention("b", event_type="SANCTION", mode="designate", actor=usa, recipient=ven,
                      trigger="designated", sentence="Washington designated the group.")
    listing2 = mention("c", event_type="SANCTION", mode="designate", actor=usa, recipient=ven,
                       trigger="listed", sentence="The Treasury listed the group on Monday.")
    fused = fuse([freeze, listing, listing2], infos).fused
    assert len(fused) == 1 and fused[0].mode == "designate"


def test_within_window_and_coarser_dates_fuse():
    infos = docs(doc("a", "A"), doc("b", "B"), doc("c", "C"))
    mentions = [mention("a"), mention("b", date=DAY + dt.timedelta(days=3)),
                mention("c", date=DAY - dt.timedelta(days=DAY.weekday()), precision="week")]
    result = fuse(mentions, infos)
    assert len(result.fused) == 1
    event = result.fused[0]
    assert event.date_precision == "day" and event.n_sources == 3
    # a month-precision report of the same month is compatible too
    month = mention("d", date=DAY.replace(day=1), precision="month")
    assert len(fuse([mention("a"), month], docs(doc("a", "A"), doc("d", "D"))).fused) == 1
    # but the window is narrower than a month for day dates
    far = mention("e", date=DAY + dt.timedelta(days=20))
    assert len(fuse([mention("a"), month, far], docs(doc("a", "A"), doc("d", "D"),
                                                     doc("e", "E"))).fused) == 2


def test_missing_recipient_joins_and_best_resolved_actor_is_kept():
    vague = mention("b", actor=ref("they", None, "RUS", None), recipient=None,
                    sentence="They said a town was struck.")
    event = fuse([vague, mention("a")], docs(doc("a", "A"), doc("b", "B"))).fused[0]
    assert event.n_sources == 2
    assert event.actor == [RUSSIA] and event.recipient == [UKRAINE]


def test_unresolved_recipient_does_not_join_a_resolved_one():
    usa, ven = ref("Trump", "Donald Trump", "USA"), ref("Maduro", "Nicolás Maduro", "VEN")
    airlines = ref("airlines", None, None, "BUS")
    kw = {"event_type": "THREATEN", "mode": None, "actor": usa}
    mentions = [
        mention("a", recipient=ven, trigger="told", index=1,
                sentence="Trump told Maduro to leave the country or face other options."),
        mention("a", recipient=airlines, trigger="warned", index=2,
                sentence="Trump warned airlines to stay clear of the airspace."),
        mention("b", recipient=ref("international airlines", None, None, "BUS"),
                trigger="warning", index=5,
                sentence="He issued a warning to airlines, pilots and traffickers."),
        mention("b", recipient=None, trigger="delivered", index=3,
                sentence="Trump delivered an ultimatum to leave the country or face options."),
    ]
    mentions = [mention(m.doc_id, **kw, recipient=m.recipient[0] if m.recipient else None,
                        trigger=m.trigger, sentence=m.sentence, index=m.sentence_index)
                for m in mentions]
    result = fuse(mentions, docs(doc("a", "A"), doc("b", "B")))
    groups = sorted(sorted(m.trigger for m in event.mentions) for event in result.fused)
    assert groups == [["delivered", "told"], ["warned", "warning"]]
    assert all(event.n_sources == 2 for event in result.fused)


def test_undated_mentions_without_publication_date_get_their_own_block():
    infos = docs(doc("a", "A", None), doc("b", "B", None), doc("c", "C"))
    mentions = [mention("a", date=None), mention("b", date=None), mention("c")]
    result = fuse(mentions, infos)
    assert sorted(e.n_sources for e in result.fused) == [1, 2]
    undated = next(e for e in result.fused if e.n_sources == 2)
    assert undated.date is None and undated.date_precision == "none"
    assert undated.first_reported is None
    # with a publication date, an undated mention is dated by it
    dated = fuse([mention("a", date=None), mention("c")], docs(doc("a", "A"), doc("c", "C")))
    assert len(dated.fused) == 1


def test_ids_and_order_do_not_depend_on_input_order():
    base = [*strike_mentions(),
            mention("p", recipient=POLAND, sentence="A drone hit a Polish village."),
            mention("q", recipient=POLAND, sentence="Drones struck a village in Poland.",
                    trigger="struck"),
            mention("h", aux=("hypothetical",), sentence="Russia could strike the town.")]
    infos = {**STRIKE_DOCS, **docs(doc("p", "P"), doc("q", "Q"), doc("h", "H"))}
    expected = fuse(base, infos, duplicates={"copy-1": "wire-1"})
    assert len(expected.fused) == 3
    shape = [(e.id, [m.id for m in e.mentions], e.n_sources) for e in expected.fused]
    rng = random.Random(7)
    for _ in range(10):
        shuffled = base[:]
        rng.shuffle(shuffled)
        again = fuse(shuffled, infos, duplicates={"copy-1": "wire-1"})
        assert [(e.id, [m.id for m in e.mentions], e.n_sources) for e in again.fused] == shape
    # the id comes from the earliest report, whatever its doc id
    late_first = docs(doc("a", "A", DAY + dt.timedelta(days=2)), doc("b", "B", DAY))
    event = fuse([mention("a"), mention("b")], late_first).fused[0]
    assert event.mentions[0].doc_id == "b" and event.id == fused_id(mention("b").id)


def test_document_info_from_document_and_missing_documents():
    from escalada.models.records import Document

    info = DocumentInfo.from_document(Document(id="x", text="t", outlet="O", published=DAY))
    assert (info.doc_id, info.outlet, info.published) == ("x", "O", DAY)
    # a document unknown to the mapping still fuses, as its own source
    result = fuse([mention("a"), mention("zz")], docs(doc("a", "A")))
    assert len(result.fused) == 1 and result.fused[0].n_sources == 2


def test_unrelated_sentences_of_one_document_stay_apart():
    usa, ven = ref("Trump", "Donald Trump", "USA"), ref("Maduro", "Nicolás Maduro", "VEN")
    kw = {"event_type": "THREATEN", "mode": None, "actor": usa}
    mentions = [
        mention("a", **kw, recipient=ven, index=1, trigger="told",
                sentence="Trump told Maduro to leave the country or face other options."),
        mention("a", **kw, recipient=None, index=7, trigger="hinted",
                sentence="Speaking to troops, he hinted that ground operations were near."),
    ]
    assert len(fuse(mentions, docs(doc("a", "A"))).fused) == 2
    restated = mention("a", **kw, recipient=None, index=9, trigger="told",
                       sentence="Trump told Maduro to leave the country or face options.")
    assert len(fuse([mentions[0], restated], docs(doc("a", "A"))).fused) == 1


def test_fused_date_prefers_text_dates_over_the_publication_day_fallback():
    week = DAY - dt.timedelta(days=DAY.weekday() + 7)  # "last week"
    fallback = mention("a", date=DAY, inferred=True)
    stated = mention("b", date=week, precision="week", inferred=True)
    event = fuse([fallback, stated], docs(doc("a", "A"), doc("b", "B"))).fused[0]
    assert (event.date, event.date_precision) == (week, "week")
    exact = mention("c", date=DAY - dt.timedelta(days=2))
    event = fuse([fallback, stated, exact], docs(doc("a", "A"), doc("b", "B"),
                                                 doc("c", "C"))).fused[0]
    assert (event.date, event.date_precision) == (DAY - dt.timedelta(days=2), "day")


def test_recipientless_match_needs_similar_wording():
    usa = ref("Washington", "United States", "USA")
    kw = {"event_type": "RETREAT", "mode": None, "actor": usa, "recipient": None}
    a = mention("a", **kw, trigger="withdrew",
                sentence="Washington withdrew its ambassador from the capital.")
    b = mention("b", **kw, trigger="released",
                sentence="The state released two prisoners after a court ruling.")
    c = mention("c", **kw, trigger="withdrawn",
                sentence="The ambassador was withdrawn from the capital by Washington.")
    result = fuse([a, b, c], docs(doc("a", "A"), doc("b", "B"), doc("c", "C")))
    assert sorted(sorted(m.doc_id for m in e.mentions) for e in result.fused) == [
        ["a", "c"], ["b"]]
