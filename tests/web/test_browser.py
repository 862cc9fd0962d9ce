"""The desk in a real browser (Debian's Chromium through Playwright) against a live uvicorn.

Screenshots go to a temporary folder; with SOCIALBOT_SCREENSHOTS=docs/screenshots they refresh
the committed ones (the README shows two of them).
"""

from __future__ import annotations

import io
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
import uvicorn
from PIL import Image

from socialbot.domain import PostState
from socialbot.samples import sample_feed_path
from socialbot.services import posts
from socialbot.services.accounts import held_accounts
from socialbot.services.app import App
from socialbot.services.intake import ingest_source
from socialbot.services.users import Role, add_user
from socialbot.store.tables import PostRow
from socialbot.web.app import create_app
from tests.web.conftest import PASSWORD, make_settings

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
IST = ZoneInfo("Europe/Istanbul")
playwright_api = pytest.importorskip("playwright.sync_api")
if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is not installed", allow_module_level=True)


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: $SOCIALBOT_SCREENSHOTS, else a temporary folder."""
    folder = os.environ.get("SOCIALBOT_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample feed ingested once: real composed texts and rendered cards."""
    home = tmp_path_factory.mktemp("seeded")
    app = App.create(make_settings(home), run_migrations=True)
    for role in Role:
        add_user(app, f"{role.value}@example.com", PASSWORD, role, actor="test")
    report = ingest_source(app, str(sample_feed_path()), actor="feed")
    assert report.error is None and report.stored
    app.close()
    return home / "desk.db"


@pytest.fixture
def live(tmp_path: Path, seeded_db: Path) -> Iterator[tuple[str, App]]:
    """A uvicorn serving a fresh copy of the seeded desk on a free local port."""
    shutil.copy(seeded_db, tmp_path / "desk.db")
    app = App.create(make_settings(tmp_path))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(app, webhook_secret="s"), host="127.0.0.1",
                                           port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}", app
    server.should_exit = True
    thread.join(timeout=10)
    app.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[playwright_api.Browser]:
    with playwright_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: playwright_api.Browser) -> Iterator[playwright_api.Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    errors: list[str] = []
    # A CSP violation or script error would show up here.
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    yield tab
    context.close()
    assert errors == []


def sign_in(page: playwright_api.Page, base: str, role: Role, start: str = "/queue") -> None:
    page.goto(base + start)
    assert "/login" in page.url
    page.fill("input[name=email]", f"{role.value}@example.com")
    page.fill("input[name=password]", PASSWORD)
    page.click("button:has-text('Sign in')")
    page.wait_for_load_state()
    assert page.url == base + start, page.url


def images_loaded(page: playwright_api.Page) -> None:
    """Wait until every image in view has arrived (for honest screenshots)."""
    page.wait_for_load_state("networkidle")
    # wait_for_function would need 'unsafe-eval', which our CSP rightly refuses: poll instead.
    deadline = time.monotonic() + 10
    in_view = ("Array.from(document.images).filter(i => i.getBoundingClientRect().top < innerHeight)"
               ".every(i => i.complete && i.naturalWidth > 0)")
    while not page.evaluate(in_view):
        assert time.monotonic() < deadline, "images did not load"
        time.sleep(0.05)


def save_shot(page: playwright_api.Page, path: Path) -> None:
    """A screenshot in 256 colours: a fifth of the bytes, fine for docs."""
    with Image.open(io.BytesIO(page.screenshot())) as shot:
        shot.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def with_photo(app: App, post_ids: list[int]) -> int:
    """A post whose card carries the article's photo (the screenshots look like the real thing)."""
    return next(i for i in post_ids
                if not any("no photo" in w for w in posts.get_post(app, i).card_warnings))


def draft_x_posts(app: App) -> list[int]:
    with app.sessions() as session:
        return list(session.execute(
            sa.select(PostRow.id).where(PostRow.state == PostState.DRAFT.value,
                                        PostRow.account == "x-main").order_by(PostRow.id.desc())
        ).scalars())


def test_sign_in_and_approve_a_post(live: tuple[str, App], page: playwright_api.Page,
                                    shots: Path) -> None:
    base, app = live
    sign_in(page, base, Role.EDITOR)
    expect = playwright_api.expect
    expect(page.locator(".tab[aria-current=page]")).to_contain_text("Needs approval")
    page.goto(base + "/queue?section=world")
    images_loaded(page)
    save_shot(page, shots / "queue-board.png")
    page.goto(base + "/queue")
    post_id = draft_x_posts(app)[0]
    page.click(f"#post-{post_id} button:has-text('Approve')")
    expect(page.locator(".flash-ok")).to_have_text(f"Approved #{post_id}.")
    expect(page.locator(f"#post-{post_id}")).to_have_count(0)
    assert posts.get_post(app, post_id).state == "approved"


def test_bulk_approve_with_select_all(live: tuple[str, App], page: playwright_api.Page) -> None:
    base, app = live
    sign_in(page, base, Role.EDITOR, "/queue?account=x-main")
    before = len(draft_x_posts(app))
    page.check("input[data-select-all]")  # desk.js ticks every post on the page
    page.click("button:has-text('Approve selected')")
    playwright_api.expect(page.locator(".flash-ok")).to_have_text(f"Approved {before} posts.")
    assert draft_x_posts(app) == []


def test_edit_text_and_watch_the_counter(live: tuple[str, App], page: playwright_api.Page,
                                         shots: Path) -> None:
    base, app = live
    post_id = with_photo(app, draft_x_posts(app))
    sign_in(page, base, Role.EDITOR, f"/posts/{post_id}")
    counter = page.locator("#counter strong")
    start = int(counter.inner_text())
    text = page.locator("textarea[name=text]")
    text.press("Control+End")
    text.press_sequentially(" Live now.")
    expect = playwright_api.expect
    expect(counter).to_have_text(str(start + len(" Live now.")))  # swapped in by htmx, no reload
    images_loaded(page)
    save_shot(page, shots / "post-editor.png")
    text.press_sequentially(" " + "x" * 300)
    expect(page.locator("#counter")).to_have_class("counter bad")
    expect(page.locator("#counter .problem")).to_contain_text("too long")
    text.fill(posts.get_post(app, post_id).text + " Live now.")
    page.click("button:has-text('Save')")
    expect(page.locator(".flash-ok")).to_have_text("Saved.")
    assert posts.get_post(app, post_id).text.endswith(" Live now.")


def test_reschedule_on_the_calendar(live: tuple[str, App], page: playwright_api.Page) -> None:
    base, app = live
    post_id = draft_x_posts(app)[0]
    now = datetime.now(IST)
    monday = (now - timedelta(days=now.weekday())).date()
    first = datetime.combine(monday + timedelta(days=7), datetime.min.time(), IST).replace(hour=9)
    posts.schedule(app, post_id, first, actor="test")
    sign_in(page, base, Role.EDITOR, f"/calendar?week={monday + timedelta(days=7)}")
    slot = page.locator(".slot", has=page.locator(f"a[href='/posts/{post_id}']"))
    playwright_api.expect(slot.locator("time")).to_have_text("09:00")
    new = (first + timedelta(days=1)).replace(hour=17, minute=45)
    slot.locator("input[name=when]").fill(new.strftime("%Y-%m-%dT%H:%M"))
    slot.locator("button:has-text('Move')").click()
    playwright_api.expect(page.locator(".flash")).to_contain_text("scheduled for")
    moved = page.locator(".day").nth(1).locator(".slot", has=page.locator(
        f"a[href='/posts/{post_id}']"))
    playwright_api.expect(moved.locator("time")).to_have_text("17:45")
    assert posts.get_post(app, post_id).scheduled_at == new.astimezone(UTC)


def test_pause_and_resume_an_account(live: tuple[str, App], page: playwright_api.Page) -> None:
    base, app = live
    sign_in(page, base, Role.ADMIN, "/accounts")
    page.click("button:has-text('Pause ig-main')")
    expect = playwright_api.expect
    expect(page.locator("#account-ig-main .health")).to_have_text("Paused")
    assert held_accounts(app) == {"ig-main"}
    page.click("button:has-text('Resume ig-main')")
    expect(page.locator("#account-ig-main .health")).to_have_text("OK")
    assert held_accounts(app) == set()
    page.click("button:has-text('Stop all publishing')")
    expect(page.locator(".killbanner")).to_contain_text("Kill switch is ON")
    page.goto(base + "/queue")
    expect(page.locator(".killbanner")).to_be_visible()
    page.goto(base + "/accounts")
    page.click("button:has-text('Turn off: resume publishing')")
    expect(page.locator(".killbanner")).to_have_count(0)


def test_the_board_on_a_phone_without_javascript(live: tuple[str, App],
                                                 browser: playwright_api.Browser,
                                                 shots: Path) -> None:
    base, app = live
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False,
                                  device_scale_factor=1, is_mobile=True)
    page = context.new_page()
    try:
        sign_in(page, base, Role.EDITOR)
        # No horizontal scrolling on a phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        images_loaded(page)
        save_shot(page, shots / "queue-phone.png")
        post_id = draft_x_posts(app)[0]
        page.click(f"#post-{post_id} button:has-text('Approve')")  # a plain form POST
        playwright_api.expect(page.locator(".flash-ok")).to_have_text(f"Approved #{post_id}.")
        assert posts.get_post(app, post_id).state == "approved"
    finally:
        context.close()
