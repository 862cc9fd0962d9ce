"""Tracked links: the canonical article URL plus UTM parameters per platform and account."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit, urlunsplit

from socialbot.domain import Account, Platform

if TYPE_CHECKING:
    from socialbot.compose.rules import ComposeRules

_UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign")
_SLUG = re.compile(r"[^\w.-]+")


def campaign_name(template: str, *, section: str | None, account: Account, default: str) -> str:
    """Fill the account's campaign template (``{section}``, ``{account}``, ``{platform}``)."""
    values = {
        "section": (section or "").strip() or default,
        "account": account.name,
        "platform": account.platform.value,
    }
    text = template or "{section}"
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    slug = _SLUG.sub("-", text.strip().lower()).strip("-")
    return slug or default


def tracked_link(
    url: str,
    *,
    platform: Platform,
    account: Account,
    section: str | None,
    rules: ComposeRules,
) -> str:
    """``url`` with ``utm_source``/``utm_medium``/``utm_campaign`` for this account.

    Other query parameters keep their order and their exact encoding, and the fragment stays;
    UTM keys already present (say, from the feed) are replaced, not repeated. A URL that is
    not http(s) comes back unchanged.
    """
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return url
    kept = [
        piece
        for piece in parts.query.split("&")
        if piece and piece.split("=", 1)[0].lower() not in _UTM_KEYS
    ]
    campaign = campaign_name(
        account.utm_campaign, section=section, account=account, default=rules.utm_default_campaign
    )
    ours = {
        "utm_source": rules.utm_sources.get(platform, platform.value),
        "utm_medium": rules.utm_medium,
        "utm_campaign": campaign,
    }
    kept.extend(f"{key}={quote(value, safe='')}" for key, value in ours.items() if value)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", "&".join(kept), parts.fragment))
