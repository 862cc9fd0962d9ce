"""Turkish casing and cleaning dirty titles."""

from __future__ import annotations

import pytest

from socialbot.compose import clean_text, is_turkish_word, turkish_title, turkish_upper
from socialbot.compose.text import fold, turkish_lower


def test_python_gets_turkish_wrong_and_we_do_not() -> None:
    assert "istanbul".upper() == "ISTANBUL"  # the bug we work around
    assert turkish_upper("istanbul") == "İSTANBUL"
    assert turkish_upper("ığdır") == "IĞDIR"
    assert turkish_upper("çiğköfte şiş") == "ÇİĞKÖFTE ŞİŞ"
    assert turkish_lower("İSTANBUL") == "istanbul"
    assert turkish_lower("IĞDIR") == "ığdır"
    assert len(turkish_lower("İ")) == 1  # no combining dot left behind ("İ".lower() has one)


@pytest.mark.parametrize(
    ("raw", "titled"),
    [
        ("istanbul", "İstanbul"),
        ("ığdır", "Iğdır"),
        ("İZMİR'DE DEPREM", "İzmir'de Deprem"),
        ("kahramanmaraş-adana yolu", "Kahramanmaraş-Adana Yolu"),
        ("", ""),
    ],
)
def test_turkish_title(raw: str, titled: str) -> None:
    assert turkish_title(raw) == titled


def test_turkishness() -> None:
    assert is_turkish_word("izmir", "tr")
    assert is_turkish_word("Çorlu")
    assert is_turkish_word("istanbul", turkish_words=["İstanbul"])
    assert not is_turkish_word("india")
    assert fold("İstanbul") == fold("ISTANBUL") == fold("ıstanbul") == "istanbul"


def test_clean_text_handles_html_entities_and_tags() -> None:
    assert clean_text("Erdoğan &amp; Biden <em>meet</em> in&nbsp;Ankara")[0] == (
        "Erdoğan & Biden meet in Ankara"
    )
    assert clean_text("Tom &amp;amp; Jerry")[0] == "Tom & Jerry"  # escaped twice by the feed
    assert clean_text("<p>Line one</p>\n<p>Line two</p>")[0] == "Line one Line two"


def test_clean_text_drops_invisible_and_control_characters() -> None:
    text, removed = clean_text("Zero\u200bwidth\u200e bidi\u202e\u2066 ctrl\x07\x00 end\ufeff")
    assert text == "Zerowidth bidi ctrl end"
    assert removed == 7
    # A joiner inside an emoji sequence is part of the emoji and stays.
    family = "\U0001F468\u200d\U0001F469\u200d\U0001F467"
    assert clean_text(f"Aile {family}")[0] == f"Aile {family}"
    assert clean_text("stray\u200djoiner")[0] == "strayjoiner"


def test_clean_text_never_raises() -> None:
    for dirty in (None, "", "\ud800 lone surrogate", "<" * 5000, "&#xD800; &#99999999;", "\x00" * 10):
        text, _ = clean_text(dirty)
        assert isinstance(text, str)
        text.encode("utf-8")  # nothing unencodable survives
