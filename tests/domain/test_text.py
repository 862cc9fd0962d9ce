"""The one text-cleaning rule intake and compose share: dirty feed text in, clean text out."""

from __future__ import annotations

import unicodedata

import pytest

from socialbot.compose import clean_text as compose_clean_text
from socialbot.domain.text import (
    clean_text,
    clean_text_counted,
    drop_invisible,
    has_words,
    strip_html,
)
from socialbot.intake.clean import clean_text as intake_clean_text

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
# Woman technologist, medium skin tone: the joiner follows a skin-tone modifier (category Sk).
TECHNOLOGIST = "\U0001f469\U0001f3fd\u200d\U0001f4bb"
ENGLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"
RAINBOW_FLAG = "\U0001f3f3\ufe0f\u200d\U0001f308"

# Every dirty input from intake's and compose's former suites, plus the merged behaviour.
CASES = [
    (None, ""),
    ("", ""),
    ("AT&amp;amp;T", "AT&T"),
    ("Tom &amp;amp; Jerry", "Tom & Jerry"),
    ("&lt;b&gt;Bold&lt;/b&gt; move", "Bold move"),
    ("&amp;lt;i&amp;gt;Triple&amp;lt;/i&amp;gt; escaped", "Triple escaped"),
    ("<p>One</p><p>Two</p>", "One Two"),
    ("<p>Line one</p>\n<p>Line two</p>", "Line one Line two"),
    ("One<br/>Two<hr>Three", "One Two Three"),
    ("Ankara <em>S</em>-400", "Ankara S-400"),  # inline tags leave no space
    ("Erdoğan &amp; Biden <em>meet</em> in&nbsp;Ankara", "Erdoğan & Biden meet in Ankara"),
    ("x < y and y > z", "x < y and y > z"),
    ("I <3 Ankara", "I <3 Ankara"),
    ("<script>alert(1)</script>Safe", "Safe"),
    ("<style>p{color:red}</style>Styled", "Styled"),
    ("Before<!-- CMS note -->after", "Before after"),
    ("<!DOCTYPE html><?xml version='1.0'?>Doc", "Doc"),
    ("&#8220;Quoted&#8221; &hellip;", "“Quoted” …"),
    ("zero\u200bwidth\u200e mark\u202eRTL\u2066", "zerowidth markRTL"),
    ("Zero\u200bwidth\u200e bidi\u202e\u2066 ctrl\x07\x00 end\ufeff", "Zerowidth bidi ctrl end"),
    ("tab\tand\nnewline\x00", "tab and newline"),
    ("next\x85line and\u2028separator", "next line and separator"),
    ("  lots   of\u00a0 space ", "lots of space"),
    ("soft\u00adhyphen word\u2060joiner", "softhyphen wordjoiner"),
    ("private\ue000\U000f0000 use", "private use"),
    ("non\ufdd0char\uffff\U0001fffe", "nonchar"),
    ("I\u0307stanbul", "İstanbul"),  # decomposed dotted I -> NFC
    ("I\u200b\u0307stanbul", "İstanbul"),  # NFC after the invisible between them is gone
    (f"family {FAMILY} stays", f"family {FAMILY} stays"),
    (f"Aile {FAMILY}", f"Aile {FAMILY}"),
    (f"coder {TECHNOLOGIST}", f"coder {TECHNOLOGIST}"),
    (f"pride {RAINBOW_FLAG}", f"pride {RAINBOW_FLAG}"),
    (f"Go {ENGLAND}!", f"Go {ENGLAND}!"),
    ("stray\u200djoiner", "strayjoiner"),
    ("\u200dedge\u200d", "edge"),
    ("می\u200cخواهم", "می\u200cخواهم"),  # Persian: ZWNJ between letters is spelling
    ("word\u200c 2026", "word 2026"),  # ZWNJ before a space joins nothing
    ("lone \U000e0067\U000e0062 tags", "lone tags"),  # tag characters outside a flag
]


@pytest.mark.parametrize(("raw", "clean"), CASES)
def test_clean_text(raw: str | None, clean: str) -> None:
    assert clean_text(raw) == clean
    # Intake and compose give exactly the shared result under their old signatures.
    assert intake_clean_text(raw) == clean
    assert compose_clean_text(raw)[0] == clean


@pytest.mark.parametrize(
    ("raw", "removed"),
    [
        ("Zero\u200bwidth\u200e bidi\u202e\u2066 ctrl\x07\x00 end\ufeff", 7),
        ("tab\tand\nnewline", 0),  # line breaks become spaces, they are not hidden junk
        ("<b>Bold</b> &amp; plain", 0),  # markup is not counted as invisible
        (f"{FAMILY} and {ENGLAND}", 0),  # joiners and flag tags that do a job are kept
        ("stray\u200djoiner and\u200c 1", 2),  # joiners that join nothing are counted
        ("\ud800 lone surrogate\ue000", 2),
        (None, 0),
    ],
)
def test_removed_count(raw: str | None, removed: int) -> None:
    assert clean_text_counted(raw)[1] == removed
    assert compose_clean_text(raw)[1] == removed


def test_drop_invisible_counts_what_it_removes() -> None:
    text, removed = drop_invisible("a\u200bb\x01c\nd")
    assert (text, removed) == ("abc d", 2)


def test_strip_html_decodes_but_keeps_prose_angles() -> None:
    assert strip_html("&lt;p&gt;5 &lt; 6&lt;/p&gt;") == " 5 < 6 "
    assert strip_html("<a href='x'>link</a> text") == "link text"


@pytest.mark.parametrize(
    "dirty",
    [
        None,
        "",
        "\ud800 lone surrogate",
        "<" * 5000,
        "&#xD800; &#99999999;",
        "\x00" * 10,
        "<script>" * 200,
        "&amp;" * 1000,
        "\u200d" * 100,
        "<!--" * 500,
    ],
)
def test_never_raises_and_output_is_encodable(dirty: str | None) -> None:
    text, _ = clean_text_counted(dirty)
    text.encode("utf-8")  # nothing unencodable survives
    assert unicodedata.is_normalized("NFC", text)
    assert text == text.strip() and "  " not in text


def test_has_words() -> None:
    assert has_words("Ankara 2026") and has_words("2026")
    assert not has_words("🔥🔥 !!") and not has_words("")
