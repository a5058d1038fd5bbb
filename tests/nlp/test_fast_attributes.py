"""The fast attribute ruler (and the fast lemmatizer after it) set exactly the token
attributes spaCy's own components set."""

from __future__ import annotations

import csv
import io
import sys
import zipfile

import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, ORTH, POS, TAG
from spacy.pipeline import AttributeRuler

from escalada.nlp import load_model
from escalada.nlp.attributes import COMPONENT, FastAttributeRuler, use_fast_attribute_ruler
from escalada.nlp.lemmas import COMPONENT as LEMMATIZER
from escalada.nlp.lemmas import restore_silent_e
from escalada.nlp.pipeline import DEFAULT_MODEL, _keep_hyphenated_terms

COLUMNS = [ORTH, TAG, POS, MORPH, LEMMA, DEP]

TEXTS = [
    "KABUL -- Taliban fighters didn't honour the cease-fire; they're gonna attack again, "
    "officials said on Monday.",
    "The U.S. Army's build-up near the border isn't over, Lt. Col. Smith told reporters at "
    "9 a.m. \"We can't confirm it,\" he said. 'It's been a long week.'",
    "PROTESTERS CLASHED WITH POLICE IN CARACAS\n\nAt least 12 people were hurt.\n"
    "There were    several arrests and there's more to come.",
    "I'd say we've got ta go. Let's not wait: y'all know nothin' 'bout it, c'mon!",
    "Two Cease-Fires collapsed; the BUILD-UPS continued.\tThose who fled ain't coming back, "
    "and that is what worries everyone.",
    "Somebody fired at them.   Nobody knows who, but it wasn't us -- he'd been there since "
    "Tuesday, doin' nothing, goin' nowhere with 'em. 'Nuff said, ol' friend.",
    "The ministry said it had received $3.5 million (about €3 million) from the E.U.\n"
    "Gen. Hassan's forces, however, haven't withdrawn; it's unclear whether they will.",
    "“We will not be intimidated,” the president’s spokesman said. They’re wrong, I think.",
    "Is it true? Do you have it? It does, doesn't it? i did it myself; ME too.",
    "  \n ",
    "Hi",
    "",
]


@pytest.fixture(scope="module")
def stock():
    """The model with escalada's additions but spaCy's own attribute ruler and lemmatizer."""
    nlp = spacy.load(DEFAULT_MODEL)
    _keep_hyphenated_terms(nlp)
    nlp.add_pipe("escalada_line_breaks", before="parser")
    return nlp


def _rows(doc: spacy.tokens.Doc) -> list[tuple[str, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def _silent_e_restored(doc: spacy.tokens.Doc) -> spacy.tokens.Doc:
    """spaCy's lemmas with the one repair escalada's lemmatizer makes ("staged": "stage")."""
    verbs = load_model().get_pipe(LEMMATIZER).verbs
    for token in doc:
        if token.pos_ == "VERB":
            token.lemma_ = restore_silent_e(token.text, token.lemma_, verbs)
    return doc


def test_escalada_model_uses_the_fast_attribute_ruler_once() -> None:
    nlp = load_model()
    use_fast_attribute_ruler(nlp)  # idempotent
    assert nlp.pipe_names.count(COMPONENT) == 1
    assert "attribute_ruler" not in nlp.pipe_names and LEMMATIZER in nlp.pipe_names


def test_every_token_gets_spacys_attributes(stock) -> None:
    fast = load_model()
    texts = TEXTS * 2  # the second round is answered from the memos
    for expected, got in zip(stock.pipe(texts), fast.pipe(texts), strict=True):
        assert _rows(got) == _rows(_silent_e_restored(expected))


def test_multi_token_rules_take_effect(stock) -> None:
    """The texts above do exercise the rules spanning two tokens ("gon na", "there are")."""
    doc = load_model()("They're gonna leave. There are two. Let's go.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert (lemmas["gon"], lemmas["na"], lemmas["'s"]) == ("go", "to", "us")
    assert [t.pos_ for t in doc if t.text == "are"] == ["VERB"]


def _ruler(nlp: spacy.Language, patterns: list[dict]) -> AttributeRuler:
    ruler = AttributeRuler(nlp.vocab)
    ruler.add_patterns(patterns)
    return ruler


def test_patterns_it_cannot_read_go_through_a_matcher_in_rule_order() -> None:
    nlp = spacy.blank("en")
    patterns = [
        {"patterns": [[{"LOWER": "very", "OP": "+"}, {"IS_ALPHA": True}]],
         "attrs": {"TAG": "JJ", "LEMMA": "intense"}, "index": -1},
        {"patterns": [[{"LENGTH": {">=": 9}}]], "attrs": {"LEMMA": "long"}},
        {"patterns": [[{"lower": "big"}], [{"TEXT": {"REGEX": "^[A-Z]+$"}}]],
         "attrs": {"TAG": "NN", "MORPH": "Number=Sing"}},
        {"patterns": [[{}, {"ORTH": "!"}]], "attrs": {"POS": "INTJ"}, "index": 0},
    ]
    fast = FastAttributeRuler(_ruler(nlp, patterns))
    assert sorted(fast.matcher_rules.values()) == [0, 1]
    text = "A very very big tremendously BIG deal! Wow"
    assert _rows(fast(nlp(text))) == _rows(_ruler(nlp, patterns)(nlp(text)))


def test_rules_writing_other_attributes_keep_spacys_ruler() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add([[{"LOWER": "u.s."}]], {"NORM": "united states"})
    with pytest.raises(ValueError, match="NORM|not the attributes"):
        FastAttributeRuler(nlp.get_pipe("attribute_ruler"))
    use_fast_attribute_ruler(nlp)
    assert nlp.pipe_names == ["attribute_ruler"]


def _corpus(path, limit: int) -> list[str]:
    csv.field_size_limit(sys.maxsize)
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".csv"))
        with archive.open(name) as raw:
            rows = csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8"))
            texts = (row["text"] for row in rows if row.get("text"))
            return [text for _, text in zip(range(limit), texts, strict=False)]


def test_same_attributes_on_300_synthetic_stories(shared_dir) -> None:
    """spaCy's components and the fast ones, each on a copy of the same parsed documents
    (parsing once keeps this test quick)."""
    corpus = shared_dir / "corpora/ngec_synthetic_stories.csv.zip"
    if not corpus.is_file():
        pytest.skip(f"no corpus at {corpus}")
    nlp = load_model()
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    fast_ruler, fast_lemmatizer = nlp.get_pipe(COMPONENT), nlp.get_pipe(LEMMATIZER)
    tokens = 0
    for doc in nlp.pipe(_corpus(corpus, 300), disable=[COMPONENT, LEMMATIZER, "ner"]):
        expected = _silent_e_restored(lemmatizer(ruler(doc.copy()))).to_array(COLUMNS)
        got = fast_lemmatizer(fast_ruler(doc)).to_array(COLUMNS)
        assert (got == expected).all(), [t.text for t in doc]
        tokens += len(doc)
    assert tokens > 50_000
