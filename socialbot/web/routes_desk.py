"""Calendar (week per account, reschedule), accounts (health, pause, kill switch) and users."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from socialbot.services import posts
from socialbot.services.accounts import account_states, set_kill_switch, set_paused
from socialbot.services.users import Role, add_user, list_users
from socialbot.web.render import desk_app, flash, page, redirect
from socialbot.web.security import DeskUser, require

router = APIRouter()
Viewer = Annotated[DeskUser, Depends(require(Role.VIEWER))]
Admin = Annotated[DeskUser, Depends(require(Role.ADMIN))]


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


@router.get("/calendar", response_class=HTMLResponse)
def calendar(request: Request, user: Viewer, account: str = "", week: str = "") -> HTMLResponse:
    """A week of planned and published posts in the newsroom's zone, one column a day."""
    app = desk_app(request)
    zone = app.settings.zone
    today = app.clock().astimezone(zone).date()
    try:
        monday = week_start(date.fromisoformat(week)) if week else week_start(today)
    except ValueError:
        monday = week_start(today)
    names = [a.name for a in app.settings.accounts]
    account = account if account in names else ""
    start = datetime.combine(monday, time(0), tzinfo=zone)
    views = posts.posts_between(app, start, start + timedelta(days=7), account=account or None)
    days: list[tuple[date, list[posts.PostView]]] = [(monday + timedelta(days=i), [])
                                                     for i in range(7)]
    for view in views:
        when = view.published_at or view.scheduled_at
        assert when is not None  # posts_between only returns posts with a time
        days[(when.astimezone(zone).date() - monday).days][1].append(view)
    query = f"account={account}&" if account else ""
    return page(request, "calendar.html", days=days, today=today, account=account, names=names,
                monday=monday, prev=f"/calendar?{query}week={monday - timedelta(days=7)}",
                next=f"/calendar?{query}week={monday + timedelta(days=7)}",
                back=f"/calendar?{query}week={monday}")


@router.get("/accounts", response_class=HTMLResponse)
def accounts(request: Request, user: Viewer) -> HTMLResponse:
    """Each account's health, with the reason and the fix when it needs a person."""
    return page(request, "accounts.html", states=account_states(desk_app(request)))


def _known_account(request: Request, name: str) -> None:
    if name not in {a.name for a in desk_app(request).settings.accounts}:
        raise HTTPException(404, f"No account named {name!r}.")


@router.post("/accounts/{name}/pause")
def pause(request: Request, name: str, user: Admin) -> RedirectResponse:
    """Hold an account's posts (they wait in the queue)."""
    _known_account(request, name)
    set_paused(desk_app(request), name, True, actor=user.email)
    flash(request, f"{name} paused: its posts wait until it is resumed.")
    return redirect("/accounts")


@router.post("/accounts/{name}/resume")
def resume(request: Request, name: str, user: Admin) -> RedirectResponse:
    """Let an account publish again."""
    _known_account(request, name)
    set_paused(desk_app(request), name, False, actor=user.email)
    flash(request, f"{name} resumed.")
    return redirect("/accounts")


@router.post("/kill-switch")
def kill_switch(request: Request, user: Admin,
                on: Annotated[str, Form()] = "") -> RedirectResponse:
    """Stop (on=1) or restart (on=0) all publishing, every account at once."""
    stop = on == "1"
    set_kill_switch(desk_app(request), stop, actor=user.email)
    flash(request, "Kill switch ON: nothing is published until it is turned off." if stop
          else "Kill switch off: publishing resumes.", "warn" if stop else "ok")
    return redirect("/accounts")


@router.get("/users", response_class=HTMLResponse)
def users(request: Request, user: Admin) -> HTMLResponse:
    """Desk users and their roles."""
    return page(request, "users.html", users=list_users(desk_app(request)), roles=list(Role))


@router.post("/users")
def create_user(request: Request, user: Admin, email: Annotated[str, Form()] = "",
                role: Annotated[str, Form()] = "", password: Annotated[str, Form()] = ""
                ) -> RedirectResponse:
    """Add a desk user (passwords: at least 10 characters)."""
    try:
        add_user(desk_app(request), email, password, Role(role), actor=user.email)
    except ValueError as exc:
        flash(request, str(exc), "error")
    else:
        flash(request, f"Added {email.strip().lower()} as {role}.")
    return redirect("/users")
