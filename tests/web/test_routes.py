"""The desk's pages and actions through FastAPI's TestClient, each checked against the store."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from PIL import Image

from socialbot.domain import PostState
from socialbot.services import posts
from socialbot.services.accounts import held_accounts, kill_switch_on
from socialbot.services.app import App
from socialbot.store.tables import UserRow
from tests.web.conftest import Desk, add_article, in_an_hour

IST = ZoneInfo("Europe/Istanbul")


def test_sign_in_lands_on_the_board_and_sign_out_ends_it(app: App, editor: Desk) -> None:
    board = editor.client.get("/queue")
    assert "editor@example.com" in board.text and "Needs approval" in board.text
    assert editor.post("/logout").headers["location"] == "/login"
    assert editor.client.get("/queue", follow_redirects=False).status_code == 303


def test_wrong_password_says_so(web) -> None:  # type: ignore[no-untyped-def]
    desk = Desk(web)
    desk.csrf = re.findall(r'name="csrf_token" value="([^"]+)"', web.get("/login").text)[0]
    response = desk.post("/login", {"email": "editor@example.com", "password": "nope nope nope"})
    assert response.status_code == 401 and "do not match" in response.text


def test_board_groups_posts_by_article_with_cards_and_tab_counts(app: App, editor: Desk) -> None:
    first = add_article(app, "Navy commissions frigate", accounts=("x-main", "ig-main", "yt-main"))
    second = add_article(app, "Central bank holds rates", section="Economy")
    add_article(app, "Old story", state=PostState.PUBLISHED, accounts=("x-main",))
    html = editor.client.get("/queue").text
    # Newest article first, each article once, with every platform's card.
    assert html.index("Central bank holds rates") < html.index("Navy commissions frigate")
    assert html.count('<section class="article">') == 2
    for post_id in first + second:
        assert f'src="/posts/{post_id}/card.jpg?size=thumb"' in html
    assert "Old story" not in html
    assert re.search(r'Needs approval <span class="count">5</span>', html)
    assert re.search(r'Published <span class="count">1</span>', html)
    published = editor.client.get("/queue?tab=published").text
    assert "Old story" in published and "Navy commissions" not in published


def test_board_filters_by_account_section_and_state(app: App, editor: Desk) -> None:
    add_article(app, "Frigate", section="Defence")
    add_article(app, "Rates", section="Economy")
    add_article(app, "Cancelled one", state=PostState.CANCELLED, accounts=("x-main",))
    by_section = editor.client.get("/queue?section=economy").text
    assert "Rates" in by_section and "Frigate" not in by_section
    by_account = editor.client.get("/queue?account=ig-main").text
    assert by_account.count('class="post"') == 2 and "x-main</span>" not in by_account
    by_state = editor.client.get("/queue?state=cancelled").text
    assert "Cancelled one" in by_state and "Frigate" not in by_state


def test_bulk_approve_approves_the_ticked_posts_only(app: App, editor: Desk) -> None:
    a, b = add_article(app, "Frigate")
    [c] = add_article(app, "Rates", accounts=("x-main",))
    response = editor.post("/queue/approve", {"post_id": [a, c], "back": "/queue?tab=approval"},
                           follow=True)
    assert "Approved 2 posts." in response.text
    assert [posts.get_post(app, i).state for i in (a, b, c)] == ["approved", "draft", "approved"]
    assert posts.history(app, a)[-1].actor == "editor@example.com"


def test_bulk_approve_names_the_posts_it_could_not_approve(app: App, editor: Desk) -> None:
    [done] = add_article(app, "Out already", state=PostState.PUBLISHED, accounts=("x-main",))
    [fresh] = add_article(app, "Fresh", accounts=("x-main",))
    page = editor.post("/queue/approve", {"post_id": [done, fresh]}, follow=True).text
    assert "Approved 1 post." in page and f"#{done}: a published post cannot become approved" in page


def test_editor_page_shows_text_counter_card_and_history(app: App, editor: Desk) -> None:
    [post_id] = add_article(app, "Frigate", accounts=("x-main",), text="Navy gets a frigate")
    posts.approve(app, post_id, actor="someone@example.com")
    html = editor.client.get(f"/posts/{post_id}").text
    assert "Navy gets a frigate</textarea>" in html
    assert "<strong>19</strong> / 280" in html
    assert f'src="/posts/{post_id}/card.jpg"' in html
    assert "someone@example.com" in html and "Needs approval → Approved" in html


def test_live_counter_uses_the_platform_rules(app: App, editor: Desk) -> None:
    [x_post, yt_post] = add_article(app, "Frigate", accounts=("x-main", "yt-main"))
    headers = {"X-CSRF-Token": editor.csrf, "HX-Request": "true"}
    url = "https://www.example.com/" + "a" * 80
    x = editor.client.post(f"/posts/{x_post}/check", data={"text": f"Read {url}"}, headers=headers)
    assert "<strong>28</strong> / 280" in x.text  # X counts every link as 23
    assert 'class="counter good"' in x.text
    too_long = editor.client.post(f"/posts/{x_post}/check", data={"text": "é" * 281},
                                  headers=headers)
    assert 'class="counter bad"' in too_long.text and "too long" in too_long.text
    yt = editor.client.post(f"/posts/{yt_post}/check", data={"text": f"Read {url}"},
                            headers=headers)
    assert f"<strong>{len('Read ' + url)}</strong>" in yt.text


def test_save_edits_text_and_refuses_a_text_the_platform_would_refuse(app: App,
                                                                      editor: Desk) -> None:
    [post_id] = add_article(app, "Frigate", accounts=("x-main",))
    saved = editor.post(f"/posts/{post_id}/edit", {"text": "New words\r\n", "headline": "Frigate"},
                        follow=True)
    assert "Saved." in saved.text
    view = posts.get_post(app, post_id)
    assert view.text == "New words" and view.edited
    refused = editor.post(f"/posts/{post_id}/edit", {"text": "x" * 300, "headline": "Frigate"})
    assert refused.status_code == 422 and "Not saved: too long" in refused.text
    assert "x" * 300 + "</textarea>" in refused.text  # the editor's words come back to fix
    assert posts.get_post(app, post_id).text == "New words"


def test_schedule_takes_newsroom_time_and_stores_utc(app: App, editor: Desk) -> None:
    [post_id] = add_article(app, "Frigate", accounts=("x-main",))
    local = (datetime.now(IST) + timedelta(days=2)).replace(hour=9, minute=30, second=0,
                                                            microsecond=0)
    response = editor.post(f"/posts/{post_id}/schedule",
                           {"when": local.strftime("%Y-%m-%dT%H:%M")}, follow=True)
    assert "scheduled for" in response.text
    view = posts.get_post(app, post_id)
    assert view.state == "scheduled"
    assert view.scheduled_at == local.astimezone(UTC)
    assert view.scheduled_at.hour == 6  # Istanbul is UTC+3 all year


def test_schedule_refuses_the_past_and_nonsense(app: App, editor: Desk) -> None:
    [post_id] = add_article(app, "Frigate", accounts=("x-main",))
    past = (datetime.now(IST) - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    assert "That time has passed" in editor.post(f"/posts/{post_id}/schedule", {"when": past},
                                                 follow=True).text
    assert "Cannot read" in editor.post(f"/posts/{post_id}/schedule", {"when": "soon"},
                                        follow=True).text
    assert posts.get_post(app, post_id).state == "draft"


def test_publish_now_reject_and_cancel(app: App, editor: Desk) -> None:
    a, b = add_article(app, "Frigate")
    [c] = add_article(app, "Rates", accounts=("x-main",))
    editor.post(f"/posts/{a}/publish-now")
    view = posts.get_post(app, a)
    assert view.state == "scheduled" and view.scheduled_at is not None
    assert abs(view.scheduled_at - datetime.now(UTC)) < timedelta(seconds=30)
    no_reason = editor.post(f"/posts/{b}/reject", {"reason": " "}, follow=True)
    assert "Say why" in no_reason.text and posts.get_post(app, b).state == "draft"
    editor.post(f"/posts/{b}/reject", {"reason": "wrong photo"})
    assert posts.get_post(app, b).state == "rejected"
    assert posts.history(app, b)[-1].detail == "wrong photo"
    editor.post(f"/posts/{c}/cancel")
    assert posts.get_post(app, c).state == "cancelled"


def test_illegal_action_is_a_message_not_a_crash(app: App, editor: Desk) -> None:
    [post_id] = add_article(app, "Done", state=PostState.PUBLISHED, accounts=("x-main",))
    page = editor.post(f"/posts/{post_id}/cancel", follow=True)
    assert page.status_code == 200 and "a published post cannot become cancelled" in page.text


def test_manual_post_is_marked_done_with_its_url(app: App, editor: Desk) -> None:
    [post_id] = add_article(app, "YT", state=PostState.AWAITING_MANUAL, accounts=("yt-main",))
    assert "Mark as posted" in editor.client.get(f"/posts/{post_id}").text
    editor.post(f"/posts/{post_id}/done", {"url": "https://www.youtube.com/post/Ugkx123"})
    view = posts.get_post(app, post_id)
    assert view.state == "published" and view.remote_url == "https://www.youtube.com/post/Ugkx123"


def test_card_image_and_its_thumbnail(app: App, editor: Desk) -> None:
    [post_id] = add_article(app, "Frigate", accounts=("x-main",))
    full = editor.client.get(f"/posts/{post_id}/card.jpg")
    thumb = editor.client.get(f"/posts/{post_id}/card.jpg?size=thumb")
    assert full.headers["content-type"] == "image/jpeg"
    assert Image.open(io.BytesIO(full.content)).size == (1200, 675)
    assert Image.open(io.BytesIO(thumb.content)).size == (480, 270)
    assert editor.client.get("/posts/9999/card.jpg").status_code == 404
    assert editor.client.get("/posts/9999").status_code == 404


def test_calendar_shows_the_week_in_newsroom_time_and_reschedules(app: App, editor: Desk) -> None:
    # 23:30 UTC on a Sunday is 02:30 on Monday in Istanbul: it belongs to the next week's Monday.
    sunday = datetime(2031, 3, 2, 23, 30, tzinfo=UTC)
    [post_id] = add_article(app, "Late one", accounts=("x-main",), state=PostState.SCHEDULED,
                            scheduled_at=sunday)
    week = editor.client.get("/calendar?week=2031-03-03").text
    monday = week.split("Mon 03 Mar")[1].split("</section>")[0]
    assert "Late one" in monday and "02:30" in monday
    assert "Late one" not in editor.client.get("/calendar?week=2031-02-24").text
    assert "Late one" not in editor.client.get("/calendar?week=2031-03-03&account=ig-main").text
    moved = editor.post(f"/posts/{post_id}/schedule",
                        {"when": "2031-03-05T18:15", "back": "/calendar?week=2031-03-03"})
    assert moved.headers["location"] == "/calendar?week=2031-03-03"
    assert posts.get_post(app, post_id).scheduled_at == datetime(2031, 3, 5, 15, 15, tzinfo=UTC)
    wednesday = editor.client.get("/calendar?week=2031-03-03").text.split("Wed 05 Mar")[1]
    assert "18:15" in wednesday.split("</section>")[0]


def test_accounts_pause_resume_and_kill_switch_banner(app: App, admin: Desk) -> None:
    page = admin.client.get("/accounts").text
    assert "Pause x-main" in page and "Stop all publishing" in page
    # which publisher each account uses, and why, is on the page
    assert "Publishes: " in page and "to the outbox" in page
    admin.post("/accounts/x-main/pause")
    assert held_accounts(app) == {"x-main"}
    assert "Resume x-main" in admin.client.get("/accounts").text
    admin.post("/accounts/x-main/resume")
    assert held_accounts(app) == set()
    assert "Kill switch is ON" not in admin.client.get("/queue").text
    admin.post("/kill-switch", {"on": "1"})
    assert kill_switch_on(app)
    for url in ("/queue", "/calendar", "/accounts"):
        assert "Kill switch is ON" in admin.client.get(url).text
    admin.post("/kill-switch", {"on": "0"})
    assert not kill_switch_on(app) and "Kill switch is ON" not in admin.client.get("/queue").text
    assert admin.post("/accounts/nope/pause").status_code == 404


def test_account_needing_attention_shows_reason_and_fix(app: App, viewer: Desk) -> None:
    from socialbot.domain import AccountHealth, HealthStatus
    from socialbot.services.accounts import set_health

    set_health(app, "ig-main", AccountHealth(HealthStatus.NEEDS_ATTENTION, reason="challenge required",
                                             fix="socialbot accounts login ig-main"), actor="test")
    page = viewer.client.get("/accounts").text
    assert "Needs attention" in page and "challenge required" in page
    assert "socialbot accounts login ig-main" in page
    assert "Pause x-main" not in page  # viewers see no admin buttons


def test_admin_adds_a_user_who_can_then_sign_in(app: App, admin: Desk) -> None:
    added = admin.post("/users", {"email": "New@Example.com", "role": "viewer",
                                  "password": "a long password"}, follow=True)
    assert "Added new@example.com as viewer." in added.text
    short = admin.post("/users", {"email": "x@example.com", "role": "viewer", "password": "short"},
                       follow=True)
    assert "at least 10 characters" in short.text
    with app.sessions() as session:
        assert session.execute(sa.select(UserRow.role).where(UserRow.email == "new@example.com")
                               ).scalar() == "viewer"
    fresh = Desk(admin.client)
    admin.post("/logout")
    fresh.login("new@example.com", "a long password")
    assert "new@example.com · viewer" in fresh.client.get("/queue").text


def test_scheduled_tab_lists_approved_and_scheduled(app: App, viewer: Desk) -> None:
    add_article(app, "Waiting slot", state=PostState.APPROVED, accounts=("x-main",))
    add_article(app, "Has slot", state=PostState.SCHEDULED, accounts=("x-main",),
                scheduled_at=in_an_hour())
    html = viewer.client.get("/queue?tab=scheduled").text
    assert "Waiting slot" in html and "Has slot" in html and "Slot " in html


def test_headline_override_draws_the_card_again(app: App, editor: Desk) -> None:
    from socialbot.intake.document import parse_document
    from socialbot.services.articles import store_article

    article = parse_document(b'{"url": "https://www.example.com/a", "title": "Old headline",'
                             b' "section": "defence"}', source="test")
    stored = store_article(app, article, actor="test")
    post_id = next(p.id for p in posts.list_posts(app) if p.article_id == stored.article_id
                   and p.account == "x-main")
    before = editor.client.get(f"/posts/{post_id}/card.jpg").content
    text = posts.get_post(app, post_id).text
    page = editor.post(f"/posts/{post_id}/edit", {"text": text, "headline": "A new headline"},
                       follow=True)
    assert "the card was drawn again" in page.text
    after = editor.client.get(f"/posts/{post_id}/card.jpg").content
    assert after != before and after.startswith(b"\xff\xd8")
    view = posts.get_post(app, post_id)
    assert view.headline == "A new headline" and view.text == text
    assert posts.history(app, post_id)[-1].detail == "headline (card re-rendered)"
