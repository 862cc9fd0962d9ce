"""Secrets and sessions are encrypted at rest and readable only with the right key."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

from socialbot.store.tables import AccountSecretRow
from socialbot.store.vault import DatabaseVault


def test_round_trip_and_ciphertext_at_rest(sessions: sessionmaker[Session]) -> None:
    vault = DatabaseVault(sessions, "a newsroom secret")
    vault.save("ig-main", "settings", b'{"sessionid": "abc123-very-secret"}')
    vault.save("ig-main", "settings", b'{"sessionid": "rotated-secret"}')
    assert vault.load("ig-main", "settings") == b'{"sessionid": "rotated-secret"}'
    assert vault.load("ig-main", "missing") is None
    with sessions() as s:
        rows = s.execute(sa.select(AccountSecretRow)).scalars().all()
    assert len(rows) == 1 and b"rotated-secret" not in rows[0].ciphertext


def test_wrong_key_gives_an_actionable_error(sessions: sessionmaker[Session]) -> None:
    DatabaseVault(sessions, "key one").save("x-main", "token", b"t0ken")
    with pytest.raises(ValueError, match="SOCIALBOT_SECRET_KEY changed"):
        DatabaseVault(sessions, "key two").load("x-main", "token")
