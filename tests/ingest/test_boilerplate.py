from __future__ import annotations

from pathlib import Path

import pytest

from escalada.ingest.boilerplate import (
    guess_title,
    load_patterns,
    match_boilerplate,
    strip_boilerplate,
)

from .samples import BODY, HEADLINE

JUNK_LINES = [
    "ADS 7",
    "- Advertisement -",
    "- Advertisement -spot_img",
    "spot_img",
    "Must Read",
    "Related News",
    "Related Posts",
    "Share this:",
    "Facebook Twitter WhatsApp",
    "Subscribe",
    "Follow us on Twitter",
    "We use cookies to improve your experience. By continuing to use this site you accept "
    "our use of cookies.",
    "Read more",
    "Read More »",
    "Tags: ceasefire, Geneva",
]


def junk_laden_page() -> str:
    lines = [
        f"HomeBreaking News\u201c{HEADLINE}\u201d",
        "",
        f"\u201c{HEADLINE}\u201d",
        "",
        BODY[0],
        "ADS 7",
        BODY[1],
        "",
        "",
        "",
        "- Advertisement -",
        BODY[2],
        "Share this:",
        "Facebook Twitter WhatsApp",
        BODY[3],
        "",
        BODY[4],
        "Read more",
        "We use cookies to improve your experience. By continuing to use this site you accept "
        "our use of cookies.",
        BODY[5],
        BODY[6],
        "Subscribe",
        "Follow us on Twitter",
        "Frontier Herald Special Report.",
        "",
        "Frontier herald",
        "- Advertisement -spot_img",
        "Must Read",
        "Related News",
        "Related Posts",
        "spot_img",
    ]
    return "\n".join(lines)


def test_junk_removed_and_every_body_line_kept() -> None:
    cleaned = strip_boilerplate(junk_laden_page() + "\nVisit frontierherald.example.com")
    kept = [line for line in cleaned.text.split("\n") if line]
    for sentence in BODY:
        assert sentence in kept, sentence
    assert "Frontier Herald Special Report." in kept
    for junk in JUNK_LINES[:12]:
        assert junk not in kept, junk
    assert "Frontier herald" not in kept  # lone site-name byline at the end
    assert not any(line.startswith("Home") for line in kept)
    assert sum(1 for line in kept if HEADLINE in line) == 1
    assert "\n\n\n" not in cleaned.text
    # ADS 7 + 2 advertisement + 2 share + read more + cookie + subscribe + follow
    # + site name + spot_img + 3 related + repeated headline
    assert cleaned.removed_lines == 15
    assert cleaned.title == HEADLINE
    assert len(cleaned.removed) == 16  # the breadcrumb trim is listed, not counted


@pytest.mark.parametrize("junk", JUNK_LINES)
def test_each_junk_line_matches(junk: str) -> None:
    assert match_boilerplate(junk) is not None


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement revenue at state broadcasters fell sharply after the sanctions, the "
        "finance ministry said in a statement on Friday.",
        "Subscribers to the state news agency were told the broadcast would resume on Monday.",
        "Regulators fined the company over its cookie policy and said the site uses cookies "
        "without consent, a practice banned since 2022 under the privacy rules.",
        "Related talks in Vienna ended without agreement.",
        "More than 300 people were evacuated.",
        "Home Office officials said the deportation flight had been cancelled.",
        "Share prices fell.",
    ],
)
def test_real_sentences_are_not_junk(line: str) -> None:
    assert match_boilerplate(line) is None
    assert strip_boilerplate(line).text == line


def test_breadcrumb_not_triggered_by_ordinary_words() -> None:
    text = "Homeland security officials met on Monday.\nHome Office officials said so."
    assert strip_boilerplate(text).text == text


@pytest.mark.parametrize(
    "crumb",
    ["HomeWorldBreaking News", "Home \u00bb World \u00bb ", "Home / News / "],
)
def test_breadcrumb_prefix_is_cut(crumb: str) -> None:
    cleaned = strip_boilerplate(f"{crumb}Ceasefire Holds in the North\n\n{BODY[0]}")
    assert cleaned.text.split("\n")[0] == "Ceasefire Holds in the North"
    assert cleaned.title == "Ceasefire Holds in the North"


def test_title_guess() -> None:
    assert guess_title([HEADLINE, "", BODY[0]]) == HEADLINE
    assert guess_title([BODY[0], BODY[1]]) is None  # first line is a sentence
    assert guess_title([HEADLINE]) is None  # no body follows
    assert guess_title(["Officials said.", BODY[0]]) is None


def test_plain_text_without_junk_is_untouched() -> None:
    text = "\n\n".join(BODY)
    cleaned = strip_boilerplate(text)
    assert cleaned.text == text
    assert cleaned.removed_lines == 0


def test_outlet_name_removes_trailing_byline() -> None:
    text = "\n".join([*BODY, "Frontier Herald"])
    assert strip_boilerplate(text).text.endswith("Frontier Herald")
    assert not strip_boilerplate(text, outlet="Frontier Herald").text.endswith("Herald")


def test_patterns_are_data_driven(tmp_path: Path) -> None:
    custom = tmp_path / "patterns.yaml"
    custom.write_text(
        "default_max_chars: 30\nline_patterns:\n  - name: promo\n    regex: 'buy now!*'\n",
        encoding="utf-8",
    )
    rules = load_patterns(custom)
    cleaned = strip_boilerplate(f"{BODY[0]}\nBUY NOW!!\nAdvertisement", patterns=rules)
    assert cleaned.text == f"{BODY[0]}\nAdvertisement"
    assert cleaned.removed_lines == 1


EXAMPLE = Path("/work/shared/examples/venezuela/002_6aed635a1a7d0a8c.txt")


@pytest.mark.skipif(not EXAMPLE.exists(), reason="shared example not available")
def test_real_scraped_example() -> None:
    raw = EXAMPLE.read_text(encoding="utf-8")
    cleaned = strip_boilerplate(raw)
    kept = {line.strip() for line in cleaned.text.split("\n") if line.strip()}
    junk = {"ADS 7", "ADS 8", "- Advertisement -spot_img", "Must Read", "Related News",
            "Headline news"}
    original = [line.strip() for line in raw.split("\n") if line.strip()]
    assert junk <= set(original)
    assert not junk & kept
    assert not any(line.startswith("HomeBreaking News") for line in kept)
    body = [line for line in original if line not in junk and not line.startswith("Home")]
    missing = [line for line in body if line not in kept]
    assert missing == []
    assert cleaned.title and cleaned.title.startswith("Showdown Over Caracas")
