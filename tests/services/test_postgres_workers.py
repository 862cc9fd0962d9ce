"""Several workers on PostgreSQL: every post is published exactly once."""

from __future__ import annotations

import json
import threading
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from socialbot.schedule.worker import Worker
from socialbot.services.app import App
from socialbot.services.intake import ingest_source
from socialbot.settings import load_settings
from socialbot.store.db import make_engine
from socialbot.store.tables import AuditRow, PostRow
from tests.store.conftest import PG_ADMIN_URL

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_url() -> Iterator[str]:
    name = f"sb_workers_{uuid.uuid4().hex[:10]}"
    admin = make_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_three_workers_publish_each_post_once(pg_url: str, tmp_path: Path) -> None:
    settings = load_settings({"SOCIALBOT_HOME": str(tmp_path / "home"), "DATABASE_URL": pg_url,
                              "SOCIALBOT_SECRET_KEY": "k"}).with_schedule(min_gap_minutes=0)
    app = App.create(settings, run_migrations=True)
    for i in range(5):
        doc = tmp_path / f"{i}.json"
        doc.write_text(json.dumps({"url": f"https://www.example-news.com.tr/economy/{i}",
                                   "title": f"Markets story {i}", "section": "economy"}))
        assert ingest_source(app, str(doc)).error is None
    apps = [App.create(settings) for _ in range(3)]
    threads = [threading.Thread(target=Worker(a, name=f"w{n}").run_once, kwargs={"poll": False})
               for n, a in enumerate(apps)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    with app.sessions() as s:
        states = Counter(s.execute(sa.select(PostRow.state)).scalars())
        claims = Counter(s.execute(sa.select(AuditRow.post_id).where(AuditRow.action == "claim")).scalars())
    assert states == {"published": 20}
    assert len(claims) == 20 and set(claims.values()) == {1}
    metas = list((tmp_path / "home" / "outbox").rglob("meta.json"))
    assert len(metas) == 20
    for a in (app, *apps):
        a.close()
