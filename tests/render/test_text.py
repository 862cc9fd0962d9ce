"""Headline fitting, casing, scripts and font fallback."""

from __future__ import annotations

from socialbot.render.fonts import split_runs
from socialbot.render.text import (
    ELLIPSIS,
    _greedy,
    _space,
    _turkish_upper,
    _word,
    fit_text,
    is_rtl,
    to_case,
)


def test_turkish_uppercase_keeps_dotted_and_dotless_i() -> None:
    assert _turkish_upper("istanbul ılık işçi") == "İSTANBUL ILIK İŞÇİ"
    assert to_case("istanbul", True, "tr") == "İSTANBUL"
    assert to_case("istanbul", True, "en") == "ISTANBUL"
    assert to_case("Istanbul", False, "tr") == "Istanbul"


def test_short_headline_gets_the_largest_size() -> None:
    block = fit_text("Budget passes", "inter", 800, (960, 500), (40, 90), 4, 1.1)
    assert block.size == 90 and len(block.lines) == 1 and not block.truncated


def test_long_headline_shrinks_but_stays_within_lines_and_box() -> None:
    title = "Parliament approves a record defence budget as drone exports to Europe climb again"
    block = fit_text(title, "inter", 800, (960, 400), (30, 90), 4, 1.1)
    assert 30 <= block.size < 90
    assert len(block.lines) <= 4 and block.height <= 400
    assert all(block.line_width(line) <= 960 * 1.01 for line in block.lines)
    assert " ".join(w.text for line in block.lines for w in line) == title


def test_lines_are_balanced_not_a_lone_last_word() -> None:
    # At this width greedy breaking would leave "today" alone on the second line.
    title = "Central bank holds interest rates steady today"
    greedy_width = 1200
    words = [_word(w, "inter", 800).width for w in title.split()]
    assert _greedy(words, _space("inter", 800), greedy_width / 0.6) == [0, 6]  # lone "today"
    block = fit_text(title, "inter", 800, (greedy_width, 400), (60, 60), 3, 1.1)
    assert len(block.lines) == 2
    assert len(block.lines[-1]) >= 2
    widths = [block.line_width(line) for line in block.lines]
    assert max(widths) - min(widths) < 0.5 * max(widths)


def test_ellipsis_only_when_smallest_size_cannot_fit() -> None:
    title = " ".join(["word"] * 80)
    block = fit_text(title, "inter", 800, (600, 200), (30, 40), 2, 1.1)
    assert block.truncated and block.size == 30 and len(block.lines) <= 2
    assert block.lines[-1][-1].text.endswith(ELLIPSIS)
    roomy = fit_text("word " * 5, "inter", 800, (600, 200), (30, 40), 2, 1.1)
    assert not roomy.truncated
    assert ELLIPSIS not in "".join(w.text for line in roomy.lines for w in line)


def test_direction_follows_first_strong_character() -> None:
    assert is_rtl("البرلمان يقر 2025")
    assert is_rtl("2025 הכנסת")
    assert not is_rtl("Ankara 2025 البرلمان")


def test_fallback_chain_picks_a_font_per_script() -> None:
    runs = split_runs("Ankara שלום مرحبا 🚀", "inter")
    families = [fam for _, fam in runs]
    assert families == ["inter", "noto-sans-hebrew", "noto-sans-arabic", "noto-emoji"]


def test_characters_no_font_has_are_dropped_not_tofu() -> None:
    runs = split_runs("Ankara 漢𝕏\U000e0041 news", "inter")
    text = "".join(t for t, _ in runs)
    assert "漢" not in text and "𝕏" not in text and "\U000e0041" not in text
    assert text.split() == ["Ankara", "news"]


def test_emoji_sequence_stays_in_the_emoji_font() -> None:
    runs = split_runs("🇹🇷❤️", "inter")
    assert runs == [("🇹🇷❤️", "noto-emoji")]


def test_one_word_wider_than_the_box_is_cut_with_an_ellipsis() -> None:
    word = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherung"
    block = fit_text(word, "inter", 800, (500, 300), (40, 60), 2, 1.1)
    assert block.truncated and block.size == 40
    assert block.line_width(block.lines[0]) <= 500
    assert block.lines[0][0].text.endswith(ELLIPSIS)


def test_empty_headline_gives_no_lines() -> None:
    assert fit_text("   ", "inter", 800, (500, 300), (40, 60), 2, 1.1).lines == ()
