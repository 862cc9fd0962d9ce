"""Composing every kind of post, including from dirty articles."""

from __future__ import annotations

import pytest

from socialbot.compose import ALT_TEXT_LIMITS, alt_text, check_text, compose
from socialbot.domain import ArticleImage, Platform, PostKind

from .conftest import account, article

KINDS = (PostKind.X_POST, PostKind.IG_FEED, PostKind.IG_STORY, PostKind.YT_COMMUNITY)


def test_x_post_shape(rules) -> None:  # type: ignore[no-untyped-def]
    comp = compose(article(), account(Platform.X), PostKind.X_POST, rules)
    head, link_line = comp.text.split("\n\n")
    assert head == "Baykar's Kızılelma completes first supersonic flight over İzmir"
    assert link_line == f"{comp.link} #Defence #Türkiye"
    assert comp.hashtags == ("#Defence", "#Türkiye")
    assert "utm_source=x" in comp.link and comp.link.endswith("#top")
    assert comp.problems == ()


def test_instagram_caption_has_cta_no_link_and_hashtag_block(rules) -> None:  # type: ignore[no-untyped-def]
    comp = compose(article(), account(Platform.INSTAGRAM), PostKind.IG_FEED, rules)
    blocks = comp.text.split("\n\n")
    assert blocks[0].startswith("Baykar's") and blocks[1].startswith("The unmanned fighter")
    assert blocks[2] == "Full story: link in bio."
    assert blocks[3] == "#Defence #Türkiye #DefenceIndustry #İstanbul #NATO"
    assert "http" not in comp.text and "utm_source=instagram" in comp.link


def test_account_cta_overrides_config(rules) -> None:  # type: ignore[no-untyped-def]
    acc = account(Platform.INSTAGRAM, options={"cta": "Haberin tamamı profildeki bağlantıda."})
    assert "Haberin tamamı profildeki bağlantıda." in compose(article(), acc, PostKind.IG_FEED, rules).text


def test_youtube_has_clickable_link_and_short_hashtag_line(rules) -> None:  # type: ignore[no-untyped-def]
    comp = compose(article(), account(Platform.YOUTUBE), PostKind.YT_COMMUNITY, rules)
    assert comp.link in comp.text and "utm_source=youtube" in comp.link
    assert comp.text.split("\n")[-1] == "#Defence #Türkiye #DefenceIndustry"


def test_youtube_limit_from_config_or_account(rules) -> None:  # type: ignore[no-untyped-def]
    art = article(summary="Uzun özet cümlesi. " * 100)
    comp = compose(art, account(Platform.YOUTUBE, max_length=250), PostKind.YT_COMMUNITY, rules)
    assert len(comp.text) <= 250 and comp.link in comp.text
    assert check_text(Platform.YOUTUBE, comp.text, 250).valid


def test_story_text_is_the_headline(rules) -> None:  # type: ignore[no-untyped-def]
    comp = compose(article(), account(Platform.INSTAGRAM), PostKind.IG_STORY, rules)
    assert comp.text == "Baykar's Kızılelma completes first supersonic flight over İzmir"
    assert "utm_source=instagram" in comp.link


def test_breaking_prefix(rules) -> None:  # type: ignore[no-untyped-def]
    comp = compose(article(breaking=True), account(Platform.X), PostKind.X_POST, rules)
    assert comp.text.startswith("BREAKING: Baykar's")


def test_alt_text_from_headline_and_photo_caption() -> None:
    art = article(image=ArticleImage(url="p.jpg", caption="Kızılelma on the <b>runway</b>", credit="AA"))
    assert alt_text(art, Platform.X) == (
        "Baykar's Kızılelma completes first supersonic flight over İzmir. "
        "Photo: Kızılelma on the runway. (AA)"
    )
    assert alt_text(article(image=None), Platform.X).endswith("İzmir.")
    long = article(image=ArticleImage(url="p.jpg", caption="Uzun açıklama " * 200))
    for platform in Platform:
        assert len(alt_text(long, platform)) <= ALT_TEXT_LIMITS[platform]
    assert ALT_TEXT_LIMITS[Platform.X] == 1000


DIRTY = {
    "html": dict(title="Erdoğan &amp; Putin <em>agree</em> on grain &quot;corridor&quot;"),
    "invisible": dict(title="Zero\u200bwidth\u202e bidi\x07 title\ufeff"),
    "emoji only": dict(title="🔥🔥🔥"),
    "emoji only, no summary": dict(title="🚀", summary=""),
    "empty": dict(title="   "),
    "empty and no summary": dict(title="", summary=""),
    "huge summary": dict(summary="Çok uzun özet. " * 350),
    "tags junk": dict(tags=("", "   ", "#", "2024", "<b>", "&amp;")),
    "no section": dict(section=None),
    "cjk title": dict(title="国防部" * 200),
    "one giant word": dict(title="A" * 5000),
    "lone surrogate": dict(title="bad \ud800 text", summary="\udfff"),
    "caption html": dict(image=ArticleImage(url="p.jpg", caption="<p>&nbsp;</p>", credit="\u200b")),
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", list(DIRTY))
def test_dirty_input_gives_valid_posts_never_exceptions(rules, name: str, kind: PostKind) -> None:  # type: ignore[no-untyped-def]
    comp = compose(article(**DIRTY[name]), account(kind.platform), kind, rules)
    assert comp.text.encode("utf-8")
    assert "<em>" not in comp.text and "&amp;" not in comp.text and "\u200b" not in comp.text
    assert len(comp.alt_text) <= ALT_TEXT_LIMITS[kind.platform]
    if kind is not PostKind.IG_STORY:
        assert check_text(kind.platform, comp.text).valid, comp.problems


def test_dirty_input_problems_are_clear(rules) -> None:  # type: ignore[no-untyped-def]
    acc = account(Platform.X)

    def problems(**kw: object) -> tuple[str, ...]:
        return compose(article(**kw), acc, PostKind.X_POST, rules).problems

    assert "title has no words (emoji only): used summary" in problems(title="🔥🔥")
    assert "empty title: used summary" in problems(title="")
    assert "empty title and summary" in problems(title="", summary="")
    assert "title: removed 2 invisible or control character(s)" in problems(title="a\u200bb\x07")
    ig = compose(article(summary="Çok uzun özet. " * 350), account(Platform.INSTAGRAM), PostKind.IG_FEED, rules)
    assert "summary shortened to 600 characters" in ig.problems
    html = compose(article(**DIRTY["html"]), acc, PostKind.X_POST, rules)
    assert html.text.startswith('Erdoğan & Putin agree on grain "corridor"')


def test_empty_title_uses_first_sentence_of_summary(rules) -> None:  # type: ignore[no-untyped-def]
    comp = compose(article(title="", summary="First sentence here. Second one."), account(Platform.X), PostKind.X_POST, rules)
    assert comp.text.startswith("First sentence here.\n\n")


def test_nothing_at_all_still_posts_the_link(rules) -> None:  # type: ignore[no-untyped-def]
    comp = compose(article(title="", summary="", tags=(), section=None), account(Platform.X), PostKind.X_POST, rules)
    assert comp.text == comp.link
    assert check_text(Platform.X, comp.text).valid
