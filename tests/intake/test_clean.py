"""clean_text and friends: what feeds and CMSs put in headlines, taken out."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from socialbot.intake.clean import clean_text, first_sentence, parse_datetime
from socialbot.intake.urls import canonical_url


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (None, ""),
        ("AT&amp;amp;T", "AT&T"),
        ("&lt;b&gt;Bold&lt;/b&gt; move", "Bold move"),
        ("<p>One</p><p>Two</p>", "One Two"),
        ("Ankara <em>S</em>-400", "Ankara S-400"),
        ("x < y and y > z", "x < y and y > z"),
        ("zero\u200bwidth\u200e mark\u202eRTL\u2066", "zerowidth markRTL"),
        ("tab\tand\nnewline\x00", "tab and newline"),
        ("  lots   of\u00a0 space ", "lots of space"),
        ("I\u0307stanbul", "İstanbul"),  # decomposed dotted I -> NFC
        ("family 👨\u200d👩\u200d👧 stays", "family 👨\u200d👩\u200d👧 stays"),
        ("<script>alert(1)</script>Safe", "Safe"),
        ("&#8220;Quoted&#8221; &hellip;", "“Quoted” …"),
    ],
)
def test_clean_text(raw: str | None, clean: str) -> None:
    assert clean_text(raw) == clean


def test_first_sentence_is_trimmed_at_a_word() -> None:
    assert first_sentence("First one. Second.") == "First one."
    long = "word " * 60
    cut = first_sentence(long, limit=50)
    assert cut.endswith("…") and len(cut) <= 51 and "  " not in cut


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-24T16:12:00+03:00", datetime(2026, 11, 24, 13, 12, tzinfo=UTC)),
        ("2026-11-24T13:12:00Z", datetime(2026, 11, 24, 13, 12, tzinfo=UTC)),
        ("2026-11-24 13:12", datetime(2026, 11, 24, 13, 12, tzinfo=UTC)),
        ("Tue, 24 Nov 2026 16:12:00 +0300", datetime(2026, 11, 24, 13, 12, tzinfo=UTC)),
        ("next Tuesday", None),
        ("", None),
    ],
)
def test_parse_datetime(text: str, expected: datetime | None) -> None:
    assert parse_datetime(text) == expected


def test_canonical_url_ignores_tracking_case_and_fragments() -> None:
    a = canonical_url("https://WWW.Example.com:443/news/a/?utm_source=x&id=3#top")
    assert a == canonical_url("https://www.example.com/news/a?id=3&fbclid=zzz")
    assert a != canonical_url("https://www.example.com/news/a?id=4")
