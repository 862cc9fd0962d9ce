"""Desk fixtures: an App on a fresh SQLite file, three users, and posts written straight to the store."""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from PIL import Image

from socialbot.domain import Account, Platform, PostKind, PostState
from socialbot.services import users
from socialbot.services.app import App
from socialbot.services.users import Role, add_user
from socialbot.settings import PROJECT_ROOT, Settings
from socialbot.store.tables import ArticleRow, CardRow, PostRow
from socialbot.web.app import create_app

PASSWORD = "correct horse battery"
WEBHOOK_SECRET = "test-webhook-secret"
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


def make_settings(home: Path) -> Settings:
    """Three accounts (X, Instagram, YouTube) in Istanbul time; no files under config/ needed."""
    return Settings(
        home=home, database_url=f"sqlite:///{home / 'desk.db'}", secret_key="test-secret-key",
        timezone="Europe/Istanbul", site_name="Example News", config_dir=PROJECT_ROOT / "config",
        cards_dir=PROJECT_ROOT / "cards",
        accounts=(Account("x-main", Platform.X, "examplenews"),
                  Account("ig-main", Platform.INSTAGRAM, "examplenews"),
                  Account("yt-main", Platform.YOUTUBE, "ExampleNews")),
    )


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashing() -> Iterator[None]:
    """argon2 at its lightest: the tests check the desk's logic, not argon2's cost."""
    saved = users._hasher
    users._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    yield
    users._hasher = saved


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory, cheap_password_hashing: None) -> Path:
    """Migrate once and add the three users; each test copies the file (migrations take ~1 s)."""
    home = tmp_path_factory.mktemp("template")
    app = App.create(make_settings(home), run_migrations=True)
    for role in Role:
        add_user(app, f"{role.value}@example.com", PASSWORD, role, actor="test")
    app.close()
    return home / "desk.db"


@pytest.fixture
def app(tmp_path: Path, template_db: Path) -> Iterator[App]:
    shutil.copy(template_db, tmp_path / "desk.db")
    app = App.create(make_settings(tmp_path))
    yield app
    app.close()


def card_jpeg(color: str = "#0f2a4a", size: tuple[int, int] = (1200, 675)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "JPEG")
    return out.getvalue()


KIND_OF = {"x-main": PostKind.X_POST, "ig-main": PostKind.IG_FEED, "yt-main": PostKind.YT_COMMUNITY}


def add_article(app: App, title: str, *, section: str = "Defence", state: PostState = PostState.DRAFT,
                accounts: tuple[str, ...] = ("x-main", "ig-main"), text: str = "Short post text",
                scheduled_at: datetime | None = None, breaking: bool = False) -> list[int]:
    """An article and one post per account, each with a card; returns the post ids."""
    with app.sessions.begin() as session:
        article = ArticleRow(key=f"guid:{title}", url=f"https://news.example/{abs(hash(title))}",
                             title=title, summary="", section=section, tags=[], content_hash="x",
                             breaking=breaking)
        session.add(article)
        rows = []
        for name in accounts:
            account = next(a for a in app.settings.accounts if a.name == name)
            kind = KIND_OF[name]
            post = PostRow(article=article, account=name, platform=account.platform.value,
                           kind=kind.value, state=state.value, text=text, link=article.url,
                           idempotency_key=f"{title}-{name}"[:64], problems=[],
                           scheduled_at=scheduled_at)
            post.card = CardRow(format=kind.card_format.value, design="default", width=1200,
                                height=675, jpeg=card_jpeg(), alt_text=title, warnings=[])
            session.add(post)
            rows.append(post)
        session.flush()
        return [r.id for r in rows]


def csrf_of(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "page has no CSRF token"
    return match.group(1)


@dataclass
class Desk:
    """A test client signed in (or not) with the page's current CSRF token at hand."""

    client: TestClient
    csrf: str = ""

    def login(self, email: str, password: str = PASSWORD) -> None:
        self.csrf = csrf_of(self.client.get("/login").text)
        response = self.client.post("/login", data={"email": email, "password": password,
                                                    "csrf_token": self.csrf})
        assert response.status_code == 200, response.text[:300]
        self.csrf = csrf_of(response.text)

    def post(self, url: str, data: dict[str, object] | None = None, *, follow: bool = False):  # type: ignore[no-untyped-def]
        return self.client.post(url, data={"csrf_token": self.csrf, **(data or {})},
                                follow_redirects=follow)


@pytest.fixture
def web(app: App) -> Iterator[TestClient]:
    with TestClient(create_app(app, webhook_secret=WEBHOOK_SECRET)) as client:
        yield client


def desk_as(web: TestClient, role: Role | None) -> Desk:
    desk = Desk(web)
    if role is not None:
        desk.login(f"{role.value}@example.com")
    return desk


@pytest.fixture
def editor(web: TestClient) -> Desk:
    return desk_as(web, Role.EDITOR)


@pytest.fixture
def admin(web: TestClient) -> Desk:
    return desk_as(web, Role.ADMIN)


@pytest.fixture
def viewer(web: TestClient) -> Desk:
    return desk_as(web, Role.VIEWER)


def in_an_hour() -> datetime:
    return datetime.now(UTC) + timedelta(hours=1)
