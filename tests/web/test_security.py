"""The desk's locks: anonymous refused, roles enforced, CSRF required, output escaped, headers set."""

from __future__ import annotations

import re

import sqlalchemy as sa
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from socialbot.domain import PostState
from socialbot.services import posts
from socialbot.services.accounts import held_accounts
from socialbot.services.app import App
from socialbot.services.users import Role
from socialbot.store.tables import AuditRow, UserRow
from socialbot.web.app import routers
from tests.web.conftest import Desk, add_article, desk_as

OPEN_ROUTES = {("GET", "/login"), ("POST", "/login"), ("GET", "/healthz"),
               ("POST", "/hooks/articles")}


def test_every_route_but_login_healthz_and_webhook_refuses_anonymous(app: App,
                                                                     web: TestClient) -> None:
    [post_id] = add_article(app, "Drone deal", accounts=("x-main",))
    csrf = re.search(r'value="([^"]+)"', web.get("/login").text)
    token = csrf.group(1) if csrf else ""
    audits_before = len(_audits(app))
    checked = 0
    for route in (r for router in routers() for r in router.routes):
        if not isinstance(route, APIRoute):
            continue
        path = route.path.replace("{post_id}", str(post_id)).replace("{name}", "x-main")
        for method in route.methods:
            if (method, route.path) in OPEN_ROUTES:
                continue
            checked += 1
            response = web.request(method, path, data={"csrf_token": token, "post_id": post_id,
                                                       "text": "hacked", "on": "1"},
                                   follow_redirects=False)
            if method == "GET":
                assert response.status_code == 303, path
                assert response.headers["location"].startswith("/login"), path
            else:
                assert response.status_code == 401, (method, path)
    assert checked >= 18  # the desk's pages and actions, not an empty loop
    assert posts.get_post(app, post_id).state == "draft"
    assert posts.get_post(app, post_id).text == "Short post text"
    assert len(_audits(app)) == audits_before


def test_open_routes_answer_anonymous(web: TestClient) -> None:
    assert web.get("/login").status_code == 200
    assert web.get("/healthz").json() == {"status": "ok"}


def test_viewer_reads_but_cannot_approve(app: App, viewer: Desk) -> None:
    [post_id] = add_article(app, "Budget vote", accounts=("x-main",))
    board = viewer.client.get("/queue")
    assert board.status_code == 200 and "Budget vote" in board.text
    assert "Approve selected" not in board.text  # no buttons for what a viewer cannot do
    response = viewer.post(f"/posts/{post_id}/approve")
    assert response.status_code == 403
    assert "editor role" in response.text
    bulk = viewer.post("/queue/approve", {"post_id": post_id})
    assert bulk.status_code == 403
    assert posts.get_post(app, post_id).state == "draft"


def test_editor_cannot_manage_users_or_accounts(app: App, editor: Desk) -> None:
    assert editor.client.get("/users", follow_redirects=False).status_code == 403
    response = editor.post("/users", {"email": "new@example.com", "role": "admin",
                                      "password": "long enough password"})
    assert response.status_code == 403
    with app.sessions() as session:
        assert session.execute(sa.select(UserRow).where(UserRow.email == "new@example.com")
                               ).scalar() is None
    assert editor.post("/accounts/x-main/pause").status_code == 403
    assert editor.post("/kill-switch", {"on": "1"}).status_code == 403
    assert held_accounts(app) == set()


def test_form_without_csrf_token_is_refused(app: App, editor: Desk) -> None:
    [post_id] = add_article(app, "Lira slides", accounts=("x-main",))
    missing = editor.client.post(f"/posts/{post_id}/approve", follow_redirects=False)
    wrong = editor.client.post(f"/posts/{post_id}/approve", data={"csrf_token": "forged"},
                               follow_redirects=False)
    assert missing.status_code == 403 and wrong.status_code == 403
    assert posts.get_post(app, post_id).state == "draft"
    # The htmx path sends the token as a header instead, and that is accepted.
    ok = editor.client.post(f"/posts/{post_id}/approve", headers={"X-CSRF-Token": editor.csrf},
                            follow_redirects=False)
    assert ok.status_code == 303
    assert posts.get_post(app, post_id).state == "approved"


def test_login_form_needs_its_csrf_token(web: TestClient) -> None:
    web.get("/login")
    response = web.post("/login", data={"email": "admin@example.com",
                                        "password": "correct horse battery"},
                        follow_redirects=False)
    assert response.status_code == 403
    assert web.get("/queue", follow_redirects=False).status_code == 303


def test_script_in_a_headline_renders_as_text(app: App, editor: Desk) -> None:
    evil = '<script>alert("x")</script> Minister resigns'
    [post_id] = add_article(app, evil, accounts=("x-main",), text="<img src=x onerror=alert(1)>")
    for url in ("/queue", f"/posts/{post_id}"):
        html = editor.client.get(url).text
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; Minister resigns" in html
    # Only our own two script files are referenced.
    editor_html = editor.client.get(f"/posts/{post_id}").text
    assert re.findall(r"<script[^>]*>", editor_html) == [
        '<script src="/static/htmx.min.js" defer>', '<script src="/static/desk.js" defer>']


def test_security_headers_and_cookie_flags(web: TestClient) -> None:
    response = web.get("/login")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie


def test_tampered_session_cookie_is_anonymous(web: TestClient, editor: Desk) -> None:
    cookie = web.cookies["socialbot_session"]
    web.cookies.clear()
    web.cookies.set("socialbot_session", cookie[:-4] + ("AAAA" if cookie[-4:] != "AAAA" else "BBBB"))
    assert web.get("/queue", follow_redirects=False).status_code == 303


def test_removed_user_is_signed_out_at_once(app: App, editor: Desk) -> None:
    with app.sessions.begin() as session:
        session.execute(sa.update(UserRow).where(UserRow.email == "editor@example.com")
                        .values(active=False))
    assert editor.client.get("/queue", follow_redirects=False).status_code == 303


def test_login_is_throttled_per_ip_and_email(web: TestClient) -> None:
    desk = Desk(web)
    desk.csrf = re.findall(r'name="csrf_token" value="([^"]+)"', web.get("/login").text)[0]
    codes = [desk.post("/login", {"email": "admin@example.com", "password": "wrong password!"}
                       ).status_code for _ in range(6)]
    assert codes == [401] * 5 + [429]
    # Even the right password waits now: the guesser cannot tell.
    right = desk.post("/login", {"email": "admin@example.com", "password": "correct horse battery"})
    assert right.status_code == 429 and "Too many failed sign-ins" in right.text
    # Another account from the same IP is still let in.
    assert desk_as(web, Role.EDITOR).csrf


def test_redirect_after_login_stays_on_this_site(web: TestClient) -> None:
    desk = Desk(web)
    desk.csrf = re.findall(r'name="csrf_token" value="([^"]+)"', web.get("/login").text)[0]
    response = desk.post("/login", {"email": "editor@example.com",
                                    "password": "correct horse battery", "next": "//evil.example/"})
    assert response.status_code == 303 and response.headers["location"] == "/queue"


def _audits(app: App) -> list[AuditRow]:
    with app.sessions() as session:
        return list(session.execute(sa.select(AuditRow)).scalars())


def test_post_states_unchanged_helper_is_honest(app: App) -> None:
    # Guards the anonymous test above: a real approval does add an audit row.
    [post_id] = add_article(app, "Guard", accounts=("x-main",))
    before = len(_audits(app))
    posts.approve(app, post_id, actor="test")
    assert len(_audits(app)) == before + 1
    assert posts.get_post(app, post_id).state == PostState.APPROVED.value
