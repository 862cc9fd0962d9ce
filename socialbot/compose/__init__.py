"""Per-platform post text: X's weighted length, truncation, hashtags, UTM links, templates."""

from socialbot.compose.check import check_as_dict, main_post_check
from socialbot.compose.composer import ALT_TEXT_LIMITS, Composition, alt_text, compose, headline_of
from socialbot.compose.counting import TextCheck, check_text, default_limit, x_length
from socialbot.compose.fitting import grapheme_starts, shorten_to
from socialbot.compose.hashtags import article_hashtags, hashtag_word
from socialbot.compose.links import tracked_link
from socialbot.compose.rules import ComposeRules, default_rules, load_rules
from socialbot.compose.text import (
    clean_text,
    is_turkish_word,
    turkish_lower,
    turkish_title,
    turkish_upper,
)

__all__ = [
    "ALT_TEXT_LIMITS",
    "ComposeRules",
    "Composition",
    "TextCheck",
    "alt_text",
    "article_hashtags",
    "check_as_dict",
    "check_text",
    "clean_text",
    "compose",
    "default_limit",
    "default_rules",
    "grapheme_starts",
    "hashtag_word",
    "headline_of",
    "is_turkish_word",
    "load_rules",
    "main_post_check",
    "shorten_to",
    "tracked_link",
    "turkish_lower",
    "turkish_title",
    "turkish_upper",
    "x_length",
]
