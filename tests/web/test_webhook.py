"""The CMS webhook: signed, fresh, idempotent; anything else is refused and stores nothing."""

from __future__ import annotations

import json
import time

import sqlalchemy as sa
from fastapi.testclient import TestClient

from socialbot.services.app import App
from socialbot.store.tables import ArticleRow, PostRow
from socialbot.web.app import create_app
from socialbot.web.hooks import sign, signature_problem
from tests.web.conftest import WEBHOOK_SECRET

DOCUMENT = {
    "url": "https://www.example-news.com.tr/defence/navy-frigate",
    "guid": "example-news-2031-1",
    "title": "Navy commissions its fourth frigate",
    "summary": "The ship joins the fleet in the Aegean after sea trials.",
    "section": "defence",
    "tags": ["navy"],
    "published_at": "2031-03-03T10:30:00+03:00",
}


def send(web: TestClient, body: bytes, *, secret: str = WEBHOOK_SECRET,
         timestamp: int | None = None, signature: str | None = None):  # type: ignore[no-untyped-def]
    ts = str(int(time.time()) if timestamp is None else timestamp)
    return web.post("/hooks/articles", content=body, headers={
        "Content-Type": "application/json", "X-Socialbot-Timestamp": ts,
        "X-Socialbot-Signature": signature or sign(secret, ts, body)})


def articles(app: App) -> int:
    with app.sessions() as session:
        return session.execute(sa.select(sa.func.count(ArticleRow.id))).scalar_one()


def test_wrong_secret_is_refused_and_stores_nothing(app: App, web: TestClient) -> None:
    response = send(web, json.dumps(DOCUMENT).encode(), secret="guessed")
    assert response.status_code == 401
    assert "signature does not match" in response.json()["error"]
    assert articles(app) == 0


def test_old_signature_is_refused_and_stores_nothing(app: App, web: TestClient) -> None:
    response = send(web, json.dumps(DOCUMENT).encode(), timestamp=int(time.time()) - 600)
    assert response.status_code == 401
    assert "more than 5 minutes" in response.json()["error"]
    assert articles(app) == 0


def test_body_changed_after_signing_is_refused(app: App, web: TestClient) -> None:
    body = json.dumps(DOCUMENT).encode()
    ts = str(int(time.time()))
    tampered = body.replace(b"fourth", b"fifth")
    response = web.post("/hooks/articles", content=tampered, headers={
        "X-Socialbot-Timestamp": ts, "X-Socialbot-Signature": sign(WEBHOOK_SECRET, ts, body)})
    assert response.status_code == 401 and articles(app) == 0


def test_missing_headers_and_disabled_webhook(app: App, web: TestClient) -> None:
    missing = web.post("/hooks/articles", content=b"{}")
    assert missing.status_code == 401 and "missing" in missing.json()["error"]
    with TestClient(create_app(app, webhook_secret="")) as off:
        disabled = send(off, b"{}")
    assert disabled.status_code == 503 and "SOCIALBOT_WEBHOOK_SECRET" in disabled.json()["error"]
    assert articles(app) == 0


def test_signature_rules() -> None:
    body, now = b'{"a": 1}', 1_900_000_000.0
    good = sign("k", "1900000000", body)
    assert good.startswith("sha256=") and len(good) == 7 + 64
    assert signature_problem("k", "1900000000", good, body, now) is None
    assert signature_problem("k", "1900000000", good, body, now + 299) is None
    assert signature_problem("k", "1900000000", good, body, now + 301) is not None
    assert signature_problem("k", "1900000000", good, body, now - 301) is not None  # from the future
    assert "Unix seconds" in (signature_problem("k", "soon", good, body, now) or "")


def test_signed_bad_payload_gets_a_clear_422(app: App, web: TestClient) -> None:
    not_json = send(web, b"{not json")
    assert not_json.status_code == 422 and "not valid JSON" in not_json.json()["error"]
    no_title = send(web, json.dumps({"url": DOCUMENT["url"]}).encode())
    assert no_title.status_code == 422 and "\n" not in no_title.json()["error"]
    assert articles(app) == 0


def test_good_document_is_stored_once(app: App, web: TestClient) -> None:
    body = json.dumps(DOCUMENT).encode()
    first = send(web, body)
    assert first.status_code == 201, first.text
    assert first.json()["outcome"] == "created" and first.json()["posts_created"] == 3
    again = send(web, body)
    assert again.status_code == 200 and again.json()["outcome"] == "unchanged"
    assert again.json()["article_id"] == first.json()["article_id"]
    with app.sessions() as session:
        assert session.execute(sa.select(sa.func.count(PostRow.id))).scalar_one() == 3
    assert articles(app) == 1
