"""Truncation: word boundaries, ellipsis, nothing whole ever split."""

from __future__ import annotations

import random

import pytest

from socialbot.compose import check_text, compose, grapheme_starts, shorten_to
from socialbot.compose.fitting import clip_chars, shortenings
from socialbot.compose.text import clean_text, has_words
from socialbot.domain import Platform, PostKind

from .conftest import account, article

FAMILY = "\U0001F468\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466"
FLAG = "\U0001F1F9\U0001F1F7"
WAVE = "\U0001F44B\U0001F3FD"


def test_grapheme_starts_keep_clusters_whole() -> None:
    text = f"a{FAMILY}e\u0301{FLAG}{WAVE}1\ufe0f\u20e3\r\nz"
    starts = grapheme_starts(text)
    clusters = [text[s:e] for s, e in zip(starts, [*starts[1:], len(text)], strict=True)]
    assert clusters == ["a", FAMILY, "e\u0301", FLAG, WAVE, "1\ufe0f\u20e3", "\r\n", "z"]


def test_cut_at_word_boundary_with_ellipsis() -> None:
    text = "Parliament passes the defence budget, opposition walks out"
    short = shorten_to(text, lambda t: len(t) <= 40)
    assert short == "Parliament passes the defence budget…"  # trailing comma dropped
    assert clip_chars(text, 1000) == text
    assert shorten_to(text, lambda t: len(t) <= 3) == "Pa…"  # one word left: cut by graphemes
    assert shorten_to(text, lambda t: len(t) <= 1) == ""


def test_single_long_word_is_cut_between_graphemes() -> None:
    text = "防衛" * 30 + FAMILY * 5
    for limit in range(1, 70):
        short = shorten_to(text, lambda t, n=limit: len(t) <= n)
        if short:
            body = short.removesuffix("…")
            assert text.startswith(body)
            assert len(body) in grapheme_starts(text) or len(body) == len(text)


@pytest.mark.parametrize("word", ["https://example.com/very/long/path", "#Kızılelma", "@examplenews"])
def test_urls_hashtags_and_mentions_are_never_cut(word: str) -> None:
    text = f"{word} and then more words here"
    for cand in shortenings(text):
        body = cand.removesuffix("…")
        assert body == "" or body.startswith(word)


def test_x_post_with_long_headline_is_valid_and_keeps_link(rules) -> None:  # type: ignore[no-untyped-def]
    title = "Ankara'da savunma sanayii zirvesi: " + "uzun başlık kelimeleri " * 30
    art = article(title=title)
    comp = compose(art, account(Platform.X), PostKind.X_POST, rules)
    check = check_text(Platform.X, comp.text)
    assert check.valid and check.weighted_length <= 280
    assert comp.link in comp.text
    assert "…" in comp.text
    assert "headline shortened to fit" in comp.problems
    assert check.weighted_length > 240  # it used the room it had, not a timid cut


def test_x_premium_limit_leaves_long_headline_whole(rules) -> None:  # type: ignore[no-untyped-def]
    title = "Uzun başlık " * 40
    comp = compose(article(title=title), account(Platform.X, max_length=4000), PostKind.X_POST, rules)
    assert title.strip() in comp.text
    assert check_text(Platform.X, comp.text, 4000).valid


def test_random_headlines_always_give_valid_x_posts(rules) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(20261125)
    pieces = ["Ankara", "İstanbul", "国防部", FAMILY, FLAG, WAVE, "e\u0301", "NATO,", "—", "https://t.co/x",
              "#Savunma", "ığdır", "\u200b", "&amp;", "<b>", "x" * 50, "😷"]
    acc = account(Platform.X)
    for _ in range(60):
        title = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 120)))
        sep = "" if rng.random() < 0.2 else " "
        title = sep.join(title.split(" "))
        comp = compose(article(title=title, tags=("a" * 30, "b" * 30)), acc, PostKind.X_POST, rules)
        assert check_text(Platform.X, comp.text).valid, (title, comp.text)
        assert comp.link in comp.text
        cleaned = clean_text(title)[0]
        head = comp.text.split("\n\n")[0]
        if has_words(cleaned) and head != comp.link:
            # The headline is the title or a cut of it that ends between two graphemes.
            body = head.removesuffix("…")
            assert cleaned.startswith(body), (cleaned, head)
            assert body == cleaned or len(body) in grapheme_starts(cleaned), (cleaned, head)
