"""Pages: the Jinja2 environment (autoescaped), the context every page gets, flash messages."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, FileSystemLoader

from socialbot import __version__
from socialbot.services.accounts import kill_switch_on
from socialbot.services.app import App
from socialbot.web.security import csrf_token

HERE = Path(__file__).parent
# Autoescape everything: headlines and post texts come from outside (CMS, feeds).
env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True,
                  trim_blocks=True, lstrip_blocks=True)

STATE_LABELS = {
    "draft": "Needs approval", "approved": "Approved", "scheduled": "Scheduled",
    "publishing": "Publishing", "published": "Published", "awaiting_manual": "Post by hand",
    "rejected": "Rejected", "failed": "Failed", "cancelled": "Cancelled",
}
PLATFORM_LABELS = {"x": "X", "instagram": "Instagram", "youtube": "YouTube"}
KIND_LABELS = {"x_post": "Post", "ig_feed": "Feed", "ig_story": "Story",
               "yt_community": "Community"}


def desk_app(request: Request) -> App:
    """The socialbot App this web app serves."""
    app: App = request.app.state.socialbot
    return app


def flash(request: Request, message: str, kind: str = "ok") -> None:
    """A one-time message shown on the next page (survives the redirect after a POST)."""
    # Reassign (not append in place): the session cookie is rewritten only when an item is set.
    request.session["flash"] = [*request.session.get("flash", []), [kind, message]]


def redirect(url: str) -> RedirectResponse:
    """Post/redirect/get: 303 so the browser follows with a GET."""
    return RedirectResponse(url, status_code=303)


def time_formatter(zone: ZoneInfo) -> Any:
    """A template helper showing stored UTC times in the newsroom's zone."""

    def fmt(value: datetime | None, pattern: str = "%a %d %b %H:%M") -> str:
        return value.astimezone(zone).strftime(pattern) if value else ""

    return fmt


def page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render a full page with the user, CSRF token, kill-switch banner and flash messages."""
    app = desk_app(request)
    zone = app.settings.zone
    base = {
        "request": request,
        "user": getattr(request.state, "user", None),
        "csrf": csrf_token(request),
        "kill_switch": kill_switch_on(app),
        "messages": request.session.pop("flash", []),
        "site_name": app.settings.site_name,
        "zone_name": app.settings.timezone,
        "when": time_formatter(zone),
        "state_labels": STATE_LABELS,
        "platform_labels": PLATFORM_LABELS,
        "kind_labels": KIND_LABELS,
        "version": __version__,
        "path": request.url.path,
    }
    html = env.get_template(name).render(**base, **context)
    return HTMLResponse(html, status_code=status_code)


def fragment(request: Request, name: str, **context: Any) -> HTMLResponse:
    """Render a partial for htmx (no layout)."""
    return HTMLResponse(env.get_template(name).render(request=request, **context))
