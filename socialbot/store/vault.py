"""Encrypted credentials and platform sessions in the database (Fernet, key from settings)."""

from __future__ import annotations

import base64
import hashlib

import sqlalchemy as sa
from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy.orm import Session, sessionmaker

from socialbot.store.tables import AccountSecretRow, utcnow


def fernet_for(secret_key: str) -> Fernet:
    """A Fernet from any secret string (a proper Fernet key is used as it is)."""
    try:
        return Fernet(secret_key.encode())
    except (ValueError, TypeError):
        digest = hashlib.sha256(secret_key.encode("utf-8")).digest()
        return Fernet(base64.urlsafe_b64encode(digest))


class DatabaseVault:
    """Implements socialbot.platforms.base.SessionVault; values are encrypted before they leave."""

    def __init__(self, sessions: sessionmaker[Session], secret_key: str) -> None:
        self._sessions = sessions
        self._fernet = fernet_for(secret_key)

    def load(self, account: str, name: str) -> bytes | None:
        with self._sessions() as session:
            row = session.execute(
                sa.select(AccountSecretRow).where(
                    AccountSecretRow.account == account, AccountSecretRow.name == name
                )
            ).scalar_one_or_none()
            if row is None:
                return None
            try:
                return self._fernet.decrypt(row.ciphertext)
            except InvalidToken as exc:
                raise ValueError(
                    f"stored {name} for account {account} cannot be decrypted: "
                    "SOCIALBOT_SECRET_KEY changed? Reconnect the account."
                ) from exc

    def save(self, account: str, name: str, data: bytes) -> None:
        token = self._fernet.encrypt(data)
        with self._sessions.begin() as session:
            row = session.execute(
                sa.select(AccountSecretRow).where(
                    AccountSecretRow.account == account, AccountSecretRow.name == name
                )
            ).scalar_one_or_none()
            if row is None:
                session.add(AccountSecretRow(account=account, name=name, ciphertext=token))
            else:
                row.ciphertext = token
                row.updated_at = utcnow()

    def delete(self, account: str, name: str) -> None:
        with self._sessions.begin() as session:
            session.execute(
                sa.delete(AccountSecretRow).where(
                    AccountSecretRow.account == account, AccountSecretRow.name == name
                )
            )
