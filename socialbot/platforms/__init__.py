"""Platform publishers behind one interface, chosen per account by its credentials.

An account without credentials (or with ``publisher = "outbox"``) writes to the outbox, so a
fresh checkout runs end to end; the note returned says why."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from socialbot.domain.account import Account
from socialbot.domain.post import Platform
from socialbot.domain.publishing import Publisher
from socialbot.platforms.base import Credentials, MemoryVault, SessionVault, redact
from socialbot.platforms.prices import Prices, load_prices

__all__ = ["Credentials", "MemoryVault", "Prices", "SessionVault", "load_prices", "publisher_for", "redact"]


def _outbox(account: Account, outbox_dir: Path) -> Any:
    # The outbox publisher lives in its own module; imported here only when it is needed.
    from socialbot.platforms.outbox import OutboxPublisher

    return OutboxPublisher(account, outbox_dir)


def _missing(account: Account, creds: Credentials) -> list[str]:
    """Environment variables this account still needs, or [] when it can publish for real."""
    if account.platform == Platform.X:
        from socialbot.platforms.x import OAUTH1_KEYS, OAUTH2_KEYS

        if creds.has(OAUTH2_KEYS) and not creds.has(OAUTH1_KEYS):
            return []
        return creds.missing(OAUTH1_KEYS)
    if account.platform == Platform.INSTAGRAM:
        from socialbot.platforms.instagram import REQUIRED_KEYS

        return creds.missing(REQUIRED_KEYS)
    from socialbot.platforms.youtube import REQUIRED_KEYS as YT_KEYS

    return creds.missing(YT_KEYS)


def publisher_for(
    account: Account,
    *,
    env: Mapping[str, str],
    vault: SessionVault,
    outbox_dir: Path,
    prices: Prices | None = None,
) -> tuple[Publisher, str]:
    """The publisher for ``account`` and a one-line note saying which one and why."""
    if account.publisher == "outbox":
        return _outbox(account, outbox_dir), f"{account.name}: publisher set to outbox"
    if account.publisher not in (None, account.platform.value):
        raise ValueError(f"{account.name}: unknown publisher {account.publisher!r}")
    creds = Credentials.from_account(account, env)
    missing = _missing(account, creds)
    if not account.credentials or missing:
        why = f"{', '.join(missing)} missing" if account.credentials else "no credentials configured"
        return _outbox(account, outbox_dir), f"{account.name}: no credentials ({why}): posting to the outbox"
    options = account.options
    if account.platform == Platform.X:
        from socialbot.platforms.x import XPublisher

        return XPublisher(account.handle, creds, prices=prices or load_prices()), f"{account.name}: X as @{account.handle.lstrip('@')}"
    if account.platform == Platform.INSTAGRAM:
        from socialbot.platforms.instagram import DEFAULT_DELAY, InstagramPublisher

        low, high = (float(x) for x in options.get("delay_range", "").split("-", 1)) if "-" in options.get("delay_range", "") else DEFAULT_DELAY
        publisher = InstagramPublisher(
            account.name, account.handle, creds, vault, delay_range=(low, high),
            story_links=options.get("story_links", "").lower() == "true",
            professional=options.get("professional", "").lower() == "true",
        )
        return publisher, f"{account.name}: Instagram as @{account.handle.lstrip('@')}"
    from socialbot.platforms.youtube import YouTubePublisher

    mode = options.get("community", "assisted")
    cookies = creds.get("cookies_file")
    yt = YouTubePublisher(account.name, account.handle, creds, vault, channel_id=options.get("channel_id"),
                          mode=mode, cookies_file=Path(cookies) if cookies else None)
    note = f"{account.name}: YouTube, community posts {mode}"
    if mode == "internal":
        note += " (experimental; falls back to assisted)"
    return yt, note
