"""Account health, pausing, the kill switch, and choosing each account's publisher."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

import sqlalchemy as sa

from socialbot.domain import Account, AccountHealth, HealthStatus, Publisher
from socialbot.platforms import publisher_for as choose
from socialbot.services.app import App
from socialbot.store.queue import audit
from socialbot.store.tables import AccountRow, FlagRow, utcnow

log = logging.getLogger("socialbot.accounts")
KILL_SWITCH = "kill_switch"


@dataclass(frozen=True)
class AccountState:
    account: Account
    status: HealthStatus
    reason: str
    fix: str
    paused: bool
    publisher_note: str = ""  # which publisher it uses and why (e.g. no credentials: outbox)


def sync_accounts(app: App) -> None:
    """One row per configured account, holding its runtime health."""
    with app.sessions.begin() as session:
        rows = {r.name: r for r in session.execute(sa.select(AccountRow)).scalars()}
        for account in app.settings.accounts:
            row = rows.get(account.name)
            if row is None:
                session.add(AccountRow(name=account.name, platform=account.platform.value,
                                       handle=account.handle))
            else:
                row.platform, row.handle = account.platform.value, account.handle


def account_states(app: App) -> list[AccountState]:
    sync_accounts(app)
    with app.sessions() as session:
        rows = {r.name: r for r in session.execute(sa.select(AccountRow)).scalars()}
    return [
        AccountState(a, HealthStatus(rows[a.name].status), rows[a.name].status_reason or "",
                     rows[a.name].status_fix or "", rows[a.name].paused,
                     _note(app, a))
        for a in app.settings.accounts
    ]


def _note(app: App, account: Account) -> str:
    try:
        _, note = publisher_for(app, account)
    except Exception as exc:  # a broken account set-up is shown, not raised
        return f"cannot set up the publisher: {exc}"
    return note.removeprefix(f"{account.name}: ")


def held_accounts(app: App) -> set[str]:
    """Accounts whose posts must wait: paused, or needing a person's attention."""
    with app.sessions() as session:
        return set(
            session.execute(
                sa.select(AccountRow.name).where(
                    sa.or_(AccountRow.paused.is_(True), AccountRow.status != HealthStatus.OK.value)
                )
            ).scalars()
        )


def set_health(app: App, name: str, health: AccountHealth, *, actor: str) -> None:
    sync_accounts(app)
    with app.sessions.begin() as session:
        row = session.execute(sa.select(AccountRow).where(AccountRow.name == name)).scalar_one()
        if row.status != health.status.value or row.status_reason != (health.reason or None):
            audit(session, actor=actor, action="account-health",
                  detail=f"{name}: {health.status.value} {health.reason}".strip())
        row.status, row.status_reason = health.status.value, health.reason or None
        row.status_fix, row.updated_at = health.fix or None, utcnow()


def set_paused(app: App, name: str, paused: bool, *, actor: str) -> None:
    sync_accounts(app)
    with app.sessions.begin() as session:
        row = session.execute(sa.select(AccountRow).where(AccountRow.name == name)).scalar_one()
        row.paused, row.updated_at = paused, utcnow()
        audit(session, actor=actor, action="pause" if paused else "resume", detail=name)


def kill_switch_on(app: App) -> bool:
    with app.sessions() as session:
        row = session.get(FlagRow, KILL_SWITCH)
        return row is not None and row.value == "on"


def set_kill_switch(app: App, on: bool, *, actor: str) -> None:
    """Stop (or restart) all publishing, for every account, at once."""
    with app.sessions.begin() as session:
        row = session.get(FlagRow, KILL_SWITCH)
        if row is None:
            row = FlagRow(name=KILL_SWITCH, value="off")
            session.add(row)
        row.value, row.set_by, row.updated_at = ("on" if on else "off"), actor, utcnow()
        audit(session, actor=actor, action="kill-switch", detail="on" if on else "off")


def publisher_for(app: App, account: Account) -> tuple[Publisher, str]:
    """The account's publisher and a note (e.g. why it falls back to the outbox)."""
    if account.name in app.publisher_overrides:
        return app.publisher_overrides[account.name], "test override"

    return choose(account, env=os.environ, vault=app.vault, outbox_dir=app.settings.outbox_dir)
