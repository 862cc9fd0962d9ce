"""Composing one post for one account from one article, in the newsroom's voice."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from socialbot.compose.counting import check_text, default_limit
from socialbot.compose.fitting import clip_chars, shorten_to
from socialbot.compose.hashtags import article_hashtags
from socialbot.compose.links import tracked_link
from socialbot.compose.rules import ComposeRules, builtin_template
from socialbot.domain import Account, Article, Platform, PostKind
from socialbot.domain.text import clean_text, clean_text_counted, has_words

log = logging.getLogger(__name__)

# Alt text limits per platform. X documents 1,000 characters; Instagram and YouTube publish
# none, so the same 1,000 keeps alt text short enough for a screen reader everywhere.
ALT_TEXT_LIMITS = {Platform.X: 1000, Platform.INSTAGRAM: 1000, Platform.YOUTUBE: 1000}
_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s")


@dataclass(frozen=True)
class Composition:
    """The text of one post, ready for an editor's queue."""

    kind: PostKind
    text: str  # final post text / caption
    alt_text: str  # card alt text within the platform's limit
    link: str  # tracked link used in the text; for Instagram the link for bio or sticker
    hashtags: tuple[str, ...]
    problems: tuple[str, ...] = ()  # what was fixed or could not be; never an exception


def _tidy(text: str) -> str:
    """Trim lines and collapse runs of blank lines left by empty template fields."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def headline_of(article: Article) -> tuple[str, list[str]]:
    """The clean headline, falling back to the summary's first sentence; with problems."""
    problems: list[str] = []
    title, removed = clean_text_counted(article.title)
    if removed:
        problems.append(f"title: removed {removed} invisible or control character(s)")
    if title and has_words(title):
        return title, problems
    summary = clean_text(article.summary)
    first = _SENTENCE_END.split(summary, maxsplit=1)[0] if summary else ""
    if not title:
        problems.append("empty title: used summary" if first else "empty title and summary")
        return clip_chars(first, 200), problems
    if first:
        problems.append("title has no words (emoji only): used summary")
        return clip_chars(first, 200), problems
    problems.append("title has no words (emoji only)")
    return title, problems


def alt_text(article: Article, platform: Platform) -> str:
    """Alt text for the article's card: the headline, then the photo caption and credit."""
    headline, _ = headline_of(article)
    parts = [headline.rstrip(".") + "." if headline else ""]
    if article.image is not None:
        caption = clean_text(article.image.caption)
        credit = clean_text(article.image.credit)
        if caption:
            parts.append("Photo: " + caption.rstrip(".") + ".")
        if credit:
            parts.append(f"({credit})" if caption else f"Photo: {credit}.")
    text = " ".join(p for p in parts if p) or "News card"
    return clip_chars(text, ALT_TEXT_LIMITS[platform])


def _render(name: str, template: Any, context: dict[str, Any], problems: list[str]) -> str:
    try:
        return _tidy(template.render(context))
    except Exception as exc:  # an admin's template failing on real data must not stop a post
        msg = f"template {name} failed ({type(exc).__name__}: {exc}); used the built-in default"
        log.warning(msg)
        problems.append(msg)
        return _tidy(builtin_template(name.split(".", 1)[0]).render(context))


def _field_fits(
    render: Callable[[dict[str, Any]], str],
    fits: Callable[[str], bool],
    context: dict[str, Any],
    field: str,
) -> Callable[[str], bool]:
    """Whether the post fits with ``field`` set to a candidate value."""
    return lambda value: fits(render({**context, field: value}))


def _fit(
    render: Callable[[dict[str, Any]], str],
    context: dict[str, Any],
    fits: Callable[[str], bool],
    problems: list[str],
) -> str:
    """Render; if too long, drop hashtags, then shorten the summary, then the headline."""
    text = render(context)
    if fits(text):
        return text
    tags = list(context["hashtags"])
    while tags and not fits(text):
        tags.pop()
        context = {**context, "hashtags": tags, "hashtag_line": " ".join(tags)}
        text = render(context)
    if len(tags) < len(context.get("all_hashtags", ())):
        problems.append(f"hashtags dropped to fit: kept {len(tags)}")
    for field in ("summary", "headline"):
        if fits(text) or not context[field]:
            continue
        short = shorten_to(context[field], _field_fits(render, fits, context, field))
        context = {**context, field: short}
        text = render(context)
        problems.append(f"{field} shortened to fit" if short else f"{field} left out to fit")
    return text


def compose(article: Article, account: Account, kind: PostKind, rules: ComposeRules) -> Composition:
    """The post of ``kind`` for ``account`` from ``article``; always within the platform's rules."""
    platform = kind.platform
    problems: list[str] = []
    headline, head_problems = headline_of(article)
    problems.extend(head_problems)
    section = (article.section or "").strip().lower() or None
    link = tracked_link(article.url, platform=platform, account=account, section=section, rules=rules)
    hashtags = article_hashtags(article, platform, rules)
    alt = alt_text(article, platform)

    if kind is PostKind.IG_STORY:
        # Stories show no caption; a short headline still helps editors and the outbox.
        text = clip_chars(headline, 200) or clip_chars(alt, 200)
        return Composition(kind, text, alt, link, (), tuple(problems))

    summary = clean_text(article.summary)
    summary_max = rules.summary_max.get(platform, 600)
    if len(summary) > summary_max:
        summary = clip_chars(summary, summary_max)
        problems.append(f"summary shortened to {summary_max} characters")
    limit = account.max_length if platform is Platform.X else None
    if platform is Platform.YOUTUBE:
        limit = account.max_length or rules.youtube_max_length
    # A headline longer than the whole limit in characters cannot fit (URLs aside, nothing
    # counts under 1); clipping it first keeps the exact fitting below to a few checks.
    room = limit or default_limit(platform)
    if len(headline) > room:
        headline = clip_chars(headline, room)
        problems.append("headline shortened to fit")
    context: dict[str, Any] = {
        "headline": headline,
        "summary": summary,
        "link": link,
        "url": article.url,
        "hashtags": list(hashtags),
        "all_hashtags": list(hashtags),
        "hashtag_line": " ".join(hashtags),
        "cta": account.options.get("cta", rules.cta),
        "section": section or "",
        "breaking": article.breaking,
        "handle": account.handle,
        "kind": kind.value,
        "language": article.language,
        "author": clean_text(article.author),
        "photo_credit": clean_text(article.image.credit if article.image else None),
    }
    name, template = rules.template_for(platform, section)

    def render(ctx: dict[str, Any]) -> str:
        return _render(name, template, ctx, problems)

    def fits(text: str) -> bool:
        return check_text(platform, text, limit).valid

    text = _fit(render, context, fits, problems)
    final = check_text(platform, text, limit)
    if not final.valid and platform is Platform.X:
        # Last resort: the link alone is 23 weighted characters, valid for any real limit.
        problems.append(f"post reduced to the link: {'; '.join(final.problems)}")
        text = link
    elif not final.valid:
        problems.extend(final.problems)
    used = tuple(t for t in hashtags if t in text)
    return Composition(kind, text, alt, link, used, tuple(dict.fromkeys(problems)))
