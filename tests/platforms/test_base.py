"""Credentials from the environment, secrets kept out of logs, and choosing a publisher."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
import responses

from socialbot.domain import Account, Platform, Transient
from socialbot.platforms import publisher_for
from socialbot.platforms.base import MASK, Credentials, MemoryVault, redact, register_secrets
from socialbot.platforms.instagram import InstagramPublisher
from socialbot.platforms.x import XPublisher
from socialbot.platforms.youtube import YouTubePublisher
from tests.platforms.harness import (
    IG_ACCOUNT,
    IG_ENV,
    X_ACCOUNT,
    X_ENV,
    YT_ACCOUNT,
    YT_ENV,
    X,
    XHarness,
)


def test_credentials_report_missing_variables_by_name() -> None:
    env = {**X_ENV, "X_MAIN_ACCESS_TOKEN_SECRET": "  "}
    creds = Credentials.from_account(X_ACCOUNT, env)
    assert creds.missing(["consumer_key", "access_token_secret", "bearer"]) == [
        "X_MAIN_ACCESS_TOKEN_SECRET", "bearer (not configured)"]
    assert X_ENV["X_MAIN_CONSUMER_SECRET"] not in repr(creds)


def test_redact_masks_registered_secrets_longest_first() -> None:
    register_secrets(["abcdef-secret", "abcdef-secret-longer", "1"])
    assert redact("a abcdef-secret-longer b abcdef-secret 1") == f"a {MASK} b {MASK} 1"


def test_secrets_never_reach_the_logs_when_errors_happen(caplog: pytest.LogCaptureFixture, tmp_path: Path) -> None:
    caplog.set_level(logging.DEBUG)
    with responses.RequestsMock() as rsps:
        h = XHarness(rsps, tmp_path)
        pub = h.build("auth")
        h.arm("auth")
        try:
            pub.publish(h.post(), None)
        except Exception as exc:
            logging.getLogger("socialbot.queue").exception("publish failed: %s (%r)", exc, X_ENV)
    assert "publish failed" in caplog.text  # the record is there ...
    for secret in X_ENV.values():  # ... without the secrets, even when logged deliberately
        assert secret not in caplog.text
    assert MASK in caplog.text


@pytest.fixture
def outbox_module() -> Any:
    import socialbot.platforms.outbox as real

    return real


def choose(account: Account, env: dict[str, str]) -> tuple[Any, str]:
    return publisher_for(account, env=env, vault=MemoryVault(), outbox_dir=Path("/tmp/outbox"))


def test_without_credentials_every_account_goes_to_the_outbox(outbox_module: Any) -> None:
    for account in (X_ACCOUNT, IG_ACCOUNT, YT_ACCOUNT):
        publisher, note = choose(account, {})
        assert isinstance(publisher, outbox_module.OutboxPublisher)
        assert note.startswith(f"{account.name}: no credentials (") and "posting to the outbox" in note
    _, note = choose(X_ACCOUNT, {k: v for k, v in X_ENV.items() if k != "X_MAIN_CONSUMER_KEY"})
    assert note == "x-main: no credentials (X_MAIN_CONSUMER_KEY missing): posting to the outbox"
    bare = Account(name="x-bare", platform=Platform.X, handle="bare")
    assert "no credentials configured" in choose(bare, {})[1]


def test_forced_outbox_and_real_publishers(outbox_module: Any) -> None:
    forced = Account(name="x-main", platform=Platform.X, handle="n", credentials=X_ACCOUNT.credentials, publisher="outbox")
    assert isinstance(choose(forced, X_ENV)[0], outbox_module.OutboxPublisher)
    assert isinstance(choose(X_ACCOUNT, X_ENV)[0], XPublisher)
    ig, _ = choose(IG_ACCOUNT, IG_ENV)
    assert isinstance(ig, InstagramPublisher) and ig.delay_range == (2.0, 5.0)
    internal = Account(name="yt-main", platform=Platform.YOUTUBE, handle="n", credentials=YT_ACCOUNT.credentials,
                       options={"community": "internal", "channel_id": "UC1"})
    yt, note = choose(internal, YT_ENV)
    assert isinstance(yt, YouTubePublisher) and yt.mode == "internal" and "experimental" in note


@responses.activate
def test_timeouts_are_transient() -> None:
    import requests

    responses.post(f"{X}/tweets", body=requests.ConnectTimeout("timed out"))
    pub, _ = choose(X_ACCOUNT, X_ENV)
    from socialbot.domain import PostKind
    from tests.platforms.conftest import make_post

    with pytest.raises(Transient, match="unreachable"):
        pub.publish(make_post(PostKind.X_POST), None)
