"""Logging set-up: one handler, and secrets masked in every record (see platforms.base)."""

from __future__ import annotations

import logging
import os
import re

from socialbot.platforms.base import install_log_redaction, register_secrets

# Environment variables whose values must never reach a log line.
_SECRET_NAME = re.compile(r"(SECRET|TOKEN|PASSWORD|KEY|COOKIE|SESSION)", re.I)


def setup_logging(level: int = logging.INFO) -> None:
    """Log to stderr at ``level``; secret-looking environment values are masked everywhere."""
    register_secrets(v for k, v in os.environ.items() if _SECRET_NAME.search(k))
    install_log_redaction()
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(max(level, logging.DEBUG))
