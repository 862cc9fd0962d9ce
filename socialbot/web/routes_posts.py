"""The post editor: text with a live counter, headline (card re-render), slot, publish, reject, cancel."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from PIL import Image
from sqlalchemy.exc import NoResultFound

from socialbot.compose import TextCheck, check_text
from socialbot.domain import IllegalTransition, Platform, PostState
from socialbot.domain.post import TRANSITIONS
from socialbot.services import posts
from socialbot.services.app import App
from socialbot.services.posts import PostNotFound
from socialbot.services.users import Role
from socialbot.web.render import desk_app, flash, fragment, page, redirect
from socialbot.web.security import DeskUser, require, safe_next

router = APIRouter()
Viewer = Annotated[DeskUser, Depends(require(Role.VIEWER))]
Editor = Annotated[DeskUser, Depends(require(Role.EDITOR))]
THUMB_WIDTH = 480


def _check(app: App, view: posts.PostView, text: str) -> TextCheck:
    """The same length check as ``socialbot post-check``, with the account's own limit."""
    return check_text(Platform(view.platform), text, app.settings.account(view.account).max_length)


def _default_slot(app: App, view: posts.PostView) -> str:
    """The slot picker's start value: the post's slot, else the next quarter hour, local time."""
    zone = app.settings.zone
    if view.scheduled_at:
        return view.scheduled_at.astimezone(zone).strftime("%Y-%m-%dT%H:%M")
    soon = app.clock().astimezone(zone) + timedelta(minutes=30)
    soon = soon.replace(minute=soon.minute - soon.minute % 15, second=0, microsecond=0)
    return soon.strftime("%Y-%m-%dT%H:%M")


def editor_page(request: Request, post_id: int, *, text: str | None = None,
                headline: str | None = None, status_code: int = 200) -> HTMLResponse:
    """The editor; ``text``/``headline`` carry a refused form's input back to the editor."""
    app = desk_app(request)
    view = posts.get_post(app, post_id)
    shown = view.text if text is None else text
    allowed = {s.value for s in TRANSITIONS[PostState(view.state)]}
    return page(request, "post.html", status_code=status_code, post=view, text=shown,
                headline=view.headline if headline is None else headline,
                check=_check(app, view, shown), history=posts.history(app, post_id),
                allowed=allowed, slot=_default_slot(app, view),
                editable=view.state not in ("publishing", "published"))


@router.get("/posts/{post_id}", response_class=HTMLResponse)
def show_post(request: Request, post_id: int, user: Viewer) -> HTMLResponse:
    """One post: card, text, counter, actions, and its audit history."""
    return editor_page(request, post_id)


@router.get("/posts/{post_id}/card.jpg")
def card_image(request: Request, post_id: int, user: Viewer, size: str = "full") -> Response:
    """The post's card; ``size=thumb`` is a small copy for the board (phones on mobile data)."""
    try:
        jpeg = posts.card_jpeg(desk_app(request), post_id)
    except NoResultFound:
        jpeg = None
    if jpeg is None:
        return Response(status_code=404)
    if size == "thumb":
        with Image.open(io.BytesIO(jpeg)) as img:
            img.thumbnail((THUMB_WIDTH, THUMB_WIDTH * 2))
            out = io.BytesIO()
            img.convert("RGB").save(out, "JPEG", quality=80)
            jpeg = out.getvalue()
    return Response(jpeg, media_type="image/jpeg",
                    headers={"Cache-Control": "private, max-age=30"})


@router.post("/posts/{post_id}/check", response_class=HTMLResponse)
def live_counter(request: Request, post_id: int, user: Editor,
                 text: Annotated[str, Form()] = "") -> HTMLResponse:
    """The counter fragment htmx swaps in while an editor types."""
    app = desk_app(request)
    return fragment(request, "_counter.html", check=_check(app, posts.get_post(app, post_id), text))


@router.post("/posts/{post_id}/edit", response_model=None)
def save_edit(request: Request, post_id: int, user: Editor, text: Annotated[str, Form()] = "",
              headline: Annotated[str, Form()] = "") -> HTMLResponse | RedirectResponse:
    """Save text and headline; a text the platform would refuse is sent back, not saved."""
    app = desk_app(request)
    view = posts.get_post(app, post_id)
    text = text.replace("\r\n", "\n").strip()
    check = _check(app, view, text)
    if not check.valid:
        flash(request, "Not saved: " + ("; ".join(check.problems) or "the text is not valid"),
              "error")
        return editor_page(request, post_id, text=text, headline=headline, status_code=422)
    try:
        posts.edit(app, post_id, actor=user.email, text=text, headline=headline.strip())
    except ValueError as exc:
        flash(request, str(exc), "error")
    else:
        flash(request, "Saved." if headline.strip() == view.headline else
              "Saved; the card was drawn again with the new headline.")
    return redirect(f"/posts/{post_id}")


def _act(request: Request, post_id: int, back: str, done: str,
         action: Callable[[App], object]) -> RedirectResponse:
    """Run one queue action; a refusal becomes a message on the page, not an error page."""
    try:
        action(desk_app(request))
    except (IllegalTransition, PostNotFound, ValueError) as exc:
        flash(request, str(exc), "error")
    else:
        flash(request, done)
    return redirect(safe_next(back, f"/posts/{post_id}"))


@router.post("/posts/{post_id}/approve")
def approve(request: Request, post_id: int, user: Editor,
            back: Annotated[str, Form()] = "") -> RedirectResponse:
    """Approve: the planner gives it the account's next free slot."""
    return _act(request, post_id, back, f"Approved #{post_id}.",
                lambda app: posts.approve(app, post_id, actor=user.email))


@router.post("/posts/{post_id}/reject")
def reject(request: Request, post_id: int, user: Editor, reason: Annotated[str, Form()] = "",
           back: Annotated[str, Form()] = "") -> RedirectResponse:
    """Reject, with the reason kept in the history."""
    if not reason.strip():
        flash(request, "Say why it is rejected (the reason goes into the history).", "error")
        return redirect(f"/posts/{post_id}")
    return _act(request, post_id, back, f"Rejected #{post_id}.",
                lambda app: posts.reject(app, post_id, actor=user.email, reason=reason.strip()))


@router.post("/posts/{post_id}/cancel")
def cancel(request: Request, post_id: int, user: Editor,
           back: Annotated[str, Form()] = "") -> RedirectResponse:
    """Cancel: the post will not go out."""
    return _act(request, post_id, back, f"Cancelled #{post_id}.",
                lambda app: posts.cancel(app, post_id, actor=user.email,
                                         reason=f"cancelled by {user.email}"))


def parse_slot(value: str, app: App) -> datetime:
    """A datetime-local value in the newsroom's zone, as an aware time; the past is refused."""
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"Cannot read {value!r} as a date and time.") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=app.settings.zone)
    if when < app.clock() - timedelta(minutes=1):
        raise ValueError("That time has passed: pick a later slot, or use Publish now.")
    return when


@router.post("/posts/{post_id}/schedule")
def schedule(request: Request, post_id: int, user: Editor, when: Annotated[str, Form()] = "",
             back: Annotated[str, Form()] = "") -> RedirectResponse:
    """Put the post in a chosen slot (newsroom time)."""
    zone = desk_app(request).settings.zone

    def act(app: App) -> None:
        posts.schedule(app, post_id, parse_slot(when, app), actor=user.email)

    label = when.replace("T", " ")
    return _act(request, post_id, back, f"#{post_id} scheduled for {label} ({zone.key}).", act)


@router.post("/posts/{post_id}/publish-now")
def publish_now(request: Request, post_id: int, user: Editor,
                back: Annotated[str, Form()] = "") -> RedirectResponse:
    """Due now: the worker sends it on its next pass."""
    return _act(request, post_id, back, f"#{post_id} goes out on the worker's next pass.",
                lambda app: posts.publish_now(app, post_id, actor=user.email))


@router.post("/posts/{post_id}/done")
def mark_done(request: Request, post_id: int, user: Editor, url: Annotated[str, Form()] = "",
              back: Annotated[str, Form()] = "") -> RedirectResponse:
    """An editor posted it by hand (YouTube community tab): record its URL."""
    return _act(request, post_id, back, f"#{post_id} recorded as published.",
                lambda app: posts.mark_done(app, post_id, url.strip(), actor=user.email))
