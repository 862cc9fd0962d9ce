"""What every platform publisher shares: session storage, credentials from the environment,
and keeping secrets out of logs and error messages."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from socialbot.domain.account import Account

MASK = "[redacted]"
# Shorter values (e.g. "1", "true") would mangle ordinary text; real secrets are longer.
_MIN_SECRET_LENGTH = 6


class SessionVault(Protocol):
    """Where a platform session (cookies, settings, refresh tokens) is kept between runs.

    The lead's database implementation encrypts ``data`` with Fernet before storing it."""

    def load(self, account: str, name: str) -> bytes | None: ...

    def save(self, account: str, name: str, data: bytes) -> None: ...


class MemoryVault:
    """A SessionVault in a dict: for tests and one-off commands."""

    def __init__(self) -> None:
        self.items: dict[tuple[str, str], bytes] = {}

    def load(self, account: str, name: str) -> bytes | None:
        """The stored bytes, or None when nothing was saved yet."""
        return self.items.get((account, name))

    def save(self, account: str, name: str, data: bytes) -> None:
        """Store ``data`` under (account, name), replacing what was there."""
        self.items[(account, name)] = bytes(data)


@dataclass(frozen=True)
class Credentials:
    """An account's credential values, read from the environment variables it names.

    ``Account.credentials`` maps a key (``consumer_key``) to an environment variable NAME
    (``X_MAIN_CONSUMER_KEY``); the value itself never lives in a file."""

    account: str
    values: dict[str, str] = field(repr=False)
    names: dict[str, str] = field(default_factory=dict)  # key -> env var name

    @classmethod
    def from_account(cls, account: Account, env: Mapping[str, str]) -> Credentials:
        """Read every variable ``account.credentials`` names out of ``env``; empty counts as unset."""
        values = {key: env[var] for key, var in account.credentials.items() if env.get(var, "").strip()}
        register_secrets(values.values())
        return cls(account=account.name, values=values, names=dict(account.credentials))

    def get(self, key: str) -> str | None:
        """The value for ``key``, or None when it is not configured or not set."""
        return self.values.get(key)

    def missing(self, keys: Iterable[str]) -> list[str]:
        """Environment variable names (or ``key (not configured)``) that are needed but unset."""
        out = []
        for key in keys:
            if key in self.values:
                continue
            var = self.names.get(key)
            out.append(var if var else f"{key} (not configured)")
        return out

    def has(self, keys: Iterable[str]) -> bool:
        """Whether every one of ``keys`` has a value."""
        return all(key in self.values for key in keys)


# --- secrets never reach a log line -------------------------------------------------------

_secrets: set[str] = set()
_lock = threading.Lock()
_installed = False


def register_secrets(values: Iterable[str | None]) -> None:
    """Remember values that must never appear in a log record or an error message."""
    with _lock:
        for value in values:
            if value and len(value) >= _MIN_SECRET_LENGTH:
                _secrets.add(value)
    install_log_redaction()


def redact(text: str, extra: Iterable[str] = ()) -> str:
    """``text`` with every registered secret (and each of ``extra``) replaced by a mask."""
    with _lock:
        secrets = set(_secrets)
    secrets.update(s for s in extra if s and len(s) >= _MIN_SECRET_LENGTH)
    # Longest first, so a secret containing another is masked whole.
    for secret in sorted(secrets, key=len, reverse=True):
        if secret in text:
            text = text.replace(secret, MASK)
    return text


class RedactingFilter(logging.Filter):
    """A logging filter that masks registered secrets in the formatted message."""

    def filter(self, record: logging.LogRecord) -> bool:
        _redact_record(record)
        return True


def _redact_record(record: logging.LogRecord) -> None:
    try:
        message = record.getMessage()
    except Exception:  # a broken format string is not ours to fix; leave it be
        return
    cleaned = redact(message)
    if cleaned != message or record.args:
        record.msg, record.args = cleaned, ()
    if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
        # Format the traceback now, redacted, so handlers reuse the clean text.
        record.exc_text = redact(logging.Formatter().formatException(record.exc_info))


def install_log_redaction() -> None:
    """Redact every log record the process creates, whichever library logs it.

    A record factory sees records from all loggers (instagrapi logs whole responses), which a
    filter on one logger would not."""
    global _installed
    with _lock:
        if _installed:
            return
        _installed = True
        previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        _redact_record(record)
        return record

    logging.setLogRecordFactory(factory)
