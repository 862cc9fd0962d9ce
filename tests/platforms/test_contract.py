"""The publisher contract, run against every publisher: publish, find_existing, metrics,
check, and each error class the queue acts on."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import responses

from socialbot.domain import (
    AuthExpired,
    HealthStatus,
    Metrics,
    Platform,
    PostKind,
    Published,
    RateLimited,
    Rejected,
    Transient,
)
from tests.platforms import payloads as P
from tests.platforms.harness import HARNESSES, Harness

ERRORS = {"transient": Transient, "rate": RateLimited, "auth": AuthExpired, "rejected": Rejected}


@pytest.fixture(params=HARNESSES, ids=lambda h: h.name)
def harness(request: pytest.FixtureRequest, tmp_path: Path, no_sleep: None) -> Any:
    # assert_all_requests_are_fired: every armed answer must have been asked for.
    with responses.RequestsMock(assert_all_requests_are_fired=True) as rsps:
        yield request.param(rsps, tmp_path)


def test_publish(harness: Harness, cards: dict[Any, Any]) -> None:
    publisher = harness.build("publish")
    harness.arm("publish")
    result = publisher.publish(harness.post(), harness.card(cards))
    assert isinstance(result, Published)
    assert result.platform == harness.kind.platform == publisher.platform
    if harness.name == "youtube-assisted":
        assert result.manual and result.url.endswith(f"/channel/{P.YT_CHANNEL_ID}/community")
    else:
        assert not result.manual
        assert result.remote_id == harness.published().remote_id
        assert result.url == harness.published().url


def test_find_existing(harness: Harness) -> None:
    publisher = harness.build("find")
    harness.arm("find")
    found = publisher.find_existing(harness.post())
    if harness.name == "youtube-assisted":
        assert found is None  # the editor records the URL by hand
        return
    assert found is not None
    assert found.remote_id == harness.published().remote_id


def test_metrics(harness: Harness) -> None:
    publisher = harness.build("metrics")
    harness.arm("metrics")
    ref = harness.published()
    result = publisher.metrics([ref])
    assert all(isinstance(m, Metrics) for m in result)
    if harness.kind.platform == Platform.YOUTUBE:
        assert result == []  # no engagement API for community posts; nothing invented
        return
    assert [m.remote_id for m in result] == [ref.remote_id]
    assert result[0].likes == {"x": 41, "instagram": 321}[harness.name]


def test_check(harness: Harness) -> None:
    publisher = harness.build("check")
    harness.arm("check")
    health = publisher.check()
    assert health.status == HealthStatus.OK
    assert "newsroom" in health.identity.lower()


@pytest.mark.parametrize("case", list(ERRORS))
def test_errors(harness: Harness, case: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    publisher = harness.build(case)
    harness.arm(case)
    with pytest.raises(ERRORS[case]) as info:
        harness.trigger(publisher, case)()
    if case == "rate":
        assert info.value.until > datetime.now(UTC)
    for secret in harness.secrets:
        assert secret not in str(info.value)
        assert secret not in caplog.text


def test_outbox_contract(tmp_path: Path, cards: dict[Any, Any]) -> None:
    from socialbot.platforms.outbox import OutboxPublisher
    from tests.platforms.conftest import make_post
    from tests.platforms.harness import X_ACCOUNT

    publisher = OutboxPublisher(X_ACCOUNT, tmp_path)
    post = make_post(PostKind.X_POST)
    card = cards[PostKind.X_POST.card_format]
    assert publisher.find_existing(post) is None
    result = publisher.publish(post, card)
    assert result.platform == Platform.X and not result.manual
    folder = Path(result.url.removeprefix("file://"))
    assert (folder / "card.jpg").read_bytes() == card.jpeg
    assert (folder / "text.txt").read_text(encoding="utf-8") == post.text + "\n"
    assert json.loads((folder / "meta.json").read_text())["idempotency_key"] == post.idempotency_key
    found = publisher.find_existing(post)
    assert found is not None and found.remote_id == result.remote_id
    assert publisher.metrics([result]) == []  # no platform, no engagement...
    (folder / "metrics.json").write_text('{"likes": 7, "reposts": 2}')
    [m] = publisher.metrics([result])  # ... unless a simulation put some there
    assert isinstance(m, Metrics) and (m.likes, m.reposts) == (7, 2)
    assert publisher.check().status == HealthStatus.OK


def test_rate_limit_until_comes_from_x_header(tmp_path: Path) -> None:
    from tests.platforms.harness import XHarness

    with responses.RequestsMock() as rsps:
        h = XHarness(rsps, tmp_path)
        publisher = h.build("rate")
        h.arm("rate")
        with pytest.raises(RateLimited) as info:
            publisher.publish(h.post(), None)
    assert info.value.until == datetime.fromtimestamp(1893456000, tz=UTC)

