"""Signing in and out, and the queue board: posts grouped by article, tabs, filters, bulk approve."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from socialbot.domain import IllegalTransition, PostState
from socialbot.services import posts
from socialbot.services.posts import PostNotFound, PostView
from socialbot.services.users import Role, authenticate
from socialbot.web.render import desk_app, flash, page, redirect
from socialbot.web.security import DeskUser, check_csrf, csrf_token, require, safe_next

router = APIRouter()
Viewer = Annotated[DeskUser, Depends(require(Role.VIEWER))]
Editor = Annotated[DeskUser, Depends(require(Role.EDITOR))]

S = PostState
TABS: dict[str, tuple[str, tuple[PostState, ...]]] = {
    "approval": ("Needs approval", (S.DRAFT,)),
    "scheduled": ("Scheduled", (S.APPROVED, S.SCHEDULED, S.PUBLISHING)),
    "manual": ("Awaiting manual post", (S.AWAITING_MANUAL,)),
    "published": ("Published", (S.PUBLISHED,)),
    "failed": ("Failed", (S.FAILED,)),
}


@dataclass
class ArticleGroup:
    """One article's posts on the board, one per account and kind."""

    article_id: int
    headline: str
    section: str | None
    breaking: bool
    posts: list[PostView] = field(default_factory=list)


def group_by_article(views: list[PostView]) -> list[ArticleGroup]:
    """Keep the service's order (breaking first, newest article first) and gather each article."""
    groups: dict[int, ArticleGroup] = {}
    for view in views:
        group = groups.get(view.article_id)
        if group is None:
            group = groups[view.article_id] = ArticleGroup(
                view.article_id, view.headline, view.section, view.breaking)
        group.posts.append(view)
    return list(groups.values())


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/queue") -> HTMLResponse:
    """The sign-in page."""
    return page(request, "login.html", next=safe_next(next), email="")


@router.post("/login", response_model=None)
async def login(request: Request, email: Annotated[str, Form()] = "",
                password: Annotated[str, Form()] = "",
                next: Annotated[str, Form()] = "/queue") -> HTMLResponse | RedirectResponse:
    """Check the password (throttled per IP and email) and start a session."""
    await check_csrf(request)
    throttle = request.app.state.login_throttle
    ip = request.client.host if request.client else "unknown"
    wait = throttle.retry_after(ip, email)
    if wait:
        return page(request, "login.html", status_code=429, next=safe_next(next), email=email,
                    error=f"Too many failed sign-ins. Try again in {wait // 60 + 1} minutes.")
    user = authenticate(desk_app(request), email, password) if email and password else None
    if user is None:
        throttle.failed(ip, email)
        return page(request, "login.html", status_code=401, next=safe_next(next), email=email,
                    error="That email and password do not match.")
    throttle.succeeded(ip, email)
    request.session.clear()  # a fresh session (and CSRF token) for the signed-in user
    request.session["uid"] = user.id
    csrf_token(request)
    return redirect(safe_next(next))


@router.post("/logout")
async def logout(request: Request, user: Viewer) -> RedirectResponse:
    """End the session."""
    request.session.clear()
    return redirect("/login")


@router.get("/")
def home(user: Viewer) -> RedirectResponse:
    """The board is the desk's front page."""
    return redirect("/queue")


@router.get("/queue", response_class=HTMLResponse)
def queue_board(request: Request, user: Viewer, tab: str = "approval", account: str = "",
                section: str = "", state: str = "") -> HTMLResponse:
    """The board: one tab of posts, grouped by article, filtered by account, section or state."""
    app = desk_app(request)
    tab = tab if tab in TABS else "approval"
    known = {s.value for s in PostState}
    states = [PostState(state)] if state in known else list(TABS[tab][1])
    views = posts.list_posts(app, states=states, account=account or None,
                             section=section.strip() or None)
    counts = posts.count_by_state(app)
    tabs = [(key, label, sum(counts.get(s.value, 0) for s in tab_states))
            for key, (label, tab_states) in TABS.items()]
    query = urlencode({k: v for k, v in (("tab", tab), ("account", account), ("section", section),
                                         ("state", state)) if v})
    return page(request, "queue.html", tab=tab, tabs=tabs, groups=group_by_article(views),
                accounts=app.settings.accounts, account=account, section=section, state=state,
                states=list(PostState), back=f"/queue?{query}", count=len(views))


@router.post("/queue/approve")
async def bulk_approve(request: Request, user: Editor,
                       post_id: Annotated[list[int] | None, Form()] = None,
                       back: Annotated[str, Form()] = "/queue") -> RedirectResponse:
    """Approve every ticked post; the ones that cannot be approved are named, the rest go ahead."""
    app = desk_app(request)
    done, refused = 0, []
    for pid in post_id or []:
        try:
            posts.approve(app, pid, actor=user.email)
            done += 1
        except (IllegalTransition, PostNotFound) as exc:
            refused.append(f"#{pid}: {exc}")
    if not post_id:
        flash(request, "Tick the posts to approve first.", "warn")
    if done:
        flash(request, f"Approved {done} post{'s' if done != 1 else ''}.")
    for message in refused:
        flash(request, message, "error")
    return redirect(safe_next(back))
