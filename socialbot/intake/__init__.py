"""Intake: feeds, article pages and JSON documents in; Articles (and problems) out.

Every failure is an ``IntakeError`` whose message is one line naming the source.
"""

from socialbot.intake.clean import clean_text
from socialbot.intake.document import SCHEMA_DOC, ArticleDocument, json_schema, parse_document
from socialbot.intake.errors import IntakeError
from socialbot.intake.feeds import (
    FeedFetch,
    FeedParse,
    enrich_image_from_page,
    fetch_feed,
    parse_feed,
)
from socialbot.intake.page import extract_page, fetch_page
from socialbot.intake.photos import fetch_photo
from socialbot.intake.sources import SourceKind, classify, read_source
from socialbot.intake.urls import canonical_url

__all__ = [
    "SCHEMA_DOC",
    "ArticleDocument",
    "FeedFetch",
    "FeedParse",
    "IntakeError",
    "SourceKind",
    "canonical_url",
    "classify",
    "clean_text",
    "enrich_image_from_page",
    "extract_page",
    "fetch_feed",
    "fetch_page",
    "fetch_photo",
    "json_schema",
    "parse_document",
    "parse_feed",
    "read_source",
]
