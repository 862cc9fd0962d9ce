"""Who is asking, and may they: sessions, roles, CSRF tokens, login throttling, security headers.

Sessions are Starlette's signed cookie (itsdangerous, HttpOnly, SameSite=Lax) holding only the
user id and the CSRF token; the user and role are read from the database on every request, so a
removed user or a changed role takes effect at once.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from fastapi import HTTPException, Request

from socialbot.services.app import App
from socialbot.services.users import Role, get_user

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
RANK = {Role.VIEWER: 0, Role.EDITOR: 1, Role.ADMIN: 2}

# No inline script anywhere: htmx and desk.js load from /static, htmx's own style injection is
# switched off in base.html. Card images are same-origin.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
       "object-src 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def session_key(secret_key: str) -> str:
    """The cookie-signing key: derived, so the vault key itself never signs anything public."""
    return hmac.new(secret_key.encode(), b"socialbot web session v1", hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class DeskUser:
    """The signed-in person."""

    id: int
    email: str
    role: Role

    def can(self, role: Role) -> bool:
        """Whether this user holds ``role`` or a higher one."""
        return RANK[self.role] >= RANK[role]


class LoginRequired(Exception):
    """An anonymous request reached a page that needs a signed-in user."""


def csrf_token(request: Request) -> str:
    """This session's CSRF token (created on first use)."""
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


async def check_csrf(request: Request) -> None:
    """Refuse an unsafe request whose form field or header does not carry the session's token."""
    expected = request.session.get("csrf")
    sent = request.headers.get(CSRF_HEADER)
    if sent is None:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            value = (await request.form()).get(CSRF_FIELD)
            sent = value if isinstance(value, str) else None
    if not isinstance(expected, str) or not sent or not hmac.compare_digest(expected, sent):
        raise HTTPException(403, "The form expired or did not come from this desk: reload the page "
                                 "and try again.")


def current_user(request: Request) -> DeskUser | None:
    """The signed-in user, or None (also when the account was removed since)."""
    user_id = request.session.get("uid")
    if not isinstance(user_id, int):
        return None
    app: App = request.app.state.socialbot
    row = get_user(app, user_id)
    if row is None:
        request.session.pop("uid", None)
        return None
    return DeskUser(row.id, row.email, Role(row.role))


def require(role: Role) -> Callable[[Request], Awaitable[DeskUser]]:
    """The one dependency every desk route uses: signed in, role at least ``role``, CSRF checked."""

    async def dependency(request: Request) -> DeskUser:
        user = current_user(request)
        if user is None:
            raise LoginRequired()
        if request.method not in SAFE_METHODS:
            await check_csrf(request)
        if not user.can(role):
            raise HTTPException(403, f"This needs the {role.value} role; you are "
                                     f"{user.role.value}. Ask an admin.")
        request.state.user = user
        return user

    return dependency


class LoginThrottle:
    """Failed logins per (IP, email) and per IP in a sliding window, kept in this process's memory.

    Each web process counts on its own and a restart forgets; that bounds guessing to a few
    tries a minute per process, which argon2's cost and the password length rule make enough.
    """

    def __init__(self, *, per_account: int = 5, per_ip: int = 30, window_s: float = 900.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.per_account, self.per_ip, self.window_s = per_account, per_ip, window_s
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and times[0] <= now - self.window_s:
            times.popleft()
        return times

    def retry_after(self, ip: str, email: str) -> int:
        """Seconds until this IP may try this email again (0: go ahead)."""
        now = self._clock()
        with self._lock:
            waits = []
            for key, limit in ((f"{ip}|{email.lower()}", self.per_account), (ip, self.per_ip)):
                times = self._recent(key, now)
                if len(times) >= limit:
                    waits.append(int(times[0] + self.window_s - now) + 1)
            return max(waits, default=0)

    def failed(self, ip: str, email: str) -> None:
        """Count one failed attempt."""
        now = self._clock()
        with self._lock:
            for key in (f"{ip}|{email.lower()}", ip):
                self._recent(key, now).append(now)

    def succeeded(self, ip: str, email: str) -> None:
        """A good password clears that account's count from this IP."""
        with self._lock:
            self._failures.pop(f"{ip}|{email.lower()}", None)


def safe_next(target: str | None, default: str = "/queue") -> str:
    """A redirect target from a form or query: only a path on this site (no //host, no scheme)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target
