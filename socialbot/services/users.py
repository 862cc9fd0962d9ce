"""Desk users with argon2 password hashes and roles."""

from __future__ import annotations

import enum
import secrets

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from socialbot.services.app import App
from socialbot.store.queue import audit
from socialbot.store.tables import UserRow, utcnow

_hasher = PasswordHasher()


class Role(enum.StrEnum):
    ADMIN = "admin"  # users, accounts, templates, pause, kill switch
    EDITOR = "editor"  # approve, edit, schedule, reject
    VIEWER = "viewer"  # read, reports


def add_user(app: App, email: str, password: str, role: Role, *, actor: str) -> None:
    email = email.strip().lower()
    if "@" not in email:
        raise ValueError(f"not an email address: {email!r}")
    if len(password) < 10:
        raise ValueError("passwords need at least 10 characters")
    with app.sessions.begin() as session:
        if session.execute(sa.select(UserRow).where(UserRow.email == email)).scalar():
            raise ValueError(f"a user {email} already exists")
        session.add(UserRow(email=email, password_hash=_hasher.hash(password), role=role.value))
        audit(session, actor=actor, action="user-added", detail=f"{email} as {role.value}")


def ensure_admin(app: App) -> tuple[str, str] | None:
    """Create the first admin if there is no user yet; returns (email, password) once."""
    with app.sessions() as session:
        if session.execute(sa.select(sa.func.count(UserRow.id))).scalar():
            return None
    password = secrets.token_urlsafe(12)
    add_user(app, "admin@localhost", password, Role.ADMIN, actor="init")
    return "admin@localhost", password


def authenticate(app: App, email: str, password: str) -> UserRow | None:
    with app.sessions.begin() as session:
        user = session.execute(
            sa.select(UserRow).where(UserRow.email == email.strip().lower(), UserRow.active)
        ).scalar()
        if user is None:
            _hasher.hash(password)  # same work either way: no user enumeration by timing
            return None
        try:
            _hasher.verify(user.password_hash, password)
        except (VerificationError, InvalidHashError):
            return None
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = _hasher.hash(password)
        user.last_login_at = utcnow()
        session.expunge(user)
        return user


def get_user(app: App, user_id: int) -> UserRow | None:
    """An active user by id (the desk checks this on every request, so a removed user is out)."""
    with app.sessions() as session:
        user = session.get(UserRow, user_id)
        if user is None or not user.active:
            return None
        session.expunge(user)
        return user


def list_users(app: App) -> list[UserRow]:
    """Every desk user, by email."""
    with app.sessions() as session:
        users = list(session.execute(sa.select(UserRow).order_by(UserRow.email)).scalars())
        session.expunge_all()
        return users
