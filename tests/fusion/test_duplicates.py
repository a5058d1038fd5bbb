"""Near-duplicate documents: MinHash + LSH, flat canonical map, persistable signatures."""

from __future__ import annotations

import random

import pytest

from escalada.fusion import DuplicateIndex, find_duplicates
from escalada.fusion.duplicates import shingles

WORDS = ["army", "navy", "port", "bridge", "city", "river", "council", "minister", "talks",
         "border", "village", "convoy", "ceasefire", "shelling", "market", "hospital", "school",
         "road", "station", "airport"]


def story(seed: int, n: int = 120) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) + str(rng.randint(0, 9)) for _ in range(n))


def lightly_edited(text: str) -> str:
    words = text.split()
    words[10] = "REUTERS"
    return "(Wire) " + " ".join(words) + " Reporting by a correspondent."


def test_syndicated_copy_and_rewrite_map_to_first_seen():
    original, other = story(1), story(2)
    result = find_duplicates([("a", original), ("b", original.upper()),
                              ("c", other), ("d", lightly_edited(original))])
    assert result == {"b": "a", "d": "a"}


def test_unrelated_documents_are_not_duplicates():
    assert find_duplicates([(str(i), story(i)) for i in range(20)]) == {}


def test_copy_of_copy_maps_to_the_original():
    base = story(3).split()
    second = base[:-8] + [f"x{i}" for i in range(8)]   # Jaccard with base ~0.87
    third = [f"y{i}" for i in range(8)] + second[8:]   # ~0.87 with second, ~0.76 with base
    result = find_duplicates([("a", " ".join(base)), ("b", " ".join(second)),
                              ("c", " ".join(third))], threshold=0.8)
    assert result == {"b": "a", "c": "a"}
    assert find_duplicates([("a", " ".join(base)), ("c", " ".join(third))],
                           threshold=0.8) == {}


def test_empty_text_never_matches():
    assert find_duplicates([("a", ""), ("b", ""), ("c", "  ")]) == {}


def test_incremental_index_and_signature_roundtrip():
    index = DuplicateIndex()
    text = story(4)
    assert index.add("a", text) is None
    assert index.add("b", text) == "a"
    assert index.add("b", story(5)) == "a"  # re-adding an id changes nothing
    signature = index.signature_of("a")
    assert isinstance(signature, bytes) and len(signature) == 128 * 4
    assert signature == index.signature(text)

    restored = DuplicateIndex()
    assert restored.add_signature("a", signature) is None
    assert restored.add("c", lightly_edited(text)) == "a"
    assert restored.query(story(6)) is None
    assert "c" in restored and len(restored) == 2
    assert restored.duplicates() == {"c": "a"}


def test_signature_of_wrong_size_is_refused():
    with pytest.raises(ValueError):
        DuplicateIndex(num_perm=64).add_signature("a", DuplicateIndex().signature(story(7)))


def test_shingles_ignore_case_and_punctuation():
    assert shingles("One, two; THREE four five six", 5) == shingles("one two three four five six")
    assert shingles("too short", 5) == {b"too short"}
